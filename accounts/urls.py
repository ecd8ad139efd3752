"""Admin OPD pages for units, jabatan, pegawai, penempatan and the import (namespace `org`)."""

from django.urls import path

from . import views_org

app_name = "org"

urlpatterns = [
    path("pegawai/", views_org.pegawai_list, name="pegawai_list"),
    path("jabatan/", views_org.jabatan_list, name="jabatan_list"),
    path("unit/", views_org.unit_list, name="unit_list"),
    path("penempatan/", views_org.penempatan_list, name="penempatan_list"),
    path("impor/", views_org.impor, name="impor"),
]
