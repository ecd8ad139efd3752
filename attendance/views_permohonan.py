"""Leave and absence requests (namespace `presensi`): my requests and balance, the form, one request
with its history, the approver's queue, and the decisions.

Requests are fetched through `permohonan_visible_to(request.user)` (out of scope → 404; an admin
also reads those of `permohonan_lingkup_admin`, views_permohonan_kelola); every write
goes through `attendance.services.permohonan` (not allowed → 403; invalid → a message or form errors).
"""

import os
from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import pegawai_halaman
from core import drafts, idempotency
from core.dates import today
from core.pages import posted, submit

from . import selectors
from .choices import PeranPermohonan, StatusPermohonan
from .forms_permohonan import PermohonanForm, TindakForm
from .selectors_cuti import saldo_cuti_tahunan
from .services import permohonan as svc


def daftar(request):
    pegawai = pegawai_halaman(request)
    tahun = today().year
    context = {
        "permohonan": pegawai.permohonan.order_by("-mulai", "-pk"),
        "saldo": saldo_cuti_tahunan(pegawai, tahun),
        "antrean": selectors.antrean_of(pegawai).count(),
    }
    return render(request, "attendance/permohonan/daftar.html", context)


DRAF = "presensi:permohonan"  # the form's server draft (core.drafts)


def _terkirim(request, p) -> str:
    messages.success(
        request,
        _("Permohonan %(p)s sudah dikirim. Yang memutus: %(a)s") % {"p": str(p), "a": p.penyetuju.nama_lengkap},
    )
    return reverse("presensi:permohonan_detail", args=[p.pk])


def _hari(request) -> dict | None:
    """`?tanggal=YYYY-MM-DD` (the entry form's way out of a final day): the request starts on that day."""
    try:
        day = date.fromisoformat(request.GET.get("tanggal", ""))
    except ValueError:
        return None
    return {"mulai": day, "selesai": day}


def buat(request):
    """The request form: sent once per its idempotency key; what was typed survives a failed send."""
    pegawai_halaman(request)
    draf = drafts.draf_untuk(user=request.user, kunci=DRAF) if request.method == "GET" else None
    form = PermohonanForm(
        posted(request), request.FILES or None, user=request.user, initial=draf.data if draf else _hari(request)
    )
    service = idempotency.sekali_service(request, svc.permohonan_create, lambda p: _terkirim(request, p))
    if hasil := submit(request, form, service):
        drafts.draf_hapus(user=request.user, kunci=DRAF)
        return redirect(hasil.url)
    drafts.draf_simpan_kiriman(request, DRAF)
    saldo = saldo_cuti_tahunan(request.user.pegawai, today().year)
    context = {"form": form, "saldo": saldo, "draf": draf, "draf_kunci": DRAF}
    return render(request, "attendance/permohonan/buat.html", context)


def _bisa(request, p) -> dict[str, bool]:
    """Which buttons the viewer gets (the moves the workflow allows them now); the service decides
    again on POST."""
    moves = svc.WORKFLOW.allowed_moves(p, request.user)
    memutus = any(t.action in (TindakForm.SETUJUI, TindakForm.TOLAK) for t in moves)
    owner_cancels = any(t.action == TindakForm.BATALKAN and t.role == PeranPermohonan.OWNER for t in moves)
    atasan_withdraws = any(t.action == TindakForm.BATALKAN and t.role == PeranPermohonan.ATASAN for t in moves)
    return {"memutus": memutus, "batal": owner_cancels, "tarik": atasan_withdraws}


def _permohonan(request, pk):
    """A request the user may open: out of scope, or of a person they no longer approve → 404."""
    p = get_object_or_404(selectors.permohonan_visible_to(request.user), pk=pk)
    if not selectors.permohonan_terbuka(request.user, p):
        raise Http404
    return p


def _permohonan_dibaca(request, pk):
    """A request the user may read: as its owner or approver (`_permohonan`, with the buttons), or
    as an admin of its scope (read only, no buttons); else 404. → (request, whether through the first)."""
    try:
        return _permohonan(request, pk), True
    except Http404:
        return get_object_or_404(selectors.permohonan_lingkup_admin(request.user), pk=pk), False


def detail(request, pk):
    # not pegawai_halaman: an account without a pegawai record (HR) reads the requests of its scope
    p, pihak = _permohonan_dibaca(request, pk)
    if request.GET.get("unduh") and p.lampiran:
        return FileResponse(p.lampiran.open("rb"), as_attachment=True, filename=os.path.basename(p.lampiran.name))
    context = {
        "p": p,
        "log": [
            (log, StatusPermohonan(log.dari).label if log.dari else "", StatusPermohonan(log.ke).label)
            for log in p.log.select_related("oleh__pegawai")
        ],
        "pemilik": pihak and p.pegawai_id == request.user.pegawai.pk,
        "kelola": not pihak,
        "lampiran_nama": os.path.basename(p.lampiran.name) if p.lampiran else "",
        **(_bisa(request, p) if pihak else {}),
    }
    return render(request, "attendance/permohonan/detail.html", context)


@require_POST
def tindak(request, pk):
    pegawai_halaman(request)
    p = _permohonan(request, pk)
    form = TindakForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih tindakan: setujui, tolak atau batalkan."))
        return redirect("presensi:permohonan_detail", pk=p.pk)
    aksi, catatan = form.cleaned_data["aksi"], form.cleaned_data["catatan"]
    service = {
        TindakForm.SETUJUI: svc.permohonan_setujui,
        TindakForm.TOLAK: svc.permohonan_tolak,
        TindakForm.BATALKAN: svc.permohonan_batalkan,
    }[aksi]
    try:
        p = service(actor=request.user, permohonan=p, catatan=catatan)
    except ValidationError as e:
        for msg in dict.fromkeys(e.messages):
            messages.error(request, msg)
    else:
        messages.success(request, _("Permohonan %(p)s sekarang: %(s)s.") % {"p": str(p), "s": p.get_status_display()})
    if request.POST.get("kembali") == "antrean":
        return redirect("presensi:permohonan_antrean")
    return redirect("presensi:permohonan_detail", pk=p.pk)


def antrean(request):
    pegawai = pegawai_halaman(request)
    return render(request, "attendance/permohonan/antrean.html", {"antrean": selectors.antrean_of(pegawai)})
