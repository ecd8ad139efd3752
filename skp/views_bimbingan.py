"""Performance coaching (bimbingan kinerja) of one SKP and the annual assessment of one pegawai
(PermenPANRB 6/2022). SKP are fetched through `selectors.skp_visible_to` (out of scope → 404); the
coaching is written by the pejabat penilai only, through `skp.services_penilaian` (else 403)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.permissions import ensure
from core.pages import posted, submit

from . import exports, forms_bimbingan, selectors, services_penilaian, tahunan
from .models import BimbinganKinerja, Skp
from .views import _pdf_response, _skp

PESAN_PEMBIMBING = gettext_lazy("Hanya pejabat penilai kinerja pegawai ini yang dapat mencatat bimbingan kinerja.")


def _pembimbing(request, skp: Skp, tanggal=None) -> bool:
    """Whether the user is the pejabat penilai on `tanggal` (default: the atasan in force now within
    the SKP's dates), never the pegawai themself: as `services_penilaian._require_pembimbing`."""
    pegawai = getattr(request.user, "pegawai", None)
    if pegawai is None or pegawai.pk == skp.pegawai_id:
        return False
    start, end = (tanggal, tanggal) if tanggal else (skp.mulai, skp.selesai)
    penilai = selectors.penilai_periode(skp, start, end)
    return penilai is not None and penilai.pk == pegawai.pk


def bimbingan(request, pk):
    """The coaching sessions and their follow-up on one SKP: read by the pegawai, their penilai and
    the admins in scope; the pejabat penilai adds them."""
    skp = _skp(request, pk)
    context = {
        "skp": skp,
        "catatan": skp.bimbingan.select_related("pembimbing"),
        "pembimbing": _pembimbing(request, skp),
        "pegawai_id": getattr(getattr(request.user, "pegawai", None), "pk", None),
    }
    return render(request, "skp/bimbingan.html", context)


def bimbingan_tambah(request, pk):
    skp = _skp(request, pk)
    ensure(_pembimbing(request, skp), PESAN_PEMBIMBING)
    form = forms_bimbingan.BimbinganForm(posted(request), user=request.user)
    if submit(request, form, services_penilaian.bimbingan_save, skp=skp) is not None:
        messages.success(request, _("Bimbingan kinerja %(n)s sudah dicatat.") % {"n": skp.pegawai.nama})
        return redirect("skp:bimbingan", pk=skp.pk)
    judul = _("Catat bimbingan kinerja")
    return render(request, "skp/bimbingan_form.html", {"skp": skp, "form": form, "judul": judul})


def bimbingan_hasil(request, pk):
    b = get_object_or_404(
        BimbinganKinerja.objects.select_related("skp__pegawai"), pk=pk, skp__in=selectors.skp_visible_to(request.user)
    )
    ensure(_pembimbing(request, b.skp, b.tanggal), PESAN_PEMBIMBING)
    form = forms_bimbingan.HasilTindakLanjutForm(
        posted(request), user=request.user, initial={"hasil_tindak_lanjut": b.hasil_tindak_lanjut}
    )
    if submit(request, form, services_penilaian.bimbingan_hasil_save, bimbingan=b) is not None:
        messages.success(request, _("Hasil tindak lanjut sudah dicatat."))
        return redirect("skp:bimbingan", pk=b.skp_id)
    context = {"skp": b.skp, "form": form, "judul": _("Hasil tindak lanjut bimbingan"), "bimbingan": b}
    return render(request, "skp/bimbingan_form.html", context)


def bimbingan_pdf(request, pk):
    skp = _skp(request, pk)
    return _pdf_response(exports.bimbingan_pdf(skp), f"Bimbingan-Kinerja-{skp.tahun}-{skp.pegawai.nip}.pdf")


def _tahunan(request, pk: int, tahun: int) -> tahunan.PenilaianTahunan:
    """The year of a pegawai whose SKP of that year the user may see (any of its periods); else 404."""
    skps = list(selectors.skp_visible_to(request.user).filter(pegawai_id=pk, tahun=tahun))
    if not skps:
        raise Http404
    pegawai = skps[0].pegawai
    if len(skps) < Skp.objects.filter(pegawai_id=pk, tahun=tahun).count():
        # one who rated a period sees the whole year's assessment of that pegawai
        skps = list(Skp.objects.filter(pegawai_id=pk, tahun=tahun).select_related("pegawai", "penilai", "jabatan"))
    return tahunan.penilaian_tahunan(pegawai, tahun, skps)


def tahunan_view(request, pk, tahun):
    t = _tahunan(request, pk, tahun)
    return render(request, "skp/tahunan.html", {"t": t, "pegawai": t.pegawai})


def tahunan_pdf(request, pk, tahun):
    t = _tahunan(request, pk, tahun)
    return _pdf_response(exports.tahunan_pdf(t), f"Evaluasi-Tahunan-{tahun}-{t.pegawai.nip}.pdf")
