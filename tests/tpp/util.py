"""Builders for TPP tests: a rule set, validated minutes, computed days, approved requests."""

from datetime import date, time, timedelta

from activities.choices import Status
from activities.models import Aktivitas
from attendance.choices import StatusHari, StatusPermohonan
from attendance.models import HariPresensi, Permohonan
from tpp.models import AturanTpp, BarisTpp
from tpp.services import periode_ambil, tpp_periode_hitung

OKTOBER = (2026, 10)  # 22 working days Mon–Fri, no national holiday
HARI_OKTOBER = [date(2026, 10, d) for d in range(1, 32) if date(2026, 10, d).weekday() < 5]


def aturan(pemda, **kw) -> AturanTpp:
    data = {"besaran_kelas": {"5": 3_000_000, "9": 6_000_000, "11": 8_000_000, "14": 12_000_000, "6": 3_500_000}}
    return AturanTpp.objects.create(pemda=pemda, berlaku_mulai=date(2020, 1, 1), catatan="uji", **(data | kw))


def validated(pegawai, menit: int, tanggal: date = date(2026, 10, 5), status=Status.VALIDATED) -> None:
    """`menit` validated minutes spread over entries of at most 300 minutes on one day."""
    while menit > 0:
        m = min(menit, 300)
        Aktivitas.objects.create(
            pemda_id=pegawai.pemda_id,
            pegawai=pegawai,
            tanggal=tanggal,
            jam_mulai=time(7, 30),
            jam_selesai=time(12, 30),
            nama_kegiatan="Menyusun laporan",
            uraian="Laporan selesai",
            menit_diajukan=m,
            menit=m,
            status=status,
        )
        menit -= m
        tanggal += timedelta(days=1)


def hari(pegawai, tanggal: date, status=StatusHari.HADIR, **kw) -> HariPresensi:
    return HariPresensi.objects.create(pemda_id=pegawai.pemda_id, pegawai=pegawai, tanggal=tanggal, status=status, **kw)


def bulan_hadir(pegawai, override: dict | None = None, days=HARI_OKTOBER) -> None:
    """Every day present on time, except the days given in `override` as {date: (status, kwargs)}."""
    for d in days:
        status, kw = (override or {}).get(d, (StatusHari.HADIR, {}))
        hari(pegawai, d, status, **kw)


def permohonan(pegawai, jenis: str, mulai: date, selesai: date) -> Permohonan:
    return Permohonan.objects.create(
        pemda_id=pegawai.pemda_id,
        pegawai=pegawai,
        jenis=jenis,
        mulai=mulai,
        selesai=selesai,
        alasan="uji",
        status=StatusPermohonan.DISETUJUI,
    )


def bulan_kerja(cast):
    """The worked month: 5.000 validated minutes, 3 × TL2 (40 min), 1 day absent; October calculated."""
    aturan(cast.pemda)
    p = cast.pegawai
    p.gaji_dasar = 5_000_000
    p.save()
    validated(p, 5_000)
    tl2 = {"menit_terlambat": 40, "band_tl": "TL2", "jam_masuk": None}
    late = {d: (StatusHari.TERLAMBAT, tl2) for d in HARI_OKTOBER[:3]}
    late[HARI_OKTOBER[3]] = (StatusHari.TANPA_KETERANGAN, {})
    bulan_hadir(p, late)
    periode = periode_ambil(pemda_id=cast.pemda.pk, tahun=2026, bulan=10)
    tpp_periode_hitung(actor=cast.hr, periode=periode)
    return BarisTpp.objects.select_related("aturan").get(periode=periode, pegawai=p)
