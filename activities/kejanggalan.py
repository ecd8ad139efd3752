"""The anomaly check of a pemda-month (issue 18), run by the worker (`tasks.kejanggalan_periksa_task`).

`kejanggalan_periksa` reads the month in bulk (value rows, a fixed number of queries whatever the
number of people), applies the pure rules of `activities.rules_kejanggalan` and rewrites the month's
open flags: a new cause adds a flag, a flag whose cause is gone is deleted, a changed explanation is
updated, and a flag the verifier dismissed (`diabaikan`) stays as it is. It also rewrites the
approvers' monthly figures (`RekapPersetujuan`, HR only). Entries considered: not deleted
(`Aktivitas.objects`), sent (any status but DRAFT).
"""

import hashlib
import logging
from collections import defaultdict
from datetime import date, datetime, time

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from accounts.models import Pegawai, Pemda, PeriodeTutup
from attendance.choices import StatusHari
from attendance.selectors import hari_tercatat_pemda
from attendance.selectors_jadwal import panjang_hari_kerja
from core.dates import today
from core.months import month_bounds, next_month, previous_month

from . import rules_kejanggalan as rk
from .choices import JenisKejanggalan, Peran, Status
from .models import Aktivitas, AktivitasLog, Kejanggalan, RekapPersetujuan
from .selectors import aturan_for

log = logging.getLogger(__name__)

J = JenisKejanggalan
STATUS_CUTI = (StatusHari.CUTI, StatusHari.SAKIT, StatusHari.IZIN)
# a day whose entries total at most this many minutes is never longer than a working day: its
# schedule is not looked up
MENIT_HARI_TERPENDEK = 180


def bukti_hash(berkas) -> str:
    """The SHA-256 of an evidence file (an upload or a stored file), read in chunks, the file left at
    its start for whoever saves it next."""
    h = hashlib.sha256()
    if hasattr(berkas, "seek"):
        berkas.seek(0)
    for chunk in berkas.chunks() if hasattr(berkas, "chunks") else iter(lambda: berkas.read(1 << 16), b""):
        h.update(chunk)
    if hasattr(berkas, "seek"):
        berkas.seek(0)
    return h.hexdigest()


def _hash_tersimpan(nama: str) -> str:
    """The hash of a stored evidence file, streamed from the default storage; "" when it is missing."""
    try:
        with default_storage.open(nama, "rb") as f:
            return bukti_hash(f)
    except (FileNotFoundError, OSError):
        log.warning("kejanggalan: evidence file %s is missing; not hashed", nama)
        return ""


def bulan_terbuka(pemda_id: int, hari: date) -> list[tuple[int, int]]:
    """The months the check runs for: this month, and last month while it is not closed
    (accounts.PeriodeTutup, as activities.jobs decides); one query."""
    ini = (hari.year, hari.month)
    lalu = previous_month(*ini)
    tertutup = set(PeriodeTutup.objects.filter(pemda_id=pemda_id, tahun__gte=lalu[0]).values_list("tahun", "bulan"))
    return [b for b in (lalu, ini) if b not in tertutup]


def kejanggalan_periksa_semua(*, hari: date | None = None, pemda_id: int | None = None) -> dict:
    """Every pemda's open months, or only `pemda_id`'s (the beat's run): pemda → month → the check's summary."""
    hari = hari or today()
    hasil = {}
    pemda_ids = [pemda_id] if pemda_id is not None else Pemda.objects.order_by("pk").values_list("pk", flat=True)
    for pemda_id in pemda_ids:
        for tahun, bulan in bulan_terbuka(pemda_id, hari):
            hasil.setdefault(pemda_id, {})[f"{tahun}-{bulan:02d}"] = kejanggalan_periksa(
                pemda_id=pemda_id, tahun=tahun, bulan=bulan
            )
    return hasil


