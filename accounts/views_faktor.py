"""Second-factor pages (accounts.faktor_kedua): check at login, set up, backup codes, the account
page, and HR's reset for a lost phone."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from core.pages import posted

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


def _tujuan(request) -> str:
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    if nxt and url_has_allowed_host_and_scheme(nxt, {request.get_host()}, require_https=request.is_secure()):
        return nxt
    return "beranda"


@never_cache
@sensitive_post_parameters("kode")
@require_http_methods(["GET", "POST"])
def faktor_periksa(request):
    """After the password: the code from the authenticator app (or a backup code)."""
    user = request.user
    if user.is_verified():
        return redirect(_tujuan(request))
    if not faktor_kedua.faktor_kedua_aktif(user):  # reset by HR meanwhile, or turned off elsewhere
        faktor_kedua.sesi_catat(request, user)
        return redirect("faktor_pasang" if faktor_kedua.faktor_kedua_wajib(user) else _tujuan(request))
    form = KodeForm(posted(request))
    if form.is_bound and form.is_valid():
        hasil = faktor_kedua.faktor_kedua_verify(request, form.cleaned_data["kode"])
        if hasil:
            return redirect(_tujuan(request))
        form.add_error("kode", TERLALU_SERING if hasil is None else SALAH)
    ctx = {"form": form, "next": request.GET.get("next", "")}
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
    ctx = {"aktif": aktif, "wajib": wajib, "sisa": faktor_kedua.cadangan_sisa(user) if aktif else 0}
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

