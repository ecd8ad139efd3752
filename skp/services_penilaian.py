"""The SKP evaluation writes: the pejabat penilai's rating of a period, the pegawai's optional self
assessment, and HR pemda's settings (the evaluation rhythm, an OPD's own predikat) (DESIGN.md §5).
Messages are Indonesian; tests assert them."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Pegawai, Pemda, UnitKerja, User
from accounts.permissions import check_hr_of
from accounts.selectors import pegawai_of
from core import audit

from . import evaluation, pemberitahuan, rules, selectors
from .choices import Periodik, Predikat, Rating, Status
from .models import (
    BimbinganKinerja,
    Keberatan,
    KoefisienAngkaKredit,
    PengaturanSkp,
    Penilaian,
    PenilaianRhk,
    PredikatOrganisasi,
    Rhk,
    Skp,
)
from .services import check_periode

# --- helpers ----------------------------------------------------------------------------------


def _require_penilai_periode(actor: User, skp: Skp, jenis: str, ke: int) -> Pegawai:
    """The evaluation of a period belongs to the atasan in force then (`selectors.penilai_periode`,
    PermenPANRB 6/2022), not to the stored penilai who approved the plan."""
    pegawai = pegawai_of(actor)
    start, end = rules.periode_range(skp.tahun, jenis, ke)
    penilai = selectors.penilai_periode(skp, start, end)
    if penilai is None or penilai.pk != pegawai.pk:
        raise PermissionDenied(_("Hanya atasan langsung pegawai ini pada periode tersebut yang dapat menilainya."))
    return pegawai


def _penilaian_for(skp: Skp, jenis: str, ke: int) -> Penilaian:
    obj, _created = Penilaian.objects.select_for_update().get_or_create(
        skp=skp, jenis=jenis, ke=ke, defaults={"pemda_id": skp.pemda_id}
    )
    return obj


def _catat(aksi: str, actor: User, obj, sebelum: dict, kolom, **kwargs) -> None:
    """One audit row of a rating or a setting: the fields of `kolom` that changed, before and after."""
    sesudah = audit.nilai(obj, kolom)
    lama, baru = audit.beda(sebelum, sesudah) if sebelum else ({}, sesudah)  # a new row: all its values
    audit.catat(aksi, obj, actor=actor, sebelum=lama, sesudah=baru, **kwargs)


def _tetapkan_predikat(p: Penilaian, skp: Skp, start, end) -> None:
    """The one place a rating's predikat (PermenPANRB 6/2022 matrix) and angka kredit (PerBKN 3/2023,
    for jabatan fungsional, the months of the period the SKP covers) are set from its two ratings."""
    p.predikat = rules.predikat(p.hasil_kerja, p.perilaku_kerja)
    p.angka_kredit = None
    if skp.jenjang:
        koefisien = KoefisienAngkaKredit.objects.filter(jenjang=skp.jenjang).values_list("koefisien", flat=True).first()
        window = rules.overlap((skp.mulai, skp.selesai), (start, end))
        if koefisien is not None and window:
            ak = rules.angka_kredit(p.predikat, koefisien, rules.bulan_antara(*window))
            p.angka_kredit = ak.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


_KOLOM_MANDIRI = ("hasil_kerja_mandiri", "refleksi")
_KOLOM_NILAI = (
    "penilai", "hasil_kerja_saran", "hasil_kerja", "perilaku_kerja", "alasan_beda_saran", "umpan_balik",
    "umpan_balik_perilaku", "predikat", "angka_kredit",
)  # fmt: skip


@transaction.atomic
def penilaian_mandiri_save(
    *, actor: User, skp: Skp, jenis: str, ke: int, hasil_kerja_mandiri: str = "", refleksi: str = ""
) -> Penilaian:
    """The optional self assessment of a period, before the atasan rates it."""
    if skp.pegawai_id != pegawai_of(actor).pk:
        raise PermissionDenied(_("Hanya pegawai pemilik SKP yang dapat mengisi penilaian mandiri."))
    check_periode(skp, jenis, ke)
    if selectors.periode_terkunci(pemda_id=skp.pemda_id, tahun=skp.tahun, jenis=jenis, ke=ke):
        raise ValidationError(_("Periode ini sudah ditutup."))
    if hasil_kerja_mandiri and hasil_kerja_mandiri not in Rating.values:
        raise ValidationError({"hasil_kerja_mandiri": _("Pilih salah satu penilaian.")})
    p = _penilaian_for(skp, jenis, ke)
    sebelum = audit.nilai(p, _KOLOM_MANDIRI)
    p.hasil_kerja_mandiri, p.refleksi = hasil_kerja_mandiri, (refleksi or "").strip()
    p.full_clean()
    p.save()
    _catat("penilaian:mandiri", actor, p, sebelum, _KOLOM_MANDIRI, pegawai_id=skp.pegawai_id)
    return p


@transaction.atomic
def penilaian_save(  # noqa: C901 - the rating form's cases; split with the workflow refactor of this file (issue 14)
    *,
    actor: User,
    skp: Skp,
    jenis: str,
    ke: int,
    hasil_kerja: str,
    perilaku_kerja: str,
    alasan_beda_saran: str = "",
    umpan_balik: str = "",
    per_rhk: dict[int, tuple[str, str]] | None = None,
    umpan_balik_perilaku: dict[str, str] | None = None,
    saran: str | None = None,
) -> Penilaian:
    """The pejabat penilai rates a period: hasil kerja (suggested from realisation; a different
    rating needs a reason), perilaku kerja on BerAKHLAK, the predikat from the PermenPANRB 6/2022
    matrix and, for jabatan fungsional, angka kredit (PerBKN 3/2023).

    The rater is the atasan langsung in force for the period (`selectors.penilai_periode`), who may
    differ from the stored `Skp.penilai` that approved the plan; `Penilaian.penilai` records who
    actually rated.

    `saran` may be passed by a caller that already computed it (the grid); otherwise it is computed.
    """
    penilai = _require_penilai_periode(actor, skp, jenis, ke)
    if skp.status != Status.DISETUJUI:
        raise ValidationError(_("SKP %(n)s belum disetujui; setujui SKP-nya dahulu.") % {"n": skp.pegawai.nama})
    start, end = check_periode(skp, jenis, ke)
    if selectors.periode_terkunci(pemda_id=skp.pemda_id, tahun=skp.tahun, jenis=jenis, ke=ke):
        raise ValidationError(_("Periode ini sudah ditutup; penilaiannya tidak dapat diubah."))
    errors = {}
    if hasil_kerja not in Rating.values:
        errors["hasil_kerja"] = _("Pilih penilaian hasil kerja.")
    if perilaku_kerja not in Rating.values:
        errors["perilaku_kerja"] = _("Pilih penilaian perilaku kerja.")
    if errors:
        raise ValidationError(errors)
    if saran is None:
        saran = evaluation.evaluasi(skp, start, end).saran or ""
    alasan = (alasan_beda_saran or "").strip()
    if saran and hasil_kerja != saran and not alasan:
        raise ValidationError(
            {
                "alasan_beda_saran": _(
                    "Saran dari realisasi adalah %(s)s. Tulis alasan bila Anda memberi penilaian lain."
                )
                % {"s": Rating(saran).label}
            }
        )
    _check_bimbingan(skp, rules.predikat(hasil_kerja, perilaku_kerja), start, end)
    p = _penilaian_for(skp, jenis, ke)
    if p.pk and Keberatan.objects.filter(penilaian=p).exists():
        raise ValidationError(
            _("Pegawai sudah mengajukan keberatan atas penilaian ini; penilaiannya kini diputus oleh atasan Anda.")
        )
    sebelum = audit.nilai(p, _KOLOM_NILAI)
    p.penilai = penilai
    p.hasil_kerja_saran = saran or ""
    p.hasil_kerja, p.perilaku_kerja = hasil_kerja, perilaku_kerja
    p.alasan_beda_saran = alasan if saran and hasil_kerja != saran else ""
    p.umpan_balik = (umpan_balik or "").strip()
    if umpan_balik_perilaku is not None:
        p.umpan_balik_perilaku = rules.ekspektasi_valid(umpan_balik_perilaku)
    _tetapkan_predikat(p, skp, start, end)
    p.dinilai_pada = timezone.now()
    p.full_clean()
    p.save()
    umpan_rhk: dict[int, tuple[str, str]] = {}  # RHK → its umpan balik (before, after), for the message
    if per_rhk:
        own = set(Rhk.objects.filter(skp=skp).values_list("pk", flat=True))
        lama_rhk = dict(PenilaianRhk.objects.filter(penilaian=p).values_list("rhk_id", "umpan_balik"))
        for rhk_id, (rating, umpan) in per_rhk.items():
            if rhk_id not in own or rating not in Rating.values:
                raise ValidationError(_("Penilaian per RHK tidak sah."))
            umpan = (umpan or "").strip()
            PenilaianRhk.objects.update_or_create(
                penilaian=p, rhk_id=rhk_id, defaults={"rating": rating, "umpan_balik": umpan}
            )
            umpan_rhk[rhk_id] = (lama_rhk.get(rhk_id, ""), umpan)
    _catat("penilaian:nilai", actor, p, sebelum, _KOLOM_NILAI, pegawai_id=skp.pegawai_id)
    pemberitahuan.umpan_balik_penilaian(p, actor, sebelum, umpan_rhk)
    return p


# --- performance coaching (bimbingan kinerja) ---------------------------------------------------

# A predikat below Baik is given only after the atasan coached the pegawai in that period
# (PermenPANRB 6/2022: the pejabat penilai coaches a pegawai whose performance falls short).
BIMBINGAN_WAJIB = "bimbingan_wajib"
PERLU_BIMBINGAN = frozenset({Predikat.BUTUH_PERBAIKAN, Predikat.KURANG, Predikat.SANGAT_KURANG})


def _check_bimbingan(skp: Skp, predikat: str, start, end) -> None:
    """A rating whose predikat is below Baik needs a coaching note dated within the period (the part
    of it the SKP covers; for the annual rating, anywhere in the SKP's dates)."""
    if predikat not in PERLU_BIMBINGAN:
        return
    window = rules.overlap((skp.mulai, skp.selesai), (start, end)) or (start, end)
    if not BimbinganKinerja.objects.filter(skp=skp, tanggal__range=window).exists():
        pesan = _(
            "Predikat %(p)s hanya dapat diberikan setelah ada catatan bimbingan kinerja untuk %(n)s pada "
            "periode ini. Catat bimbingan kinerja dahulu (menu Bimbingan kinerja pada SKP ini)."
        ) % {"p": Predikat(predikat).label, "n": skp.pegawai.nama}
        # a non-field error that keeps its code: the forms offer the link to the coaching form
        raise ValidationError({NON_FIELD_ERRORS: ValidationError(pesan, code=BIMBINGAN_WAJIB)})


def _require_pembimbing(actor: User, skp: Skp, tanggal) -> Pegawai:
    """The pejabat penilai on the coaching date (the atasan langsung then, derived), never oneself."""
    pegawai = pegawai_of(actor)
    penilai = selectors.penilai_periode(skp, tanggal, tanggal)
    if pegawai.pk == skp.pegawai_id or penilai is None or penilai.pk != pegawai.pk:
        raise PermissionDenied(_("Hanya pejabat penilai kinerja pegawai ini yang dapat mencatat bimbingan kinerja."))
    return pegawai


_KOLOM_BIMBINGAN = ("tanggal", "aspek", "temuan", "tindak_lanjut", "tenggat", "hasil_tindak_lanjut")


@transaction.atomic
def bimbingan_save(
    *, actor: User, skp: Skp, tanggal, aspek: str, temuan: str, tindak_lanjut: str, tenggat=None
) -> BimbinganKinerja:
    """The pejabat penilai records a coaching session and the follow-up agreed (PermenPANRB 6/2022
    annex, umpan balik pelaksanaan bimbingan kinerja): dated within the SKP and not in the future."""
    if not skp.mulai <= tanggal <= skp.selesai:
        raise ValidationError({"tanggal": _("Tanggal bimbingan harus di dalam masa SKP ini.")})
    if tanggal > timezone.localdate():
        raise ValidationError({"tanggal": _("Tanggal bimbingan tidak boleh di masa depan.")})
    pembimbing = _require_pembimbing(actor, skp, tanggal)
    if skp.status != Status.DISETUJUI:
        raise ValidationError(_("Bimbingan kinerja dicatat setelah SKP disetujui."))
    if tenggat is not None and tenggat < tanggal:
        raise ValidationError({"tenggat": _("Batas waktu tindak lanjut tidak boleh sebelum tanggal bimbingan.")})
    b = BimbinganKinerja(
        pemda_id=skp.pemda_id,
        skp=skp,
        pembimbing=pembimbing,
        tanggal=tanggal,
        aspek=(aspek or "").strip(),
        temuan=(temuan or "").strip(),
        tindak_lanjut=(tindak_lanjut or "").strip(),
        tenggat=tenggat,
    )
    b.full_clean()
    b.save()
    _catat("bimbingan:catat", actor, b, {}, _KOLOM_BIMBINGAN, pegawai_id=skp.pegawai_id)
    return b


@transaction.atomic
def bimbingan_hasil_save(*, actor: User, bimbingan: BimbinganKinerja, hasil_tindak_lanjut: str) -> BimbinganKinerja:
    """The pejabat penilai who coached records the result of the follow-up (PermenPANRB 6/2022 annex,
    evaluasi kompetensi / tindak lanjut)."""
    b = BimbinganKinerja.objects.select_for_update().select_related("skp").get(pk=bimbingan.pk)
    _require_pembimbing(actor, b.skp, b.tanggal)
    hasil = (hasil_tindak_lanjut or "").strip()
    if not hasil:
        raise ValidationError({"hasil_tindak_lanjut": _("Tulis hasil tindak lanjutnya.")})
    sebelum = audit.nilai(b, _KOLOM_BIMBINGAN)
    b.hasil_tindak_lanjut, b.hasil_dicatat_pada = hasil, timezone.now()
    b.full_clean()
    b.save()
    _catat("bimbingan:hasil", actor, b, sebelum, _KOLOM_BIMBINGAN, pegawai_id=b.skp.pegawai_id)
    return b


@transaction.atomic
def pengaturan_save(*, actor: User, pemda: Pemda, periodik: str) -> PengaturanSkp:
    """HR pemda sets the evaluation rhythm (SIASN periodik). Whether the monthly predikat feeds TPP is
    part of the effective-dated TPP rule set (tpp.AturanTpp.kinerja_dari_predikat), not set here."""
    check_hr_of(actor, pemda.pk, _("Hanya HR pemda yang dapat mengubah pengaturan SKP."))
    if periodik not in Periodik.values:
        raise ValidationError({"periodik": _("Pilih bulanan atau triwulan.")})
    lama = PengaturanSkp.objects.filter(pemda=pemda).first()
    obj, _created = PengaturanSkp.objects.update_or_create(pemda=pemda, defaults={"periodik": periodik})
    _catat("pengaturanskp:ubah", actor, obj, audit.nilai(lama, ["periodik"]) if lama else {}, ["periodik"])
    return obj


@transaction.atomic
def predikat_organisasi_set(*, actor: User, opd: UnitKerja, tahun: int, predikat: str) -> PredikatOrganisasi:
    """HR pemda sets an OPD's own predikat for a year; it selects the curve its people's predikat
    should follow (PermenPANRB 6/2022). One row per OPD and year: setting it again replaces it."""
    check_hr_of(actor, opd.pemda_id, _("Hanya HR pemda yang dapat menetapkan predikat organisasi."))
    if opd.parent_id is not None:
        raise ValidationError({"opd": _("Predikat organisasi hanya untuk OPD, bukan untuk unit di bawahnya.")})
    if predikat not in Predikat.values:
        raise ValidationError({"predikat": _("Pilih salah satu predikat organisasi.")})
    if isinstance(tahun, bool) or not isinstance(tahun, int) or not 2000 <= tahun <= timezone.localdate().year + 1:
        raise ValidationError({"tahun": _("Tahun tidak dikenal.")})
    lama = PredikatOrganisasi.objects.filter(opd=opd, tahun=tahun).first()
    obj, _created = PredikatOrganisasi.objects.update_or_create(
        opd=opd, tahun=tahun, defaults={"pemda_id": opd.pemda_id, "predikat": predikat}
    )
    kolom = ["tahun", "predikat"]
    _catat("predikatorganisasi:ubah", actor, obj, audit.nilai(lama, kolom) if lama else {}, kolom)
    return obj


def penilaian_keberatan_terapkan(*, actor: User, keberatan: Keberatan) -> Penilaian:
    """An objection decided as DIUBAH changes the rating: the atasan of the pejabat penilai's ratings,
    the predikat and angka kredit set in the one place (`_tetapkan_predikat`), on the audit trail.
    Pasal 59 ayat (4) PP 30/2019 makes the decision final, so it applies even to a period already
    closed (the closed TPP month is not rewritten: see tpp.keberatan). Called inside the decision's move."""
    p = Penilaian.objects.select_for_update(of=("self",)).select_related("skp").get(pk=keberatan.penilaian_id)
    start, end = rules.periode_range(p.skp.tahun, p.jenis, p.ke)
    sebelum = audit.nilai(p, _KOLOM_NILAI)
    p.hasil_kerja, p.perilaku_kerja = keberatan.hasil_kerja_baru, keberatan.perilaku_kerja_baru
    _tetapkan_predikat(p, p.skp, start, end)
    p.full_clean()
    p.save(update_fields=["hasil_kerja", "perilaku_kerja", "predikat", "angka_kredit"])
    _catat("penilaian:keberatan", actor, p, sebelum, _KOLOM_NILAI, pegawai_id=p.skp.pegawai_id, peran="PEMUTUS")
    return p
