"""Pure rules of SKP (no database, no request): the predikat matrix, angka kredit, the SKP
transitions, periods, the suggested rating and the distribution curve (RULES.md §2, DESIGN.md §6)."""

from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.months import month_bounds
from core.workflow import Move, Transition

from .choices import BerAKHLAK, JenisPeriode, Peran, PeranKeberatan, Predikat, Rating, Status, StatusKeberatan

# PermenPANRB 6/2022 kuadran kinerja: (hasil kerja, perilaku kerja) → predikat. Not symmetric:
# work above expectation with behaviour below it is misconduct (KURANG), while behaviour above
# expectation cannot lift work below it past BUTUH_PERBAIKAN.
MATRIKS: dict[tuple[str, str], str] = {
    (Rating.DI_ATAS, Rating.DI_ATAS): Predikat.SANGAT_BAIK,
    (Rating.DI_ATAS, Rating.SESUAI): Predikat.BAIK,
    (Rating.DI_ATAS, Rating.DI_BAWAH): Predikat.KURANG,
    (Rating.SESUAI, Rating.DI_ATAS): Predikat.BAIK,
    (Rating.SESUAI, Rating.SESUAI): Predikat.BAIK,
    (Rating.SESUAI, Rating.DI_BAWAH): Predikat.KURANG,
    (Rating.DI_BAWAH, Rating.DI_ATAS): Predikat.BUTUH_PERBAIKAN,
    (Rating.DI_BAWAH, Rating.SESUAI): Predikat.BUTUH_PERBAIKAN,
    (Rating.DI_BAWAH, Rating.DI_BAWAH): Predikat.SANGAT_KURANG,
}

# PerBKN 3/2023: the predikat as a percentage of the yearly koefisien.
PERSEN_PREDIKAT: dict[str, Decimal] = {
    Predikat.SANGAT_BAIK: Decimal("1.50"),
    Predikat.BAIK: Decimal("1.00"),
    Predikat.BUTUH_PERBAIKAN: Decimal("0.75"),
    Predikat.KURANG: Decimal("0.50"),
    Predikat.SANGAT_KURANG: Decimal("0.25"),
}


def predikat(hasil_kerja: str, perilaku_kerja: str) -> str:
    """The predikat kinerja from the two ratings (PermenPANRB 6/2022, kuadran matrix)."""
    try:
        return str(MATRIKS[(Rating(hasil_kerja), Rating(perilaku_kerja))].value)
    except (ValueError, KeyError):
        raise ValidationError(
            _("Penilaian tidak dikenal: hasil kerja %(h)s, perilaku kerja %(p)s."),
            params={"h": hasil_kerja, "p": perilaku_kerja},
        ) from None


def angka_kredit(predikat: str, koefisien_tahunan: Decimal, bulan: int = 12) -> Decimal:
    """Angka kredit earned: (bulan / 12) × predikat % × yearly koefisien (PerBKN 3/2023), unrounded."""
    try:
        persen = PERSEN_PREDIKAT[Predikat(predikat)]
    except ValueError:
        raise ValidationError(_("Predikat tidak dikenal: %(p)s."), params={"p": predikat}) from None
    if isinstance(bulan, bool) or not isinstance(bulan, int) or not 1 <= bulan <= 12:
        raise ValidationError(_("Jumlah bulan harus 1 sampai 12."))
    try:
        koefisien = Decimal(koefisien_tahunan)
    except (ArithmeticError, TypeError, ValueError):
        raise ValidationError(_("Koefisien harus berupa angka.")) from None
    if not koefisien.is_finite() or koefisien < 0:
        raise ValidationError(_("Koefisien tidak boleh negatif."))
    # multiplied before the one division, so that whole results stay exact
    return Decimal(bulan) * persen * koefisien / Decimal(12)


# --- the SKP workflow (DESIGN.md §3) ------------------------------------------------------------

