"""Punches-in pages (issue 5): upload a machine file, map machine PINs to pegawai, integration tokens.

Admin OPD, HR pemda and superadmin only (a plain pegawai gets 403); tokens are HR's (pemda-wide).
Every write goes through `attendance.services.absen` and `absen_simpan`.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from accounts.permissions import admin_required, is_hr, requires
from core.jobs import job_create, upload_store
from core.lists import paginate
from core.pages import posted, submit

from . import selectors
from .forms_absen import ImporAbsenForm, PinMesinForm, TokenCakupanForm, TokenForm
from .services import absen as svc
from .services import absen_simpan
from .tasks import absen_impor_task

SESSION_PIN = "absen_pin_tidak_dikenal"  # the unknown PINs of the user's last upload
PIN_SHOWN = 100


@admin_required
@require_http_methods(["GET", "POST"])
def impor(request):
    """Upload a machine file; a file with any bad line imports nothing and lists the lines."""
    form = ImporAbsenForm(request.POST, request.FILES) if request.method == "POST" else ImporAbsenForm()
    hasil = None
    if form.is_valid() and form.berkas_data.count(b"\n") >= absen_simpan.INLINE_BARIS:
        berkas = form.cleaned_data["berkas"]
        job = job_create(
            user=request.user,
            kind="absen_impor",
            title=_("Impor absen dari %(nama)s") % {"nama": berkas.name},
            task=absen_impor_task,
            params={
                "upload": upload_store(berkas.name, form.berkas_data),
                "nama": berkas.name,
                "mesin": form.cleaned_data["mesin"],
                "kembali": reverse("presensi:impor"),
            },
        )
        return redirect("job_detail", pk=job.pk)
    if form.is_valid():
        berkas = form.cleaned_data["berkas"]
        try:
            hasil = absen_simpan.absen_impor(
                actor=request.user, nama_file=berkas.name, data=form.berkas_data, mesin=form.cleaned_data["mesin"]
            )
        except ValidationError as e:
            form.add_error("berkas", e.messages)
        else:
            request.session[SESSION_PIN] = {
                "mesin": form.cleaned_data["mesin"],
                "pin": hasil.pin_tidak_dikenal[:PIN_SHOWN],
            }
    return render(request, "attendance/absen/impor.html", {"form": form, "hasil": hasil})


@admin_required
def pin_list(request):
    q = (request.GET.get("q") or "").strip()
    qs = selectors.pin_visible_to(request.user).order_by("pegawai__nama", "mesin", "pin")
    if q:
        qs = qs.filter(Q(pin=q) | Q(pegawai__nama__icontains=q) | Q(pegawai__nip__startswith=q.replace(" ", "")))
    ctx = {"page": paginate(request, qs), "q": q, "tidak_dikenal": request.session.get(SESSION_PIN) or {}}
    return render(request, "attendance/absen/pin_list.html", ctx)


@admin_required
def pin_create(request):
    initial = {"pin": request.GET.get("pin", ""), "mesin": request.GET.get("mesin", "")}
    form = PinMesinForm(posted(request), user=request.user, initial=initial)
    if row := submit(request, form, svc.pin_mesin_create):
        messages.success(
            request,
            _("PIN %(pin)s sudah dihubungkan dengan %(nama)s.") % {"pin": row.pin, "nama": row.pegawai.nama_lengkap},
        )
        _forget_unknown_pin(request, row.pin)
        return redirect("presensi:pin_list")
    return render(request, "attendance/absen/pin_create.html", {"form": form})


def _forget_unknown_pin(request, pin: str) -> None:
    data = request.session.get(SESSION_PIN)
    if data and pin in data.get("pin", []):
        data["pin"] = [p for p in data["pin"] if p != pin]
        request.session[SESSION_PIN] = data


def _token_pilihan(request, raw: str):
    """The token a posted or linked id names, in the HR's scope; None for an id that is no number."""
    if not (raw.isascii() and raw.isdigit() and len(raw) < 19):
        return None
    return get_object_or_404(selectors.token_visible_to(request.user), pk=int(raw))


def _token_ubah_form(request, token, data=None):
    initial = {
        "opd": list(token.opd.values_list("pk", flat=True)),
        "mesin": "\n".join(token.mesin or []),
        "berlaku_sampai": token.berlaku_sampai,
        "izin": token.izin,
    }
    return TokenCakupanForm(data, user=request.user, pemda_id=token.pemda_id, initial=initial, prefix="ubah")


@require_http_methods(["GET", "POST"])
@requires(is_hr, gettext_lazy("Token integrasi hanya dikelola oleh HR pemda."))
def token_list(request):
    """HR pemda's integration tokens: create one (shown once), change its scope and expiry
    (`?ubah=<id>`, the same page), and deactivate."""
    if request.method == "POST" and request.POST.get("nonaktif"):
        token = _token_pilihan(request, request.POST["nonaktif"])
        if token is None:
            messages.error(request, _("Token yang dipilih tidak dikenal. Muat ulang halaman lalu coba lagi."))
            return redirect("presensi:token_list")
        svc.token_deactivate(actor=request.user, token=token)
        messages.success(request, _("Token %(nama)s sudah dinonaktifkan.") % {"nama": token.nama})
        return redirect("presensi:token_list")
    ubah, ubah_form = None, None
    raw_ubah = request.POST.get("ubah") if request.method == "POST" else request.GET.get("ubah")
    if raw_ubah:
        ubah = _token_pilihan(request, raw_ubah)
        if ubah is None:
            messages.error(request, _("Token yang dipilih tidak dikenal. Muat ulang halaman lalu coba lagi."))
            return redirect("presensi:token_list")
        ubah_form = _token_ubah_form(request, ubah, posted(request))
        if submit(request, ubah_form, svc.token_ubah, token=ubah):
            pesan = _("Cakupan dan masa berlaku token %(nama)s sudah disimpan.") % {"nama": ubah.nama}
            messages.success(request, pesan)
            return redirect("presensi:token_list")
    form = TokenForm(None if ubah else posted(request), user=request.user)
    baru = None if ubah else submit(request, form, svc.token_create)
    if baru:
        form = TokenForm(None, user=request.user)
    tokens = selectors.token_visible_to(request.user).prefetch_related("opd").order_by("-aktif", "-dibuat")
    return render(
        request,
        "attendance/absen/token_list.html",
        {
            "form": form,
            "tokens": tokens,
            "token_baru": baru[0] if baru else None,
            "raw": baru[1] if baru else "",
            "ubah": ubah,
            "ubah_form": ubah_form,
            "hari_ini": timezone.localdate(),
        },
    )
