"""Uang makan per OPD per month (RULES.md §4): the recap on screen and its xlsx as a background job."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.pemda_pilih import konteks_pemda, pemda_aktif, pemda_dipilih
from accounts.permissions import admin_required
from core.jobs import job_create

from .forms import UangMakanForm
from .tasks import uang_makan_ekspor_task
from .uang_makan import judul_bulan, pegawai_opd_bulan, total_of, uang_makan_bulan


@require_GET
@admin_required
@pemda_dipilih
def uang_makan(request):
    """Every employee posted in the OPD during the month: eligible days, rate, bruto, PPh, neto. A
    superadmin picks the pemda first (its OPDs only)."""
    pemda = pemda_aktif(request)
    form = UangMakanForm(request.GET, user=request.user, pemda=pemda)
    opd, (tahun, bulan) = form.opd_terpilih(), form.tahun_bulan
    baris = []
    if opd is not None:
        qs = pegawai_opd_bulan(opd=opd, tahun=tahun, bulan=bulan)
        baris = uang_makan_bulan(pegawai_qs=qs, pemda_id=opd.pemda_id, tahun=tahun, bulan=bulan, opd_id=opd.pk)
    ctx = {"form": form, "opd": opd, "tahun": tahun, "bulan": bulan, "judul_bulan": judul_bulan(tahun, bulan),
           "nilai_bulan": f"{tahun:04d}-{bulan:02d}", "baris": baris, "total": total_of(baris),
           "galat": sum(1 for b in baris if b.galat)} | konteks_pemda(request, pemda)  # fmt: skip
    return render(request, "tpp/uang_makan.html", ctx)


@require_POST
@admin_required
@pemda_dipilih
def uang_makan_ekspor(request):
    """Start the xlsx export of the shown month and OPD; the job page offers the file when ready."""
    form = UangMakanForm(request.POST, user=request.user, pemda=pemda_aktif(request))
    opd, (tahun, bulan) = form.opd_terpilih(), form.tahun_bulan
    if opd is None:
        return redirect("tpp:uang_makan")
    kembali = reverse("tpp:uang_makan") + "?" + urlencode({"bulan": f"{tahun:04d}-{bulan:02d}", "opd": opd.pk})
    job = job_create(
        user=request.user,
        kind="uang_makan",
        title=_("Uang makan %(opd)s %(bulan)s") % {"opd": opd.nama, "bulan": judul_bulan(tahun, bulan)},
        task=uang_makan_ekspor_task,
        params={"opd": opd.pk, "tahun": tahun, "bulan": bulan, "kembali": kembali},
        pemda=opd.pemda,
    )
    return redirect("job_detail", pk=job.pk)