# Guards and effects read the database only through `m.ctx` (skp.services.KonteksSkp).


def _siap_diajukan(m: Move) -> None:
    """The penilai is derived again (the posting tree may have changed since the draft began), and
    every RHK must support one of the atasan's."""
    if m.ctx.penilai() is None:
        raise ValidationError(_("Belum ada pejabat penilai untuk jabatan Anda. Hubungi admin kepegawaian OPD Anda."))
    rhk = m.ctx.rhk()
    if not rhk:
        raise ValidationError(_("Tambahkan sedikitnya satu rencana hasil kerja sebelum mengajukan SKP."))
    if any(r.induk_id is None for r in rhk):
        raise ValidationError(
            _("Setiap rencana hasil kerja harus mendukung salah satu RHK atasan. Lengkapi pilihan RHK atasan.")
        )


def _tidak_terkunci(m: Move) -> None:
    m.ctx.check_not_locked()


def _cap_waktu(m: Move) -> None:
    m.fields["diubah"] = m.now
    m.note = m.note[:500]


def _ajukan(m: Move) -> None:
    penilai = m.ctx.penilai()
    m.obj.penilai = penilai
    m.fields |= {"penilai": penilai, "diajukan_pada": m.now, "catatan": ""}


def _setujui(m: Move) -> None:
    m.fields["disetujui_pada"] = m.now


def _kembalikan(m: Move) -> None:
    m.fields["catatan"] = m.note


_SUBMIT = {"action": "ajukan", "guards": (_siap_diajukan,), "effects": (_ajukan,)}
_RETURN = {"note_required": True, "action": "kembalikan", "effects": (_kembalikan,)}
TRANSITIONS: list[Transition] = [
    Transition(Status.DRAFT, Status.DIAJUKAN, Peran.PEGAWAI, **_SUBMIT),
    Transition(Status.DIKEMBALIKAN, Status.DIAJUKAN, Peran.PEGAWAI, **_SUBMIT),
    Transition(Status.DIAJUKAN, Status.DISETUJUI, Peran.PENILAI, action="setujui", effects=(_setujui,)),
    Transition(Status.DIAJUKAN, Status.DIKEMBALIKAN, Peran.PENILAI, **_RETURN),
    Transition(Status.DISETUJUI, Status.DIKEMBALIKAN, Peran.PENILAI, **_RETURN),  # reopened for a revision
]
GUARDS = (_tidak_terkunci,)
EFFECTS = (_cap_waktu,)
NOTE_MESSAGE = gettext_noop("Tulis catatan: apa yang perlu diperbaiki pada SKP ini.")
ROLE_MESSAGES = {
    Peran.PEGAWAI: gettext_noop("Hanya pegawai pemilik SKP yang dapat mengajukannya."),
    Peran.PENILAI: gettext_noop("Hanya pejabat penilai kinerja pegawai ini yang dapat melakukannya."),
}
NOT_IN_TABLE = gettext_noop("SKP berstatus %(s)s tidak dapat diubah menjadi %(t)s.")
STALE = gettext_noop("SKP ini baru saja diproses oleh orang lain. Muat ulang halaman untuk melihatnya.")
# The pegawai changes the plan only while it is theirs to work on.
EDITABLE = {Status.DRAFT, Status.DIKEMBALIKAN}


def peran_for(frm: str, to: str) -> str | None:
    """Who may move an SKP from `frm` to `to`; None if the move does not exist."""
    return next((t.role for t in TRANSITIONS if (t.frm, t.to) == (frm, to)), None)


# --- periods -------------------------------------------------------------------------------------


