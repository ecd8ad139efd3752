"""Issue 17, the morning jobs: a supervisor whose waiting entries become overdue tomorrow, and everyone
with unsent entries of a month whose entries close within three working days. Run through the
Celery task functions under the pinned clock, with planted queues and a seeded month: exactly the
planted people hear, once, however often the job runs."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from activities import tasks
from activities.choices import Status
from activities.models import Aktivitas
from notifikasi.choices import Jenis
from notifikasi.models import Notifikasi
from tests.activities.test_views_antrean import buat, staf_baru
from tests.helpers import TODAY, aktivitas_baru

pytestmark = pytest.mark.django_db


def pada(d: date, jam: int = 10) -> datetime:
    return datetime.combine(d, time(jam), tzinfo=ZoneInfo(settings.TIME_ZONE))


def rows(jenis):
    found = Notifikasi.objects.filter(jenis=jenis).order_by("pk")
    return list(found.values_list("user_id", "judul", "isi", "url", "kunci"))


# --- a queue about to become overdue ----------------------------------------------------------

JUMAT, KAMIS, SENIN = date(2026, 11, 13), date(2026, 11, 12), date(2026, 11, 16)


def antre(cast, pegawai, *, sejak, status=Status.SUBMITTED, jam=8):
    """A waiting entry that arrived in its queue on `sejak` (3 working days allowed by default)."""
    a = buat(pegawai, verifikator=cast.atasan, validator=cast.atasan_atasan, status=status, jam=jam, tanggal=sejak)
    field = "diajukan_pada" if status == Status.SUBMITTED else "diverifikasi_pada"
    Aktivitas.objects.filter(pk=a.pk).update(**{field: pada(sejak)})
    return a


def test_each_supervisor_whose_queue_turns_overdue_tomorrow_hears_once(cast):
    assert timezone.localdate() == TODAY  # Wednesday 18 November: Friday's arrivals have their last day
    antre(cast, cast.pegawai, sejak=JUMAT, jam=8)
    antre(cast, cast.pegawai, sejak=JUMAT, jam=10)
    antre(cast, cast.pegawai, sejak=JUMAT, jam=13, status=Status.VERIFIED)  # the validator's
    antre(cast, cast.pegawai, sejak=SENIN, jam=15)  # until Thursday: not yet
    # already overdue (last day Tuesday): the overdue record has it, no "tomorrow" message
    buat(cast.atasan, verifikator=cast.atasan_atasan, tanggal=KAMIS, diajukan_pada=pada(KAMIS))
    assert tasks.antrean_jatuh_tempo_task() == 2
    assert tasks.antrean_jatuh_tempo_task() == 0  # a rerun the same morning
    kunci = f"antrean-jatuh-tempo:{TODAY.isoformat()}"
    assert sorted(rows(Jenis.ANTREAN_JATUH_TEMPO)) == sorted(
        [
            (
                cast.atasan.user.pk,
                "2 aktivitas di antrean Anda lewat batas besok",
                "2 menunggu verifikasi. Hari ini hari terakhirnya; yang belum diproses besok tercatat sebagai "
                "tunggakan Anda.",
                reverse("aktivitas:antrean_verifikasi"),
                kunci,
            ),
            (
                cast.atasan_atasan.user.pk,
                "1 aktivitas di antrean Anda lewat batas besok",
                "1 menunggu validasi. Hari ini hari terakhirnya; yang belum diproses besok tercatat sebagai "
                "tunggakan Anda.",
                reverse("aktivitas:antrean_validasi"),
                kunci,
            ),
        ]
    )
    assert Notifikasi.objects.count() == 2  # nobody else


def test_the_queue_job_costs_the_same_queries_for_2_or_12_supervisors(cast, django_assert_max_num_queries):
    def plant(n, prefix):
        for p in staf_baru(cast, n, prefix=prefix):
            antre(cast, p, sejak=JUMAT)
            # each staf approves a colleague of their own, so each is a supervisor with a queue
            [bawahan] = staf_baru_di_bawah(p, prefix)
            a = buat(bawahan, verifikator=p, tanggal=JUMAT)
            Aktivitas.objects.filter(pk=a.pk).update(diajukan_pada=pada(JUMAT))

    def staf_baru_di_bawah(p, prefix):
        from accounts.models import Penempatan
        from tests.factories import JabatanFactory, posted

        jabatan = Penempatan.objects.filter(pegawai=p).first().jabatan
        return [posted(JabatanFactory(unit=cast.subbag, parent=jabatan, nama=f"{prefix} b"), nama=f"{prefix} bawahan")]

    plant(1, "Satu")
    with django_assert_max_num_queries(30) as few:
        tasks.antrean_jatuh_tempo_task()
    Notifikasi.objects.all().delete()
    plant(10, "Sepuluh")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert tasks.antrean_jatuh_tempo_task() == 12


# --- a month about to close --------------------------------------------------------------------

SELASA_1_DES = date(2026, 12, 1)  # November's last day (Monday 30) may be entered until Thursday 3 December


def test_everyone_with_unsent_entries_of_a_closing_month_hears_once(cast, _pinned_clock):
    aktivitas_baru(cast.pegawai, tanggal=date(2026, 11, 30))  # a draft, its window open
    aktivitas_baru(cast.pegawai, tanggal=date(2026, 11, 30), jam_mulai=time(10), jam_selesai=time(11))
    aktivitas_baru(cast.atasan, tanggal=date(2026, 11, 27), status=Status.RETURNED)  # open until 2 December
    aktivitas_baru(cast.pegawai_lain, tanggal=date(2026, 11, 10))  # its window closed long ago
    aktivitas_baru(cast.atasan_atasan, tanggal=date(2026, 11, 30), status=Status.SUBMITTED)  # sent
    aktivitas_baru(cast.kadis, tanggal=date(2026, 11, 30), dihapus=timezone.now())  # deleted
    aktivitas_baru(cast.kadis, tanggal=SELASA_1_DES)  # December's
    assert tasks.bulan_ditutup_task() == 0  # 18 November: nothing closes soon
    _pinned_clock.move_to(pada(SELASA_1_DES, 7))
    assert timezone.localdate() == SELASA_1_DES
    assert tasks.bulan_ditutup_task() == 2
    assert tasks.bulan_ditutup_task() == 0
    judul = "Aktivitas November 2026 dapat diajukan sampai Kamis, 3 Desember 2026"
    hari = reverse("aktivitas:hari_ini")
    assert {(r[0], r[1], r[3], r[4]) for r in rows(Jenis.BULAN_DITUTUP)} == {
        (cast.pegawai.user.pk, judul, f"{hari}?tanggal=2026-11-30", "bulan-ditutup:2026-11"),
        (cast.atasan.user.pk, judul, f"{hari}?tanggal=2026-11-27", "bulan-ditutup:2026-11"),
    }
    isi = dict((r[0], r[2]) for r in rows(Jenis.BULAN_DITUTUP))
    assert isi[cast.pegawai.user.pk].startswith("Anda masih punya 2 aktivitas yang belum diajukan")
    assert isi[cast.atasan.user.pk].startswith("Anda masih punya 1 aktivitas yang belum diajukan")
    assert Notifikasi.objects.count() == 2
    _pinned_clock.move_to(pada(date(2026, 12, 3), 7))  # the next mornings: still once for the month
    assert tasks.bulan_ditutup_task() == 0


# --- the lead is the pemda's dated rule ---------------------------------------------------------


def aturan_aktivitas(cast, mulai: date, hari: int):
    from activities.models import AturanAktivitas

    return AturanAktivitas.objects.create(pemda=cast.pemda, berlaku_mulai=mulai, pengingat_tutup_hari_kerja=hari)


def test_the_lead_is_the_rule_in_force_on_the_day_and_0_means_no_reminder(cast, _pinned_clock):
    aturan_aktivitas(cast, date(2026, 11, 1), 0)  # no reminder…
    aturan_aktivitas(cast, date(2026, 12, 2), 2)  # …until a version from Wednesday 2 December: 2 working days
    aktivitas_baru(cast.pegawai, tanggal=date(2026, 11, 30))
    _pinned_clock.move_to(pada(SELASA_1_DES, 7))
    assert tasks.bulan_ditutup_task() == 0  # the default (3) would have told on Tuesday
    _pinned_clock.move_to(pada(date(2026, 12, 2), 7))  # Wednesday and Thursday 3 December: within 2 days
    assert tasks.bulan_ditutup_task() == 1
    assert tasks.bulan_ditutup_task() == 0
    assert rows(Jenis.BULAN_DITUTUP) == [
        (
            cast.pegawai.user.pk,
            "Aktivitas November 2026 dapat diajukan sampai Kamis, 3 Desember 2026",
            "Anda masih punya 1 aktivitas yang belum diajukan (draf atau dikembalikan). Ajukan sebelum batas itu "
            "agar dihitung dalam capaian bulan ini.",
            f"{reverse('aktivitas:hari_ini')}?tanggal=2026-11-30",
            "bulan-ditutup:2026-11",
        )
    ]


def test_a_lead_of_one_day_tells_on_the_last_day_only(cast, _pinned_clock):
    aturan_aktivitas(cast, date(2026, 11, 1), 1)
    aktivitas_baru(cast.pegawai, tanggal=date(2026, 11, 30))
    for hari in (SELASA_1_DES, date(2026, 12, 2)):
        _pinned_clock.move_to(pada(hari, 7))
        assert tasks.bulan_ditutup_task() == 0
    _pinned_clock.move_to(pada(date(2026, 12, 3), 7))
    assert tasks.bulan_ditutup_task() == 1
    assert [r[4] for r in rows(Jenis.BULAN_DITUTUP)] == ["bulan-ditutup:2026-11"]


# --- dispensations: a person's own later deadline -------------------------------------------------


def dispensasi(cast, pegawai, mulai: date, selesai: date, batas: date):
    from activities.models import Dispensasi

    return Dispensasi.objects.create(
        pemda=cast.pemda, pegawai=pegawai, tanggal_mulai=mulai, tanggal_selesai=selesai, batas=batas, alasan="Sakit"
    )


def test_a_dispensation_moves_the_reminder_to_its_holders_own_deadline(cast, _pinned_clock):
    from accounts.models import PeriodeTutup

    hari = reverse("aktivitas:hari_ini")
    # the pegawai: Thursday 5 November kept open until 2 December, before the month's close (3 December):
    # counted with the month's other draft, in the month's message
    aktivitas_baru(cast.pegawai, tanggal=date(2026, 11, 30))
    aktivitas_baru(cast.pegawai, tanggal=date(2026, 11, 5))
    dispensasi(cast, cast.pegawai, date(2026, 11, 3), date(2026, 11, 6), date(2026, 12, 2))
    # the atasan: 27 November as everyone; 10 November kept open until Thursday 10 December
    aktivitas_baru(cast.atasan, tanggal=date(2026, 11, 27), status=Status.RETURNED)
    aktivitas_baru(cast.atasan, tanggal=date(2026, 11, 10))
    aktivitas_baru(cast.atasan, tanggal=date(2026, 11, 10), jam_mulai=time(10), jam_selesai=time(11))
    dispensasi(cast, cast.atasan, date(2026, 11, 9), date(2026, 11, 10), date(2026, 12, 10))
    # a colleague: an October day kept open until Wednesday 9 December
    aktivitas_baru(cast.pegawai_lain, tanggal=date(2026, 10, 15))
    dispensasi(cast, cast.pegawai_lain, date(2026, 10, 15), date(2026, 10, 15), date(2026, 12, 9))
    # the kadis: a September day kept open too, but September is closed; and a dispensation that ended
    aktivitas_baru(cast.kadis, tanggal=date(2026, 9, 14))
    dispensasi(cast, cast.kadis, date(2026, 9, 14), date(2026, 9, 14), date(2026, 12, 9))
    PeriodeTutup.objects.create(pemda=cast.pemda, tahun=2026, bulan=9)
    aktivitas_baru(cast.kadis, tanggal=date(2026, 11, 2))
    dispensasi(cast, cast.kadis, date(2026, 11, 2), date(2026, 11, 2), date(2026, 11, 30))

    _pinned_clock.move_to(pada(SELASA_1_DES, 7))
    assert tasks.bulan_ditutup_task() == 2
    assert tasks.bulan_ditutup_task() == 0
    november = "Aktivitas November 2026 dapat diajukan sampai Kamis, 3 Desember 2026"
    assert sorted((r[0], r[1], r[2][:33], r[3], r[4]) for r in rows(Jenis.BULAN_DITUTUP)) == sorted([
        (cast.pegawai.user.pk, november, "Anda masih punya 2 aktivitas yang", f"{hari}?tanggal=2026-11-05",
         "bulan-ditutup:2026-11"),
        (cast.atasan.user.pk, november, "Anda masih punya 1 aktivitas yang", f"{hari}?tanggal=2026-11-27",
         "bulan-ditutup:2026-11"),
    ])  # fmt: skip
    Notifikasi.objects.all().delete()

    _pinned_clock.move_to(pada(date(2026, 12, 4), 7))  # Friday: 9 and 10 December are beyond 3 working days
    assert tasks.bulan_ditutup_task() == 0
    _pinned_clock.move_to(pada(date(2026, 12, 7), 7))  # Monday: 9 December is within them, 10 December not
    assert tasks.bulan_ditutup_task() == 1
    _pinned_clock.move_to(pada(date(2026, 12, 8), 7))
    assert tasks.bulan_ditutup_task() == 1
    assert tasks.bulan_ditutup_task() == 0
    sendiri = "Ajukan sebelum batas itu agar dihitung dalam capaian bulan ini. Batas ini mengikuti dispensasi Anda."
    assert sorted(rows(Jenis.BULAN_DITUTUP), key=lambda r: r[4]) == [
        (
            cast.pegawai_lain.user.pk,
            "Aktivitas Oktober 2026 dapat diajukan sampai Rabu, 9 Desember 2026",
            "Anda masih punya 1 aktivitas yang belum diajukan (draf atau dikembalikan). " + sendiri,
            f"{hari}?tanggal=2026-10-15",
            "bulan-ditutup:2026-10:dispensasi:2026-12-09",
        ),
        (
            cast.atasan.user.pk,
            "Aktivitas November 2026 dapat diajukan sampai Kamis, 10 Desember 2026",
            "Anda masih punya 2 aktivitas yang belum diajukan (draf atau dikembalikan). " + sendiri,
            f"{hari}?tanggal=2026-11-10",
            "bulan-ditutup:2026-11:dispensasi:2026-12-10",
        ),
    ]


def test_the_month_job_costs_the_same_queries_for_1_or_11_dispensations(cast, _pinned_clock,
                                                                         django_assert_max_num_queries):  # fmt: skip
    def plant(n, prefix):
        for p in staf_baru(cast, n, prefix=prefix):
            aktivitas_baru(p, tanggal=date(2026, 11, 30))
            aktivitas_baru(p, tanggal=date(2026, 11, 4))
            dispensasi(cast, p, date(2026, 11, 4), date(2026, 11, 4), date(2026, 12, 3))

    _pinned_clock.move_to(pada(SELASA_1_DES, 7))
    plant(1, "Satu")
    with django_assert_max_num_queries(30) as few:
        assert tasks.bulan_ditutup_task() == 1
    Notifikasi.objects.all().delete()
    plant(10, "Sepuluh")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert tasks.bulan_ditutup_task() == 11
    assert set(Notifikasi.objects.values_list("isi", flat=True)) == {
        "Anda masih punya 2 aktivitas yang belum diajukan (draf atau dikembalikan). Ajukan sebelum batas itu agar "
        "dihitung dalam capaian bulan ini."
    }
