"""TPP recaps for finance, the figures: the month per OPD or for the whole pemda, and the quarter
(issue 6).

The figures are the stored BarisTpp rows, so a recap always equals what the month's page and
"Rincian TPP saya" show. Rows are read with one query each (values, server-side cursor in chunks):
10,000 employees cost the same number of queries as 10. The jobs that recalculate a month, write
the xlsx and start on a schedule are in `tpp.recap`.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext as _

from accounts.models import Pegawai, Pemda, UnitKerja
from core.dates import BULAN

from .choices import StatusPeriode
from .models import BarisTpp, PeriodeTpp

CHUNK = 2000  # rows fetched per round trip of the server-side cursor
UANG = ("besaran", "kinerja", "disiplin", "bruto", "hukdis", "bpjs", "bpjs_pemda", "pph", "neto")
TL = ("TL1", "TL2", "TL3", "TL4")
PSW = ("PSW1", "PSW2", "PSW3", "PSW4")

# --- the figures -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Orang:
    """Who a row is about, as finance lists them."""

    pegawai_id: int
    nip: str
    nama: str
    golongan: str
    jabatan: str
    kelas: int | None
    opd_id: int | None


@dataclass(frozen=True, slots=True)
class AngkaBulan:
    """One employee's TPP figures of a month (money in whole rupiah; capaian a fraction 0..1)."""

    besaran: int
    capaian: Decimal
    kinerja: int
    disiplin: int
    bruto: int
    hukdis: int
    bpjs: int
    bpjs_pemda: int
    pph: int
    neto: int
    keterangan: str


@dataclass(frozen=True, slots=True)
class BarisRekap(AngkaBulan):
    """One employee's TPP of the month."""

    orang: Orang


@dataclass(slots=True)
class Jumlah:
    """Totals of a list of rows."""

    pegawai: int = 0
    besaran: int = 0
    kinerja: int = 0
    disiplin: int = 0
    bruto: int = 0
    hukdis: int = 0
    bpjs: int = 0
    bpjs_pemda: int = 0
    pph: int = 0
    neto: int = 0

    def tambah(self, b) -> None:
        self.pegawai += 1
        for name in UANG:
            setattr(self, name, getattr(self, name) + getattr(b, name))

    def as_result(self) -> dict:
        return {"pegawai": self.pegawai, "bruto": self.bruto, "neto": self.neto, "bpjs": self.bpjs, "pph": self.pph}


@dataclass(frozen=True)
class Opd:
    pk: int | None
    nama: str
    singkatan: str = ""


TANPA_OPD = Opd(None, "Tanpa OPD")


@dataclass
class RekapOpd:
    opd: Opd
    baris: list[BarisRekap] = field(default_factory=list)
    jumlah: Jumlah = field(default_factory=Jumlah)


@dataclass
class RekapBulanan:
    """A month's recap: per OPD (one entry when asked for one OPD), in the order finance lists them."""

    pemda: Pemda
    periode: PeriodeTpp
    opd: list[RekapOpd]
    jumlah: Jumlah
    satu_opd: bool  # asked for one OPD (else the whole pemda)

    @property
    def judul_bulan(self) -> str:
        return f"{BULAN[self.periode.bulan - 1]} {self.periode.tahun}"

    @property
    def ditutup(self) -> bool:
        return self.periode.status == StatusPeriode.CLOSED

    @property
    def galat(self) -> int:
        return sum(1 for r in self.opd for b in r.baris if b.keterangan and not b.bruto)


_FIELDS = (
    "pegawai_id", "pegawai__nip", "pegawai__nama", "pegawai__gelar_depan", "pegawai__gelar_belakang",
    "golongan", "nama_jabatan", "kelas", "opd_id", "besaran", "capaian", "bagian_kinerja", "bagian_disiplin",
    "bruto", "potongan_hukdis", "bpjs_pegawai", "bpjs_pemda", "pph", "neto", "hukdis_pct", "hari_batal",
    "batal", "galat", "kejadian",
)  # fmt: skip
_ORDER = ("opd__nama", "opd_id", F("kelas").desc(nulls_last=True), "pegawai__nama", "pegawai_id")


