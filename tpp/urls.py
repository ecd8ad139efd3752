"""TPP and uang makan pages (namespace `tpp`)."""

from django.urls import path

from . import views, views_aturan, views_hr, views_rincian

app_name = "tpp"

urlpatterns = [
    path("uang-makan/", views.uang_makan, name="uang_makan"),
    path("uang-makan/ekspor/", views.uang_makan_ekspor, name="uang_makan_ekspor"),
    path("rincian/", views_rincian.rincian_saya, name="rincian_saya"),
    path("rincian/<int:pk>/", views_rincian.rincian_pegawai, name="rincian_pegawai"),
    path("aturan/", views_hr.aturan_list, name="aturan_list"),
    path("aturan/baru/", views_hr.aturan_create, name="aturan_create"),
    path("aturan-aktivitas/", views_aturan.aktivitas_list, name="aturan_aktivitas_list"),
    path("aturan-aktivitas/baru/", views_aturan.aktivitas_create, name="aturan_aktivitas_create"),
    path("aturan-presensi/", views_aturan.presensi_list, name="aturan_presensi_list"),
    path("aturan-presensi/baru/", views_aturan.presensi_create, name="aturan_presensi_create"),
    path("hukuman-disiplin/", views_hr.hukdis_list, name="hukdis_list"),
    path("hukuman-disiplin/baru/", views_hr.hukdis_create, name="hukdis_create"),
    path("bulan/", views_hr.bulan, name="bulan"),
    path("bulan/pegawai/", views_hr.baris_list, name="baris_list"),
    path("bulan/<int:tahun>/<int:bulan>/hitung/", views_hr.bulan_hitung, name="bulan_hitung"),
    path("bulan/<int:tahun>/<int:bulan>/tutup/", views_hr.bulan_tutup, name="bulan_tutup"),
    path("bulan/<int:tahun>/<int:bulan>/buka/", views_hr.bulan_buka, name="bulan_buka"),
    path("bulan/<int:tahun>/<int:bulan>/rekap/", views_hr.bulan_rekap, name="bulan_rekap"),
]
