"""Issue 20: pemda in WIB, WITA and WIT on one installation. Each one's "today", deadlines and
nightly jobs follow its own wall clock; the beat's entries of a pemda's local time run one task per
pemda, dispatched at the hour that is the entry's hour for that pemda (accounts/jadwal.py)."""

import os
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.urls import reverse

from accounts.choices import ZonaWaktu
from accounts.jadwal import pemda_jatuh_tempo, per_pemda
from accounts.models import Pemda
from activities.selectors import batas_input_pemda
from attendance.models import HariPresensi
from core.dates import hari_ini, today, waktu_lokal
from tests.factories import JabatanFactory, PemdaFactory, UnitFactory, posted
from tests.helpers import TODAY, beat_run, celery_worker

WIB, WITA, WIT = ZonaWaktu.WIB, ZonaWaktu.WITA, ZonaWaktu.WIT
ENTRI = {name: entry for name, entry in settings.CELERY_BEAT_SCHEDULE.items() if "tugas" in entry.get("kwargs", {})}


def _utc(d: date, jam: int, menit: int) -> datetime:
    return datetime.combine(d, time(jam, menit), tzinfo=UTC)


def _pemda(kode: str, zona: str):
    """A pemda in `zona` with one OPD and one posted pegawai (returns the pegawai)."""
    pemda = PemdaFactory(nama=f"Pemerintah Kabupaten {kode}", kode=kode, zona_waktu=zona)
    jabatan = JabatanFactory(unit=UnitFactory(pemda=pemda, nama=f"Dinas {kode}"), nama="Pengadministrasi")
    return posted(jabatan, nama=f"Pegawai {kode}")


def _lokal(name: str) -> crontab:
    k = ENTRI[name]["kwargs"]
    return crontab(hour=k["jam"], minute=k["menit"], day_of_week=k["hari"])


@pytest.fixture
def tiga(db):
    """Three pemda, one per zone (and whatever pemda the migrations made): pemda → zone."""
    pegawai = {zona: _pemda(kode, zona) for kode, zona in (("BRT", WIB), ("TGH", WITA), ("TMR", WIT))}
    return {p.pemda_id: z for z, p in pegawai.items()} | {
        pk: z
        for pk, z in Pemda.objects.exclude(pk__in=[p.pemda_id for p in pegawai.values()]).values_list(
            "pk", "zona_waktu"
        )
    }


def _dalam_zona(tiga: dict, *zona: str) -> list[int]:
    return sorted(pk for pk, z in tiga.items() if z in zona)


# --- one function says what a pemda's clock reads ------------------------------------------------


def test_the_same_instant_is_a_different_day_in_wib_and_wit(db):
    wib, wit = Pemda(zona_waktu=WIB), Pemda(zona_waktu=WIT)
    now = _utc(TODAY, 16, 30)
    assert (waktu_lokal(wib, now).time(), hari_ini(wib, now)) == (time(23, 30), TODAY)
    assert (waktu_lokal(wit, now).time(), hari_ini(wit, now)) == (time(1, 30), TODAY + timedelta(days=1))
    assert hari_ini(None, now) == TODAY + timedelta(days=1)  # no pemda: the installation's (WITA, 00:30)


def test_pages_show_each_pemdas_today(client, db, _pinned_clock):
    """16:30 UTC: 23:30 on Wednesday in a WIB pemda, 01:30 on Thursday in a WIT pemda. The entry form
    offers days up to the pemda's today, not one more or one less."""
    barat, timur = _pemda("BRT", WIB), _pemda("TMR", WIT)
    _pinned_clock.move_to(_utc(TODAY, 16, 30))
    for pegawai, hari in ((barat, TODAY), (timur, TODAY + timedelta(days=1))):
        client.force_login(pegawai.user)
        page = client.get(reverse("aktivitas:tambah"))
        assert page.status_code == 200
        assert f'max="{hari:%Y-%m-%d}"' in page.content.decode(), pegawai.pemda.zona_waktu


# --- the dispatcher: who is due at an instant ----------------------------------------------------


@pytest.mark.parametrize(
    ("instant", "zona"),
    [
        (_utc(TODAY, 15, 30), (WIT,)),  # 00:30 WIT
        (_utc(TODAY, 16, 30), (WITA,)),  # 00:30 WITA
        (_utc(TODAY, 17, 30), (WIB,)),  # 00:30 WIB
        (_utc(TODAY, 18, 30), ()),  # 01:30 WIB: nobody's 00:30
    ],
)
def test_the_nightly_recompute_is_due_for_exactly_the_pemda_at_0030_local(tiga, instant, zona):
    assert pemda_jatuh_tempo(_lokal("hari-recompute-nightly"), instant) == _dalam_zona(tiga, *zona)
    if zona:  # and beat wakes the dispatcher at that minute of the installation's clock
        sini = instant.astimezone(ZoneInfo(settings.CELERY_TIMEZONE))
        beat = ENTRI["hari-recompute-nightly"]["schedule"]
        assert sini.hour in beat.hour and sini.minute in beat.minute


