"""The bridge to BKN (issue 19): closed evaluations in the shape of SIASN's `kinerjaperiodik` web
service, exported per period and OPD (JSON + CSV + the evaluation PDFs, one zip) by a Celery job.

The record's field list was checked against two public SIASN clients: `black-coffee04/ws-siasn-php`
(`examples/kinerja-periodik.php`, `src/Services/KinerjaPeriodikService.php`: POST
/apisiasn/1.0/kinerjaperiodik/save) and `kanekescom/laravel-siasn-simpeg-api`
(`src/Commands/PostKinerjaperiodikSaveCommand.php`); both list exactly the seventeen fields of
`FIELDS` (plus `id` for an update and `path` for an uploaded document, which we leave to SIASN).
Codes are RULES.md §7 (SIASN references): perilakuDanKinerja 1/2/3, kuadranNilai 1..5,
periodik 1 bulanan / 2 triwulan; golonganPns ids as in SIASN's Export Data ASN (III/a = "31").
"""

import csv
import io
import json
import zipfile
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.selectors import penempatan_utama_of

from . import rules
from .choices import JenisPeriode, Predikat, Rating
from .models import Penilaian

FIELDS = (
    "pnsDinilaiId",
    "tahun",
    "periodikId",
    "bulanMulaiPenilaian",
    "bulanSelesaiPenilaian",
    "tahunMulaiPenilaian",
    "tahunSelesaiPenilaian",
    "hasilKinerjaNilai",
    "perilakuKerjaNilai",
    "kuadranKinerjaNilai",
    "koefisienId",
    "penilaiNama",
    "penilaiNipNrp",
    "penilaiGolongan",
    "penilaiJabatanNama",
    "penilaiUnorNama",
    "statusPenilai",
)

# SIASN perilakuDanKinerja
RATING_ID = {Rating.DI_ATAS: 1, Rating.SESUAI: 2, Rating.DI_BAWAH: 3}
# SIASN kuadranNilai
KUADRAN_ID = {
    Predikat.SANGAT_BAIK: 1,
    Predikat.BAIK: 2,
    Predikat.BUTUH_PERBAIKAN: 3,
    Predikat.KURANG: 4,
    Predikat.SANGAT_KURANG: 5,
}
# SIASN periodik has only these two; the annual record carries the whole year and no periodikId.
PERIODIK_ID = {JenisPeriode.BULANAN: "1", JenisPeriode.TRIWULAN: "2"}
_ROMAWI = {"I": 1, "II": 2, "III": 3, "IV": 4}


def golongan_id(golongan: str) -> str:
    """SIASN golonganPns id of a PNS golongan ruang ("III/a" → "31"); a PPPK golongan as written."""
    ruang, _sep, huruf = golongan.partition("/")
    if ruang in _ROMAWI and len(huruf) == 1 and "a" <= huruf <= "e":
        return f"{_ROMAWI[ruang]}{ord(huruf) - ord('a') + 1}"
    return golongan


@dataclass(frozen=True)
class PenilaiInfo:
    nama: str
    nip: str
    golongan: str
    jabatan: str
    unor: str
    asn: bool


def record(penilaian: Penilaian, penilai: PenilaiInfo | None) -> dict:
    """One closed (rated) Penilaian as a kinerjaperiodik record; pure apart from the attributes read."""
    if not penilaian.predikat:
        raise ValueError("only a rated Penilaian maps to a BKN record")
    skp = penilaian.skp
    start, end = rules.periode_range(skp.tahun, penilaian.jenis, penilaian.ke)
    start, end = rules.overlap((skp.mulai, skp.selesai), (start, end)) or (start, end)
    return {
        "pnsDinilaiId": skp.pegawai.siasn_id,
        "tahun": skp.tahun,
        "periodikId": PERIODIK_ID.get(penilaian.jenis),
        "bulanMulaiPenilaian": start.month,
        "bulanSelesaiPenilaian": end.month,
        "tahunMulaiPenilaian": start.year,
        "tahunSelesaiPenilaian": end.year,
        "hasilKinerjaNilai": RATING_ID[penilaian.hasil_kerja],
        "perilakuKerjaNilai": RATING_ID[penilaian.perilaku_kerja],
        "kuadranKinerjaNilai": KUADRAN_ID[penilaian.predikat],
        "koefisienId": skp.jenjang,
        "penilaiNama": penilai.nama if penilai else "",
        "penilaiNipNrp": penilai.nip if penilai else "",
        "penilaiGolongan": penilai.golongan if penilai else "",
        "penilaiJabatanNama": penilai.jabatan if penilai else "",
        "penilaiUnorNama": penilai.unor if penilai else "",
        "statusPenilai": "ASN" if penilai is None or penilai.asn else "NON ASN",
    }


