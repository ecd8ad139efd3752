"""Issue 13 §1: a day's attendance blocks entries only once it is final.

Final: the day is past and its status was set by a person or the calendar (a correction, an approved
request, a holiday), or, for a status read from punches, the OPD's machine data has reached a later
day. Today is never final; a day whose machine file has not come yet never blocks; a holiday never
blocks (work on it may be logged, as "Hari ini" says). The nightly beat job runs for real here.
"""

import os
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from activities import services as aktivitas_services
from activities.checks import PRESENSI_FINAL
from activities.choices import Status
from activities.models import Aktivitas
from attendance.choices import StatusHari
from attendance.models import AturanPresensi, CakupanAbsen, HariLibur, HariPresensi
from attendance.rules import hari_final
from attendance.services import absen as absen_services
from attendance.services import absen_simpan
from attendance.services.hari import hari_koreksi, hari_recompute
from tests.helpers import TODAY, beat_run, celery_worker, form_aktivitas

KEMARIN = TODAY - timedelta(days=1)  # Tuesday 17 November 2026: inside the 3-working-day window
SABTU = date(2026, 11, 14)
TAMBAH = reverse("aktivitas:tambah")


def _at(d: date, t: time) -> datetime:
    return datetime.combine(d, t, tzinfo=ZoneInfo(settings.TIME_ZONE))


def _sampai(cast) -> date:
    """The local date the OPD's machine data has reached."""
    return timezone.localtime(CakupanAbsen.objects.get(opd=cast.dinas).sampai).date()


def _csv(*rows: tuple[str, datetime]) -> bytes:
    return ("NIP;Waktu\n" + "".join(f"{nip};{w:%Y-%m-%d %H:%M}\n" for nip, w in rows)).encode()


def _file_for_the_unit(cast, *days: date) -> None:
    """The OPD's machine file as admin OPD uploads it: the atasan punched on those days, the pegawai
    never did (the real import path, which also recomputes the atasan's days)."""
    rows = [(cast.atasan.nip, datetime.combine(d, time(7, 25))) for d in days]
    rows += [(cast.atasan.nip, datetime.combine(d, time(16, 5))) for d in days if d < TODAY]
    hasil = absen_simpan.absen_impor(actor=cast.admin_opd, nama_file="1_attlog.csv", data=_csv(*rows))
    assert hasil.ok, hasil.errors


def _save(cast, tanggal: date, **over) -> Aktivitas:
    data = {
        "jam_mulai": time(8),
        "jam_selesai": time(9),
        "nama_kegiatan": "Menyusun surat",
        "menit_diajukan": 60,
        "uraian": "3 surat",
    }
    return aktivitas_services.aktivitas_save(actor=cast.pegawai.user, tanggal=tanggal, **(data | over))


# --- the rule -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tanggal", "status", "manual", "sampai", "final"),
    [
        (TODAY, "TANPA_KETERANGAN", False, TODAY + timedelta(days=1), False),  # today: never
        (TODAY, "CUTI", True, None, False),
        (KEMARIN, "TANPA_KETERANGAN", False, None, False),  # no machine data at all yet
        (KEMARIN, "TANPA_KETERANGAN", False, KEMARIN, False),  # the data stops on that very day
        (KEMARIN, "TANPA_KETERANGAN", False, TODAY, True),  # the data reached a later day
        (KEMARIN, "HADIR", False, KEMARIN, False),  # a check-out may still arrive
        (KEMARIN, "TANPA_KETERANGAN", True, None, True),  # an admin's correction
        (KEMARIN, "CUTI", False, None, True),  # an approved request
        (KEMARIN, "LIBUR", False, None, True),  # the calendar
    ],
)
def test_hari_final(tanggal, status, manual, sampai, final):
    assert hari_final(tanggal, hari_ini=TODAY, status=status, manual=manual, data_sampai=sampai) is final


