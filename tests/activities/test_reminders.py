"""The daily reminder digest: exactly who gets one and who does not (issue 8)."""

from datetime import date, time

import pytest
from celery.schedules import crontab
from django.core import mail
from django.urls import reverse

from accounts.models import User
from activities.choices import Status
from activities.reminders import pengingat_harian, pengingat_kirim
from activities.tasks import pengingat_harian_task
from attendance.choices import JenisPermohonan, StatusPermohonan
from attendance.models import HariLibur, JadwalHari, JadwalKerja, Permohonan
from core.notifications import Channel
from ekinerja.celery import app
from tests.factories import posted
from tests.helpers import aktivitas_baru

SELASA = date(2026, 10, 13)  # a Tuesday: the previous working day is Monday 12 October
SENIN = date(2026, 10, 12)
JUMAT = date(2026, 10, 9)


class FakeChannel(Channel):
    """An in-memory gateway: records what it was given; reaches everyone (no address needed)."""

    name = "fake"
    outbox: list[tuple[str, str, str]] = []

    def send(self, user, subject, text):
        FakeChannel.outbox.append((user.username, subject, text))


@pytest.fixture
def fake(settings):
    settings.NOTIFICATION_CHANNELS = ["tests.activities.test_reminders.FakeChannel"]
    settings.NOTIFICATION_DEFAULT_CHANNEL = "fake"  # the channel of those who chose none (Akun › Pemberitahuan)
    FakeChannel.outbox = []
    return FakeChannel.outbox


def entry(pegawai, tanggal, status=Status.SUBMITTED, **kw):
    return aktivitas_baru(pegawai, tanggal=tanggal, status=status, **kw)


def recipients(outbox) -> set[str]:
    return {username for username, _s, _t in outbox}


@pytest.fixture
def office(cast):
    """Monday 12 October 2026 in the cast's dinas, each person in a different situation."""
    c = cast
    # pegawai: entered nothing on Monday → reminded
    # atasan: entered nothing, and pegawai_cuti's Friday entry waits for their verification → both parts
    # atasan_atasan: filled Monday, one verified entry waits for their validation → queue part only
    entry(c.atasan_atasan, SENIN)
    # kadis: filled Monday, empty queue → nothing
    entry(c.kadis, SENIN, status=Status.VALIDATED)
    # pegawai_lain: filled Monday (submitted, no atasan holds the post) → nothing
    entry(c.pegawai_lain, SENIN)
    # on approved leave on Monday → nothing
    cuti = posted(c.j_staf, nama="Pegawai Cuti")
    Permohonan.objects.create(
        pemda=c.pemda, pegawai=cuti, jenis=JenisPermohonan.CUTI_TAHUNAN, mulai=SENIN, selesai=SENIN,
        alasan="Keluarga", status=StatusPermohonan.DISETUJUI,
    )  # fmt: skip
    entry(cuti, JUMAT, verifikator=c.atasan)
    entry(c.pegawai, JUMAT, status=Status.VERIFIED, verifikator=c.atasan, validator=c.atasan_atasan)
    # turned reminders off (and left Monday empty) → nothing
    c.admin_opd.terima_pengingat = False
    c.admin_opd.save()
    # inactive account → nothing
    pensiun = posted(c.j_staf, nama="Pegawai Nonaktif")
    User.objects.filter(pk=pensiun.user_id).update(is_active=False)
    # only a draft on Monday: not submitted yet → reminded
    draf = posted(c.j_staf, nama="Pegawai Draf")
    entry(draf, SENIN, status=Status.DRAFT)
    return {"cuti": cuti, "pensiun": pensiun, "draf": draf}


