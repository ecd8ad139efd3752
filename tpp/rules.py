"""Pure TPP and uang makan rules (DESIGN.md §6 contract): no database, no request.

Regional variants come in as parameters; their defaults are the national defaults of RULES.md §7.
Money is `int` rupiah, rounded half up only at the final amount; fractions and percentages are
`Decimal`. Invalid input raises `ValidationError` with a message a clerk can act on.
"""

from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from activities.rules import capaian
from ekinerja.lib.money import round_rupiah

# --- uang makan (RULES.md §4) ------------------------------------------------------------------

# SBM PMK 49/2023, 39/2024, 32/2025: rupiah per day of presence by golongan group.
TARIF_UANG_MAKAN: Mapping[str, int] = {"I": 35_000, "II": 35_000, "III": 37_000, "IV": 41_000}
# PP 80/2010 Pasal 4: PPh 21 final on honorarium/imbalan from APBN/APBD, percent of gross.
PPH_UANG_MAKAN: Mapping[str, Decimal] = {"I": Decimal(0), "II": Decimal(0), "III": Decimal(5), "IV": Decimal(15)}
# PMK 22/PMK.05/2007: paid for at most 22 days a month.
MAKS_HARI_UANG_MAKAN = 22
# RULES.md §7: an eligible day is one present on a working day (on time or late/early leave).
STATUS_UANG_MAKAN = frozenset({"HADIR", "TERLAMBAT"})


def hari_uang_makan(statuses: Iterable[str], max_hari: int = MAKS_HARI_UANG_MAKAN) -> int:
    """Days that earn uang makan: HADIR or TERLAMBAT, at most `max_hari` (PMK 22/PMK.05/2007).

    Cuti, sakit, izin, dinas luar, tugas belajar, tanpa keterangan and libur earn nothing.
    The caller passes the statuses of working days only.
    """
    if max_hari < 0:
        raise ValidationError(_("Batas hari uang makan tidak boleh negatif."), code="invalid_max_hari")
    return min(sum(1 for s in statuses if s in STATUS_UANG_MAKAN), max_hari)


def kelompok_golongan(golongan: str) -> str:
    """`III/a` → `III`; `III` → `III`; PPPK `IX` → `IX` (the part before the slash, upper case)."""
    return (golongan or "").split("/", 1)[0].strip().upper()


def _lookup(table: Mapping, golongan: str, what: str):
    """An exact key first (a pemda may price `III/a` or a PPPK golongan), then the group."""
    for key in (golongan.strip(), kelompok_golongan(golongan)):
        if key and key in table:
            return table[key]
    raise ValidationError(
        _(
            "%(what)s uang makan untuk golongan %(gol)s belum diatur. Golongan PPPK (I–XVII) tidak "
            "mempunyai tarif bawaan: pemda perlu mengatur tarifnya pada aturan presensi."
        )
        % {"what": what, "gol": golongan or "—"},
        code="golongan_tanpa_tarif",
    )


def tarif_harian(golongan: str, tarif: Mapping[str, int] | None = None) -> int:
    """The daily uang makan rate of a golongan (exact key, else its group); ValidationError when unset."""
    return int(_lookup(TARIF_UANG_MAKAN if tarif is None else tarif, golongan, _("Tarif")))


def uang_makan(
    golongan: str,
    hari: int,
    tarif: Mapping[str, int] | None = None,
    pph: Mapping[str, Decimal] | None = None,
) -> tuple[int, int, int]:
    """(bruto, PPh, neto) of a month's uang makan: days × rate by golongan (PMK 32/2025 SBM);
    PPh 21 final 0/5/15% of gross (PP 80/2010 Pasal 4), rounded half up; neto = bruto − PPh.

    `golongan` is `III/a` or `III`; a key absent from the tables (a PPPK golongan with the PNS
    defaults) is a data error: ValidationError.
    """
    if not golongan or not golongan.strip():
        raise ValidationError(_("Golongan pegawai belum diisi."), code="golongan_kosong")
    if hari < 0:
        raise ValidationError(_("Jumlah hari uang makan tidak boleh negatif."), code="hari_negatif")
    rate = tarif_harian(golongan, tarif)
    persen = Decimal(str(_lookup(PPH_UANG_MAKAN if pph is None else pph, golongan, _("Tarif PPh"))))
    if rate < 0 or not Decimal(0) <= persen <= Decimal(100):
        raise ValidationError(_("Tarif uang makan atau persen PPh tidak sah."), code="tarif_tidak_sah")
    bruto = rate * hari
    potongan = round_rupiah(Decimal(bruto) * persen / Decimal(100))
    return bruto, potongan, bruto - potongan


# --- TPP (RULES.md §1, §7) ---------------------------------------------------------------------


def capaian_aktivitas(
    hari_kerja: int, menit_valid: int, menit_pengurang: int = 0, menit_per_hari: int = 300
) -> Decimal:
    """Monthly activity achievement, DKI model (Pergub DKI 19/2020; RULES.md §1.5), 0..1:
    min(validated minutes, target − minutes lost to absence) / (working days × minutes a day)."""
    if hari_kerja < 0 or menit_valid < 0 or menit_pengurang < 0 or menit_per_hari <= 0:
        raise ValidationError(_("Hari kerja dan menit tidak boleh negatif."), code="invalid")
    return min(capaian(menit_valid, hari_kerja, menit_per_hari, menit_pengurang), Decimal(1))