def periode_range(tahun: int, jenis: str, ke: int) -> tuple[date, date]:
    """The dates of month `ke`, quarter `ke` or (TAHUNAN, 1) the year."""
    if jenis == JenisPeriode.BULANAN and 1 <= ke <= 12:
        return month_bounds(tahun, ke)
    if jenis == JenisPeriode.TRIWULAN and 1 <= ke <= 4:
        last = ke * 3
        return month_bounds(tahun, last - 2)[0], month_bounds(tahun, last)[1]
    if jenis == JenisPeriode.TAHUNAN and ke == 1:
        return date(tahun, 1, 1), date(tahun, 12, 31)
    raise ValidationError(_("Periode penilaian tidak dikenal."))


def periode_of(jenis: str, on: date) -> int:
    """The number of the month or quarter a date falls in (1 for the year)."""
    if jenis == JenisPeriode.BULANAN:
        return on.month
    if jenis == JenisPeriode.TRIWULAN:
        return (on.month - 1) // 3 + 1
    return 1


def bulan_antara(mulai: date, selesai: date) -> int:
    """Whole calendar months touched by a date range (angka kredit counts months of the period)."""
    if selesai < mulai:
        return 0
    return (selesai.year - mulai.year) * 12 + selesai.month - mulai.month + 1


def overlap(a: tuple[date, date], b: tuple[date, date]) -> tuple[date, date] | None:
    start, end = max(a[0], b[0]), min(a[1], b[1])
    return (start, end) if start <= end else None


# --- the suggested rating -----------------------------------------------------------------------

# A design default, not from a regulation (PermenPANRB 6/2022 leaves the judgement to the
# atasan): at least 110% of the period's quantity target suggests "di atas", at least 90% "sesuai".
BATAS_DI_ATAS = Decimal("1.10")
BATAS_SESUAI = Decimal("0.90")


def capaian(realisasi: Decimal | int, target: Decimal | int) -> Decimal | None:
    """Realisation against target as a fraction; None without a positive target."""
    target = Decimal(target)
    if target <= 0:
        return None
    return Decimal(realisasi) / target


def saran_hasil_kerja(
    capaian: Decimal | None, batas_di_atas: Decimal = BATAS_DI_ATAS, batas_sesuai: Decimal = BATAS_SESUAI
) -> str | None:
    """The rating the realisation suggests; None when nothing is measurable (the atasan decides)."""
    if capaian is None:
        return None
    if capaian >= batas_di_atas:
        return Rating.DI_ATAS
    if capaian >= batas_sesuai:
        return Rating.SESUAI
    return Rating.DI_BAWAH


# --- the distribution curve ---------------------------------------------------------------------


def distribusi_peringatan(predikat_organisasi: str, jumlah: Mapping[str, int]) -> list[str]:  # noqa: C901 - one branch per PermenPANRB 6/2022 distribution rule; file under the workflow refactor
    """Where a unit's predikat counts break the PermenPANRB 6/2022 curve for the organisation's own
    predikat (RULES.md §2, as reported): one Indonesian sentence per broken bound."""
    total = sum(jumlah.values())
    if total == 0:
        return []

    def share(p: str) -> Decimal:
        return Decimal(jumlah.get(p, 0)) / Decimal(total)

    P = Predikat
    warnings: list[str] = []
    if predikat_organisasi == P.SANGAT_BAIK and share(P.SANGAT_BAIK) > Decimal("0.70"):
        warnings.append(_("Organisasi berpredikat Istimewa: paling banyak 70% pegawai berpredikat Sangat Baik."))
    elif predikat_organisasi == P.BAIK:
        if share(P.BAIK) > Decimal("0.70"):
            warnings.append(_("Organisasi berpredikat Baik: paling banyak 70% pegawai berpredikat Baik."))
        if not (jumlah.get(P.BUTUH_PERBAIKAN, 0) or jumlah.get(P.KURANG, 0) or jumlah.get(P.SANGAT_KURANG, 0)):
            warnings.append(
                _("Organisasi berpredikat Baik: sebagian pegawai semestinya berpredikat Butuh Perbaikan atau Kurang.")
            )
    elif predikat_organisasi == P.BUTUH_PERBAIKAN:
        if share(P.BUTUH_PERBAIKAN) < Decimal("0.60"):
            warnings.append(
                _("Organisasi berpredikat Butuh Perbaikan: sedikitnya 60% pegawai berpredikat Butuh Perbaikan.")
            )
        if share(P.SANGAT_BAIK) > Decimal("0.10"):
            warnings.append(
                _("Organisasi berpredikat Butuh Perbaikan: paling banyak 10% pegawai berpredikat Sangat Baik.")
            )
    elif predikat_organisasi == P.KURANG:
        if share(P.KURANG) < Decimal("0.60"):
            warnings.append(_("Organisasi berpredikat Kurang: sedikitnya 60% pegawai berpredikat Kurang."))
        if share(P.BUTUH_PERBAIKAN) < Decimal("0.10"):
            warnings.append(_("Organisasi berpredikat Kurang: sedikitnya 10% pegawai berpredikat Butuh Perbaikan."))
    elif predikat_organisasi == P.SANGAT_KURANG:
        if share(P.SANGAT_KURANG) < Decimal("0.60"):
            warnings.append(
                _("Organisasi berpredikat Sangat Kurang: sedikitnya 60% pegawai berpredikat Sangat Kurang.")
            )
        if jumlah.get(P.SANGAT_BAIK, 0):
            warnings.append(_("Organisasi berpredikat Sangat Kurang: tidak boleh ada pegawai berpredikat Sangat Baik."))
    return warnings


