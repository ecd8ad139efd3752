"""SKP pages (namespace `skp`)."""

from django.urls import path

from . import views, views_bimbingan, views_bkn, views_keberatan, views_organisasi

app_name = "skp"

urlpatterns = [
    path("", views.saya, name="saya"),
    path("buat/", views.buat, name="buat"),
    path("pohon/", views_organisasi.pohon, name="pohon"),
    path("penilaian/", views_organisasi.penilaian_grid, name="penilaian_grid"),
    path("pengaturan/", views_organisasi.pengaturan, name="pengaturan"),
    path("sebaran/", views_organisasi.sebaran, name="sebaran"),
    path("bkn/", views_bkn.bkn_halaman, name="bkn"),
    path("bkn/ekspor/", views_bkn.bkn_ekspor, name="bkn_ekspor"),
    path("bkn/kirim/", views_bkn.bkn_kirim, name="bkn_kirim"),
    path("bkn/ekspor/<int:pk>/unduh/", views_bkn.bkn_unduh, name="bkn_unduh"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/pdf/", views.pdf, name="pdf"),
    path("<int:pk>/lampiran/", views.lampiran, name="lampiran"),
    path("<int:pk>/perilaku/", views.ekspektasi, name="ekspektasi"),
    path("<int:pk>/pindah/", views.pindah, name="pindah"),
    path("<int:pk>/komentar/", views.komentar, name="komentar"),
    path("<int:pk>/rhk/tambah/", views.rhk_tambah, name="rhk_tambah"),
    path("<int:pk>/data-dukung/", views.data_dukung, name="data_dukung"),
    path("<int:pk>/periode/<str:periode>/", views.periode, name="periode"),
    path("<int:pk>/periode/<str:periode>/pdf/", views.periode_pdf, name="periode_pdf"),
    path("<int:pk>/periode/<str:periode>/keberatan/", views_keberatan.ajukan, name="keberatan_ajukan"),
    path("keberatan/", views_keberatan.daftar, name="keberatan_daftar"),
    path("keberatan/<int:pk>/", views_keberatan.detail, name="keberatan_detail"),
    path("<int:pk>/bimbingan/", views_bimbingan.bimbingan, name="bimbingan"),
    path("<int:pk>/bimbingan/tambah/", views_bimbingan.bimbingan_tambah, name="bimbingan_tambah"),
    path("<int:pk>/bimbingan/pdf/", views_bimbingan.bimbingan_pdf, name="bimbingan_pdf"),
    path("bimbingan/<int:pk>/hasil/", views_bimbingan.bimbingan_hasil, name="bimbingan_hasil"),
    path("pegawai/<int:pk>/tahunan/<int:tahun>/", views_bimbingan.tahunan_view, name="tahunan"),
    path("pegawai/<int:pk>/tahunan/<int:tahun>/pdf/", views_bimbingan.tahunan_pdf, name="tahunan_pdf"),
    path("rhk/<int:pk>/ubah/", views.rhk_ubah, name="rhk_ubah"),
    path("rhk/<int:pk>/hapus/", views.rhk_hapus, name="rhk_hapus"),
    path("rhk/<int:pk>/rencana-aksi/", views.rencana_aksi, name="rencana_aksi"),
    path("rencana-aksi/<int:pk>/hapus/", views.rencana_aksi_hapus, name="rencana_aksi_hapus"),
    path("data-dukung/<int:pk>/unduh/", views.data_dukung_unduh, name="data_dukung_unduh"),
]
