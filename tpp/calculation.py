"""The inputs of a TPP month, read in a fixed number of queries whatever the number of employees.

Every figure is aggregated in the database (validated minutes, day statuses, bands, events, waiting
queues, sentences); Python only joins the aggregates and runs the pure `rules.hitung_tpp` per
employee. The same code serves the whole pemda (the monthly calculation) and one employee (the
"if the month closed today" preview), so the preview can never disagree with the payroll.
"""

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from accounts.choices import JenisPenempatan
from accounts.models import Pegawai, Penempatan
from activities.choices import Status
from activities.models import Aktivitas, AturanAktivitas, Tunggakan
from activities.selectors import aturan_for
from attendance.choices import StatusHari, StatusPermohonan
from attendance.models import AturanPresensi, HariPresensi, Kejadian, Permohonan
from attendance.selectors import aturan_presensi_for
from attendance.selectors_jadwal import hari_kerja_banyak
from attendance.selectors_kegiatan import kejadian_berlaku
from core.dates import today
from core.months import month_bounds

from . import rules
from .models import AturanTpp, HukumanDisiplin

BAND = ("TL1", "TL2", "TL3", "TL4", "PSW1", "PSW2", "PSW3", "PSW4")
TANPA_HARI = (0, None, None) + (0,) * len(BAND)  # no attendance day stored: no count, no minutes
STATUS_PERMOHONAN_HARI = (
    StatusHari.CUTI,
    StatusHari.SAKIT,
    StatusHari.IZIN,
    StatusHari.DINAS_LUAR,
    StatusHari.TUGAS_BELAJAR,
)


def bulan_range(tahun: int, bulan: int) -> tuple[date, date]:
    try:
        return month_bounds(tahun, bulan)
    except (TypeError, ValueError):
        raise ValidationError(_("Bulan tidak sah."), code="bulan_tidak_sah") from None


def nilai_aturan(row: AturanTpp, *, menit_default: int = 300) -> rules.NilaiAturan:
    """The numbers of a stored rule-set version; empty fields take the national defaults, and the
    tables (cuts, request minutes, PPh rates, predikat) are merged over them. Every calculation, the
    preview and the rule form read a version through here: the one place the merge happens."""
    d = rules.NilaiAturan()
    return rules.NilaiAturan(
        besaran_kelas={int(k): int(v) for k, v in (row.besaran_kelas or {}).items()},
        besaran_jabatan={int(k): int(v) for k, v in (row.besaran_jabatan or {}).items()},
        bobot_kinerja=Decimal(row.bobot_kinerja),
        bobot_disiplin=Decimal(row.bobot_disiplin),
        menit_per_hari=menit_default,  # one source: activities.AturanAktivitas (issue 16)
        # a saved table extends the defaults (defaults | saved): an event it does not name keeps its
        # national cut instead of voiding the TPP of whoever has one (issue 13)
        tabel_potongan={**d.tabel_potongan, **{str(k): Decimal(str(v)) for k, v in (row.tabel_potongan or {}).items()}},
        menit_tanpa_keterangan=row.menit_tanpa_keterangan,
        pengurang_menit_terlambat=row.pengurang_menit_terlambat,
        menit_permohonan={**d.menit_permohonan, **{str(k): int(v) for k, v in (row.menit_permohonan or {}).items()}},
        cuti_tanpa_tpp=frozenset(row.cuti_tanpa_tpp) if row.cuti_tanpa_tpp else d.cuti_tanpa_tpp,
        kedudukan_dibayar=frozenset(row.kedudukan_dibayar) if row.kedudukan_dibayar else d.kedudukan_dibayar,
        bpjs_persen_pegawai=Decimal(row.bpjs_persen_pegawai),
        bpjs_persen_pemda=Decimal(row.bpjs_persen_pemda),
        bpjs_batas=row.bpjs_batas,
        pph_metode=row.pph_metode,
        pph_tarif={**d.pph_tarif, **{str(k): Decimal(str(v)) for k, v in (row.pph_tarif or {}).items()}},
        kaskade_persen=Decimal(row.kaskade_persen),
        kaskade_maks=Decimal(row.kaskade_maks),
        kinerja_dari_predikat=row.kinerja_dari_predikat,
        persen_predikat={
            **d.persen_predikat,
            **{str(k): Decimal(str(v)) for k, v in (row.persen_predikat or {}).items()},
        },
    )


