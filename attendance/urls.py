"""Attendance pages (namespace `presensi`)."""

from django.urls import path

from . import (
    api,
    views_absen,
    views_hari,
    views_kalender,
    views_kegiatan,
    views_koreksi,
    views_koreksi_kelola,
    views_permohonan,
    views_permohonan_kelola,
    views_rekap,
)

app_name = "presensi"

urlpatterns = [
    # the pegawai's month, corrections, recaps (views_hari)
    path("", views_hari.saya, name="saya"),
    path("pegawai/<int:pegawai_pk>/", views_hari.pegawai_bulan, name="pegawai_bulan"),
    path("koreksi/<int:pegawai_pk>/<str:tanggal>/", views_hari.koreksi, name="koreksi"),
    path("kejadian/baru/", views_hari.kejadian_create, name="kejadian_create"),
    # compulsory gatherings and the days called off (views_kegiatan, issue 16)
    path("kejadian/", views_kegiatan.kejadian_list, name="kejadian_list"),
    path("kegiatan/", views_kegiatan.kegiatan_list, name="kegiatan_list"),
    path("kegiatan/baru/", views_kegiatan.kegiatan_create, name="kegiatan_create"),
    path("kegiatan/<int:pk>/", views_kegiatan.kegiatan_update, name="kegiatan_update"),
    path("kegiatan/batal/", views_kegiatan.pembatalan_list, name="pembatalan_list"),
    path("kegiatan/batal/baru/", views_kegiatan.pembatalan_create, name="pembatalan_create"),
    path("kegiatan/batal/<int:pk>/hapus/", views_kegiatan.pembatalan_hapus, name="pembatalan_hapus"),
    # the recaps HR files, on screen and as xlsx (views_rekap)
    path("rekap/", views_rekap.presensi, name="rekap_unit"),
    path("rekap/ekspor/", views_rekap.presensi_ekspor, name="rekap_unit_ekspor"),
    path("rekap/cuti/", views_rekap.cuti_rekap, name="rekap_cuti"),
    path("rekap/cuti/ekspor/", views_rekap.cuti_ekspor, name="rekap_cuti_ekspor"),
    path("rekap/kumulatif/", views_hari.kumulatif, name="kumulatif"),
    # punches in (views_absen, api)
    path("impor/", views_absen.impor, name="impor"),
    path("pin/", views_absen.pin_list, name="pin_list"),
    path("pin/baru/", views_absen.pin_create, name="pin_create"),
    path("token/", views_absen.token_list, name="token_list"),
    path("api/absen/", api.absen_post, name="api_absen"),
    # requests (views_permohonan)
    path("permohonan/", views_permohonan.daftar, name="permohonan_list"),
    path("permohonan/baru/", views_permohonan.buat, name="permohonan_create"),
    path("permohonan/<int:pk>/", views_permohonan.detail, name="permohonan_detail"),
    path("permohonan/<int:pk>/tindak/", views_permohonan.tindak, name="permohonan_tindak"),
    path("permohonan/antrean/", views_permohonan.antrean, name="permohonan_antrean"),
    path("permohonan/kelola/", views_permohonan_kelola.kelola, name="permohonan_kelola"),
    path("permohonan/kelola/ekspor/", views_permohonan_kelola.kelola_ekspor, name="permohonan_kelola_ekspor"),
    # attendance moderation: correction requests, machine outages (views_koreksi, views_koreksi_kelola)
    path("koreksi-presensi/", views_koreksi.daftar, name="koreksi_list"),
    path("koreksi-presensi/baru/", views_koreksi.buat, name="koreksi_create"),
    path("koreksi-presensi/untuk/<int:pegawai_pk>/", views_koreksi.buat_untuk, name="koreksi_untuk"),
    path("koreksi-presensi/<int:pk>/", views_koreksi.detail, name="koreksi_detail"),
    path("koreksi-presensi/<int:pk>/tindak/", views_koreksi.tindak, name="koreksi_tindak"),
    path("koreksi-presensi/antrean/", views_koreksi.antrean, name="koreksi_antrean"),
    path("koreksi-presensi/kelola/", views_koreksi_kelola.kelola, name="koreksi_kelola"),
    path("koreksi-presensi/kelola/ekspor/", views_koreksi_kelola.kelola_ekspor, name="koreksi_kelola_ekspor"),
    path("gangguan-mesin/", views_koreksi_kelola.gangguan_list, name="gangguan_mesin_list"),
    path("gangguan-mesin/baru/", views_koreksi_kelola.gangguan_create, name="gangguan_mesin_create"),
    path("gangguan-mesin/<int:pk>/terapkan/", views_koreksi_kelola.gangguan_terapkan, name="gangguan_mesin_terapkan"),
    # calendar data (views_kalender)
    path("libur/", views_kalender.libur_list, name="libur_list"),
    path("libur/baru/", views_kalender.libur_create, name="libur_create"),
    path("libur/impor/", views_kalender.libur_impor, name="libur_impor"),
    path("jadwal/", views_kalender.jadwal_list, name="jadwal_list"),
    path("jadwal/baru/", views_kalender.jadwal_create, name="jadwal_create"),
]
