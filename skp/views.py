"""One SKP's pages (the pages across many people are in `skp.views_organisasi`). Every SKP is
fetched through `selectors.skp_visible_to(request.user)` (out of scope → 404); every write goes
through `skp.services` or `skp.services_penilaian` (wrong role → 403, invalid → a message or form
errors)."""

import os
from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.permissions import ensure, is_self, pegawai_halaman
from core import idempotency
from core.pages import posted, submit

from . import evaluation, exports, forms, rules, selectors, services, services_penilaian
from .choices import BerAKHLAK
from .models import DataDukung, Penilaian, RencanaAksi, Rhk, Skp


def _skp(request, pk: int) -> Skp:
    return get_object_or_404(selectors.skp_visible_to(request.user), pk=pk)


def _rhk(request, pk: int) -> Rhk:
    return get_object_or_404(Rhk.objects.select_related("skp"), pk=pk, skp__in=selectors.skp_visible_to(request.user))


# The form pages refuse on GET whom their POST refuses (403): the form opens only to who may send it.
PESAN_PEMILIK = gettext_lazy("Hanya pegawai pemilik SKP yang dapat mengubahnya.")
PESAN_DATA_DUKUNG = gettext_lazy("Hanya pegawai pemilik SKP yang dapat menambah data dukung.")
PESAN_PIMPINAN = gettext_lazy("Hanya pejabat penilai atau atasan langsung pegawai ini yang dapat melakukannya.")


def _pemilik(request, skp: Skp, pesan=PESAN_PEMILIK) -> None:
    """The SKP's owner only (as `services._require_owner_editable` on POST), else 403."""
    ensure(is_self(request.user, skp.pegawai_id), pesan)


def _pimpinan(request, skp: Skp) -> None:
    """Who leads the SKP's owner now (`selectors.memimpin`, as `services._require_pimpinan`), else 403."""
    pegawai = getattr(request.user, "pegawai", None)
    ensure(pegawai is not None and selectors.memimpin(pegawai, skp), PESAN_PIMPINAN)


def _errors(request, exc: ValidationError) -> None:
    for msg in dict.fromkeys(exc.messages):
        messages.error(request, msg)


def _periode(skp: Skp, raw: str) -> tuple[str, int]:
    if raw not in dict(forms.periode_choices(skp.pemda_id, skp.tahun)):
        raise Http404
    jenis, ke = raw.split("-")
    return jenis, int(ke)


# --- my SKP -----------------------------------------------------------------------------------


def saya(request):
    pegawai = pegawai_halaman(request)
    tahun = forms.parse_tahun(request.GET.get("tahun"))
    context = {
        "tahun": tahun,
        "milik": selectors.skp_of(pegawai, tahun),
        "dinilai": Skp.objects.filter(penilai=pegawai, tahun=tahun).select_related("pegawai").order_by("pegawai__nama"),
        "form": forms.SkpCreateForm(user=request.user),
    }
    return render(request, "skp/saya.html", context)


def buat(request):
    pegawai_halaman(request)
    form = forms.SkpCreateForm(posted(request), user=request.user)
    skp = submit(request, form, services.skp_create)
    if skp is not None:
        messages.success(
            request, _("SKP tahun %(t)s sudah dibuat. Tambahkan rencana hasil kerja Anda.") % {"t": skp.tahun}
        )
        return redirect("skp:detail", pk=skp.pk)
    return render(request, "skp/buat.html", {"form": form})