@dataclass(frozen=True)
class AturanBulan:
    """The rule-set versions in force in a month: the pemda's and the OPD overrides, and the activity
    and attendance versions (at the month's end; None/unsaved = the national defaults)."""

    pemda: AturanTpp
    per_opd: dict[int, AturanTpp]
    menit_default: int
    aktivitas: AturanAktivitas | None = None
    presensi: AturanPresensi | None = None

    def untuk(self, opd_id: int | None) -> AturanTpp:
        return self.per_opd.get(opd_id, self.pemda) if opd_id is not None else self.pemda


# The national default version starts here (a pemda's months before it have no TPP rules at all).
AWAL_ATURAN_BAWAAN = date(2000, 1, 1)


def aturan_bawaan(pemda_id: int) -> AturanTpp:
    """The national defaults of RULES.md §7 as an unsaved version, with no amounts yet: a read uses
    it as it is (a GET never writes); the payroll saves it first (tpp.services.aturan_bulan_pastikan)."""
    return AturanTpp(
        pemda_id=pemda_id,
        berlaku_mulai=AWAL_ATURAN_BAWAAN,
        catatan=_("Aturan bawaan nasional (RULES.md §7); besaran per kelas belum diisi."),
    )


def aturan_bulan(*, pemda_id: int, tahun: int, bulan: int, bawaan: bool = False) -> AturanBulan | None:
    """The latest version that started by the month's last day, pemda-wide and per OPD (two queries).

    With no pemda-wide version in force: None, or with `bawaan` the unsaved national default
    (`aturan_bawaan`; None only for a month before it starts).
    """
    _start, end = bulan_range(tahun, bulan)
    rows = AturanTpp.objects.filter(pemda_id=pemda_id, berlaku_mulai__lte=end).order_by("-berlaku_mulai", "-pk")
    umum = rows.filter(opd__isnull=True).first()
    if umum is None:
        if not bawaan or end < AWAL_ATURAN_BAWAAN:
            return None
        umum = aturan_bawaan(pemda_id)
    per_opd: dict[int, AturanTpp] = {}
    for row in rows.filter(opd__isnull=False):
        per_opd.setdefault(row.opd_id, row)
    aktivitas = aturan_for(pemda_id=pemda_id, on=end)
    presensi = aturan_presensi_for(pemda_id=pemda_id, on=end)
    return AturanBulan(umum, per_opd, aktivitas.menit_per_hari, aktivitas, presensi)


@dataclass(frozen=True)
class Posisi:
    """Where an employee sits for the month's TPP: the main posting in force at the month's end
    (or the last one in the month): the definitive one, else an acting one (as the approver chain)."""

    jabatan_id: int | None
    nama_jabatan: str
    kelas: int | None
    opd_id: int | None


def posisi_bulan(*, pemda_id: int, start: date, end: date, pegawai_ids=None) -> dict[int, Posisi]:
    rows = Penempatan.objects.filter(pemda_id=pemda_id, mulai__lte=end).filter(
        Q(selesai__isnull=True) | Q(selesai__gte=start)
    )
    if pegawai_ids is not None:
        rows = rows.filter(pegawai_id__in=pegawai_ids)
    rows = list(
        rows.values_list(
            "pk", "pegawai_id", "jenis", "mulai", "jabatan_id", "jabatan__nama", "jabatan__kelas", "jabatan__opd_id"
        )
    )
    rows.sort(key=lambda r: (r[2] != JenisPenempatan.DEFINITIF, -r[3].toordinal(), -r[0]))
    hasil: dict[int, Posisi] = {}
    for _pk, pid, _jenis, _mulai, jabatan_id, nama, kelas, opd_id in rows:
        hasil.setdefault(pid, Posisi(jabatan_id, nama, kelas, opd_id))
    return hasil