def _orang(v: dict) -> Orang:
    nama = Pegawai(
        nama=v["pegawai__nama"], gelar_depan=v["pegawai__gelar_depan"], gelar_belakang=v["pegawai__gelar_belakang"]
    ).nama_lengkap
    return Orang(v["pegawai_id"], v["pegawai__nip"], nama, v["golongan"], v["nama_jabatan"], v["kelas"], v["opd_id"])


def _keterangan(v: dict) -> str:
    parts = [v["batal"] or v["galat"]]
    if v["hukdis_pct"]:
        parts.append(_("Hukuman disiplin %(p)s%%") % {"p": format(v["hukdis_pct"].normalize(), "f").replace(".", ",")})
    if v["hari_batal"] and not v["batal"]:
        parts.append(_("%(n)d hari tanpa TPP (cuti besar/CLTN)") % {"n": v["hari_batal"]})
    return "; ".join(p for p in parts if p)


def _angka(v: dict) -> dict:
    """The `AngkaBulan` fields of a stored row."""
    return {
        "besaran": v["besaran"],
        "capaian": v["capaian"],
        "kinerja": v["bagian_kinerja"],
        "disiplin": v["bagian_disiplin"],
        "bruto": v["bruto"],
        "hukdis": v["potongan_hukdis"],
        "bpjs": v["bpjs_pegawai"],
        "bpjs_pemda": v["bpjs_pemda"],
        "pph": v["pph"],
        "neto": v["neto"],
        "keterangan": _keterangan(v),
    }


def _baris(v: dict) -> BarisRekap:
    return BarisRekap(orang=_orang(v), **_angka(v))


def _opd_names(ids) -> dict[int, Opd]:
    rows = UnitKerja.objects.filter(pk__in=[i for i in ids if i is not None]).values_list("pk", "nama", "singkatan")
    return {pk: Opd(pk, nama, singkatan) for pk, nama, singkatan in rows}


def rekap_bulanan(*, periode: PeriodeTpp, opd_id: int | None = None) -> RekapBulanan:
    """The month's stored rows grouped per OPD (ordered by OPD name, then kelas high to low, then
    name), with totals per OPD and overall. Three queries whatever the number of employees."""
    rows = BarisTpp.objects.filter(periode=periode)
    if opd_id is not None:
        rows = rows.filter(opd_id=opd_id)
    groups: dict[int | None, RekapOpd] = {}
    total = Jumlah()
    for v in rows.order_by(*_ORDER).values(*_FIELDS).iterator(chunk_size=CHUNK):
        b = _baris(v)
        grup = groups.get(v["opd_id"])
        if grup is None:
            grup = groups[v["opd_id"]] = RekapOpd(Opd(v["opd_id"], ""))
        grup.baris.append(b)
        grup.jumlah.tambah(b)
        total.tambah(b)
    ids = set(groups) | ({opd_id} if opd_id is not None else set())
    names = _opd_names(ids)
    if opd_id is not None and opd_id not in groups:  # an OPD with nobody this month: an empty list
        groups[opd_id] = RekapOpd(Opd(opd_id, ""))
    for key, grup in groups.items():
        grup.opd = names.get(key, TANPA_OPD)
    opd = sorted(groups.values(), key=lambda g: (g.opd.pk is None, g.opd.nama, g.opd.pk or 0))
    return RekapBulanan(pemda=periode.pemda, periode=periode, opd=opd, jumlah=total, satu_opd=opd_id is not None)


# --- the quarter -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BulanPegawai(AngkaBulan):
    """One month of an employee in the quarterly recap, with the month's attendance counts."""

    tanpa_keterangan: int
    tl: int
    psw: int


@dataclass
class BarisTriwulan:
    orang: Orang
    bulan: dict[int, BulanPegawai] = field(default_factory=dict)

    def jumlah(self, name: str) -> int:
        """The quarter's total of a money or attendance figure (`kinerja`, `neto`, `tl`, …)."""
        return sum(getattr(b, name) for b in self.bulan.values())

    @property
    def capaian(self) -> Decimal:
        """The average capaian of the months the employee is listed in this quarter."""
        if not self.bulan:
            return Decimal(0)
        return (sum(b.capaian for b in self.bulan.values()) / len(self.bulan)).quantize(Decimal("0.000001"))

    @property
    def keterangan(self) -> str:
        return "; ".join(f"{BULAN[m - 1][:3]}: {b.keterangan}" for m, b in sorted(self.bulan.items()) if b.keterangan)


