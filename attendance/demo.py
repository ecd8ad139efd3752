"""Demo attendance for the seeded pemda (issue 13): the recent weeks of fingerprint punches, written
as the ZKTeco ATTLOG file a machine exports and imported the way an admin does it, so that the day
statuses, the recaps, the block rule and the TPP cuts have a real month to show.

Nothing is written around the services: the machine PINs are linked with `pin_mesin_create` and the
file goes through `absen_impor` (all-or-nothing, then the day statuses are recomputed), both as the
demo's HR persona. The punches are drawn from a seeded random generator, so every run is the same.
"""

import random
from collections.abc import Collection
from datetime import date, datetime, time, timedelta

from django.db.models import Q

from accounts.choices import Role
from accounts.demo import PERSONAS
from accounts.models import Pegawai, Pemda, Penempatan, User
from core.months import month_start

from .models import HariLibur
from .selectors import JadwalResolver
from .services.absen import pin_mesin_create
from .services.absen_simpan import HasilImpor, absen_impor

SEED = 2026
MINGGU = 2  # whole weeks of punches before this week (and always the whole current month)
# A demo larger than this (the --employees 10000 benchmark) gets punches only for the personas, whoever
# logged work and their colleagues of the same units, at most this many: the benchmark stays about as
# fast as before. The default demo (180) is covered whole.
MAKS_PEGAWAI = 200
PIN_AWAL = 1001  # machine user ids as a ZKTeco terminal numbers them
NAMA_FILE = "1_attlog.dat"

# How a working day of someone who is not on leave goes, in shares of the days (the rest: on time).
TIDAK_DATANG = 0.03  # no punch: "Tanpa keterangan"
TERLAMBAT = 0.08  # the first punch after the start of the day
PULANG_CEPAT = 0.03
LUPA_ABSEN_PULANG = 0.02  # only the morning punch: PSW4
DUA_KALI = 0.15  # the finger read twice, seconds apart (the day takes the first and the last)


def periode_absen(today: date) -> tuple[date, date]:
    """The days that get punches: from the Monday MINGGU weeks back (or the 1st of the month, when
    earlier) up to yesterday. Today has none: its file comes tomorrow, as in most pemda."""
    senin = today - timedelta(days=today.weekday() + 7 * MINGGU)
    return min(senin, month_start(today)), today - timedelta(days=1)


def _pegawai(pemda: Pemda, today: date, bekerja: Collection[tuple[int, date]]) -> list[Pegawai]:
    """The pegawai who punch: every one in the default demo; in a big one those the demo is about."""
    semua = list(Pegawai.objects.filter(pemda=pemda).select_related("user").order_by("nip"))
    if len(semua) <= MAKS_PEGAWAI:
        return semua
    utama = {p.pk for p in semua if p.user.username in PERSONAS}
    utama |= {pid for pid, _day in bekerja}
    units = set(
        Penempatan.objects.filter(pegawai_id__in=utama, mulai__lte=today)
        .filter(Q(selesai__isnull=True) | Q(selesai__gte=today))
        .values_list("jabatan__unit_id", flat=True)
    )
    seunit = set(
        Penempatan.objects.filter(jabatan__unit_id__in=units, mulai__lte=today)
        .filter(Q(selesai__isnull=True) | Q(selesai__gte=today))
        .values_list("pegawai_id", flat=True)
    )
    semua.sort(key=lambda p: p.pk not in utama)  # stable: NIP order
    return [p for p in semua if p.pk in utama or p.pk in seunit][:MAKS_PEGAWAI]


def _menit(t: time) -> int:
    return t.hour * 60 + t.minute


def _acak(rng: random.Random, dari: int, menit: int) -> time:
    """A random second within the `menit` minutes from minute `dari` of the day."""
    detik = dari * 60 + rng.randrange(menit * 60)
    return time(detik // 3600, detik // 60 % 60, detik % 60)


def _punches(rng: random.Random, masuk: time, pulang: time, *, hadir_wajib: bool) -> list[time]:
    """One person's punches on one working day (the draws are made in the same order every time)."""
    tidak_datang, telat, pulang_r, dua_kali = rng.random(), rng.random(), rng.random(), rng.random()
    if tidak_datang < TIDAK_DATANG and not hadir_wajib:
        return []
    if telat < TERLAMBAT:
        datang = _acak(rng, _menit(masuk) + 1, 75)
    else:
        datang = _acak(rng, _menit(masuk) - 40, 39)
    out = [datang]
    if pulang_r < LUPA_ABSEN_PULANG:
        pass  # forgot the evening punch
    elif pulang_r < LUPA_ABSEN_PULANG + PULANG_CEPAT:
        out.append(_acak(rng, _menit(pulang) - 70, 65))
    else:
        out.append(_acak(rng, _menit(pulang), 50))
    if dua_kali < DUA_KALI:
        detik = datang.hour * 3600 + datang.minute * 60 + datang.second + rng.randrange(2, 9)
        out.insert(1, time(detik // 3600, detik // 60 % 60, detik % 60))
    return out


def attlog_demo(
    *, pemda: Pemda, pins: dict[int, str], start: date, end: date, bekerja: Collection[tuple[int, date]] = ()
) -> bytes:
    """The machine file of the demo's punches from `start` to `end`, in the machine's time order;
    whoever logged work on a day (`bekerja`: (pegawai id, date) pairs) was there that day."""
    rng = random.Random(SEED)
    resolver = JadwalResolver(pemda_id=pemda.pk, start=start, end=end)
    libur = set(HariLibur.objects.filter(pemda=pemda, tanggal__range=(start, end)).values_list("tanggal", flat=True))
    bekerja = set(bekerja)
    lines: list[tuple[datetime, str]] = []
    day = start
    while day <= end:
        jam = resolver.jam(None, day)
        if jam is not None and day not in libur:
            for pid, pin in pins.items():
                for t in _punches(rng, jam.masuk, jam.pulang, hadir_wajib=(pid, day) in bekerja):
                    lines.append((datetime.combine(day, t), pin))
        day += timedelta(days=1)
    lines.sort()
    return "".join(f"{pin}\t{waktu:%Y-%m-%d %H:%M:%S}\t1\t0\t0\n" for waktu, pin in lines).encode()


def seed_absen(*, pemda: Pemda, today: date, bekerja: Collection[tuple[int, date]] = ()) -> HasilImpor | None:
    """Link machine PINs and import the recent weeks' punches as the HR persona; None without one.
    `bekerja`: the (pegawai id, date) pairs the activities demo logged work on (given by the command
    that orders the demos: attendance does not read activities), never absent days."""
    hr = User.objects.filter(pemda=pemda, role=Role.HR_PEMDA, is_active=True).order_by("pk").first()
    if hr is None:
        return None
    pins = {}
    for n, pegawai in enumerate(_pegawai(pemda, today, bekerja)):
        pins[pegawai.pk] = pin_mesin_create(actor=hr, pegawai=pegawai, pin=str(PIN_AWAL + n)).pin
    start, end = periode_absen(today)
    data = attlog_demo(pemda=pemda, pins=pins, start=start, end=end, bekerja=bekerja)
    if not data:
        return None
    hasil = absen_impor(actor=hr, nama_file=NAMA_FILE, data=data)
    if not hasil.ok:  # the demo's own file: a refusal is a bug here, not a clerk's mistake
        raise RuntimeError(f"demo attendance refused: {hasil.errors[:3]}")
    return hasil