# % of the discipline part per event (Kab. Tulang Bawang bands; RULES.md §7 defaults).
POTONGAN_DISIPLIN: Mapping[str, Decimal] = {
    "TL1": Decimal("0.5"),
    "TL2": Decimal("1"),
    "TL3": Decimal("1.25"),
    "TL4": Decimal("1.5"),
    "PSW1": Decimal("0.5"),
    "PSW2": Decimal("1"),
    "PSW3": Decimal("1.25"),
    "PSW4": Decimal("1.5"),
    "TIDAK_APEL": Decimal("2"),
    "TIDAK_UPACARA": Decimal("2"),
    # a design default (= TL4 + PSW4), not found in a source: RULES.md §7
    "TANPA_KETERANGAN": Decimal("3"),
}


def potongan_disiplin(events: Iterable[str], tabel: Mapping[str, Decimal] | None = None) -> Decimal:
    """Σ percent cut of the discipline part for a month's events, capped at 100 (RULES.md §1.6, §7)."""
    tabel = POTONGAN_DISIPLIN if tabel is None else tabel
    total = Decimal(0)
    for event in events:
        if event not in tabel:
            raise ValidationError(
                _("Jenis pelanggaran %(e)s tidak ada di tabel potongan disiplin.") % {"e": event}, code="unknown_event"
            )
        total += Decimal(str(tabel[event]))
    return min(total, Decimal(100))


def tpp_bruto(
    besaran: int,
    capaian_kinerja: Decimal,
    potongan_disiplin_pct: Decimal,
    bobot_kinerja: Decimal = Decimal("0.6"),
    bobot_disiplin: Decimal = Decimal("0.4"),
) -> int:
    """TPP before deductions (RULES.md §7): besaran × bobot kinerja × capaian
    + besaran × bobot disiplin × (100% − cuts); the two parts are computed separately (Kepahiang)."""
    capaian_kinerja, pct = Decimal(str(capaian_kinerja)), Decimal(str(potongan_disiplin_pct))
    bk, bd = Decimal(str(bobot_kinerja)), Decimal(str(bobot_disiplin))
    if besaran < 0:
        raise ValidationError(_("Besaran TPP tidak boleh negatif."), code="invalid")
    if not Decimal(0) <= capaian_kinerja <= Decimal(1):
        raise ValidationError(_("Capaian kinerja harus antara 0 dan 1."), code="invalid")
    if not Decimal(0) <= pct <= Decimal(100):
        raise ValidationError(_("Potongan disiplin harus antara 0 dan 100 persen."), code="invalid")
    if bk < 0 or bd < 0 or bk + bd > 1:
        raise ValidationError(
            _("Bobot kinerja dan disiplin harus positif dan berjumlah paling banyak 1."), code="invalid"
        )
    kinerja = Decimal(besaran) * bk * capaian_kinerja
    disiplin = Decimal(besaran) * bd * (Decimal(100) - pct) / Decimal(100)
    return round_rupiah(kinerja + disiplin)


def iuran_bpjs(
    gaji_dasar: int,
    tpp: int,
    batas: int = 12_000_000,
    persen_pegawai: Decimal = 1,
    persen_pemda: Decimal = 4,
) -> tuple[int, int]:
    """(employee, pemda) JKN contribution on the TPP part of the base (SE Mendagri 900/471/SJ,
    Perpres 75/2019): the base gaji + TPP is capped at `batas`; the gaji part is paid with the salary."""
    if gaji_dasar < 0 or tpp < 0 or batas < 0:
        raise ValidationError(_("Gaji, TPP dan batas iuran tidak boleh negatif."), code="invalid")
    pp, pd = Decimal(str(persen_pegawai)), Decimal(str(persen_pemda))
    if pp < 0 or pd < 0:
        raise ValidationError(_("Persen iuran tidak boleh negatif."), code="invalid")
    dasar_tpp = max(min(gaji_dasar + tpp, batas) - gaji_dasar, 0)
    return round_rupiah(Decimal(dasar_tpp) * pp / 100), round_rupiah(Decimal(dasar_tpp) * pd / 100)


# Kepmendagri 900-4700/2020 "Basic TPP Utama" per kelas jabatan (RULES.md §1.2); the copy stops at 15.
BASIC_TPP: Mapping[int, Mapping[int, int]] = {
    2023: {
        1: 894_961, 2: 1_131_487, 3: 1_368_012, 4: 1_655_678, 5: 2_793_557, 6: 3_349_711, 7: 3_854_725,
        8: 4_371_943, 9: 5_439_503, 10: 6_253_104, 11: 7_188_745, 12: 9_298_296, 13: 11_628_681,
        14: 12_956_594, 15: 17_019_369,
    },
    2022: {
        1: 716_562, 2: 905_939, 3: 1_095_316, 4: 1_325_640, 5: 2_236_697, 6: 2_681_989, 7: 3_086_335,
        8: 3_500_452, 9: 4_355_208, 10: 5_006_628, 11: 5_755_761, 12: 7_444_800, 13: 9_310_653,
        14: 10_373_864, 15: 13_626_776,
    },
}  # fmt: skip


def basic_tpp(kelas: int, tahun_anggaran: int) -> int:
    """Basic TPP of a kelas jabatan in a budget year (Kepmendagri 900-4700/2020); LookupError when absent."""
    try:
        return BASIC_TPP[tahun_anggaran][kelas]
    except KeyError:
        raise LookupError(f"basic TPP kelas {kelas} TA {tahun_anggaran} is not in the reference table") from None