def ekspektasi_valid(data: Mapping[str, str]) -> dict[str, str]:
    """Ekspektasi khusus pimpinan per BerAKHLAK aspect: known aspects only, trimmed, empty dropped."""
    unknown = set(data) - set(BerAKHLAK.values)
    if unknown:
        raise ValidationError(_("Aspek perilaku tidak dikenal: %(a)s."), params={"a": ", ".join(sorted(unknown))})
    return {k: v.strip() for k, v in data.items() if (v or "").strip()}


# --- the objection to a rating (PP 30/2019 Pasal 59) ------------------------------------------------

# Pasal 59 ayat (1): the objection is filed "paling lama 14 (empat belas) hari" after the rating is
# received. The regulation says "hari", not "hari kerja": calendar days, the rating's own day not
# counted (the 14th day after it is the last).
KEBERATAN_HARI = 14
# Pasal 59 sets no deadline for the atasan's decision. A design default, in working days of the pemda
# (attendance's working-day rule with the pemda's holidays), as the issue asks: as long as the pegawai had.
KEBERATAN_PUTUS_HARI_KERJA = 14


def keberatan_batas_ajukan(dinilai: date) -> date:
    """The last day an objection to a rating given on `dinilai` may be filed (Pasal 59 ayat (1))."""
    return dinilai + timedelta(days=KEBERATAN_HARI)


def _dalam_batas(m: Move) -> None:
    m.ctx.check_penilaian()
    batas = m.obj.batas_ajukan
    if timezone.localtime(m.now).date() > batas:
        raise ValidationError(
            _("Batas pengajuan keberatan sudah lewat: hari terakhirnya %(d)s (14 hari sejak penilaian diberikan).")
            % {"d": batas.strftime("%d-%m-%Y")}
        )


def _ada_pemutus(m: Move) -> None:
    """The atasan of the pejabat penilai decides: never the pegawai nor the penilai himself."""
    pemutus = m.ctx.pemutus()
    if pemutus is None:
        raise ValidationError(
            _("Pejabat penilai Anda tidak mempunyai atasan di struktur jabatan. Hubungi admin kepegawaian OPD Anda.")
        )
    if pemutus.pk in (m.obj.pegawai_id, m.obj.penilai_id):
        raise ValidationError(
            _("Atasan pejabat penilai tidak boleh pegawai yang dinilai atau pejabat penilai itu sendiri. "
              "Hubungi admin kepegawaian OPD Anda.")
        )  # fmt: skip