@pytest.mark.parametrize(
    ("instant", "zona"),
    [
        (_utc(date(2026, 11, 22), 21, 30), (WIT,)),  # Sunday in UTC and WITA, Monday 06:30 in WIT
        (_utc(date(2026, 11, 20), 4, 30), (WIB,)),  # Friday 11:30 WIB; 12:30 WITA, 13:30 WIT: past the last run
        (_utc(date(2026, 11, 20), 23, 30), ()),  # Saturday 06:30 WIT, 05:30 WITA, 06:30 WIB is still an hour off
        (_utc(date(2026, 11, 21), 0, 30), ()),  # Saturday 07:30 WIB: no digest on a weekend
    ],
)
def test_the_weekday_digest_follows_each_pemdas_weekday_and_hours(tiga, instant, zona):
    assert pemda_jatuh_tempo(_lokal("pengingat-harian"), instant) == _dalam_zona(tiga, *zona)


def test_every_local_entry_is_woken_at_each_zones_hour(settings):
    """For every entry of a pemda's local time and every local hour of it, beat wakes the dispatcher
    at the installation hour that is that hour in WIB, in WITA and in WIT."""
    sini = ZoneInfo(settings.CELERY_TIMEZONE)
    for name, entry in ENTRI.items():
        lokal = _lokal(name)
        for jam in lokal.hour:
            for zona in (WIB, WITA, WIT):
                local = datetime.combine(TODAY, time(jam, min(lokal.minute)), tzinfo=ZoneInfo(zona))
                there = local.astimezone(sini)
                assert there.hour in entry["schedule"].hour and there.minute in entry["schedule"].minute, (name, zona)


# --- a job of one pemda runs in its zone and touches its rows only -------------------------------


def test_a_deadline_of_a_wit_pemda_is_midnight_in_wit(db):
    barat, timur = _pemda("BRT", WIB), _pemda("TMR", WIT)

    def batas(pemda) -> int:
        got.append((pemda.pk, today(), batas_input_pemda(pemda.pk, TODAY)))
        return 1

    got = []
    task = per_pemda(batas)
    assert task(timur.pemda_id) == 1 and task(barat.pemda_id) == 1
    (_wit, hari_wit, batas_wit), (_wib, hari_wib, batas_wib) = got
    assert batas_wit.astimezone(ZoneInfo(WIT)).time() == time(0) and batas_wit.tzinfo == ZoneInfo(WIT)
    assert batas_wib.astimezone(ZoneInfo(WIB)).time() == time(0)
    assert batas_wib.date() == batas_wit.date() and batas_wib - batas_wit == timedelta(hours=2)
    assert hari_wit == hari_wib == TODAY  # 09:00 WITA is 10:00 WIT and 08:00 WIB


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (make test provides it)")
@pytest.mark.django_db(transaction=True)
def test_the_nightly_recompute_runs_in_a_worker_for_the_pemda_whose_night_it_is(_pinned_clock):
    """15:30 UTC on Wednesday: 00:30 on Thursday in WIT, 22:30 on Wednesday in WIB. Beat's run stores
    the WIT pemda's past week up to its yesterday (Wednesday) and leaves the WIB pemda alone."""
    barat, timur = _pemda("BRT", WIB), _pemda("TMR", WIT)
    _pinned_clock.move_to(_utc(TODAY, 15, 30))
    with celery_worker():
        assert beat_run("hari-recompute-nightly") == [timur.pemda_id]
    days = sorted(HariPresensi.objects.filter(pegawai=timur).values_list("tanggal", flat=True))
    assert days == [TODAY - timedelta(days=n) for n in range(6, -1, -1)]  # Thursday's yesterday is TODAY
    assert not HariPresensi.objects.filter(pegawai=barat).exists()

    _pinned_clock.move_to(_utc(TODAY, 17, 30))  # 00:30 on Thursday in WIB
    with celery_worker():
        assert beat_run("hari-recompute-nightly") == [barat.pemda_id]
    assert HariPresensi.objects.filter(pegawai=barat).count() == 7


# --- the punch API runs on the token's pemda's clock ---------------------------------------------


def test_a_punch_sent_with_a_wit_token_falls_on_the_wit_day(client, cast, _pinned_clock):
    """15:45 UTC on Wednesday: 00:45 on Thursday in WIT (23:45 on Wednesday in WITA, the installation's
    zone). A machine's wall-clock time is read in WIT, and a punch at 15:35 UTC is Thursday's."""
    from attendance.services import absen as svc

    cast.pemda.zona_waktu = WIT
    cast.pemda.save()
    _token, raw = svc.token_create(actor=cast.hr, nama="Gateway")
    _pinned_clock.move_to(_utc(TODAY, 15, 45))

    def kirim(nip: str, waktu: str) -> None:
        body = {"absen": [{"nip": nip, "waktu": waktu}]}
        r = client.post(
            reverse("presensi:api_absen"), body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}"
        )
        assert r.status_code == 200, r.content

    kirim(cast.pegawai_lain.nip, f"{TODAY}T15:35:00+00:00")  # 00:35 WIT on Thursday, today there
    kamis = TODAY + timedelta(days=1)
    assert list(HariPresensi.objects.filter(pegawai=cast.pegawai_lain).values_list("tanggal", flat=True)) == [kamis]
    kirim(cast.pegawai.nip, f"{TODAY}T07:31:00")  # a machine's wall clock, no offset: WIT
    assert cast.pegawai.absen.get().waktu == datetime.combine(TODAY, time(7, 31), tzinfo=ZoneInfo(WIT))
    assert HariPresensi.objects.get(pegawai=cast.pegawai, tanggal=TODAY).jam_masuk == time(7, 31)
