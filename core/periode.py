"""A recap period (issue 16): a month, a quarter (triwulan), a semester or a year, as HR files them.

Read from the query string as `?tahun=2026&periode=triwulan-1` (an unreadable value falls back to
the month of today, never an error); `?bulan=YYYY-MM` (the older month links) is a month.
"""

import calendar
from dataclasses import dataclass
from datetime import date

from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .months import month_from_param

JENIS = {"bulan": 12, "triwulan": 4, "semester": 2, "tahun": 1}  # kind → how many in a year
PANJANG = {"bulan": 1, "triwulan": 3, "semester": 6, "tahun": 12}  # kind → months
ROMAWI = ("I", "II", "III", "IV")
TAHUN_PERTAMA = 2020


@dataclass(frozen=True)
class Periode:
    tahun: int
    jenis: str = "bulan"
    ke: int = 1

    @property
    def bulan(self) -> list[int]:
        """The months of the period, 1–12."""
        n = PANJANG[self.jenis]
        return list(range((self.ke - 1) * n + 1, self.ke * n + 1))

    @property
    def awal(self) -> date:
        return date(self.tahun, self.bulan[0], 1)

    @property
    def akhir(self) -> date:
        last = self.bulan[-1]
        return date(self.tahun, last, calendar.monthrange(self.tahun, last)[1])

    @property
    def nilai(self) -> str:
        """The `periode` parameter: `bulan-3`, `triwulan-1`, `semester-2`, `tahun`."""
        return "tahun" if self.jenis == "tahun" else f"{self.jenis}-{self.ke}"

    @property
    def label(self) -> str:
        """In plain Indonesian: "Maret 2026", "Triwulan I 2026 (Januari–Maret)", "Tahun 2026"."""
        return _label(self.jenis, self.ke, self.tahun)

    @property
    def slug(self) -> str:
        """For a file name: `2026-03`, `2026-tw1`, `2026-s2`, `2026`."""
        kode = {"bulan": f"{self.ke:02d}", "triwulan": f"tw{self.ke}", "semester": f"s{self.ke}", "tahun": ""}
        return f"{self.tahun}-{kode[self.jenis]}".rstrip("-")


def _label(jenis: str, ke: int, tahun: int | None = None) -> str:
    t = f" {tahun}" if tahun else ""
    if jenis == "bulan":
        return f"{MONTHS[ke]}{t}"
    if jenis == "tahun":
        return _("Tahun %(t)s") % {"t": tahun} if tahun else str(_("Setahun penuh"))
    n = PANJANG[jenis]
    rentang = f"{MONTHS[(ke - 1) * n + 1]}–{MONTHS[ke * n]}"
    if jenis == "triwulan":
        return _("Triwulan %(r)s%(t)s (%(b)s)") % {"r": ROMAWI[ke - 1], "t": t, "b": rentang}
    return _("Semester %(r)s%(t)s (%(b)s)") % {"r": ROMAWI[ke - 1], "t": t, "b": rentang}


def periode_dari(params, *, today: date) -> Periode:
    """The period of a query string; this month when missing or unreadable; never a year after today's."""
    if "periode" not in params and params.get("bulan"):
        b = month_from_param(params.get("bulan"), today=today)
        return Periode(b.year, "bulan", b.month)
    raw_tahun, raw = str(params.get("tahun", "")), str(params.get("periode", ""))
    tahun = int(raw_tahun) if raw_tahun.isdigit() and TAHUN_PERTAMA <= int(raw_tahun) <= today.year else today.year
    jenis, _sep, ke = raw.partition("-")
    if jenis == "tahun" and not ke:
        return Periode(tahun, "tahun", 1)
    if jenis in JENIS and ke.isdigit() and 1 <= int(ke) <= JENIS[jenis]:
        return Periode(tahun, jenis, int(ke))
    return Periode(tahun, "bulan", today.month if tahun == today.year else 1)


KELOMPOK = (
    ("bulan", gettext_lazy("Bulan")),
    ("triwulan", gettext_lazy("Triwulan")),
    ("semester", gettext_lazy("Semester")),
    ("tahun", gettext_lazy("Tahun")),
)


def pilihan_periode() -> list[tuple[str, list[tuple[str, str]]]]:
    """The choices of the period select, grouped by kind: (group, [(value, label)])."""
    return [
        (str(judul), [(Periode(2000, jenis, ke).nilai, _label(jenis, ke)) for ke in range(1, JENIS[jenis] + 1)])
        for jenis, judul in KELOMPOK
    ]


def tahun_pilihan(today: date) -> range:
    return range(today.year, TAHUN_PERTAMA - 1, -1)