def kejanggalan_periksa(*, pemda_id: int, tahun: int, bulan: int) -> dict:
    """Check one pemda-month and rewrite its flags and its approvers' figures (see the module's
    docstring). Returns counts: entries read, flags per kind, flags added/updated/deleted, evidence
    files hashed, approvers and approvers flagged."""
    start, end = month_bounds(tahun, bulan)
    aturan = aturan_for(pemda_id=pemda_id, on=min(end, max(start, today())))
    rows = list(
        Aktivitas.objects.filter(pemda_id=pemda_id, tanggal__range=(start, end))
        .exclude(status=Status.DRAFT)
        .order_by()
        .values_list(
            "pk", "pegawai_id", "pegawai__opd_id", "tanggal", "jam_mulai", "jam_selesai", "menit", "uraian",
            "bukti_file", "bukti_sha256", "disalin_dari_id",
        )
    )  # fmt: skip
    hashed = _backfill_hash(rows)
    with translation.override(settings.LANGUAGE_CODE):
        temuan = _temuan(pemda_id, start, end, aturan, rows, hashed)
        ditulis = _tulis(pemda_id, start, end, temuan)
        stempel = _rekap_persetujuan(pemda_id, tahun, bulan, aturan)
    per_jenis = defaultdict(int)
    for _aid, jenis in temuan:
        per_jenis[jenis] += 1
    return {
        "aktivitas": len(rows),
        "kejanggalan": {j: per_jenis[j] for j in J.values},
        **ditulis,
        "hash": len(hashed),
        "penyetuju": stempel[0],
        "penyetuju_ditandai": stempel[1],
    }


# --- evidence hashes --------------------------------------------------------------------------------


def _backfill_hash(rows: list[tuple]) -> dict[int, str]:
    """Hash the stored evidence of the month's entries that have a file but no hash yet (files saved
    before the hash was kept): one bulk UPDATE. entry id → hash."""
    baru = {}
    for pk, *_r, berkas, sha, _src in rows:
        if berkas and not sha:
            h = _hash_tersimpan(berkas)
            if h:
                baru[pk] = h
    if baru:
        Aktivitas.objects.bulk_update([Aktivitas(pk=pk, bukti_sha256=h) for pk, h in baru.items()], ["bukti_sha256"])
    return baru


# --- the causes -----------------------------------------------------------------------------------


def _jam(t: time) -> str:
    return t.strftime("%H.%M")


class _Temuan(dict):
    """(entry, kind) → (pegawai, date, sentence, related entries) of every cause found this run."""

    def __init__(self, rows):
        super().__init__()
        self.info = {r[0]: r for r in rows}

    def tandai(self, aid: int, jenis: str, terkait: list[int] | None = None, **angka) -> None:
        r = self.info[aid]
        self[(aid, jenis)] = (r[1], r[3], rk.penjelasan(jenis, **angka), list(terkait or []))


def _temuan(pemda_id, start, end, aturan, rows, hashed) -> _Temuan:
    hasil = _Temuan(rows)
    teks = {r[0]: rk.normalisasi(r[7]) for r in rows}
    _teks(hasil, aturan, rows, teks)
    _salinan(hasil, rows, teks)
    _bukti(hasil, pemda_id, start, end, rows, hashed)
    _presensi(hasil, pemda_id, start, end, rows)
    _melebihi_hari(hasil, pemda_id, rows)
    return hasil


def _teks(hasil: _Temuan, aturan, rows, teks) -> None:
    """The same text on many days of one person, or by several people of one OPD."""
    entri = [rk.Entri(r[0], r[1], r[2], r[3], teks[r[0]]) for r in rows]
    kw = {"persen": aturan.kemiripan_teks_persen, "min_huruf": aturan.teks_min_huruf}
    for aid, t in rk.teks_berulang(entri, hari=aturan.teks_berulang_hari, **kw).items():
        hasil.tandai(aid, J.TEKS_BERULANG, t.terkait, n=t.n)
    for aid, t in rk.teks_rekan(entri, orang=aturan.teks_rekan_orang, **kw).items():
        hasil.tandai(aid, J.TEKS_REKAN, t.terkait, n=t.n)


def _salinan(hasil: _Temuan, rows, teks) -> None:
    """Copies left unchanged ("salin kemarin"): the source may be of last month, or deleted since."""
    salinan = {r[0]: r[10] for r in rows if r[10]}
    if not salinan:
        return
    sumber = {
        pk: (rk.normalisasi(u), tgl)
        for pk, u, tgl in Aktivitas.semua.filter(pk__in=set(salinan.values())).values_list("pk", "uraian", "tanggal")
    }
    for aid, src in salinan.items():
        if src in sumber and sumber[src][0] == teks[aid]:
            hasil.tandai(aid, J.SALINAN, [src], tanggal=sumber[src][1].strftime("%d-%m-%Y"))