def test_it_reminds_exactly_who_left_the_day_empty_or_has_a_queue(cast, office, fake):
    sent = pengingat_kirim(today=SELASA)
    expected = {cast.pegawai.user.username, cast.atasan.user.username, cast.atasan_atasan.user.username}
    expected.add(office["draf"].user.username)
    assert recipients(fake) == expected
    assert sent == 4 and len(fake) == 4  # one message per person, both parts merged
    assert cast.pegawai.user.username in recipients(fake)
    for nobody in (cast.kadis, cast.pegawai_lain, office["cuti"], office["pensiun"]):
        assert nobody.user.username not in recipients(fake)
    assert cast.admin_opd.username not in recipients(fake)  # reminders turned off
    assert cast.hr.username not in recipients(fake) and cast.superadmin.username not in recipients(fake)


def test_the_message_says_which_day_and_which_queue(cast, office, fake):
    pengingat_kirim(today=SELASA)
    by_user = {u: (s, t) for u, s, t in fake}
    subject, text = by_user[cast.pegawai.user.username]
    assert subject == "E-Kinerja: aktivitas Senin, 12 Oktober 2026 belum diisi"
    assert "Yth. Pegawai Rajin," in text and "/aktivitas/?tanggal=2026-10-12" in text
    assert "verifikasi" not in text
    subject, text = by_user[cast.atasan.user.username]
    assert "Senin, 12 Oktober 2026" in subject
    assert "1 aktivitas bawahan menunggu verifikasi Anda" in text and "/aktivitas/antrean/verifikasi/" in text
    subject, text = by_user[cast.atasan_atasan.user.username]
    assert subject == "E-Kinerja: 1 aktivitas menunggu persetujuan Anda"
    assert "menunggu validasi Anda" in text and "belum diisi" not in text
    assert "/pengingat/" in text  # how to turn it off


def test_a_rerun_the_same_day_sends_nothing_new(cast, office, fake):
    assert pengingat_kirim(today=SELASA) == 4
    assert pengingat_kirim(today=SELASA) == 0
    assert len(fake) == 4
    assert User.objects.get(pk=cast.pegawai.user_id).pengingat_terakhir == SELASA
    # the next day is a new day: Tuesday is empty for all seven at work who still want reminders
    assert pengingat_kirim(today=date(2026, 10, 14)) == 7


def test_after_a_holiday_the_previous_working_day_is_before_it(cast, fake):
    HariLibur.objects.create(pemda=cast.pemda, tanggal=SENIN, nama="Libur uji")
    entry(cast.pegawai, JUMAT)
    pengingat_kirim(today=SELASA)
    assert cast.pegawai.user.username not in recipients(fake)  # Friday filled, Monday a holiday
    subject = {u: s for u, s, _t in fake}[cast.atasan.user.username]
    assert "Jumat, 9 Oktober 2026" in subject


def test_nobody_is_reminded_on_a_holiday_or_their_own_leave(cast, fake):
    HariLibur.objects.create(pemda=cast.pemda, tanggal=SELASA, nama="Libur uji")
    Permohonan.objects.create(
        pemda=cast.pemda, pegawai=cast.pegawai_lain, jenis=JenisPermohonan.CUTI_TAHUNAN, mulai=SELASA,
        selesai=SELASA, alasan="Keluarga", status=StatusPermohonan.DISETUJUI,
    )  # fmt: skip
    assert pengingat_kirim(today=SELASA) == 0
    assert fake == []


def test_a_six_day_unit_is_reminded_of_saturday_on_monday(cast, fake):
    jadwal = JadwalKerja.objects.create(pemda=cast.pemda, unit=cast.subbag, nama="Enam hari", berlaku_mulai=JUMAT)
    for d in range(6):
        JadwalHari.objects.create(jadwal=jadwal, hari=d, masuk=time(7, 30), pulang=time(14))
    entry(cast.atasan_atasan, JUMAT)  # the sekretariat keeps five days: Friday filled → nothing
    pengingat_kirim(today=SENIN)
    subjects = {u: s for u, s, _t in fake}
    assert "Sabtu, 10 Oktober 2026" in subjects[cast.pegawai.user.username]
    assert cast.atasan_atasan.user.username not in subjects