# --- the night, then the day ----------------------------------------------------------------------


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (make test provides it)")
@pytest.mark.django_db(transaction=True)
def test_after_a_real_night_a_pegawai_without_punches_saves_today_and_yesterday(client, cast, _pinned_clock):
    """Every entry of the beat schedule runs once in a real worker at 00.30 (the entries of the pemda's
    local time at that hour run for the pemda, accounts/jadwal.py); in the morning the pegawai, who has
    no punch at all (the machine file comes days later), logs today and yesterday."""
    _pinned_clock.move_to(_at(TODAY, time(0, 30)))
    with celery_worker():
        ran = {name: beat_run(name, timeout=60) for name in settings.CELERY_BEAT_SCHEDULE}
    assert ran["hari-recompute-nightly"] == [cast.pemda.pk] and ran["akun-tutup-berakhir"] == [cast.pemda.pk]
    assert ran["pengingat-harian"] == []  # 06.30 on weekdays
    # the night stored the past week for everyone, yesterday "tanpa keterangan" among it
    assert HariPresensi.objects.get(pegawai=cast.pegawai, tanggal=KEMARIN).status == StatusHari.TANPA_KETERANGAN
    assert not HariPresensi.objects.filter(tanggal=TODAY).exists()  # nobody punched in at 00.30

    _pinned_clock.move_to(_at(TODAY, time(10)))
    client.force_login(cast.pegawai.user)
    for tanggal in (TODAY, KEMARIN):
        r = client.post(TAMBAH, form_aktivitas(tanggal=tanggal.isoformat()) | {"ajukan": "1"})
        assert r.status_code == 302, r.content.decode()[:3000]
    saved = Aktivitas.objects.filter(pegawai=cast.pegawai).order_by("tanggal")
    assert [(a.tanggal, a.status) for a in saved] == [(KEMARIN, Status.SUBMITTED), (TODAY, Status.SUBMITTED)]


def test_today_stored_without_explanation_never_blocks(cast):
    """A recomputation during the day (a holiday changed, a file of other people) stores today."""
    hari_recompute(pegawai_ids=[cast.pegawai.pk], start=TODAY, end=TODAY)
    _file_for_the_unit(cast, TODAY)
    assert HariPresensi.objects.get(pegawai=cast.pegawai, tanggal=TODAY).status == StatusHari.TANPA_KETERANGAN
    assert _save(cast, TODAY).status == Status.DRAFT


# --- a final day blocks, with the ways out --------------------------------------------------------


def test_once_the_units_file_reaches_a_later_day_yesterday_is_final_and_the_form_says_what_to_do(client, cast):
    hari_recompute(pegawai_ids=[cast.pegawai.pk], start=KEMARIN, end=KEMARIN)
    _file_for_the_unit(cast, KEMARIN)  # the file ends on yesterday itself: not final yet
    assert _save(cast, KEMARIN, jam_mulai=time(7), jam_selesai=time(8)).status == Status.DRAFT

    _file_for_the_unit(cast, TODAY)  # today's punches of the unit have come: yesterday is final
    assert _sampai(cast) == TODAY
    client.force_login(cast.pegawai.user)
    r = client.post(TAMBAH, form_aktivitas(tanggal=KEMARIN.isoformat()) | {"ajukan": "1"})
    assert r.status_code == 200
    text = r.content.decode()
    assert "presensi Anda hari itu sudah final: Tanpa keterangan" in text
    assert 'data-testid="presensi-final"' in text
    assert f"{reverse('presensi:permohonan_create')}?tanggal={KEMARIN:%Y-%m-%d}" in text
    assert f"{reverse('presensi:saya')}?bulan={KEMARIN:%Y-%m}" in text
    assert 'value="Rapat koordinasi"' in text  # what was typed stays on the form
    assert Aktivitas.objects.filter(pegawai=cast.pegawai).count() == 1  # only the earlier draft

    # the way out offered: the request form starts on that day
    r = client.get(f"{reverse('presensi:permohonan_create')}?tanggal={KEMARIN:%Y-%m-%d}")
    assert r.status_code == 200 and f'value="{KEMARIN:%Y-%m-%d}"' in r.content.decode()
    # "Hari ini" of that day shows the same ways out before anything is typed
    r = client.get(f"{reverse('aktivitas:hari_ini')}?tanggal={KEMARIN:%Y-%m-%d}")
    assert 'data-testid="presensi-final"' in r.content.decode()
    r = client.get(reverse("aktivitas:hari_ini"))
    assert 'data-testid="presensi-final"' not in r.content.decode()