def _bukti(hasil: _Temuan, pemda_id, start, end, rows, hashed) -> None:
    """The same evidence file on entries of other days or other people, anywhere in the pemda."""
    sha = {r[0]: hashed.get(r[0]) or r[9] for r in rows if hashed.get(r[0]) or r[9]}
    if not sha:
        return
    lain = [
        rk.Bukti(*x)
        for x in Aktivitas.objects.filter(pemda_id=pemda_id, bukti_sha256__in=set(sha.values()))
        .exclude(status=Status.DRAFT)
        .exclude(tanggal__range=(start, end))
        .values_list("pk", "pegawai_id", "tanggal", "bukti_sha256")
    ]  # the month's own come from `rows` (with the hashes backfilled just now)
    bulan = [rk.Bukti(aid, hasil.info[aid][1], hasil.info[aid][3], h) for aid, h in sha.items()]
    for aid, t in rk.bukti_berulang(bulan, lain + bulan).items():
        hasil.tandai(aid, J.BUKTI_BERULANG, t.terkait, n=t.n)


def _presensi(hasil: _Temuan, pemda_id, start, end, rows) -> None:
    """The day's attendance: on leave; or, once the day is final, absent, or outside the punches."""
    hari = hari_tercatat_pemda(pemda_id=pemda_id, start=start, end=end)
    for aid, pid, _opd, tgl, mulai, selesai, *_rest in rows:
        h = hari.get((pid, tgl))
        if h is None:
            continue
        if h.status in STATUS_CUTI:
            hasil.tandai(aid, J.CUTI, status=str(StatusHari(h.status).label).lower())
        elif h.final and h.status == StatusHari.TANPA_KETERANGAN:
            hasil.tandai(aid, J.TIDAK_HADIR)
        elif h.final and h.jam_masuk and h.jam_pulang and rk.di_luar_jam(mulai, selesai, h.jam_masuk, h.jam_pulang):
            hasil.tandai(
                aid, J.DI_LUAR_JAM, mulai=_jam(mulai), selesai=_jam(selesai), masuk=_jam(h.jam_masuk),
                pulang=_jam(h.jam_pulang),
            )  # fmt: skip


def _melebihi_hari(hasil: _Temuan, pemda_id, rows) -> None:
    """More minutes in a day than the working day is long: every entry of that day."""
    per_hari: dict[tuple[int, date], list[tuple[int, int]]] = defaultdict(list)
    for aid, pid, _opd, tgl, _m, _s, menit, *_rest in rows:
        per_hari[(pid, tgl)].append((aid, menit))
    total = {k: sum(m for _a, m in v) for k, v in per_hari.items()}
    calon = [k for k, n in total.items() if n > MENIT_HARI_TERPENDEK]
    panjang = panjang_hari_kerja(pemda_id=pemda_id, pairs=calon)
    for k in calon:
        if total[k] > panjang[k]:
            ids = [a for a, _m in per_hari[k]]
            for aid in ids:
                hasil.tandai(aid, J.MELEBIHI_HARI, [i for i in ids if i != aid], n=total[k], batas=panjang[k])


# --- writing the flags -----------------------------------------------------------------------------


