"""Pure uang makan rules (RULES.md §4; DESIGN.md §6 contract): no database, no request.

The pemda's own rates and PPh come in as parameters; their defaults are the national ones. Money is
`int` rupiah, rounded half up only at the final amount. Invalid input raises `ValidationError` with
a message a clerk can act on. The TPP rules are `tpp.rules`.
"""

from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.money import round_rupiah

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


def lookup_golongan(table: Mapping, golongan: str, what: str):
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
    return int(lookup_golongan(TARIF_UANG_MAKAN if tarif is None else tarif, golongan, _("Tarif")))


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
    persen = Decimal(str(lookup_golongan(PPH_UANG_MAKAN if pph is None else pph, golongan, _("Tarif PPh"))))
    if rate < 0 or not Decimal(0) <= persen <= Decimal(100):
        raise ValidationError(_("Tarif uang makan atau persen PPh tidak sah."), code="tarif_tidak_sah")
    bruto = rate * hari
    potongan = round_rupiah(Decimal(bruto) * persen / Decimal(100))
    return bruto, potongan, bruto - potongan