def test_an_admins_correction_to_absent_is_final_without_any_file(cast):
    hari_koreksi(
        actor=cast.admin_opd,
        pegawai=cast.pegawai,
        tanggal=KEMARIN,
        status=StatusHari.TANPA_KETERANGAN,
        jam_masuk=None,
        jam_pulang=None,
        alasan="Tidak masuk kantor",
    )
    with pytest.raises(ValidationError, match="sudah final: Tanpa keterangan") as e:
        _save(cast, KEMARIN)
    assert e.value.error_dict["tanggal"][0].code == PRESENSI_FINAL
    # corrected to present: the entry goes in
    hari_koreksi(
        actor=cast.admin_opd,
        pegawai=cast.pegawai,
        tanggal=KEMARIN,
        status=StatusHari.HADIR,
        jam_masuk=time(7, 30),
        jam_pulang=time(16),
        alasan="Mesin absen rusak",
    )
    assert _save(cast, KEMARIN).status == Status.DRAFT


def test_leave_blocks_a_past_day_but_not_today(cast):
    for d in (KEMARIN, TODAY):
        HariPresensi.objects.create(pemda=cast.pemda, pegawai=cast.pegawai, tanggal=d, status=StatusHari.CUTI)
    with pytest.raises(ValidationError, match="sudah final: Cuti"):
        _save(cast, KEMARIN)
    assert _save(cast, TODAY).status == Status.DRAFT


def test_the_pemda_may_turn_the_block_off(cast):
    hari_recompute(pegawai_ids=[cast.pegawai.pk], start=KEMARIN, end=KEMARIN)
    _file_for_the_unit(cast, TODAY)
    AturanPresensi.objects.create(pemda=cast.pemda, berlaku_mulai=date(2020, 1, 1), blokir_aktivitas=False)
    assert _save(cast, KEMARIN).status == Status.DRAFT


def test_work_on_a_weekend_or_holiday_may_be_logged_as_the_page_says(client, cast):
    """Saturday and a holiday are stored "Libur" and final, and still take an entry."""
    libur = date(2026, 11, 16)  # Monday, made a holiday for the test
    HariLibur.objects.create(pemda=cast.pemda, tanggal=libur, nama="Cuti bersama uji")
    hari_recompute(pegawai_ids=[cast.pegawai.pk], start=SABTU, end=KEMARIN)
    _file_for_the_unit(cast, TODAY)
    assert HariPresensi.objects.get(pegawai=cast.pegawai, tanggal=SABTU).status == StatusHari.LIBUR
    assert HariPresensi.objects.get(pegawai=cast.pegawai, tanggal=libur).status == StatusHari.LIBUR
    client.force_login(cast.pegawai.user)
    r = client.get(f"{reverse('aktivitas:hari_ini')}?tanggal={libur:%Y-%m-%d}")
    assert "Aktivitas tetap boleh dicatat bila Anda bekerja." in r.content.decode()
    assert _save(cast, libur).status == Status.DRAFT
    assert _save(cast, SABTU).status == Status.DRAFT  # still in its window: Tue, Wed, Thu


# --- entries saved before the day became final ----------------------------------------------------