def test_e_mail_skips_people_without_an_address_and_keeps_them_for_later(cast, office, settings):
    settings.NOTIFICATION_CHANNELS = ["core.notifications.EmailChannel"]
    User.objects.filter(pk=cast.pegawai.user_id).update(email="rajin@contoh.go.id")
    User.objects.filter(pk=cast.atasan.user_id).update(email="kasubag@contoh.go.id")
    User.objects.filter(pk=cast.kadis.user_id).update(email="kadis@contoh.go.id")  # nothing to say to kadis
    assert pengingat_kirim(today=SELASA) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["kasubag@contoh.go.id", "rajin@contoh.go.id"]
    assert all(m.subject.startswith("E-Kinerja: ") for m in mail.outbox)
    # atasan_atasan has no e-mail: not marked, so an address added later still gets today's digest
    assert User.objects.get(pk=cast.atasan_atasan.user_id).pengingat_terakhir is None
    User.objects.filter(pk=cast.atasan_atasan.user_id).update(email="sekretaris@contoh.go.id")
    assert pengingat_kirim(today=SELASA) == 1
    assert mail.outbox[-1].to == ["sekretaris@contoh.go.id"]


class BrokenChannel(Channel):
    name = "broken"

    def send(self, user, subject, text):
        raise OSError("gateway down")


def test_a_channel_that_fails_leaves_the_person_unmarked_for_a_rerun(cast, office, settings):
    settings.NOTIFICATION_CHANNELS = ["tests.activities.test_reminders.BrokenChannel"]
    settings.NOTIFICATION_DEFAULT_CHANNEL = "broken"
    assert pengingat_kirim(today=SELASA) == 0
    assert User.objects.filter(pengingat_terakhir__isnull=False).count() == 0


def _people(cast, n: int) -> None:
    """n more staff under the atasan: half left Monday empty, half filled it and wait for verification."""
    for i in range(n):
        p = posted(cast.j_staf, nama=f"Staf {i}")
        User.objects.filter(pk=p.user_id).update(email=f"staf{i}@contoh.go.id")
        if i % 2:
            entry(p, SENIN, verifikator=cast.atasan)


@pytest.mark.parametrize("n", [3, 30])
def test_the_digest_takes_a_fixed_number_of_queries(cast, fake, n, django_assert_max_num_queries):
    _people(cast, n)
    # 15: the days are computed with the late/early bounds of the versions in force (one query, issue 16)
    with django_assert_max_num_queries(15):
        sent = pengingat_kirim(today=SELASA)
    # half the staff, and the whole cast (pegawai, atasan, atasan_atasan, kadis, pegawai_lain, admin_opd)
    # left Monday empty
    assert sent == (n + 1) // 2 + 6
    assert len(pengingat_harian(today=SELASA)) == 0  # all marked


def test_the_task_and_its_beat_entry(cast, fake, settings):
    beat = settings.CELERY_BEAT_SCHEDULE["pengingat-harian"]
    tugas = beat["kwargs"]["tugas"]
    assert beat["task"] == "accounts.tasks.jadwal_pemda" and tugas == "activities.tasks.pengingat_harian_task"
    assert tugas in app.tasks
    # hourly from 06:30 to 11:30 on the pemda's clock, on weekdays: who was in their quiet hours gets it
    # at the first run after them (the dispatcher, accounts/jadwal.py, compares the pemda's hour and day)
    lokal = crontab(hour=beat["kwargs"]["jam"], minute=beat["kwargs"]["menit"], day_of_week=beat["kwargs"]["hari"])
    assert lokal.hour == {6, 7, 8, 9, 10, 11} and lokal.minute == {30} and lokal.day_of_week == {1, 2, 3, 4, 5}
    # on the installation's clock (WITA) beat wakes at :30 from 06:30 WIT (05:30) to 11:30 WIB (12:30)
    assert beat["schedule"].hour == set(range(5, 13)) and beat["schedule"].minute == {30}
    assert pengingat_harian_task(cast.pemda.pk) >= 0  # runs for the pemda's today, whatever day it is


