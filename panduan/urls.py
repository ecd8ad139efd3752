from django.urls import path

from . import views

app_name = "panduan"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:peran>/", views.peran, name="peran"),
    path("<slug:peran>/cetak.pdf", views.cetak_pdf, name="cetak"),
    path("<slug:peran>/<slug:tugas>/", views.tugas, name="tugas"),
]
