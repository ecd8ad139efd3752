"""A pegawai's attendance month: each day as it counts and the counts per status and band.

One reader for "Presensi saya", the admin's "Presensi pegawai" and the beranda, so that they never
disagree. Reads only (the days come from `selectors.hari_efektif`, stored or computed now).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from accounts.models import Pegawai
from core.dates import today
from core.months import month_end, month_start

from . import selectors
from .choices import StatusHari
from .models import HariLibur
from .rules import hari_final


def ringkas(hari: Iterable[dict]) -> dict:
    """Days per status (every status, zero included) and times per TL/PSW band, from the day dicts of
    `bulan_presensi`. A "tanpa keterangan" that is not final yet (today before any punch, or a day
    whose machine file has not come) is counted apart as `sementara`: it may still become present."""
    status = {s: 0 for s in StatusHari.values}
    band = dict.fromkeys(selectors.BANDS, 0)
    sementara = 0
    for d in hari:
        h = d["h"]
        if h is None:
            continue
        if h.status == StatusHari.TANPA_KETERANGAN and not d["final"]:
            sementara += 1
            continue
        status[h.status] += 1
        for b in (h.band_tl, h.band_psw):
            if b:
                band[b] += 1
    return {
        "status": [(StatusHari(s).label, n) for s, n in status.items()],
        "band": list(band.items()),
        "tl_psw": sum(band.values()),
        "sementara": sementara,
        "hari": sum(status.values()) + sementara,  # days with a status (0 before any placement or day)
    }


@dataclass
class BulanPresensi:
    """The days of one pegawai's month, first to last: `{"tanggal", "h", "libur", "final"}` each,
    where `h` is the day as it counts (None before a placement or after today), `libur` a holiday's
    name and `final` whether the day can no longer change by itself (`rules.hari_final`)."""

    bulan: date  # the first day
    akhir: date  # the last day
    data_sampai: date | None = None  # the OPD's machine data received up to this day (None: never)
    hari: list[dict] = field(default_factory=list)

    @property
    def ringkas(self) -> dict:
        return ringkas(self.hari)


def bulan_presensi(pegawai: Pegawai, bulan: date) -> BulanPresensi:
    """The month that starts on `bulan` (any day of it is read as its first)."""
    bulan, akhir = month_start(bulan), month_end(bulan)
    days = selectors.hari_efektif(pegawai_ids=[pegawai.pk], start=bulan, end=akhir)
    libur = dict(
        HariLibur.objects.filter(pemda_id=pegawai.pemda_id, tanggal__range=(bulan, akhir)).values_list(
            "tanggal", "nama"
        )
    )
    sampai = selectors.data_absen_sampai([pegawai.opd_id]).get(pegawai.opd_id)
    hari_ini = today()
    hasil = BulanPresensi(bulan=bulan, akhir=akhir, data_sampai=sampai)
    for i in range(akhir.day):
        day = bulan + timedelta(days=i)
        h = days.get((pegawai.pk, day))
        final = h is not None and hari_final(
            day, hari_ini=hari_ini, status=h.status, manual=h.manual, data_sampai=sampai
        )
        hasil.hari.append({"tanggal": day, "h": h, "libur": libur.get(day), "final": final})
    return hasil
