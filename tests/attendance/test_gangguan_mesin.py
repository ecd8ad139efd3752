"""A machine outage (issue 16): the admin marks a unit's people present in one action, only on the
days without a punch or with a missing one (never leave, holidays, weekends, corrected days, nor the
admin's own days or their atasan's), each day with its history; a second run changes nothing."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import PeriodeTutup
from attendance.choices import JenisPermohonan, StatusHari, StatusPermohonan, SumberAbsen
from attendance.models import Absen, GangguanMesin, HariLibur, HariPresensi, Permohonan
from attendance.services.gangguan_mesin import ATASAN, SENDIRI, gangguan_create, gangguan_terapkan
from attendance.services.hari import hari_koreksi, hari_recompute
from core.models import AuditLog
from tests.factories import posted

pytestmark = pytest.mark.django_db

WITA = ZoneInfo("Asia/Makassar")
# Thursday 12 to Tuesday 17 November 2026 (TODAY is Wednesday 18): 14 and 15 are a weekend.
KAMIS, JUMAT, SENIN, SELASA = date(2026, 11, 12), date(2026, 11, 13), date(2026, 11, 16), date(2026, 11, 17)


def punch(pegawai, day, *times):
    for t in times:
        Absen.objects.create(
            pemda=pegawai.pemda, pegawai=pegawai, waktu=datetime.combine(day, t, tzinfo=WITA), sumber=SumberAbsen.BERKAS
        )


def status(pegawai, day):
    return HariPresensi.objects.filter(pegawai=pegawai, tanggal=day).values_list("status", "manual").first()


@pytest.fixture
def planted(cast):
    """The pegawai: Thursday no punch, Friday a holiday, Monday no check-out, Tuesday on leave."""
    HariLibur.objects.create(pemda=cast.pemda, tanggal=JUMAT, nama="Libur uji")
    punch(cast.pegawai, SENIN, time(7, 20))
    Permohonan.objects.create(
        pemda=cast.pemda,
        pegawai=cast.pegawai,
        jenis=JenisPermohonan.CUTI_TAHUNAN,
        mulai=SELASA,
        selesai=SELASA,
        alasan="x",
        status=StatusPermohonan.DISETUJUI,
    )
    for p in (cast.admin_opd.pegawai, cast.atasan, cast.atasan_atasan, cast.kadis, cast.pegawai_lain):
        for day in (KAMIS, SENIN, SELASA):
            punch(p, day, time(7, 25), time(16, 10))
    # stored days for some (a recomputation has run), none for others: both are handled
    hari_recompute(pegawai_ids=[cast.pegawai.pk, cast.pegawai_lain.pk], start=KAMIS, end=SELASA)
    return cast


def catat(cast, actor=None, unit=None, mulai=KAMIS, selesai=SELASA):
    return gangguan_create(
        actor=actor or cast.admin_opd, unit=unit or cast.dinas, mulai=mulai, selesai=selesai, alasan="Mesin rusak"
    )


def test_the_outage_marks_exactly_the_days_without_punches(planted):
    c = planted
    hasil = catat(c)
    assert hasil.hari_diubah == 2 and hasil.dilewati == {}
    h = HariPresensi.objects.get(pegawai=c.pegawai, tanggal=KAMIS)
    assert (h.status, h.manual, h.dikoreksi_oleh, h.band_tl, h.band_psw) == (
        StatusHari.HADIR,
        True,
        c.admin_opd,
        "",
        "",
    )
    assert f"#{hasil.gangguan.pk}" in h.alasan_koreksi
    h = HariPresensi.objects.get(pegawai=c.pegawai, tanggal=SENIN)
    assert (h.status, h.jam_masuk, h.jam_pulang, h.band_psw, h.menit_pulang_cepat) == (
        StatusHari.HADIR,
        time(7, 20),
        None,
        "",
        None,
    )
    assert status(c.pegawai, SELASA) == (StatusHari.CUTI, False)
    assert status(c.pegawai, JUMAT) == (StatusHari.LIBUR, False)
    assert not HariPresensi.objects.filter(pegawai=c.pegawai, tanggal=date(2026, 11, 14), manual=True).exists()
    assert not HariPresensi.objects.filter(pegawai=c.pegawai_lain, manual=True).exists()  # another OPD
    rows = AuditLog.objects.filter(aksi="haripresensi:gangguan_mesin").order_by("seq")
    assert [r.sesudah["gangguan_mesin"] for r in rows] == [hasil.gangguan.pk] * 2
    assert {r.objek_id for r in rows} == {
        str(pk) for pk in HariPresensi.objects.filter(pegawai=c.pegawai, manual=True).values_list("pk", flat=True)
    }
    assert rows[0].sebelum["status"] == StatusHari.TANPA_KETERANGAN
    assert GangguanMesin.objects.get().hari_diubah == 2


def test_running_it_again_changes_nothing_more(planted):
    hasil = catat(planted)
    jejak = AuditLog.objects.count()
    again = gangguan_terapkan(actor=planted.admin_opd, gangguan=hasil.gangguan)
    assert again.hari_diubah == 0 and AuditLog.objects.count() == jejak
    assert GangguanMesin.objects.get().hari_diubah == 2
    # and a recomputation keeps the marked days (manual)
    hari_recompute(pegawai_ids=[planted.pegawai.pk], start=KAMIS, end=SELASA)
    assert status(planted.pegawai, KAMIS) == (StatusHari.HADIR, True)


def test_a_leave_waiting_for_its_decision_keeps_its_day(planted):
    c = planted
    Permohonan.objects.create(
        pemda=c.pemda, pegawai=c.pegawai, jenis=JenisPermohonan.IZIN, mulai=KAMIS, selesai=KAMIS, alasan="x"
    )
    assert catat(c).hari_diubah == 1  # Monday only
    assert status(c.pegawai, KAMIS) == (StatusHari.TANPA_KETERANGAN, False)


def test_a_day_someone_corrected_by_hand_is_left_alone(planted):
    c = planted
    hari_koreksi(
        actor=c.hr,
        pegawai=c.pegawai,
        tanggal=KAMIS,
        status="TANPA_KETERANGAN",
        jam_masuk=None,
        jam_pulang=None,
        alasan="Bolos",
    )
    assert catat(c).hari_diubah == 1  # Monday only
    assert status(c.pegawai, KAMIS) == (StatusHari.TANPA_KETERANGAN, True)


def test_the_admins_own_days_and_their_atasan_are_skipped_and_said(cast):
    c = cast
    hasil = catat(c, mulai=SENIN, selesai=SENIN)  # nobody punched: every posted person is absent
    # the pegawai only: the admin OPD themself, their atasan, the atasan's atasan and the kadis are skipped
    assert hasil.hari_diubah == 1
    assert hasil.dilewati == {SENDIRI: 1, ATASAN: 3}
    assert status(c.admin_opd.pegawai, SENIN) != (StatusHari.HADIR, True)
    # HR (no atasan of anyone) marks the rest
    again = gangguan_terapkan(actor=c.hr, gangguan=hasil.gangguan)
    assert again.hari_diubah == 4 and again.dilewati == {}
    assert status(c.admin_opd.pegawai, SENIN) == (StatusHari.HADIR, True)


def test_the_queries_do_not_grow_with_the_unit(cast):
    def run(unit):
        with CaptureQueriesContext(connection) as q:
            gangguan_create(actor=cast.hr, unit=unit, mulai=KAMIS, selesai=SELASA, alasan="Mesin rusak")
        return len(q)

    kecil = run(cast.badan)  # one person
    for i in range(6):
        posted(cast.j_badan_staf, nama=f"Staf {i}")
    HariPresensi.objects.all().delete()
    GangguanMesin.objects.all().delete()
    assert run(cast.badan) <= kecil  # seven people, no more queries than one


def test_refusals(planted):
    c = planted
    with pytest.raises(PermissionDenied):
        catat(c, unit=c.badan)  # another OPD than the admin OPD's
    with pytest.raises(ValidationError) as e:
        catat(c, mulai=SENIN, selesai=date(2026, 11, 19))
    assert "belum tiba" in " ".join(e.value.message_dict["selesai"])
    with pytest.raises(ValidationError) as e:
        gangguan_create(actor=c.admin_opd, unit=c.dinas, mulai=SENIN, selesai=KAMIS, alasan=" ")
    assert set(e.value.message_dict) == {"alasan", "selesai"}
    PeriodeTutup.objects.create(pemda=c.pemda, tahun=2026, bulan=11)
    with pytest.raises(ValidationError, match="sudah ditutup"):
        catat(c)
    assert not GangguanMesin.objects.exists() and not HariPresensi.objects.filter(manual=True).exists()


def test_the_pages(client, planted):
    c = planted
    client.force_login(c.admin_opd)
    url = reverse("presensi:gangguan_mesin_create")
    r = client.post(url, {"unit": c.dinas.pk, "mulai": "2026-11-12", "selesai": "2026-11-17", "mesin": "Lantai 2"})
    assert r.status_code == 200 and "Tulis alasan" in r.text and not GangguanMesin.objects.exists()
    data = {"unit": c.dinas.pk, "mulai": "2026-11-12", "selesai": "2026-11-17", "mesin": "Lantai 2", "alasan": "Rusak"}
    r = client.post(url, data, follow=True)
    assert "2 hari presensi ditandai hadir" in r.text
    assert "hari presensi Anda sendiri tidak diubah" not in r.text  # the admin punched every day
    g = GangguanMesin.objects.get()
    assert 'data-testid="hari-diubah">2<' in r.text
    r = client.post(reverse("presensi:gangguan_mesin_terapkan", args=[g.pk]), follow=True)
    assert "0 hari presensi ditandai hadir" in r.text
    # the form offers only the admin's own OPD's units
    r = client.get(url)
    assert c.badan.nama not in r.text and c.subbag.nama in r.text
