"""Kelola › Aktivasi akun: who has not activated yet, a sheet of new codes per OPD, and its one download."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.jobs import AntreanTidakTersedia, job_create

from . import lembar
from .forms import LembarAktivasiForm
from .models import LembarAktivasi
from .permissions import admin_required
from .selectors import unit_visible_to
from .tasks import aktivasi_lembar_task


def _opd_pilihan(user):
    return unit_visible_to(user).filter(parent__isnull=True, aktif=True).order_by("nama")


def _ringkasan(user) -> list[dict]:
    """Per OPD: how many accounts are not activated, and how many of them hold a valid code."""
    belum = lembar.belum_aktif(user)
    tanpa_kode = {
        row["opd"]: row["n"] for row in lembar.tanpa_kode_berlaku(belum).values("opd").annotate(n=Count("pk"))
    }
    rows = belum.values("opd", "opd__nama").annotate(n=Count("pk")).order_by("opd__nama")
    return [
        {"opd": r["opd__nama"] or _("Tanpa OPD"), "belum": r["n"], "berkode": r["n"] - tanpa_kode.get(r["opd"], 0)}
        for r in rows
    ]


@require_GET
@admin_required
def aktivasi(request):
    form = LembarAktivasiForm(opd_queryset=_opd_pilihan(request.user))
    ctx = {"form": form, "ringkasan": _ringkasan(request.user), "lembar_siap": lembar.lembar_siap(request.user)}
    return render(request, "accounts/org/aktivasi.html", ctx)


@require_POST
@admin_required
def lembar_buat(request):
    """A sheet for one OPD: made here when it is small, in the worker (with a progress bar) when large."""
    form = LembarAktivasiForm(request.POST, opd_queryset=_opd_pilihan(request.user))
    if not form.is_valid():
        ctx = {"form": form, "ringkasan": _ringkasan(request.user), "lembar_siap": lembar.lembar_siap(request.user)}
        return render(request, "accounts/org/aktivasi.html", ctx, status=400)
    opd, semua = form.cleaned_data["opd"], form.cleaned_data["semua"]
    qs = lembar.belum_aktif(request.user).filter(opd=opd)
    if not semua:
        qs = lembar.tanpa_kode_berlaku(qs)
    judul = _("Kode aktivasi %(opd)s") % {"opd": opd.nama}
    if qs.count() > lembar.INLINE_KODE:
        try:
            job = job_create(
                user=request.user,
                kind="aktivasi_lembar",
                title=judul,
                task=aktivasi_lembar_task,
                params={"opd": opd.pk, "semua": semua, "kembali": reverse("org:aktivasi")},
            )
        except AntreanTidakTersedia as e:
            messages.error(request, e.message)
            return redirect("org:aktivasi")
        return redirect("job_detail", pk=job.pk)
    hasil = lembar.lembar_aktivasi_buat(actor=request.user, pegawai=qs, judul=judul)
    if hasil.lembar:
        messages.success(request, lembar.pesan_hasil(hasil))
    else:
        messages.warning(request, lembar.pesan_hasil(hasil))
    return redirect("org:aktivasi")


@require_POST
@admin_required
def lembar_unduh(request, pk: int):
    """The sheet's PDF, once (a POST: the download deletes it)."""
    sheet = get_object_or_404(LembarAktivasi, pk=pk, dibuat_oleh=request.user)
    try:
        pdf = lembar.lembar_ambil(actor=request.user, lembar=sheet)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("org:aktivasi")
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"kode-aktivasi-{timezone.localtime(sheet.dibuat):%Y%m%d-%H%M}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    add_never_cache_headers(response)
    return response
