"""The dashboards (issue 18): an atasan's view of each bawahan's month, and a unit's month for admin
OPD (their OPD) and HR (the pemda), each table with its xlsx. Figures come from `activities.dasbor`
(which counts through `selectors.rekap_pegawai_bulan`); every page and export runs a fixed number of
queries however many people it covers.

The atasan's dashboard is its own page rather than a part of `rekap`: `rekap` is every pegawai's own
month (and a short table of bawahan), this one is the supervisor's daily look at who is behind,
with a calendar per person; one main task per page.
"""

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.permissions import admin_required, pegawai_halaman
from accounts.selectors import bawahan_of
from core import grafik
from core.dates import today
from core.months import month_bounds
from core.xlsx import tabel_unduh

from . import dasbor
from .choices import JenisKejanggalan
from .filters import RekapUnitFilter
from .forms_antrean import RekapForm
from .views_rekap import bulan_navigasi

PER_HALAMAN = 50  # people on one page of the atasan's calendar
ANTREAN_TAMPIL = 100  # approvers listed on the page (the xlsx has them all)
BULAN_TREN = 6

# --- the atasan ---------------------------------------------------------------------------------


def dasbor_bawahan(request):
    """My direct bawahan this month: who has not filled in today or on their last working day, a
    calendar of each one's days, and their validated minutes against the standard so far."""
    pegawai = pegawai_halaman(request)
    form = RekapForm(request.GET)
    tahun, bulan = form.tahun_bulan
    b = bulan_navigasi(tahun, bulan)
    hari_ini = today()
    bawahan = bawahan_of(pegawai, min(b["end"], hari_ini))
    semua = dasbor.bulan_bawahan(bawahan, tahun=tahun, bulan=bulan, hari_ini=hari_ini)
    kini = b["start"] <= hari_ini <= b["end"]
    belum_hari_ini, belum_kemarin = dasbor.belum_mengisi(semua, hari_ini) if kini else ([], [])
    page = Paginator(semua, PER_HALAMAN).get_page(request.GET.get("page"))
    hari = [date.fromordinal(o) for o in range(b["start"].toordinal(), b["end"].toordinal() + 1)]
    context = {
        "form": form,
        "bulan": b,
        "kini": kini,
        "hari_ini": hari_ini,
        "jumlah": len(semua),
        "page": page,
        "hari": [(d, date_format(d, "D")) for d in hari],
        "belum_hari_ini": belum_hari_ini,
        "belum_kemarin": belum_kemarin,
        "legenda": [(k, huruf, label) for k, (huruf, label) in dasbor.KEADAAN.items() if k != "nanti"],
    }
    return render(request, "activities/dasbor/bawahan.html", context)


# --- a unit's month ------------------------------------------------------------------------------


@dataclass
class DataUnit:
    saring: RekapUnitFilter
    tahun: int
    bulan: int
    bulan_info: dict
    hari_ini: date
    per_opd: bool

    @property
    def pegawai_qs(self):
        return self.saring.pegawai(self.bulan_info["start"], self.bulan_info["end"])

    def unit(self) -> list[dasbor.BarisUnit]:
        start, end = self.bulan_info["start"], self.bulan_info["end"]
        pegawai = list(self.pegawai_qs)
        rekap = dasbor.rekap_orang(pegawai, tahun=self.tahun, bulan=self.bulan, hari_ini=self.hari_ini)
        kelompok = dasbor.kelompok_unit(pegawai, per_opd=self.per_opd, on=min(end, self.hari_ini))
        kejanggalan = dasbor.kejanggalan_terbuka(self.pegawai_qs, start=start, end=end)
        return dasbor.baris_unit(pegawai, rekap, kelompok, kejanggalan)

    def antrean(self) -> list[dasbor.BarisAntrean]:
        return dasbor.antrean_penyetuju(self.pegawai_qs, hari_ini=self.hari_ini)

    def tren(self) -> list[dasbor.TitikTren]:
        bulan = []
        for tahun, b in dasbor.bulan_mundur(self.tahun, self.bulan, BULAN_TREN):
            start, end = month_bounds(tahun, b)
            bulan.append((tahun, b, list(self.saring.pegawai(start, end))))
        return dasbor.tren(bulan, hari_ini=self.hari_ini)


def _data_unit(request) -> DataUnit:
    saring = RekapUnitFilter(request.GET, user=request.user)
    hari_ini = today()
    tahun, bulan = saring.value("bulan") or (hari_ini.year, hari_ini.month)
    # HR sees the pemda per OPD; inside one OPD (an admin OPD, or a unit chosen) per unit
    per_opd = not request.user.is_admin_opd and saring.value("unit") is None
    return DataUnit(saring, tahun, bulan, bulan_navigasi(tahun, bulan), hari_ini, per_opd)


