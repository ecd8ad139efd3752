"""Admin OPD pages for units, jabatan, pegawai, penempatan and the import (namespace `org`)."""

from django.urls import path

from . import views_aktivasi, views_audit, views_faktor, views_import, views_org, views_pemda, views_peran, views_siasn

app_name = "org"

urlpatterns = [
    path("unit/", views_org.unit_list, name="unit_list"),
    path("unit/baru/", views_org.unit_create, name="unit_create"),
    path("unit/<int:pk>/ubah/", views_org.unit_update, name="unit_update"),
    path("jabatan/", views_org.jabatan_list, name="jabatan_list"),
    path("jabatan/baru/", views_org.jabatan_create, name="jabatan_create"),
    path("jabatan/<int:pk>/ubah/", views_org.jabatan_update, name="jabatan_update"),
    path("pegawai/", views_org.pegawai_list, name="pegawai_list"),
    path("pegawai/baru/", views_org.pegawai_create, name="pegawai_create"),
    path("pegawai/<int:pk>/", views_org.pegawai_detail, name="pegawai_detail"),
    path("pegawai/<int:pk>/ubah/", views_org.pegawai_update, name="pegawai_update"),
    path("pegawai/<int:pk>/reset-sandi/", views_org.pegawai_reset_password, name="pegawai_reset_password"),
    path("pegawai/<int:pk>/buka-akun/", views_org.pegawai_buka_akun, name="pegawai_buka_akun"),
    path("pegawai/<int:pk>/reset-verifikasi/", views_faktor.faktor_reset, name="pegawai_reset_faktor"),
    path("penempatan/", views_org.penempatan_list, name="penempatan_list"),
    path("penempatan/baru/", views_org.penempatan_create, name="penempatan_create"),
    path("penempatan/<int:pk>/akhiri/", views_org.penempatan_end, name="penempatan_end"),
    path("audit/", views_audit.audit_list, name="audit_list"),
    path("audit/ekspor/", views_audit.audit_ekspor, name="audit_ekspor"),
    path("aktivasi/", views_aktivasi.aktivasi, name="aktivasi"),
    path("aktivasi/lembar/", views_aktivasi.lembar_buat, name="aktivasi_lembar"),
    path("aktivasi/lembar/<int:pk>/unduh/", views_aktivasi.lembar_unduh, name="lembar_unduh"),
    path("impor/", views_import.impor, name="impor"),
    path("impor/template.xlsx", views_import.impor_template, name="impor_template"),
    path("banding-siasn/", views_siasn.banding, name="siasn_banding"),
    path("pemda/", views_pemda.pemda_list, name="pemda_list"),
    path("pemda/baru/", views_pemda.pemda_create, name="pemda_create"),
    path("pemda/<int:pk>/ubah/", views_pemda.pemda_update, name="pemda_update"),
    path("pemda/<int:pk>/akun-hr/", views_pemda.pemda_hr, name="pemda_hr"),
    path("peran/", views_peran.peran, name="peran"),
    path("peran/<int:pk>/cabut/", views_peran.peran_cabut, name="peran_cabut"),
]
