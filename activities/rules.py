"""Pure rules of daily activities: windows, outages, overlap, minutes, capaian, transitions.

No database and no request here (DESIGN.md §6); services pass in the pemda's rule values.
"""

from collections.abc import Collection, Iterable
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from attendance.rules import tambah_hari_kerja

from .choices import Peran, Status

# DESIGN.md §3: the one transitions table of the activity workflow. (from, to): who may do it.
TRANSITIONS: dict[tuple[str, str], str] = {
    (Status.DRAFT, Status.SUBMITTED): Peran.OWNER,
    (Status.RETURNED, Status.SUBMITTED): Peran.OWNER,
    (Status.SUBMITTED, Status.VERIFIED): Peran.ATASAN,
    (Status.SUBMITTED, Status.RETURNED): Peran.ATASAN,
    (Status.VERIFIED, Status.SUBMITTED): Peran.ATASAN,  # the verifier takes a verification back
    (Status.VERIFIED, Status.VALIDATED): Peran.ATASAN_ATASAN,
    (Status.VERIFIED, Status.RETURNED): Peran.ATASAN_ATASAN,
    (Status.VALIDATED, Status.VERIFIED): Peran.ATASAN_ATASAN,  # the validator takes a validation back
    (Status.VALIDATED, Status.SUBMITTED): Peran.ATASAN,  # only a final verification at the top of the tree
}
# A return always says why, so the owner knows what to fix.
NOTE_REQUIRED = {Status.RETURNED}
# The owner may change or delete an entry only while it is theirs to work on.
EDITABLE = {Status.DRAFT, Status.RETURNED}


def peran_for(frm: str, to: str) -> str | None:
    """Who may move an entry from `frm` to `to`; None if the move does not exist."""
    return TRANSITIONS.get((frm, to))


def batas_input(
    tanggal: date,
    *,
    hari_kerja: int = 3,
    libur: Collection[date] = (),
    gangguan: Iterable[tuple[datetime, datetime]] = (),
) -> datetime:
    """The moment (local, naive) from which an entry for `tanggal` can no longer be made or resubmitted.

    The window runs from the day itself to the end of the `hari_kerja`-th working day after it (the
    Tomohon re-input window of 3 working days). Every recorded outage that overlaps the window
    extends it by the outage's whole length; an extension that reaches a later outage takes that one
    in too. Nobody loses pay because the server was down.
    """
    start = datetime.combine(tanggal, time.min)
    base = datetime.combine(tambah_hari_kerja(tanggal, hari_kerja, libur) + timedelta(days=1), time.min)
    outages = sorted((a, b) for a, b in gangguan if b > a)
    counted: set[int] = set()
    end = base
    changed = True
    while changed:
        changed = False
        for i, (a, b) in enumerate(outages):
            if i not in counted and a < end and b > start:
                counted.add(i)
                end += b - a
                changed = True
    return end


def masih_boleh_input(tanggal: date, sekarang: datetime, batas: datetime) -> bool:
    """An entry may be made from the day itself until the deadline; never for a future date."""
    return tanggal <= sekarang.date() and sekarang < batas


def bentrok(a: tuple[time, time], b: tuple[time, time]) -> bool:
    """Two time ranges of one person overlap (touching ends do not: 08.00–09.00 and 09.00–10.00)."""
    return a[0] < b[1] and b[0] < a[1]


def durasi_menit(mulai: time, selesai: time) -> int:
    return (selesai.hour * 60 + selesai.minute) - (mulai.hour * 60 + mulai.minute)


def menit_katalog(volume: int, menit_per_satuan: int) -> int:
    """Minutes of a catalog activity: volume × standard minutes per unit."""
    return volume * menit_per_satuan


def capaian(menit_valid: int, hari_kerja: int, menit_per_hari: int = 300, menit_pengurang: int = 0) -> Decimal:
    """Monthly activity achievement, DKI formula (RULES.md §1.5): min(validated, cap) / target.

    target = working days × minutes per day; cap = target − minutes lost to absence. 0..1.
    """
    target = hari_kerja * menit_per_hari
    if target <= 0:
        return Decimal(0)
    cap = max(target - max(menit_pengurang, 0), 0)
    return Decimal(min(max(menit_valid, 0), cap)) / Decimal(target)