def detail(request, pk):
    skp = _skp(request, pk)
    pegawai = getattr(request.user, "pegawai", None)
    rhk = skp.rhk.select_related("induk__skp__pegawai").prefetch_related("indikator", "rencana_aksi")
    nilai = {f"{p.jenis}-{p.ke}": p for p in skp.penilaian.all()}
    context = {
        "skp": skp,
        "rhk": rhk,
        "pemilik": pegawai is not None and skp.pegawai_id == pegawai.pk,
        "penilai": pegawai is not None and skp.penilai_id == pegawai.pk,
        "pimpinan": pegawai is not None and selectors.memimpin(pegawai, skp),
        "bisa_diubah": skp.status in rules.EDITABLE,
        "ekspektasi": [(label, skp.ekspektasi_khusus.get(value, "")) for value, label in BerAKHLAK.choices],
        "periode": [(kode, label, nilai.get(kode)) for kode, label in forms.periode_choices(skp.pemda_id, skp.tahun)],
        "komentar": skp.komentar.select_related("penulis"),
        "komentar_form": forms.KomentarForm(user=request.user),
        "log": skp.log.select_related("oleh__pegawai"),
    }
    return render(request, "skp/detail.html", context)


def lampiran(request, pk):
    skp = _skp(request, pk)
    initial = {f: getattr(skp, f) for f in forms.LampiranForm.base_fields}
    form = forms.LampiranForm(posted(request), user=request.user, initial=initial)
    if submit(request, form, services.skp_lampiran_save, skp=skp) is not None:
        messages.success(request, _("Lampiran SKP sudah disimpan."))
        return redirect("skp:detail", pk=skp.pk)
    return render(request, "skp/form.html", {"skp": skp, "form": form, "judul": _("Lampiran SKP")})


def ekspektasi(request, pk):
    skp = _skp(request, pk)
    _pimpinan(request, skp)
    form = forms.EkspektasiForm(posted(request), user=request.user, initial=skp.ekspektasi_khusus)
    if submit(request, form, services.skp_ekspektasi_save, skp=skp) is not None:
        messages.success(request, _("Ekspektasi khusus pimpinan sudah disimpan."))
        return redirect("skp:detail", pk=skp.pk)
    return render(request, "skp/form.html", {"skp": skp, "form": form, "judul": _("Ekspektasi khusus pimpinan")})


@require_POST
def pindah(request, pk):
    skp = _skp(request, pk)
    to = services.WORKFLOW.target(request.POST.get("aksi", ""))
    if to is None:
        raise Http404
    try:
        skp = services.skp_move(actor=request.user, skp=skp, to=to, catatan=request.POST.get("catatan", ""))
    except ValidationError as e:
        _errors(request, e)
    else:
        messages.success(
            request, _("SKP %(n)s sekarang berstatus %(s)s.") % {"n": skp.pegawai.nama, "s": skp.get_status_display()}
        )
    return redirect("skp:detail", pk=skp.pk)


@require_POST
def komentar(request, pk):
    """A message in the feedback thread, written once per the form's idempotency key (a double
    submit gives one message and one notification)."""
    skp = _skp(request, pk)
    form = forms.KomentarForm(request.POST, user=request.user)
    kembali = f"{reverse('skp:detail', args=[skp.pk])}#umpan-balik"
    service = idempotency.sekali_service(request, services.komentar_add, lambda _k: kembali)
    if submit(request, form, service, skp=skp) is None:
        for msg in form.errors.get("isi", []) + form.non_field_errors():
            messages.error(request, msg)
    return redirect(kembali)


# --- RHK and rencana aksi ---------------------------------------------------------------------


def _rhk_page(request, skp: Skp, rhk: Rhk | None):
    initial = forms.rhk_initial(rhk) if rhk else {"kualitas_satuan": "%"}
    form = forms.RhkForm(posted(request), user=request.user, skp=skp, initial=initial)
    saved = submit(request, form, services.rhk_save, skp=skp, rhk=rhk)
    if saved is not None:
        messages.success(request, _("Rencana hasil kerja sudah disimpan."))
        return redirect("skp:detail", pk=skp.pk)
    return render(request, "skp/rhk_form.html", {"skp": skp, "rhk": rhk, "form": form})


def rhk_tambah(request, pk):
    skp = _skp(request, pk)
    _pemilik(request, skp)
    return _rhk_page(request, skp, None)


def rhk_ubah(request, pk):
    rhk = _rhk(request, pk)
    _pemilik(request, rhk.skp)
    return _rhk_page(request, rhk.skp, rhk)