def test_the_verifier_sees_a_marker_when_the_final_day_contradicts_an_entry(client, cast):
    hari_recompute(pegawai_ids=[cast.pegawai.pk], start=KEMARIN, end=KEMARIN)
    sebelum = aktivitas_services.aktivitas_submit(actor=cast.pegawai.user, aktivitas=_save(cast, KEMARIN))
    hari_ini = aktivitas_services.aktivitas_submit(
        actor=cast.pegawai.user, aktivitas=_save(cast, TODAY, jam_mulai=time(10), jam_selesai=time(11))
    )
    client.force_login(cast.atasan.user)
    antrean = reverse("aktivitas:antrean_verifikasi")
    assert 'data-testid="presensi-penanda"' not in client.get(antrean).content.decode()  # not final yet

    _file_for_the_unit(cast, TODAY)
    text = client.get(antrean).content.decode()
    assert text.count('data-testid="presensi-penanda"') == 1  # yesterday's day only, not today's
    assert "Presensi final: Tanpa keterangan" in text
    detail = client.get(reverse("aktivitas:detail", args=[sebelum.pk])).content.decode()
    assert "Presensi final: Tanpa keterangan" in detail
    detail = client.get(reverse("aktivitas:detail", args=[hari_ini.pk])).content.decode()
    assert 'data-testid="presensi-penanda"' not in detail
    # the entry is kept as it was and can still be verified
    sebelum.refresh_from_db()
    assert sebelum.status == Status.SUBMITTED
    aktivitas_services.aktivitas_verify(actor=cast.atasan.user, aktivitas=sebelum)


# --- how far the machine data has come ------------------------------------------------------------


def test_an_older_file_uploaded_later_does_not_move_the_data_date_back_and_the_api_moves_it(client, cast):
    _file_for_the_unit(cast, KEMARIN)
    _file_for_the_unit(cast, date(2026, 11, 10))
    assert _sampai(cast) == KEMARIN
    _token, raw = absen_services.token_create(actor=cast.hr, nama="Gateway")
    body = {"absen": [{"nip": cast.atasan.nip, "waktu": f"{TODAY:%Y-%m-%d}T07:31:05+08:00"}]}
    r = client.post(
        reverse("presensi:api_absen"), body, content_type="application/json", headers={"authorization": f"Bearer {raw}"}
    )
    assert r.status_code == 200, r.content
    assert _sampai(cast) == TODAY


def test_presensi_saya_marks_days_that_are_not_final_and_says_how_far_the_data_has_come(client, cast):
    hari_recompute(pegawai_ids=[cast.pegawai.pk], start=TODAY - timedelta(days=3), end=TODAY)
    _file_for_the_unit(cast, KEMARIN)
    client.force_login(cast.pegawai.user)
    text = client.get(reverse("presensi:saya")).content.decode()
    assert "Data mesin absen unit Anda sudah diterima sampai Selasa, 17 November 2026." in text

    def row(d):
        start = text.index(f'data-testid="hari-{d:%Y-%m-%d}"')
        return text[start : text.index("</tr>", start)]

    assert "sementara" in row(TODAY) and "sementara" in row(KEMARIN)  # the file stops on yesterday
    assert "sementara" not in row(TODAY - timedelta(days=2))  # Monday: a later day's data is in
    # the counts: the working days up to Monday 16 are "tanpa keterangan" (11: 2–13 and 16 November);
    # yesterday and today may still change and are counted apart
    ringkas = client.get(reverse("presensi:saya")).context["ringkas"]
    assert (dict(ringkas["status"])["Tanpa keterangan"], ringkas["sementara"]) == (11, 2)
    assert "Belum final" in text


def test_submitting_today_reads_no_attendance(cast, django_assert_max_num_queries):
    """Today is never final: the block costs the busiest path (today's entries) no query."""
    from attendance.selectors import aktivitas_diblokir

    with django_assert_max_num_queries(0):
        assert aktivitas_diblokir(cast.pegawai, TODAY) is None
