"""TPP and uang makan pages (namespace `tpp`)."""

from django.urls import path

from . import views

app_name = "tpp"

urlpatterns = [
    path("uang-makan/", views.uang_makan, name="uang_makan"),
    path("uang-makan/ekspor/", views.uang_makan_ekspor, name="uang_makan_ekspor"),
]
