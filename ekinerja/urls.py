from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import views as account_views
from accounts import views_faktor
from beranda import views as beranda_views
from core import views as core_views
from core import views_isian
from notifikasi import views as notifikasi_views

urlpatterns = [
    path("", beranda_views.beranda, name="beranda"),
    path("beranda/presensi/", beranda_views.beranda_presensi, name="beranda_presensi"),
    path("beranda/tpp/", beranda_views.beranda_tpp, name="beranda_tpp"),
    path("beranda/sambutan/tutup/", beranda_views.sambutan_tutup, name="sambutan_tutup"),
    path("persiapan/", beranda_views.persiapan, name="persiapan"),
    path("sehat/", core_views.sehat, name="sehat"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("masuk/", account_views.LoginView.as_view(), name="login"),
    path("aktivasi/", account_views.aktivasi, name="aktivasi"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("kata-sandi/", account_views.PasswordChangeView.as_view(), name="password_change"),
    # Akun › Pemberitahuan: the channel, quiet hours and the daily digest (the name is older than the page)
    path("pengingat/", notifikasi_views.pemberitahuan, name="pengingat"),
    path("verifikasi/", views_faktor.faktor_periksa, name="faktor_periksa"),
    path("verifikasi/pasang/", views_faktor.faktor_pasang, name="faktor_pasang"),
    path("verifikasi/akun/", views_faktor.faktor_kedua_akun, name="faktor_kedua"),
    path("verifikasi/passkey/", include((views_faktor.PASSKEY_URLS, "otp_webauthn"))),
    path("organisasi/", include("accounts.urls")),
    path("aktivitas/", include("activities.urls")),
    path("presensi/", include("attendance.urls")),
    path("skp/", include("skp.urls")),
    path("tpp/", include("tpp.urls")),
    path("notifikasi/", include("notifikasi.urls")),
    path("panduan/", include("panduan.urls")),
    path("api/v1/", include("api.urls")),
    path("pekerjaan/<int:pk>/", core_views.job_detail, name="job_detail"),
    path("pekerjaan/<int:pk>/unduh/", core_views.job_download, name="job_download"),
    path("pekerjaan/<int:pk>/ulang/", core_views.job_ulang, name="job_ulang"),
    path("draf/", views_isian.draf, name="draf"),
    path("kirim/<uuid:kunci>/", views_isian.kunci_hasil, name="kunci_hasil"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin-sistem/", admin.site.urls),
]

handler500 = "core.views.server_error"