@transaction.atomic
def _tulis(pemda_id: int, start: date, end: date, temuan: dict) -> dict[str, int]:
    """Rewrite the month's open flags to `temuan`; dismissed ones are left untouched. The month's
    flags are those on its dates, and those of its entries stored under another date (an entry whose
    date was changed), so that a flag is never created twice."""
    ada = list(
        Kejanggalan.objects.filter(pemda_id=pemda_id)
        .filter(Q(tanggal__range=(start, end)) | Q(aktivitas__tanggal__range=(start, end)))
        .values_list("pk", "aktivitas_id", "jenis", "diabaikan", "pegawai_id", "tanggal", "penjelasan", "terkait")
    )
    lama = {(r[1], r[2]): r for r in ada}
    hapus = [r[0] for k, r in lama.items() if r[3] is None and k not in temuan]
    ubah = []
    for k, (pid, tgl, kalimat, terkait) in temuan.items():
        r = lama.get(k)
        if r is not None and r[3] is None and (r[4], r[5], r[6], r[7]) != (pid, tgl, kalimat, terkait):
            ubah.append(Kejanggalan(pk=r[0], pegawai_id=pid, tanggal=tgl, penjelasan=kalimat, terkait=terkait))
    baru = [
        Kejanggalan(
            pemda_id=pemda_id,
            aktivitas_id=aid,
            jenis=jenis,
            pegawai_id=pid,
            tanggal=tgl,
            penjelasan=kalimat,
            terkait=terkait,
        )  # fmt: skip
        for (aid, jenis), (pid, tgl, kalimat, terkait) in temuan.items()
        if (aid, jenis) not in lama
    ]
    if hapus:
        Kejanggalan.objects.filter(pk__in=hapus).delete()
    if ubah:
        Kejanggalan.objects.bulk_update(ubah, ["pegawai_id", "tanggal", "penjelasan", "terkait"])
    if baru:
        Kejanggalan.objects.bulk_create(baru)
    return {"baru": len(baru), "diubah": len(ubah), "dihapus": len(hapus)}


# --- the approvers' month -------------------------------------------------------------------------


@transaction.atomic
def _rekap_persetujuan(pemda_id: int, tahun: int, bulan: int, aturan) -> tuple[int, int]:
    """Rewrite the month's RekapPersetujuan rows from the entries' logs: the moves to VERIFIED (from
    SUBMITTED) and to VALIDATED made by an approver in the month are approvals, the moves to RETURNED
    are returns (rules_kejanggalan.rekap_stempel). (approvers, approvers flagged)."""
    tz = timezone.get_current_timezone()
    awal = datetime.combine(date(tahun, bulan, 1), time.min, tzinfo=tz)
    akhir = datetime.combine(date(*next_month(tahun, bulan), 1), time.min, tzinfo=tz)
    logs = AktivitasLog.objects.filter(
        aktivitas__pemda_id=pemda_id,
        waktu__gte=awal,
        waktu__lt=akhir,
        oleh__isnull=False,
        peran__in=[Peran.ATASAN, Peran.ATASAN_ATASAN],
        ke__in=[Status.VERIFIED, Status.VALIDATED, Status.RETURNED],
    ).values_list("oleh_id", "waktu", "dari", "ke")
    setuju: dict[int, list[datetime]] = defaultdict(list)
    kembali: dict[int, int] = defaultdict(int)
    for oleh, waktu, dari, ke in logs:
        if ke == Status.RETURNED:
            kembali[oleh] += 1
        elif ke == Status.VALIDATED or dari == Status.SUBMITTED:  # not a validation taken back
            setuju[oleh].append(waktu)
    users = set(setuju) | set(kembali)
    pegawai = dict(Pegawai.objects.filter(user_id__in=users).values_list("user_id", "pk")) if users else {}
    per_pegawai_setuju: dict[int, list[datetime]] = defaultdict(list)
    per_pegawai_kembali: dict[int, int] = defaultdict(int)
    for uid, pid in pegawai.items():
        per_pegawai_setuju[pid].extend(setuju.get(uid, ()))
        per_pegawai_kembali[pid] += kembali.get(uid, 0)
    hasil = rk.rekap_stempel(
        per_pegawai_setuju,
        per_pegawai_kembali,
        min_aktivitas=aturan.stempel_min_aktivitas,
        detik_per_aktivitas=aturan.stempel_detik_per_aktivitas,
    )
    RekapPersetujuan.objects.filter(pemda_id=pemda_id, tahun=tahun, bulan=bulan).delete()
    sekarang = timezone.now()
    RekapPersetujuan.objects.bulk_create(
        [
            RekapPersetujuan(
                pemda_id=pemda_id,
                penyetuju_id=pid,
                tahun=tahun,
                bulan=bulan,
                disetujui=s.disetujui,
                kilat=s.kilat,
                kelompok_kilat=s.kelompok_kilat,
                dikembalikan=s.dikembalikan,
                tanda=s.tanda,
                penjelasan=s.penjelasan,
                dihitung=sekarang,
            )  # fmt: skip
            for pid, s in sorted(hasil.items())
        ]
    )
    return len(hasil), sum(1 for s in hasil.values() if s.tanda)
