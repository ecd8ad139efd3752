"""The guide pages: the guides of my roles, one role's guide, one task, and the printable page."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import cetak
from .isi import PANDUAN, Panduan, Tugas, tugas_of
from .peran import peran_of


def _panduan(peran: str) -> Panduan:
    if peran not in PANDUAN:
        raise Http404
    return PANDUAN[peran]


@require_GET
def index(request):
    """The guides of the roles I hold (everyone with a pegawai record reads the pegawai guide), and
    the other guides below them: any guide may be read by anyone logged in."""
    saya = peran_of(request.user)
    ctx = {
        "daftar": [PANDUAN[p] for p in saya],
        "lain": [p for k, p in PANDUAN.items() if k not in saya],
    }
    return render(request, "panduan/panduan.html", ctx)


@require_GET
def peran(request, peran: str):
    """One role's guide: its tasks."""
    return render(request, "panduan/panduan.html", {"daftar": [_panduan(peran)], "satu": True})


@require_GET
def tugas(request, peran: str, tugas: str):
    """One task: its numbered steps, each with the screenshot of the screen it happens on."""
    panduan = _panduan(peran)
    isi: Tugas | None = tugas_of(peran, tugas)
    if isi is None:
        raise Http404
    return render(request, "panduan/tugas.html", {"panduan": panduan, "tugas": isi})


@require_GET
def cetak_pdf(request, peran: str):
    """The role's guide on one printed page, for training sessions."""
    pdf = cetak.panduan_pdf(_panduan(peran))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="panduan-{peran}.pdf"'
    return response
