"""Correction requests (namespace `presensi`, issue 16): my corrections, the form (for oneself, or
an admin's on a pegawai's behalf), one request with its history, the decisions, the deciders' queue.

Requests are fetched through `selectors_koreksi.koreksi_visible_to(request.user)` (out of scope →
404); every write goes through `attendance.services.koreksi` (not allowed → 403; invalid → a message
or form errors). The buttons are the moves the workflow allows the viewer now.
"""

import os
from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import admin_required, pegawai_halaman
from accounts.selectors import pegawai_visible_to
from core import idempotency
from core.pages import posted, submit

from . import selectors_koreksi as selectors
from .choices_koreksi import PeranKoreksi, StatusKoreksi
from .forms_koreksi import KoreksiForm
from .forms_permohonan import TindakForm
from .services import koreksi as svc


def daftar(request):
    pegawai_halaman(request)
    context = {
        "koreksi": selectors.koreksi_milik(request.user),
        "antrean": selectors.antrean_koreksi(request.user).count(),
    }
    return render(request, "attendance/koreksi/daftar.html", context)


def _awal(request) -> dict | None:
    """`?tanggal=YYYY-MM-DD` (the "Ajukan koreksi" link of a day): the request is for that day."""
    try:
        day = date.fromisoformat(request.GET.get("tanggal", ""))
    except ValueError:
        return None
    return {"mulai": day, "selesai": day}


def _terkirim(request, k) -> str:
    messages.success(request, _("Koreksi presensi %(k)s sudah dikirim untuk diputus.") % {"k": str(k)})
    return reverse("presensi:koreksi_detail", args=[k.pk])


def _form_page(request, form, pegawai=None):
    service = idempotency.sekali_service(request, svc.koreksi_create, lambda k: _terkirim(request, k))
    if hasil := submit(request, form, service):
        return redirect(hasil.url)
    return render(request, "attendance/koreksi/buat.html", {"form": form, "untuk": pegawai})


def buat(request):
    pegawai_halaman(request)
    form = KoreksiForm(posted(request), request.FILES or None, user=request.user, initial=_awal(request))
    return _form_page(request, form)


@admin_required
def buat_untuk(request, pegawai_pk: int):
    """The admin files a correction on a pegawai's behalf (recorded as such; someone else decides)."""
    pegawai = get_object_or_404(pegawai_visible_to(request.user), pk=pegawai_pk)
    form = KoreksiForm(
        posted(request), request.FILES or None, user=request.user, pegawai=pegawai, initial=_awal(request)
    )
    return _form_page(request, form, pegawai)


def _bisa(request, k) -> dict[str, bool]:
    moves = svc.WORKFLOW.allowed_moves(k, request.user)
    return {
        "memutus": any(t.role == PeranKoreksi.PEMUTUS for t in moves),
        "batal": any(t.role == PeranKoreksi.PEMOHON for t in moves),
    }


def detail(request, pk):
    k = get_object_or_404(selectors.koreksi_visible_to(request.user), pk=pk)
    if request.GET.get("unduh") and k.lampiran:
        return FileResponse(k.lampiran.open("rb"), as_attachment=True, filename=os.path.basename(k.lampiran.name))
    me = getattr(request.user, "pegawai", None)
    context = {
        "k": k,
        "log": [
            (log, StatusKoreksi(log.dari).label if log.dari else "", StatusKoreksi(log.ke).label)
            for log in k.log.select_related("oleh__pegawai")
        ],
        "pemilik": me is not None and k.pegawai_id == me.pk,
        "lampiran_nama": os.path.basename(k.lampiran.name) if k.lampiran else "",
        **_bisa(request, k),
    }
    return render(request, "attendance/koreksi/detail.html", context)


@require_POST
def tindak(request, pk):
    k = get_object_or_404(selectors.koreksi_visible_to(request.user), pk=pk)
    form = TindakForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih tindakan: setujui, tolak atau batalkan."))
        return redirect("presensi:koreksi_detail", pk=k.pk)
    aksi, catatan = form.cleaned_data["aksi"], form.cleaned_data["catatan"]
    service = {
        TindakForm.SETUJUI: svc.koreksi_setujui,
        TindakForm.TOLAK: svc.koreksi_tolak,
        TindakForm.BATALKAN: svc.koreksi_batalkan,
    }[aksi]
    try:
        k = service(actor=request.user, koreksi=k, catatan=catatan)
    except ValidationError as e:
        for msg in dict.fromkeys(e.messages):
            messages.error(request, msg)
    else:
        pesan = _("Koreksi presensi %(k)s sekarang: %(s)s.") % {"k": str(k), "s": k.get_status_display()}
        if k.status == StatusKoreksi.DISETUJUI:
            pesan += " " + _("%(n)d hari presensi sudah diubah.") % {"n": k.hari_diubah}
        messages.success(request, pesan)
    if request.POST.get("kembali") == "antrean":
        return redirect("presensi:koreksi_antrean")
    return redirect("presensi:koreksi_detail", pk=k.pk)


def antrean(request):
    """Corrections waiting for the user's decision (atasan langsung; admin OPD of the OPD)."""
    if getattr(request.user, "pegawai", None) is None and not request.user.is_admin_opd:
        pegawai_halaman(request)  # 403 with the pegawai pages' message
    return render(request, "attendance/koreksi/antrean.html", {"antrean": selectors.antrean_koreksi(request.user)})