def _filter(qs, pemda_id: int, pegawai_ids, field: str = "pegawai_id"):
    qs = qs.filter(pemda_id=pemda_id)
    return qs if pegawai_ids is None else qs.filter(**{f"{field}__in": pegawai_ids})


def _hari_permohonan(pemda_id: int, start: date, end: date, pegawai_ids) -> dict[int, dict[str, int]]:
    """Working days per approved request type: the days an approved request gave its status to."""
    ranges: dict[int, list[tuple[date, date, str]]] = defaultdict(list)
    izin = _filter(Permohonan.objects, pemda_id, pegawai_ids).filter(
        status=StatusPermohonan.DISETUJUI, mulai__lte=end, selesai__gte=start
    )
    for pid, mulai, selesai, jenis in izin.values_list("pegawai_id", "mulai", "selesai", "jenis"):
        ranges[pid].append((mulai, selesai, jenis))
    hasil: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    if not ranges:
        return hasil
    days = HariPresensi.objects.filter(
        pemda_id=pemda_id, tanggal__range=(start, end), status__in=STATUS_PERMOHONAN_HARI
    ).values_list("pegawai_id", "tanggal")
    if pegawai_ids is not None:  # (the whole pemda is read by pemda, not by a list of thousands of ids)
        days = days.filter(pegawai_id__in=list(ranges))
    for pid, tanggal in days:
        for mulai, selesai, jenis in ranges.get(pid, ()):
            if mulai <= tanggal <= selesai:
                hasil[pid][jenis] += 1
                break
    return hasil


def masukan_bulan(
    *, pemda_id: int, tahun: int, bulan: int, pegawai_ids=None
) -> dict[int, tuple[Posisi, rules.MasukanTpp]]:
    """Every employee posted in the month (or only `pegawai_ids`) with the inputs of their TPP.

    Days count up to today: the figures of a running month are "as if it closed today".
    """
    start, end = bulan_range(tahun, bulan)
    end = min(end, today())
    if start > end:
        return {}
    posisi = posisi_bulan(pemda_id=pemda_id, start=start, end=end, pegawai_ids=pegawai_ids)
    if not posisi:
        return {}
    # The whole pemda is read by pemda, not by a list of 10,000 ids (their parameters alone cost more
    # than the query).
    pegawai = {
        row[0]: row[1:]
        for row in _filter(Pegawai.objects, pemda_id, pegawai_ids, field="pk")
        .order_by()
        .values_list("pk", "golongan", "kedudukan_hukum", "gaji_dasar")
    }
    hari_penuh: dict[int, int] = {}
    hari_kerja = hari_kerja_banyak(pemda_id=pemda_id, pegawai_ids=pegawai_ids, start=start, end=end, penuh=hari_penuh)
    menit = dict(
        _filter(Aktivitas.objects, pemda_id, pegawai_ids)
        .filter(tanggal__range=(start, end), status=Status.VALIDATED)
        .values("pegawai_id")
        .annotate(m=Sum("menit"))
        .values_list("pegawai_id", "m")
    )
    counts = {f"tl_{b}": Count("pk", filter=Q(band_tl=b)) for b in BAND[:4]}
    counts |= {f"psw_{b}": Count("pk", filter=Q(band_psw=b)) for b in BAND[4:]}
    # tuples, not dicts: (tk, telat, cepat, TL1 … PSW4) per pegawai
    hari = {
        row[0]: row[1:]
        for row in _filter(HariPresensi.objects, pemda_id, pegawai_ids)
        .filter(tanggal__range=(start, end))
        .values("pegawai_id")
        .annotate(
            tk=Count("pk", filter=Q(status=StatusHari.TANPA_KETERANGAN)),
            telat=Sum("menit_terlambat", filter=~Q(status=StatusHari.LIBUR)),
            cepat=Sum("menit_pulang_cepat", filter=~Q(status=StatusHari.LIBUR)),
            **counts,
        )
        .values_list("pegawai_id", "tk", "telat", "cepat", *counts)
    }
    kejadian: dict[int, dict[str, int]] = defaultdict(dict)
    for pid, jenis, n in (  # a gathering called off that day for their OPD counts for nobody (issue 16)
        kejadian_berlaku(_filter(Kejadian.objects, pemda_id, pegawai_ids).filter(tanggal__range=(start, end)))
        .values("pegawai_id", "jenis")
        .annotate(n=Count("pk"))
        .values_list("pegawai_id", "jenis", "n")
    ):
        kejadian[pid][jenis] = n
    tunggakan = dict(
        _filter(Tunggakan.objects, pemda_id, pegawai_ids, field="atasan_id")
        .filter(tahun=tahun, bulan=bulan)
        .values("atasan_id")
        .annotate(n=Count("pk"))
        .values_list("atasan_id", "n")
    )
    hukdis = dict(
        _filter(HukumanDisiplin.objects, pemda_id, pegawai_ids)
        .filter(mulai__lte=end, selesai__gte=start)
        .values("pegawai_id")
        .annotate(p=Sum("persen"))
        .values_list("pegawai_id", "p")
    )
    permohonan = _hari_permohonan(pemda_id, start, end, pegawai_ids)

    hasil = {}
    for pid, pos in posisi.items():
        golongan, kedudukan, gaji = pegawai[pid]
        tk, telat, cepat, *bands = hari.get(pid, TANPA_HARI)
        # the non-zero counts in the order TL1…PSW4, TANPA_KETERANGAN, then the recorded events
        events = {b: n for b, n in zip(BAND, bands, strict=True) if n}
        if tk:
            events["TANPA_KETERANGAN"] = tk
        if pid in kejadian:
            events |= kejadian[pid]
        hasil[pid] = (
            pos,
            rules.MasukanTpp(
                golongan=golongan,
                kelas=pos.kelas,
                jabatan_id=pos.jabatan_id,
                kedudukan_hukum=kedudukan,
                gaji_dasar=gaji,
                hari_kerja=hari_kerja.get(pid, 0),
                hari_kerja_bulan=hari_penuh.get(pid, 0),
                menit_valid=menit.get(pid) or 0,
                hari_permohonan=dict(permohonan.get(pid, {})),
                hari_tanpa_keterangan=tk,
                menit_terlambat=(telat or 0) + (cepat or 0),
                kejadian={k: v for k, v in events.items() if v},
                tunggakan=tunggakan.get(pid, 0),
                hukdis_pct=hukdis.get(pid) or Decimal(0),
            ),
        )
    return hasil