@require_POST
def rhk_hapus(request, pk):
    rhk = _rhk(request, pk)
    try:
        services.rhk_delete(actor=request.user, rhk=rhk)
        messages.success(request, _("Rencana hasil kerja sudah dihapus."))
    except ValidationError as e:
        _errors(request, e)
    return redirect("skp:detail", pk=rhk.skp_id)


def rencana_aksi(request, pk):
    rhk = _rhk(request, pk)
    _pemilik(request, rhk.skp)
    form = forms.RencanaAksiForm(posted(request), user=request.user, skp=rhk.skp)
    if submit(request, form, services.rencana_aksi_add, rhk=rhk) is not None:
        messages.success(request, _("Rencana aksi sudah ditambahkan."))
        return redirect("skp:rencana_aksi", pk=rhk.pk)
    return render(request, "skp/rencana_aksi.html", {"rhk": rhk, "skp": rhk.skp, "form": form})


@require_POST
def rencana_aksi_hapus(request, pk):
    aksi = get_object_or_404(
        RencanaAksi.objects.select_related("rhk__skp"), pk=pk, rhk__skp__in=selectors.skp_visible_to(request.user)
    )
    try:
        services.rencana_aksi_delete(actor=request.user, aksi=aksi)
    except ValidationError as e:
        _errors(request, e)
    return redirect("skp:rencana_aksi", pk=aksi.rhk_id)


# --- doing: realisation, evidence, self assessment; the evaluation of one period --------------


def data_dukung(request, pk):
    skp = _skp(request, pk)
    raw = request.GET.get("periode") or request.POST.get("periode") or ""
    jenis, ke = _periode(skp, raw)
    _pemilik(request, skp, PESAN_DATA_DUKUNG)
    form = forms.DataDukungForm(posted(request), request.FILES or None, user=request.user, skp=skp)
    if submit(request, form, services.data_dukung_add, skp=skp, jenis=jenis, ke=ke) is not None:
        messages.success(request, _("Data dukung sudah ditambahkan."))
        return redirect("skp:periode", pk=skp.pk, periode=raw)
    label = forms.periode_label(jenis, ke, skp.tahun)
    return render(request, "skp/data_dukung.html", {"skp": skp, "form": form, "periode": raw, "label": label})


def data_dukung_unduh(request, pk):
    d = get_object_or_404(DataDukung, pk=pk, skp__in=selectors.skp_visible_to(request.user))
    if not d.berkas:
        raise Http404
    try:
        handle = d.berkas.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=os.path.basename(d.berkas.name))


def _skp_periode(request, pk: int, periode: str) -> tuple[Skp, str, int, date, date, bool]:
    """An SKP in one period, and whether the user rates it (`selectors.penilai_periode`). Who rates
    a past period may no longer see the SKP otherwise (no longer the atasan, not yet rated): the
    period is then in scope for them too; for anyone else an SKP out of scope stays 404."""
    skp = selectors.skp_visible_to(request.user).filter(pk=pk).first()
    terlihat = skp is not None
    if skp is None:
        skp = get_object_or_404(Skp.objects.select_related("pegawai", "penilai", "jabatan__unit"), pk=pk)
    jenis, ke = _periode(skp, periode)
    start, end = rules.periode_range(skp.tahun, jenis, ke)
    pegawai = getattr(request.user, "pegawai", None)
    menilai = False
    if pegawai is not None:
        penilai = selectors.penilai_periode(skp, start, end)
        menilai = penilai is not None and penilai.pk == pegawai.pk
    if not (terlihat or menilai):
        raise Http404
    return skp, jenis, ke, start, end, menilai