def _grafik_unit(rows: list[dasbor.BarisUnit]) -> str:
    return grafik.batang(
        [grafik.Nilai(r.nama, r.persen, grafik.persen_teks(r.persen)) for r in rows],
        judul=_("Persentase pegawai yang mencapai standar, per unit"),
        keterangan=_("Batang terpanjang 100%. Angka yang sama ada di tabel di bawahnya."),
        ident="grafik-unit",
    )


def _grafik_tren(titik: list[dasbor.TitikTren]) -> str:
    return grafik.kolom(
        [grafik.Nilai(date_format(t.tanggal, "M Y"), t.persen, grafik.persen_teks(t.persen)) for t in titik],
        judul=_("Persentase pegawai yang mencapai standar, %(n)d bulan terakhir") % {"n": len(titik)},
        keterangan=_("Satu kolom per bulan; kolom tertinggi 100%. Angka yang sama ada di tabel di bawahnya."),
        ident="grafik-tren",
    )


@admin_required
def dasbor_unit(request):
    """Per unit: people, the share at the standard, open anomaly flags; the queues per approver;
    the share at the standard over the last six months."""
    data = _data_unit(request)
    unit, tren = data.unit(), data.tren()
    antrean = data.antrean()
    context = {
        "saring": data.saring,
        "bulan": data.bulan_info,
        "hari_ini": data.hari_ini,
        "per_opd": data.per_opd,
        "unit": unit,
        "total": dasbor.BarisUnit(
            None,
            _("Semua"),
            sum(r.orang for r in unit),
            sum(r.di_standar for r in unit),
            {j: sum(r.kejanggalan.get(j, 0) for r in unit) for j in JenisKejanggalan.values},
        ),
        "jenis": list(JenisKejanggalan),
        "antrean": antrean[:ANTREAN_TAMPIL],
        "antrean_jumlah": len(antrean),
        "tren": tren,
        "grafik_unit": _grafik_unit(unit),
        "grafik_tren": _grafik_tren(tren),
        "query": request.GET.urlencode(),
    }
    return render(request, "activities/dasbor/unit.html", context)


# --- the xlsx of each table ------------------------------------------------------------------------


def _unit_xlsx(data: DataUnit):
    judul = [_("Unit kerja"), _("Pegawai"), _("Mencapai standar"), _("Persentase (%)"), _("Kejanggalan terbuka")]
    baris = ([r.nama, r.orang, r.di_standar, float(r.persen), r.kejanggalan_total] for r in data.unit())
    return judul, baris


def _kejanggalan_xlsx(data: DataUnit):
    judul = [_("Unit kerja"), *(label for _v, label in JenisKejanggalan.choices), _("Jumlah")]
    baris = (
        [r.nama, *(r.kejanggalan.get(j, 0) for j in JenisKejanggalan.values), r.kejanggalan_total] for r in data.unit()
    )
    return judul, baris


def _antrean_xlsx(data: DataUnit):
    judul = [_("Penyetuju"), _("NIP"), _("Menunggu verifikasi"), _("Menunggu validasi"), _("Menunggu sejak")]
    judul.append(_("Lama menunggu (hari)"))
    baris = (
        [
            r.penyetuju.nama_lengkap if r.penyetuju else _("(belum ada penyetuju)"),
            r.penyetuju.nip if r.penyetuju else "",
            r.verifikasi,
            r.validasi,
            r.sejak,
            r.lama,
        ]
        for r in data.antrean()
    )
    return judul, baris


def _tren_xlsx(data: DataUnit):
    judul = [_("Bulan"), _("Pegawai"), _("Mencapai standar"), _("Persentase (%)")]
    baris = ([date_format(t.tanggal, "F Y"), t.orang, t.di_standar, float(t.persen)] for t in data.tren())
    return judul, baris


EKSPOR = {
    "unit": (_unit_xlsx, gettext_lazy("Per unit")),
    "kejanggalan": (_kejanggalan_xlsx, gettext_lazy("Kejanggalan")),
    "antrean": (_antrean_xlsx, gettext_lazy("Antrean penyetuju")),
    "tren": (_tren_xlsx, gettext_lazy("Tren")),
}


@admin_required
def dasbor_unit_ekspor(request, tabel: str):
    """One table of the unit dashboard as xlsx: the same rows, the same filter (the approvers' list
    whole, where the page shows the first ANTREAN_TAMPIL)."""
    if tabel not in EKSPOR:
        raise Http404
    buat, sheet = EKSPOR[tabel]
    data = _data_unit(request)
    judul, baris = buat(data)
    return tabel_unduh(
        nama_file=f"dasbor-{tabel}-{data.bulan_info['nilai']}.xlsx", sheet=str(sheet), judul=judul, baris=baris
    )