@dataclass(frozen=True)
class Hitungan:
    """One employee's month: where they sit, what went in, which rule version, what came out."""

    pegawai_id: int
    posisi: Posisi
    masukan: rules.MasukanTpp
    aturan: AturanTpp
    hasil: rules.HasilTpp


def hitung_bulan(
    *, aturan: AturanBulan, pemda_id: int, tahun: int, bulan: int, pegawai_ids=None, masukan=None
) -> list[Hitungan]:
    """Every component of every employee's TPP of the month, before anything is written. `masukan`:
    the month's inputs already read (masukan_bulan; a rule preview computes twice from one read)."""
    nilai: dict[int, rules.NilaiAturan] = {}
    hasil = []
    predikat = None
    if aturan.pemda.kinerja_dari_predikat or any(r.kinerja_dari_predikat for r in aturan.per_opd.values()):
        from skp.selectors import predikat_bulan  # tpp reads skp, never the other way (DESIGN.md §2)

        predikat = predikat_bulan(pemda_id, tahun, bulan)
    if masukan is None:
        masukan = masukan_bulan(pemda_id=pemda_id, tahun=tahun, bulan=bulan, pegawai_ids=pegawai_ids)
    for pid, (pos, m) in masukan.items():
        row = aturan.untuk(pos.opd_id)
        key = row.pk or id(row)  # an unsaved version: the national default, or a preview's candidate
        if key not in nilai:
            nilai[key] = nilai_aturan(row, menit_default=aturan.menit_default)
        if predikat is not None:
            m = replace(m, predikat=predikat.get(pid, ""))
        hasil.append(Hitungan(pid, pos, m, row, rules.hitung_tpp(m, nilai[key])))
    return hasil
