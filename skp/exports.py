"""PDF of the SKP and of a period's evaluation, laid out like the PermenPANRB 6/2022 forms
(weasyprint; the HTML templates are under templates/skp/pdf/)."""

import hashlib
from datetime import date

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.selectors import approval_chain, penempatan_utama_of
from core.dates import format_tanggal

from . import evaluation, rules, selectors
from .choices import PREDIKAT_ORGANISASI, BerAKHLAK
from .forms import periode_label
from .models import Keberatan, Penilaian, Skp

# A rendered PDF is kept this long under the hash of its HTML: the same document asked for again
# (a second click, the atasan and the pegawai both printing it) costs the HTML, not weasyprint's
# ≈ 0.5 s of CPU. The print date is in the HTML, so a kept copy is at most a day old; any change to
# the SKP changes the HTML and so the key: a kept copy is never out of date.
PDF_SIMPAN_DETIK = 24 * 60 * 60


def _render(template: str, context: dict) -> bytes:
    html = render_to_string(template, context)
    kunci = "skp-pdf:" + hashlib.sha256(html.encode()).hexdigest()
    pdf = cache.get(kunci)
    if pdf is None:
        from weasyprint import HTML  # imported here: pango loads only when a PDF is made

        pdf = HTML(string=html).write_pdf()
        cache.set(kunci, pdf, PDF_SIMPAN_DETIK)
    return pdf


def _pihak(skp: Skp) -> dict:
    """The pegawai and the pejabat penilai with the jabatan and unit each held on the SKP's start."""
    penilai_pos = penempatan_utama_of(skp.penilai, skp.mulai) if skp.penilai_id else None
    return {
        "pegawai": skp.pegawai,
        "jabatan": skp.jabatan,
        "penilai": skp.penilai,
        "penilai_jabatan": penilai_pos.jabatan if penilai_pos else None,
    }


def _penilai_periode(skp: Skp, nilai: Penilaian | None, start, end) -> dict:
    """On the evaluation document the pejabat penilai is who rated the period (`Penilaian.penilai`,
    the atasan in force then), with the post they rated through (a Plt's acting post)."""
    if nilai is None or nilai.penilai_id is None or nilai.penilai_id == skp.penilai_id:
        return {}
    tanggal = selectors.tanggal_penilaian(skp, start, end)
    chain = approval_chain(skp.pegawai, tanggal, depth=1)
    if chain and chain[0].pegawai.pk == nilai.penilai_id:
        jabatan = chain[0].jabatan
    else:
        pos = penempatan_utama_of(nilai.penilai, tanggal)
        jabatan = pos.jabatan if pos else None
    return {"penilai": nilai.penilai, "penilai_jabatan": jabatan}


def skp_pdf(skp: Skp) -> bytes:
    """The SKP form: both parties, hasil kerja (RHK atasan, RHK, aspek, IKI, target), perilaku kerja
    with the ekspektasi khusus pimpinan, lampiran, and the signatures."""
    rhk = skp.rhk.select_related("induk").prefetch_related("indikator", "rencana_aksi")
    context = _pihak(skp) | {
        "skp": skp,
        "rhk": rhk,
        "perilaku": [(label, skp.ekspektasi_khusus.get(value, "")) for value, label in BerAKHLAK.choices],
        "tanggal": format_tanggal(timezone.localdate()),
        "periode": f"{format_tanggal(skp.mulai)} s.d. {format_tanggal(skp.selesai)}",
    }
    return _render("skp/pdf/skp.html", context)


def penilaian_pdf(skp: Skp, jenis: str, ke: int) -> bytes:
    """The evaluation document of one period: realisation per RHK, the ratings, the predikat."""
    start, end = rules.periode_range(skp.tahun, jenis, ke)
    ev = evaluation.evaluasi(skp, start, end)
    nilai = Penilaian.objects.filter(skp=skp, jenis=jenis, ke=ke).prefetch_related("per_rhk").first()
    per_rhk = {r.rhk_id: r for r in nilai.per_rhk.all()} if nilai else {}
    umpan = nilai.umpan_balik_perilaku if nilai else {}
    context = (
        _pihak(skp)
        | _penilai_periode(skp, nilai, start, end)
        | {
            "skp": skp,
            "ev": ev,
            "nilai": nilai,
            "keberatan": Keberatan.objects.filter(penilaian=nilai).first() if nilai else None,
            "baris": [(row, per_rhk.get(row.rhk.pk)) for row in ev.rhk],
            "perilaku": [
                (label, skp.ekspektasi_khusus.get(value, ""), umpan.get(value, ""))
                for value, label in BerAKHLAK.choices
            ],
            "label": periode_label(jenis, ke, skp.tahun),
            "periode": f"{format_tanggal(ev.start)} s.d. {format_tanggal(ev.end)}",
            "tanggal": format_tanggal(timezone.localdate()),
        }
    )
    return _render("skp/pdf/penilaian.html", context)


def bimbingan_pdf(skp: Skp) -> bytes:
    """The coaching record of one SKP in the two PermenPANRB 6/2022 annex formats: "umpan balik
    pelaksanaan bimbingan kinerja" (date, aspect, findings) and "evaluasi kompetensi / tindak lanjut"
    (agreed follow-up, deadline, result)."""
    catatan = list(skp.bimbingan.select_related("pembimbing"))
    context = _pihak(skp) | {
        "skp": skp,
        "catatan": catatan,
        "tanggal": format_tanggal(timezone.localdate()),
        "periode": f"{format_tanggal(skp.mulai)} s.d. {format_tanggal(skp.selesai)}",
    }
    return _render("skp/pdf/bimbingan.html", context)


def tahunan_pdf(t) -> bytes:
    """The annual evaluation document (PermenPANRB 6/2022, "Dokumen Evaluasi Kinerja Pegawai Periode
    Tahunan") of a `skp.tahunan.PenilaianTahunan`: every SKP period with its penilai and periodic
    predikat, the annual ratings, the predikat of the year and the angka kredit; signed by the
    pegawai and the last pejabat penilai."""
    akhir = t.akhir
    pihak = _pihak(akhir.skp) if akhir else {"pegawai": t.pegawai}
    if akhir and akhir.penilai is not None:
        tanggal = min(akhir.skp.selesai, rules.periode_range(t.tahun, "TAHUNAN", 1)[1])
        pos = penempatan_utama_of(akhir.penilai, tanggal)
        pihak |= {"penilai": akhir.penilai, "penilai_jabatan": pos.jabatan if pos else None}
    opd_id = t.pegawai.opd_id
    context = pihak | {
        "t": t,
        "predikat_organisasi": dict(PREDIKAT_ORGANISASI).get(
            selectors.predikat_organisasi(opd_id=opd_id, tahun=t.tahun) if opd_id else "", "—"
        ),
        "periode": f"{format_tanggal(date(t.tahun, 1, 1))} s.d. {format_tanggal(date(t.tahun, 12, 31))}",
        "tanggal": format_tanggal(timezone.localdate()),
    }
    return _render("skp/pdf/tahunan.html", context)
