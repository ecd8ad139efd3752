"""Activity pages (namespace `aktivitas`)."""

from django.urls import path

from . import (
    views_admin,
    views_antrean,
    views_bulan,
    views_dasbor,
    views_harian,
    views_kejanggalan,
    views_lewat_batas,
    views_pembantu,
    views_rekap,
)

app_name = "aktivitas"

urlpatterns = [
    # the pegawai's own day and month (views_harian)
    path("", views_harian.hari_ini, name="hari_ini"),
    path("tambah/", views_harian.tambah, name="tambah"),
    path("<int:pk>/", views_harian.detail, name="detail"),
    path("<int:pk>/ubah/", views_harian.ubah, name="ubah"),
    path("<int:pk>/hapus/", views_harian.hapus, name="hapus"),
    path("<int:pk>/ajukan/", views_harian.ajukan, name="ajukan"),
    path("ajukan-hari/", views_harian.ajukan_hari, name="ajukan_hari"),
    path("salin-kemarin/", views_harian.salin_kemarin, name="salin_kemarin"),
    path("kalender/", views_bulan.kalender, name="kalender"),
    path("<int:pk>/tarik/", views_harian.tarik, name="tarik"),
    # helper entry (issue 17): asking a helper, and the helper's pages for a colleague who asked
    path("minta-bantuan/", views_pembantu.minta_bantuan, name="minta_bantuan"),
    path("minta-bantuan/<int:pk>/cabut/", views_pembantu.izin_cabut, name="izin_cabut"),
    path("bantu/", views_pembantu.bantu_rekan, name="bantu_rekan"),
    path("bantu/<int:untuk>/", views_harian.hari_ini, name="bantu_hari_ini"),
    path("bantu/<int:untuk>/tambah/", views_harian.tambah, name="bantu_tambah"),
    path("bantu/<int:untuk>/<int:pk>/ubah/", views_harian.ubah, name="bantu_ubah"),
    path("bantu/<int:untuk>/ajukan-hari/", views_harian.ajukan_hari, name="bantu_ajukan_hari"),
    # supervisors' queues and the figures (views_antrean)
    path("antrean/verifikasi/", views_antrean.antrean_verifikasi, name="antrean_verifikasi"),
    path("antrean/validasi/", views_antrean.antrean_validasi, name="antrean_validasi"),
    path("antrean/tindakan/", views_antrean.tindakan_massal, name="tindakan_massal"),
    path("<int:pk>/tindak/", views_antrean.tindak, name="tindak"),
    # overdue queues and the escalation (issue 18)
    path("antrean/lewat-batas/", views_lewat_batas.lewat_batas, name="lewat_batas"),
    path("antrean/lewat-batas/<int:pk>/", views_lewat_batas.lewat_batas_tindak, name="lewat_batas_tindak"),
    path("rekap/", views_rekap.rekap, name="rekap"),
    path("rekap/unit/", views_rekap.rekap_unit, name="rekap_unit"),
    # dashboards (issue 18): an atasan's bawahan, a unit for admin OPD and HR (views_dasbor)
    path("dasbor/bawahan/", views_dasbor.dasbor_bawahan, name="dasbor_bawahan"),
    path("dasbor/unit/", views_dasbor.dasbor_unit, name="dasbor_unit"),
    path("dasbor/unit/<slug:tabel>.xlsx", views_dasbor.dasbor_unit_ekspor, name="dasbor_unit_ekspor"),
    # anomaly flags (issue 18): the approver dismisses one; HR and admin OPD reports (views_kejanggalan)
    path("kejanggalan/<int:pk>/abaikan/", views_kejanggalan.kejanggalan_abaikan, name="kejanggalan_abaikan"),
    path("kejanggalan/", views_kejanggalan.kejanggalan_list, name="kejanggalan_list"),
    path("kejanggalan/ekspor/", views_kejanggalan.kejanggalan_ekspor, name="kejanggalan_ekspor"),
    path("persetujuan-kilat/", views_kejanggalan.persetujuan_kilat, name="persetujuan_kilat"),
    path("persetujuan-kilat/ekspor/", views_kejanggalan.persetujuan_kilat_ekspor, name="persetujuan_kilat_ekspor"),
    # admin OPD / HR pages (views_admin)
    path("katalog/", views_admin.katalog_list, name="katalog_list"),
    path("katalog/baru/", views_admin.katalog_create, name="katalog_create"),
    path("katalog/<int:pk>/ubah/", views_admin.katalog_update, name="katalog_update"),
    path("katalog/impor/", views_admin.katalog_impor, name="katalog_impor"),
    path("katalog/impor/template.xlsx", views_admin.katalog_template, name="katalog_template"),
    path("dispensasi/", views_admin.dispensasi_list, name="dispensasi_list"),
    path("dispensasi/baru/", views_admin.dispensasi_create, name="dispensasi_create"),
    path("pembantu/", views_pembantu.pembantu_list, name="pembantu_list"),
    path("pembantu/baru/", views_pembantu.pembantu_create, name="pembantu_create"),
    path("pembantu/<int:pk>/nonaktifkan/", views_pembantu.pembantu_akhiri, name="pembantu_akhiri"),
    path("gangguan/", views_admin.gangguan_list, name="gangguan_list"),
    path("gangguan/baru/", views_admin.gangguan_create, name="gangguan_create"),
]