def penilai_info(penilaian: Penilaian) -> PenilaiInfo | None:
    """Who rated the period (else the SKP's penilai), with the post they held on its last day."""
    skp = penilaian.skp
    orang = penilaian.penilai or skp.penilai
    if orang is None:
        return None
    start, end = rules.periode_range(skp.tahun, penilaian.jenis, penilaian.ke)
    hari = (rules.overlap((skp.mulai, skp.selesai), (start, end)) or (start, end))[1]
    pos = penempatan_utama_of(orang, hari)
    return PenilaiInfo(
        nama=orang.nama_lengkap,
        nip=orang.nip,
        golongan=golongan_id(orang.golongan),
        jabatan=pos.jabatan.nama if pos else "",
        unor=pos.jabatan.unit.nama if pos else "",
        asn=True,  # every Pegawai is an ASN (PNS/CPNS/PPPK)
    )


def penilaian_tertutup(*, pemda_id: int, tahun: int, jenis: str, ke: int, opd_id: int | None = None):
    """The rated evaluations of a period, in one OPD (of the post rated) or the whole pemda."""
    qs = Penilaian.objects.filter(pemda_id=pemda_id, skp__tahun=tahun, jenis=jenis, ke=ke).exclude(predikat="")
    if opd_id is not None:
        qs = qs.filter(Q(skp__jabatan__opd_id=opd_id) | Q(skp__jabatan__isnull=True, skp__pegawai__opd_id=opd_id))
    return qs.select_related("skp__pegawai", "skp__penilai", "penilai").order_by("skp__pegawai__nip", "skp__mulai")


def records(penilaian) -> list[tuple[Penilaian, dict]]:
    return [(p, record(p, penilai_info(p))) for p in penilaian]


def as_json(rows: list[dict]) -> bytes:
    return json.dumps(rows, ensure_ascii=False, indent=2).encode()


def as_csv(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row[k] is None else row[k] for k in FIELDS})
    return out.getvalue().encode()


def nama_dasar(tahun: int, jenis: str, ke: int) -> str:
    return f"kinerjaperiodik-{tahun}-{jenis.lower()}-{ke}"


def as_zip(pairs: list[tuple[Penilaian, dict]], *, dasar: str, pdf=None, progress=None) -> bytes:
    """JSON, CSV and (when `pdf` is given) each evaluation's PDF named by NIP."""
    rows = [r for _p, r in pairs]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(f"{dasar}.json", as_json(rows))
        z.writestr(f"{dasar}.csv", as_csv(rows))
        for n, (p, _r) in enumerate(pairs, 1):
            if pdf is not None:
                z.writestr(f"pdf/{p.skp.pegawai.nip}-{p.skp.mulai:%m%d}.pdf", pdf(p))
            if progress:
                progress(n)
    return buf.getvalue()


def judul(tahun: int, jenis: str, ke: int) -> str:
    if jenis == JenisPeriode.TAHUNAN:
        return _("Tahunan %(t)d") % {"t": tahun}
    if jenis == JenisPeriode.TRIWULAN:
        return _("Triwulan %(k)d %(t)d") % {"k": ke, "t": tahun}
    return _("Bulan %(k)d %(t)d") % {"k": ke, "t": tahun}
