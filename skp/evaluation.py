"""SKP realisation from validated daily activities, and the hasil-kerja rating it suggests.

This module is the one place SKP reads activities (through `activities.selectors`), so that
activities → skp.selectors and skp.evaluation → activities never import each other in a circle
(DESIGN.md §2).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from activities.selectors import aktivitas_valid_rhk

from . import rules
from .choices import Aspek
from .models import Rhk, Skp


@dataclass
class Realisasi:
    """What validated activities linked to one RHK delivered in a period."""

    jumlah: int = 0  # activities
    volume: int = 0  # output units (an activity without a catalog volume counts as 1)
    menit: int = 0
    bukti: list[tuple[int, str]] = field(default_factory=list)  # (aktivitas pk, link or "")


@dataclass
class RhkCapaian:
    rhk: Rhk
    realisasi: Realisasi
    target: Decimal | None  # the quantity target pro rata for the period
    satuan: str
    capaian: Decimal | None

    @property
    def persen(self) -> Decimal | None:
        return None if self.capaian is None else (self.capaian * 100).quantize(Decimal("1"))


@dataclass
class Evaluasi:
    skp: Skp
    start: date
    end: date
    rhk: list[RhkCapaian]

    @property
    def capaian(self) -> Decimal | None:
        values = [r.capaian for r in self.rhk if r.capaian is not None]
        return sum(values, Decimal(0)) / len(values) if values else None

    @property
    def persen(self) -> Decimal | None:
        return None if self.capaian is None else (self.capaian * 100).quantize(Decimal("1"))

    @property
    def saran(self) -> str | None:
        return rules.saran_hasil_kerja(self.capaian)

    @property
    def jumlah(self) -> int:
        return sum(r.realisasi.jumlah for r in self.rhk)

    @property
    def menit(self) -> int:
        return sum(r.realisasi.menit for r in self.rhk)


def realisasi(rhk_ids: list[int], start: date, end: date) -> dict[int, Realisasi]:
    """Per RHK: count, volume, minutes and evidence of VALIDATED activities only (one query)."""
    result: dict[int, Realisasi] = defaultdict(Realisasi)
    rows = aktivitas_valid_rhk(rhk_ids=rhk_ids, start=start, end=end).values_list(
        "pk", "rhk_id", "volume", "menit", "bukti_link", "bukti_file"
    )
    for pk, rhk_id, volume, menit, link, berkas in rows.order_by("tanggal", "jam_mulai"):
        r = result[rhk_id]
        r.jumlah += 1
        r.volume += volume or 1
        r.menit += menit
        if link or berkas:
            r.bukti.append((pk, link))
    return result


def evaluasi_banyak(skps: list[Skp], start: date, end: date) -> dict[int, Evaluasi]:
    """The evaluation figures of many SKP for one period in a fixed number of queries: the RHK
    with their indicators (prefetched by the caller or here), then one query for the activities."""
    rhk_by_skp: dict[int, list[Rhk]] = defaultdict(list)
    for rhk in Rhk.objects.filter(skp__in=[s.pk for s in skps]).prefetch_related("indikator").order_by("urutan", "pk"):
        rhk_by_skp[rhk.skp_id].append(rhk)
    windows = {s.pk: rules.overlap((s.mulai, s.selesai), (start, end)) for s in skps}
    ids = [r.pk for s in skps if windows[s.pk] for r in rhk_by_skp[s.pk]]
    done = realisasi(ids, start, end) if ids else {}
    result = {}
    for s in skps:
        window = windows[s.pk]
        months_skp = rules.bulan_antara(s.mulai, s.selesai)
        months = rules.bulan_antara(*window) if window else 0
        rows = []
        for rhk in rhk_by_skp[s.pk]:
            real = done.get(rhk.pk, Realisasi()) if window else Realisasi()
            kuantitas = next((i for i in rhk.indikator.all() if i.aspek == Aspek.KUANTITAS and i.target), None)
            target = None
            if kuantitas is not None and months_skp:
                target = kuantitas.target * Decimal(months) / Decimal(months_skp)
            cap = rules.capaian(real.volume, target) if target is not None else None
            rows.append(RhkCapaian(rhk, real, target, kuantitas.satuan if kuantitas else "", cap))
        result[s.pk] = Evaluasi(s, *(window or (start, end)), rows)
    return result


def evaluasi(skp: Skp, start: date, end: date) -> Evaluasi:
    return evaluasi_banyak([skp], start, end)[skp.pk]