def periode(request, pk, periode):
    """One SKP in one period: the realisation, the evidence, the self assessment and, for the
    atasan who rates the period (not necessarily the stored penilai), the full evaluation form
    (per RHK and per BerAKHLAK aspect)."""
    skp, jenis, ke, start, end, penilai = _skp_periode(request, pk, periode)
    ev = evaluation.evaluasi(skp, start, end)
    nilai = Penilaian.objects.filter(skp=skp, jenis=jenis, ke=ke).prefetch_related("per_rhk").first()
    pegawai = getattr(request.user, "pegawai", None)
    pemilik = pegawai is not None and skp.pegawai_id == pegawai.pk
    nilai_form = mandiri_form = None
    if penilai:
        nilai_form = forms.NilaiForm(
            posted(request) if "nilai" in request.POST else None,
            user=request.user,
            rhk=[r.rhk for r in ev.rhk],
            initial=nilai_initial(nilai, ev),
        )
        if "nilai" in request.POST and submit(
            request, nilai_form, services_penilaian.penilaian_save, skp=skp, jenis=jenis, ke=ke
        ):
            messages.success(request, _("Penilaian %(n)s sudah disimpan.") % {"n": skp.pegawai.nama})
            return redirect("skp:periode", pk=skp.pk, periode=periode)
    if pemilik:
        initial = {"hasil_kerja_mandiri": nilai.hasil_kerja_mandiri, "refleksi": nilai.refleksi} if nilai else {}
        mandiri_form = forms.MandiriForm(
            posted(request) if "mandiri" in request.POST else None, user=request.user, initial=initial
        )
        if "mandiri" in request.POST and submit(
            request, mandiri_form, services_penilaian.penilaian_mandiri_save, skp=skp, jenis=jenis, ke=ke
        ):
            messages.success(request, _("Penilaian mandiri Anda sudah disimpan."))
            return redirect("skp:periode", pk=skp.pk, periode=periode)
    context = {
        "skp": skp,
        "ev": ev,
        "nilai": nilai,
        "periode": periode,
        "label": forms.periode_label(jenis, ke, skp.tahun),
        "nilai_form": nilai_form,
        "mandiri_form": mandiri_form,
        "pemilik": pemilik,
        "penilai": penilai,
        "data_dukung": skp.data_dukung.filter(jenis=jenis, ke=ke).select_related("rhk"),
        "terkunci": selectors.periode_terkunci(pemda_id=skp.pemda_id, tahun=skp.tahun, jenis=jenis, ke=ke),
    }
    if nilai is not None and nilai.predikat:
        from .services_keberatan import batas_ajukan_of

        context["keberatan"] = selectors.keberatan_visible_to(request.user).filter(penilaian=nilai).first()
        context["batas_keberatan"] = batas_ajukan_of(nilai)
        context["keberatan_terbuka"] = context["batas_keberatan"] >= timezone.localdate()
    return render(request, "skp/periode.html", context)


def nilai_initial(nilai: Penilaian | None, ev: evaluation.Evaluasi) -> dict:
    if nilai is None or not nilai.hasil_kerja:
        return {"hasil_kerja": ev.saran or ""}
    initial = {
        "hasil_kerja": nilai.hasil_kerja,
        "perilaku_kerja": nilai.perilaku_kerja,
        "alasan_beda_saran": nilai.alasan_beda_saran,
        "umpan_balik": nilai.umpan_balik,
    }
    for r in nilai.per_rhk.all():
        initial |= {f"rhk_{r.rhk_id}": r.rating, f"rhk_{r.rhk_id}_umpan": r.umpan_balik}
    return initial | {f"perilaku_{k}": v for k, v in nilai.umpan_balik_perilaku.items()}


# --- the PDFs -----------------------------------------------------------------------------------


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def pdf(request, pk):
    skp = _skp(request, pk)
    return _pdf_response(exports.skp_pdf(skp), f"SKP-{skp.tahun}-{skp.pegawai.nip}.pdf")


def periode_pdf(request, pk, periode):
    skp, jenis, ke, _start, _end, _menilai = _skp_periode(request, pk, periode)
    return _pdf_response(exports.penilaian_pdf(skp, jenis, ke), f"Evaluasi-{skp.tahun}-{periode}-{skp.pegawai.nip}.pdf")
