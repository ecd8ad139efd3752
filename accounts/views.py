from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from core.pages import posted

from . import services_akun
from .forms import AktivasiForm, LoginForm, PasswordChangeServiceForm


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


@login_not_required
@sensitive_post_parameters("kode", "new_password1", "new_password2")
@never_cache
@require_http_methods(["GET", "POST"])
def aktivasi(request):
    """Aktivasi akun (public): NIP + the one-time code + a new password; then the owner is signed in."""
    form = AktivasiForm(posted(request))
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            user = services_akun.aktivasi_pakai(login=data["login"], kode=data["kode"], password=data["new_password1"])
        except ValidationError as e:
            form.add_service_errors(e)
        else:
            login(request, user, backend="accounts.backends.NipOrUsernameBackend")
            messages.success(
                request,
                _("Akun Anda sudah aktif. Mulai sekarang, masuklah dengan NIP dan kata sandi yang baru Anda buat."),
            )
            return redirect("beranda")
    return render(request, "registration/aktivasi.html", {"form": form})
