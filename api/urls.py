from django.urls import path

from . import views

app_name = "api"

urlpatterns = [
    path("openapi.json", views.openapi, name="openapi"),
    path("pegawai/", views.pegawai_list, name="pegawai_list"),
    path("pegawai/<str:nip>/", views.pegawai_detail, name="pegawai_detail"),
    path("rekap-aktivitas/", views.rekap_aktivitas, name="rekap_aktivitas"),
    path("penilaian-skp/", views.penilaian_skp, name="penilaian_skp"),
    path("tpp/", views.tpp_list, name="tpp_list"),
]