@dataclass
class RekapTriwulan:
    pemda: Pemda
    opd: Opd | None
    tahun: int
    triwulan: int
    baris: list[BarisTriwulan]
    per_bulan: dict[int, Jumlah]
    jumlah: Jumlah
    opd_nama: dict[int, Opd] = field(default_factory=dict)

    @property
    def bulan(self) -> list[int]:
        return bulan_triwulan(self.triwulan)

    @property
    def judul(self) -> str:
        awal, akhir = self.bulan[0], self.bulan[-1]
        return _("Triwulan %(t)s (%(a)s–%(b)s %(y)d)") % {
            "t": ("I", "II", "III", "IV")[self.triwulan - 1],
            "a": BULAN[awal - 1],
            "b": BULAN[akhir - 1],
            "y": self.tahun,
        }


def bulan_triwulan(triwulan: int) -> list[int]:
    if triwulan not in (1, 2, 3, 4):
        raise ValidationError(_("Triwulan harus 1 sampai 4."), code="triwulan_tidak_sah")
    return [3 * triwulan - 2, 3 * triwulan - 1, 3 * triwulan]


def rekap_triwulan(*, pemda: Pemda, tahun: int, triwulan: int, opd_id: int | None = None) -> RekapTriwulan:
    """Each employee listed in a month of the quarter (in the OPD, if given), per month and in total.

    Attendance is cumulative over the quarter: days without notice (TANPA_KETERANGAN), late arrivals
    (TL1–TL4) and early leaves (PSW1–PSW4) counted from each month's row. Someone who moved OPD in
    the quarter appears in an OPD's recap with the months they were paid by it. Two queries.
    """
    months = bulan_triwulan(triwulan)
    rows = BarisTpp.objects.filter(periode__pemda_id=pemda.pk, periode__tahun=tahun, periode__bulan__in=months)
    if opd_id is not None:
        rows = rows.filter(opd_id=opd_id)
    orang: dict[int, BarisTriwulan] = {}
    per_bulan = {m: Jumlah() for m in months}
    total = Jumlah()
    for v in rows.order_by("periode__bulan", *_ORDER).values(*_FIELDS, "periode__bulan").iterator(chunk_size=CHUNK):
        m, kejadian = v["periode__bulan"], v["kejadian"] or {}
        bulan = BulanPegawai(
            **_angka(v),
            tanpa_keterangan=int(kejadian.get("TANPA_KETERANGAN", 0)),
            tl=sum(int(kejadian.get(k, 0)) for k in TL),
            psw=sum(int(kejadian.get(k, 0)) for k in PSW),
        )
        siapa = _orang(v)
        row = orang.get(v["pegawai_id"])
        if row is None:
            row = orang[v["pegawai_id"]] = BarisTriwulan(siapa)
        else:
            row.orang = siapa  # the latest month names the position
        row.bulan[m] = bulan
        per_bulan[m].tambah(bulan)
    for row in orang.values():
        total.pegawai += 1
        for name in UANG:
            setattr(total, name, getattr(total, name) + row.jumlah(name))
    names = _opd_names({r.orang.opd_id for r in orang.values()} | {opd_id})
    baris = sorted(
        orang.values(),
        key=lambda r: (
            r.orang.opd_id is None,
            names.get(r.orang.opd_id, TANPA_OPD).nama,
            r.orang.opd_id or 0,
            -(r.orang.kelas or 0),
            r.orang.nama,
            r.orang.pegawai_id,
        ),
    )
    return RekapTriwulan(
        pemda=pemda,
        opd=names.get(opd_id) if opd_id is not None else None,
        tahun=tahun,
        triwulan=triwulan,
        baris=baris,
        per_bulan=per_bulan,
        jumlah=total,
        opd_nama=names,
    )