# --- the preference page (Akun › Pemberitahuan, which holds the daily digest's switch) ------------


def test_the_preference_page_needs_a_login(client, db):
    response = client.get(reverse("pengingat"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_an_employee_turns_reminders_off_and_on_again(client, cast):
    user = cast.pegawai.user
    client.force_login(user)
    page = client.get(reverse("beranda")).content.decode()
    assert f'href="{reverse("pengingat")}"' in page  # in the Akun menu
    page = client.get(reverse("pengingat")).content.decode()
    assert "Kirim pengingat harian kepada saya" in page and "checked" in page
    assert "belum memiliki alamat e-mail" in page  # the factory gives no e-mail
    response = client.post(reverse("pengingat"), {"kanal": "email"}, follow=True)
    assert "Pengaturan pemberitahuan sudah disimpan." in response.content.decode()
    user.refresh_from_db()
    assert user.terima_pengingat is False
    client.post(reverse("pengingat"), {"kanal": "email", "terima_pengingat": "on"})
    user.refresh_from_db()
    assert user.terima_pengingat is True


def test_turning_reminders_off_stops_the_digest(client, cast, fake):
    client.force_login(cast.pegawai.user)
    client.post(reverse("pengingat"), {"kanal": "aplikasi"})
    pengingat_kirim(today=SELASA)
    assert fake and cast.pegawai.user.username not in recipients(fake)


def test_the_digest_goes_through_the_chosen_channel_only(cast, office, settings):
    """E-mail and a gateway both reach the pegawai: the digest goes where they chose, nowhere when
    they chose only the app (and stays unmarked, so choosing a channel later still brings today's)."""
    from notifikasi.models import PreferensiNotifikasi

    settings.NOTIFICATION_CHANNELS = ["core.notifications.EmailChannel", "tests.activities.test_reminders.FakeChannel"]
    FakeChannel.outbox = []
    User.objects.filter(pk__in=[cast.pegawai.user_id, cast.atasan.user_id]).update(email="x@contoh.go.id")
    PreferensiNotifikasi.objects.create(user=cast.pegawai.user, kanal="fake")
    PreferensiNotifikasi.objects.create(user=cast.atasan.user, kanal="aplikasi")
    pengingat_kirim(today=SELASA)
    assert recipients(FakeChannel.outbox) == {cast.pegawai.user.username}
    assert mail.outbox == []  # the pegawai chose the gateway; the atasan, only the app
    assert User.objects.get(pk=cast.atasan.user_id).pengingat_terakhir is None


def test_someone_in_their_quiet_hours_gets_the_digest_at_the_first_run_after_them(cast, office, fake):
    """Quiet hours 21.00–07.00 in the pemda's zone: nothing at 06.30, the digest at 07.30, once."""
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    from notifikasi.models import PreferensiNotifikasi

    PreferensiNotifikasi.objects.create(
        user=cast.pegawai.user, kanal="fake", jam_tenang_mulai=time(21), jam_tenang_selesai=time(7)
    )
    zona = ZoneInfo(cast.pemda.zona_waktu)
    assert pengingat_kirim(today=SELASA, now=datetime.combine(SELASA, time(6, 30), tzinfo=zona)) == 3
    assert cast.pegawai.user.username not in recipients(fake)
    assert User.objects.get(pk=cast.pegawai.user_id).pengingat_terakhir is None  # left for a later run
    assert pengingat_kirim(today=SELASA, now=datetime.combine(SELASA, time(7, 30), tzinfo=zona)) == 1
    assert [u for u, _s, _t in fake].count(cast.pegawai.user.username) == 1
    assert pengingat_kirim(today=SELASA, now=datetime.combine(SELASA, time(8, 30), tzinfo=zona)) == 0
