"""Notification pages (namespace `notifikasi`); Akun › Pemberitahuan is `pengingat` in ekinerja/urls.py."""

from django.urls import path

from . import views

app_name = "notifikasi"

urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("<int:pk>/buka/", views.buka, name="buka"),
    path("baca-semua/", views.baca_semua, name="baca_semua"),
]