def _ajukan_keberatan(m: Move) -> None:
    alasan = m.note
    m.fields |= {
        "alasan": alasan,
        "pemutus": m.ctx.pemutus(),
        "diajukan_pada": m.now,
        "batas_putus": m.ctx.batas_putus(),
    }
    m.note = alasan[:500]


def _rating_baru(m: Move) -> None:
    """A change names both new ratings; the predikat comes from the one matrix (`predikat`)."""
    hasil, perilaku = m.extra.get("hasil_kerja") or "", m.extra.get("perilaku_kerja") or ""
    errors = {}
    if hasil not in Rating.values:
        errors["hasil_kerja"] = _("Pilih penilaian hasil kerja yang baru.")
    if perilaku not in Rating.values:
        errors["perilaku_kerja"] = _("Pilih penilaian perilaku kerja yang baru.")
    if errors:
        raise ValidationError(errors)
    if (hasil, perilaku) == (m.obj.hasil_kerja_semula, m.obj.perilaku_kerja_semula):
        raise ValidationError(
            _("Penilaian baru sama dengan penilaian semula. Pilih \u201cPertahankan penilaian\u201d bila tidak diubah.")
        )
    m.fields |= {"hasil_kerja_baru": hasil, "perilaku_kerja_baru": perilaku, "predikat_baru": predikat(hasil, perilaku)}


def _putusan_keberatan(m: Move) -> None:
    if m.role == PeranKeberatan.PEMUTUS:
        m.fields |= {"keputusan": m.note, "diputus_oleh": m.actor, "diputus_pada": m.now}
        m.note = m.note[:500]


_SK, _PK = StatusKeberatan, PeranKeberatan
KEBERATAN_TRANSITIONS: list[Transition] = [
    Transition(
        "", _SK.DIAJUKAN, _PK.PEGAWAI, True, gettext_noop("Tulis alasan keberatan Anda."), action="ajukan",
        guards=(_dalam_batas, _ada_pemutus), effects=(_ajukan_keberatan,),
    ),
    Transition(
        _SK.DIAJUKAN, _SK.DIPERTAHANKAN, _PK.PEMUTUS, True,
        gettext_noop("Tulis alasan mempertahankan penilaian."), action="pertahankan",
    ),
    Transition(
        _SK.DIAJUKAN, _SK.DIUBAH, _PK.PEMUTUS, True,
        gettext_noop("Tulis alasan mengubah penilaian."), action="ubah", effects=(_rating_baru,),
    ),
]  # fmt: skip
KEBERATAN_EFFECTS = (_putusan_keberatan,)
KEBERATAN_NOTE = gettext_noop("Tulis alasannya.")
KEBERATAN_ROLE_MESSAGES = {
    _PK.PEGAWAI: gettext_noop("Hanya pegawai yang dinilai yang dapat mengajukan keberatan atas penilaiannya."),
    _PK.PEMUTUS: gettext_noop(
        "Keberatan diputus oleh atasan pejabat penilai kinerja, tidak oleh pegawai yang dinilai atau "
        "pejabat penilai itu sendiri."
    ),
}
KEBERATAN_STALE = gettext_noop("Keberatan ini baru saja diproses oleh orang lain. Muat ulang halaman untuk melihatnya.")


def keberatan_ditolak(frm: str, to: str) -> str:
    """The refusal of a move not in the table: a decided objection is final (Pasal 59 ayat (4))."""
    if frm in (_SK.DIPERTAHANKAN, _SK.DIUBAH):
        return _("Keberatan ini sudah diputus; keputusan atasan pejabat penilai bersifat final.")
    if frm == _SK.DIAJUKAN and to == _SK.DIAJUKAN:
        return _("Keberatan atas penilaian ini sudah diajukan.")
    return _("Keberatan tidak dapat diubah ke status itu.")
