from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from ekinerja.lib.dates import today

from .forms import LoginForm, PasswordChangeServiceForm
from .selectors import profil_of

# Panels for capabilities that arrive with later issues; they show where the data will be.
BERANDA_PANELS = [
    {"judul": _("Aktivitas hari ini"), "kosong": _("Pencatatan aktivitas harian akan tampil di sini.")},
    {"judul": _("Presensi"), "kosong": _("Rekap kehadiran Anda akan tampil di sini.")},
    {"judul": _("TPP bulan ini"), "kosong": _("Perkiraan TPP dan rinciannya akan tampil di sini.")},
]


def beranda(request):
    """Who I am, where I work, and who approves my work today."""
    hari_ini = today()
    ctx = {"profil": profil_of(request.user, hari_ini), "hari_ini": hari_ini, "panels": BERANDA_PANELS}
    return render(request, "accounts/beranda.html", ctx)


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeServiceForm
    success_url = reverse_lazy("beranda")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Kata sandi baru sudah disimpan."))
        return response
