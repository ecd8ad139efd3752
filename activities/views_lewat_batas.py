"""Overdue queues (issue 18): "Lewat batas" lists the entries left past their deadline in my own queue
and, as the atasan of the people whose queues they are, in my bawahan's queues; when the pemda's rule
allows, I verify, validate or return those in the bawahan's place (the workflow's role ESKALASI).

Entries are found through `selectors_lewat_batas` (out of scope → 404); the move is the one engine's
(not allowed → 403 from the workflow's guards, refused → a message)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import pegawai_halaman
from core.dates import today

from . import services
from .choices import Peran, Status
from .forms_antrean import AKSI_MASSAL
from .selectors_lewat_batas import eskalasi_aktivitas, lewat_batas_bawahan, tunggakan_bulan


class EskalasiForm(forms.Form):
    aksi = forms.ChoiceField(choices=[(k, k) for k in AKSI_MASSAL])
    catatan = forms.CharField(required=False, max_length=500)


def lewat_batas(request):
    """My overdue entries this month, and those waiting past their deadline in my bawahan's queues."""
    pegawai = pegawai_halaman(request)
    hari_ini = today()
    context = {
        "hari_ini": hari_ini,
        "saya": tunggakan_bulan(pegawai, tahun=hari_ini.year, bulan=hari_ini.month, today=hari_ini),
        "bawahan": lewat_batas_bawahan(pegawai, today=hari_ini),
    }
    return render(request, "activities/lewat_batas.html", context)


@require_POST
def lewat_batas_tindak(request, pk):
    """Verify, validate or return an overdue entry in the place of the bawahan whose queue holds it."""
    pegawai = pegawai_halaman(request)
    aktivitas = eskalasi_aktivitas(pegawai, pk, today=today())
    if aktivitas is None:
        raise Http404
    form = EskalasiForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tindakan tidak dikenali."))
        return redirect("aktivitas:lewat_batas")
    aksi = form.cleaned_data["aksi"]
    label = f"{aktivitas.nama_kegiatan} ({aktivitas.pegawai.nama_lengkap}, {date_format(aktivitas.tanggal, 'j F')})"
    if aksi != "kembalikan" and services.WORKFLOW.source(aksi, Peran.ESKALASI) != aktivitas.status:
        messages.error(request, _("%(a)s: tindakan ini tidak berlaku untuk statusnya sekarang.") % {"a": label})
        return redirect("aktivitas:lewat_batas")
    try:
        hasil = services.aktivitas_move(
            actor=request.user, aktivitas=aktivitas, to=AKSI_MASSAL[aksi], catatan=form.cleaned_data["catatan"]
        )
    except ValidationError as e:
        messages.error(request, f"{label}: {' '.join(e.messages)}")
    else:
        selesai = {
            Status.VERIFIED: _("diverifikasi"),
            Status.VALIDATED: _("divalidasi"),
            Status.RETURNED: _("dikembalikan kepada pegawai"),
        }
        text = _("%(a)s %(s)s menggantikan atasannya.") % {"a": label, "s": selesai[AKSI_MASSAL[aksi]]}
        if aksi == "verifikasi" and hasil.status == Status.VALIDATED:
            text += " " + _("Karena Anda juga validatornya, verifikasi ini langsung final (divalidasi).")
        messages.success(request, text)
    return redirect("aktivitas:lewat_batas")
