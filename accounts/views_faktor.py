"""Second-factor pages (accounts.faktor_kedua): check at login, set up (app or passkey), backup codes,
the account page, and HR's reset for a lost phone. The passkey ceremonies are django-otp-webauthn's
views (`PASSKEY_URLS`), driven by its static scripts; its texts come in Indonesian from
`PasskeyKatalog`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import urls as webauthn_urls

from core.pages import next_url, posted

from . import faktor_kedua
from .forms_faktor import KodeForm
from .models import User
from .permissions import hr_required
from .selectors import pegawai_visible_to

SALAH = _(
    "Kode salah atau sudah kedaluwarsa. Ketik kode yang sedang tampil di aplikasi. Bila selalu salah, "
    "pastikan jam ponsel Anda diatur otomatis (Pengaturan › Tanggal & waktu › Otomatis)."
)
TERLALU_SERING = _("Terlalu banyak kode salah. Tunggu sebentar, lalu coba lagi dengan kode yang baru.")


@never_cache
@sensitive_post_parameters("kode")
@require_http_methods(["GET", "POST"])
def faktor_periksa(request):
    """After the password: the code from the authenticator app (or a backup code)."""
    user = request.user
    if user.is_verified():
        return redirect(next_url(request, "beranda"))
    if not faktor_kedua.faktor_kedua_aktif(user):  # reset by HR meanwhile, or turned off elsewhere
        faktor_kedua.sesi_catat(request, user)
        return redirect("faktor_pasang" if faktor_kedua.faktor_kedua_wajib(user) else next_url(request, "beranda"))
    form = KodeForm(posted(request))
    if form.is_bound and form.is_valid():
        hasil = faktor_kedua.faktor_kedua_verify(request, form.cleaned_data["kode"])
        if hasil:
            return redirect(next_url(request, "beranda"))
        form.add_error("kode", TERLALU_SERING if hasil is None else SALAH)
    ctx = {
        "form": form,
        "next": request.GET.get("next", ""),
        "passkey": faktor_kedua.punya_passkey(user),
        "aplikasi": faktor_kedua.punya_aplikasi(user),
    }
    return render(request, "registration/faktor_periksa.html", ctx)


@never_cache
@sensitive_post_parameters("kode")
@require_http_methods(["GET", "POST"])
def faktor_pasang(request):
    """Set up the authenticator app: scan the QR code (or type the key), then type the first code.
    An account that already has a second factor changes it only from a verified session: a password
    alone never replaces it."""
    user = request.user
    if faktor_kedua.faktor_kedua_aktif(user) and not user.is_verified():
        return redirect("faktor_periksa")
    if request.method == "POST" and request.POST.get("aksi") == "passkey":
        return _passkey_terpasang(request)
    device = faktor_kedua.totp_enrol_start(user)
    form = KodeForm(posted(request), help_text=_("Enam angka yang tampil di aplikasi autentikator untuk E-Kinerja."))
    if form.is_bound and form.is_valid() and not device.verify_is_allowed()[0]:
        form.add_error("kode", TERLALU_SERING)
    elif form.is_bound and form.is_valid():
        kode = faktor_kedua.totp_enrol_confirm(request, device, form.cleaned_data["kode"])
        if kode is not None:
            messages.success(request, _("Verifikasi dua langkah sudah aktif."))
            return render(request, "registration/faktor_cadangan.html", {"kode": kode, "baru_pasang": True})
        form.add_error("kode", SALAH)
    ctx = {
        "form": form,
        "qr": faktor_kedua.totp_qr_svg(device),
        "kunci": faktor_kedua.kunci_ketik(device),
        "wajib": faktor_kedua.faktor_kedua_wajib(user),
    }
    return render(request, "registration/faktor_pasang.html", ctx)


def _passkey_terpasang(request):
    """The page's script posts here once django-otp-webauthn saved the new passkey: the first backup
    codes of the account, or back to the account page."""
    kode = faktor_kedua.passkey_terpasang(request)
    if kode is not None:
        messages.success(request, _("Verifikasi dua langkah sudah aktif."))
        return render(request, "registration/faktor_cadangan.html", {"kode": kode, "baru_pasang": True})
    messages.success(request, _("Passkey tersimpan. Mulai sekarang Anda dapat masuk dengan passkey ini."))
    return redirect("faktor_kedua")


@require_http_methods(["GET", "POST"])
def faktor_kedua_akun(request):
    """Akun › Verifikasi dua langkah: the state, new backup codes, and (for a pegawai without a role)
    turning it off."""
    user = request.user
    aktif = faktor_kedua.faktor_kedua_aktif(user)
    wajib = faktor_kedua.faktor_kedua_wajib(user)
    if request.method == "POST" and aktif:
        if request.POST.get("aksi") == "cadangan":
            kode = faktor_kedua.cadangan_generate(user)
            return render(request, "registration/faktor_cadangan.html", {"kode": kode})
        if request.POST.get("aksi") == "matikan" and not wajib:
            faktor_kedua.faktor_kedua_off(user)
            faktor_kedua.sesi_catat(request, user)
            messages.success(request, _("Verifikasi dua langkah dimatikan."))
            return redirect("faktor_kedua")
    ctx = {
        "aktif": aktif,
        "wajib": wajib,
        "sisa": faktor_kedua.cadangan_sisa(user) if aktif else 0,
        "aplikasi": faktor_kedua.punya_aplikasi(user),
        "passkeys": list(faktor_kedua.passkeys(user)),
        # a new passkey needs a verified session once a factor is set up (django-otp-webauthn refuses)
        "boleh_passkey": user.is_verified() or not aktif,
    }
    return render(request, "registration/faktor_kedua.html", ctx)


@hr_required
@require_POST
def faktor_reset(request, pk: int):
    """HR: a pegawai lost the phone. After checking who they are, remove their second factor; they set
    it up again at the next login (403 with the reason when the access policy refuses)."""
    pegawai = get_object_or_404(pegawai_visible_to(request.user).select_related("user"), pk=pk)
    target: User | None = pegawai.user
    if target is None:
        raise PermissionDenied(_("Pegawai ini belum memiliki akun."))
    faktor_kedua.faktor_kedua_reset(actor=request.user, target=target)
    messages.success(
        request,
        _("Verifikasi dua langkah %(nama)s diatur ulang. Ia memasangnya lagi saat masuk berikutnya.")
        % {"nama": pegawai.nama_lengkap},
    )
    return redirect("org:pegawai_detail", pk=pegawai.pk)


# --- passkeys: django-otp-webauthn's views, with its script texts in Indonesian ----------------------

PASSKEY_TEKS = {
    "Register a Passkey": gettext_lazy("Daftarkan passkey"),
    "Registering...": gettext_lazy("Mendaftarkan…"),
    "Finishing registration...": gettext_lazy("Menyimpan passkey…"),
    "Registration successful!": gettext_lazy("Passkey tersimpan."),
    "Registration aborted.": gettext_lazy("Pendaftaran passkey dibatalkan."),
    "Registration aborted or not allowed.": gettext_lazy("Pendaftaran passkey dibatalkan atau tidak diizinkan."),
    "Registration failed. You most likely already have a Passkey registered for this site.": gettext_lazy(
        "Passkey di perangkat ini sudah terdaftar untuk akun Anda."
    ),
    "Registration failed. Unable to fetch registration options from server.": gettext_lazy(
        "Pendaftaran passkey gagal. Muat ulang halaman lalu coba lagi."
    ),
    "Registration failed. A technical problem occurred that prevents you from registering a Passkey for this "
    "site.": gettext_lazy("Perangkat ini tidak dapat menyimpan passkey untuk alamat ini. Pakai aplikasi autentikator."),
    "Registration failed. An unknown error occurred.": gettext_lazy("Pendaftaran passkey gagal. Coba lagi."),
    "Registration failed. The server was unable to verify this passkey.": gettext_lazy(
        "Passkey ini tidak dapat diperiksa. Coba lagi atau pakai aplikasi autentikator."
    ),
    "Registration failed. A server error occurred.": gettext_lazy("Pendaftaran passkey gagal. Coba lagi."),
    "An error occurred during registration.": gettext_lazy("Pendaftaran passkey gagal. Coba lagi."),
    "Verify with Passkey": gettext_lazy("Gunakan passkey"),
    "Verifying...": gettext_lazy("Memeriksa…"),
    "Finishing verification...": gettext_lazy("Memeriksa…"),
    "Verification successful!": gettext_lazy("Berhasil. Membuka halaman…"),
    "Verification aborted.": gettext_lazy("Dibatalkan. Tekan tombolnya lagi untuk mencoba."),
    "Verification canceled or not allowed.": gettext_lazy("Dibatalkan. Tekan tombolnya lagi untuk mencoba."),
    "Verification failed. Could not retrieve parameters from the server.": gettext_lazy(
        "Gagal. Muat ulang halaman lalu coba lagi."
    ),
    "Verification failed. An unknown error occurred.": gettext_lazy("Gagal. Coba lagi atau ketik kode."),
    "Verification failed. An unknown server error occurred.": gettext_lazy("Gagal. Coba lagi atau ketik kode."),
    "Verification failed. A server error occurred.": gettext_lazy("Gagal. Coba lagi atau ketik kode."),
    "An error occurred during verification.": gettext_lazy("Gagal. Coba lagi atau ketik kode."),
}


class PasskeyKatalog(JavaScriptCatalog):
    """The texts of django-otp-webauthn's scripts (the package has no Indonesian catalog)."""

    def get_catalog(self):
        return {**super().get_catalog(), **{k: str(v) for k, v in PASSKEY_TEKS.items()}}


# Included under the namespace "otp_webauthn" (ekinerja/urls.py): the package's four ceremony views,
# and its script catalog replaced by ours.
PASSKEY_URLS = [
    *(p for p in webauthn_urls.urlpatterns if p.name != "js-i18n-catalog"),
    path("jsi18n/", PasskeyKatalog.as_view(packages=["django_otp_webauthn"]), name="js-i18n-catalog"),
]
