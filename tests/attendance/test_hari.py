"""The day's status: pure rule, schedule resolution, recomputation, correction, recaps and access."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Penempatan
from attendance.choices import JenisPermohonan, StatusPermohonan, SumberAbsen
from attendance.models import Absen, HariLibur, HariPresensi, JadwalHari, JadwalKerja, Permohonan
from attendance.rules import status_hari, tanpa_keterangan_berturut
from attendance.selectors import kumulatif_tahun
from attendance.selectors_jadwal import jadwal_hari_for
from attendance.selectors_rekap import baris_pegawai, rekap_per_pegawai
from attendance.services.hari import hari_koreksi, hari_otomatis, hari_recompute
from tests.factories import posted

WITA = ZoneInfo("Asia/Makassar")
SENIN = date(2025, 2, 3)  # Monday, default schedule 07.30–16.00
RAMADAN_SENIN = date(2025, 3, 3)
J = {"masuk": time(7, 30), "pulang": time(16, 0)}


def hari(absen, **kw):
    args = {"hari_kerja": True, "libur": False, "absen": absen, **J, **kw}
    return status_hari(**args)


# --- the pure rule ----------------------------------------------------------------------------


def test_on_time_is_hadir():
    h = hari([time(7, 25), time(16, 5)])
    assert (h.status, h.menit_terlambat, h.menit_pulang_cepat, h.band_tl, h.band_psw) == ("HADIR", 0, 0, None, None)


def test_45_minutes_late_is_tl2():
    h = hari([time(8, 15, 30), time(16, 1)])
    assert (h.status, h.menit_terlambat, h.band_tl, h.band_psw) == ("TERLAMBAT", 45, "TL2", None)


def test_leaving_early_is_psw():
    h = hari([time(7, 20), time(15, 0)])
    assert (h.status, h.menit_pulang_cepat, h.band_psw) == ("TERLAMBAT", 60, "PSW2")


@pytest.mark.parametrize("absen", [[time(7, 20)], [time(7, 20), time(7, 21)]])
def test_missing_check_out_is_psw4(absen):
    h = hari(absen)
    assert (h.status, h.jam_pulang, h.menit_pulang_cepat, h.band_psw) == ("TERLAMBAT", None, None, "PSW4")


def test_no_punch_is_tanpa_keterangan():
    assert hari([]).status == "TANPA_KETERANGAN"


def test_holiday_and_day_off_are_libur_even_with_punches():
    assert hari([time(7, 0), time(16, 0)], libur=True).status == "LIBUR"
    assert status_hari(hari_kerja=False, libur=False, absen=[], masuk=None, pulang=None).status == "LIBUR"


def test_approved_request_gives_its_status_without_bands():
    h = hari([], permohonan="CUTI")
    assert (h.status, h.band_tl, h.band_psw) == ("CUTI", None, None)


def test_consecutive_run_skips_days_off():
    assert (
        tanpa_keterangan_berturut(["TANPA_KETERANGAN", "LIBUR", "TANPA_KETERANGAN", "HADIR", "TANPA_KETERANGAN"]) == 2
    )


# --- schedules --------------------------------------------------------------------------------


def _jadwal(pemda, nama, mulai, selesai=None, unit=None, masuk=time(8, 0), pulang=time(15, 0), hari=range(5)):
    j = JadwalKerja.objects.create(pemda=pemda, unit=unit, nama=nama, berlaku_mulai=mulai, berlaku_selesai=selesai)
    for d in hari:
        JadwalHari.objects.create(jadwal=j, hari=d, masuk=masuk, pulang=pulang)
    return j


def test_schedule_default_dated_and_unit_precedence(cast):
    assert jadwal_hari_for(cast.pegawai, SENIN).masuk == time(7, 30)  # Perpres 21/2023 default
    assert jadwal_hari_for(cast.pegawai, date(2025, 2, 8)) is None  # Saturday
    _jadwal(cast.pemda, "Normal", date(2020, 1, 1), masuk=time(7, 30), pulang=time(16, 0))
    _jadwal(cast.pemda, "Ramadan", date(2025, 3, 1), date(2025, 3, 30))
    assert jadwal_hari_for(cast.pegawai, RAMADAN_SENIN).masuk == time(8, 0)
    assert jadwal_hari_for(cast.pegawai, SENIN).masuk == time(7, 30)
    # a six-day unit above the pegawai's unit wins over the pemda's schedules, Saturday included
    _jadwal(cast.pemda, "Enam hari", date(2024, 1, 1), unit=cast.sekretariat, masuk=time(7, 0), hari=range(6))
    assert jadwal_hari_for(cast.pegawai, RAMADAN_SENIN).masuk == time(7, 0)
    assert jadwal_hari_for(cast.pegawai, date(2025, 2, 8)).masuk == time(7, 0)
    assert jadwal_hari_for(cast.pegawai_lain, RAMADAN_SENIN).masuk == time(8, 0)


# --- recomputation ----------------------------------------------------------------------------


def punch(pegawai, day, *times):
    for t in times:
        Absen.objects.create(
            pemda=pegawai.pemda, pegawai=pegawai, waktu=datetime.combine(day, t, tzinfo=WITA), sumber=SumberAbsen.BERKAS
        )


def row(pegawai, day):
    return HariPresensi.objects.get(pegawai=pegawai, tanggal=day)


def test_recompute_statuses_and_idempotence(cast):
    p = cast.pegawai
    punch(p, SENIN, time(8, 15), time(16, 2))
    punch(p, date(2025, 2, 4), time(7, 10))
    HariLibur.objects.create(pemda=cast.pemda, tanggal=date(2025, 2, 5), nama="Libur uji")
    Permohonan.objects.create(
        pemda=cast.pemda,
        pegawai=p,
        jenis=JenisPermohonan.CUTI_TAHUNAN,
        mulai=date(2025, 2, 6),
        selesai=date(2025, 2, 6),
        alasan="x",
        status=StatusPermohonan.DISETUJUI,
    )
    n = hari_recompute(pegawai_ids=[p.pk], start=SENIN, end=date(2025, 2, 9))
    assert n == 7
    assert (row(p, SENIN).status, row(p, SENIN).band_tl, row(p, SENIN).menit_terlambat) == ("TERLAMBAT", "TL2", 45)
    assert row(p, date(2025, 2, 4)).band_psw == "PSW4"
    assert row(p, date(2025, 2, 5)).status == "LIBUR"
    assert row(p, date(2025, 2, 6)).status == "CUTI"
    assert row(p, date(2025, 2, 7)).status == "TANPA_KETERANGAN"
    assert row(p, date(2025, 2, 8)).status == "LIBUR"
    hari_recompute(pegawai_ids=[p.pk], start=SENIN, end=date(2025, 2, 9))
    assert HariPresensi.objects.filter(pegawai=p).count() == 7


def test_ramadan_schedule_makes_0755_on_time(cast):
    _jadwal(cast.pemda, "Ramadan", date(2025, 3, 1), date(2025, 3, 30))
    punch(cast.pegawai, RAMADAN_SENIN, time(7, 55), time(15, 5))
    hari_recompute(pegawai_ids=[cast.pegawai.pk], start=RAMADAN_SENIN, end=RAMADAN_SENIN)
    assert row(cast.pegawai, RAMADAN_SENIN).status == "HADIR"


def test_recompute_never_overwrites_a_manual_row_nor_the_future(cast, today_fixed):
    p = cast.pegawai
    hari_koreksi(
        actor=cast.admin_opd,
        pegawai=p,
        tanggal=SENIN,
        status="HADIR",
        jam_masuk=None,
        jam_pulang=None,
        alasan="Mesin rusak",
    )
    hari_recompute(pegawai_ids=[p.pk], start=SENIN, end=SENIN)
    r = row(p, SENIN)
    assert (r.status, r.manual, r.alasan_koreksi, r.dikoreksi_oleh) == ("HADIR", True, "Mesin rusak", cast.admin_opd)
    assert hari_recompute(pegawai_ids=[p.pk], start=date(2100, 1, 1), end=date(2100, 1, 31)) == 0
    hari_otomatis(actor=cast.admin_opd, pegawai=p, tanggal=SENIN)
    assert (row(p, SENIN).status, row(p, SENIN).manual) == ("TANPA_KETERANGAN", False)


def test_correction_needs_a_reason_and_scope(cast):
    with pytest.raises(ValidationError) as e:
        hari_koreksi(
            actor=cast.admin_opd,
            pegawai=cast.pegawai,
            tanggal=SENIN,
            status="HADIR",
            jam_masuk=None,
            jam_pulang=None,
            alasan=" ",
        )
    assert "alasan" in e.value.message_dict
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        hari_koreksi(
            actor=cast.admin_opd,
            pegawai=cast.pegawai_lain,
            tanggal=SENIN,
            status="HADIR",
            jam_masuk=None,
            jam_pulang=None,
            alasan="x",
        )


def test_correction_to_terlambat_counts_the_band(cast):
    h = hari_koreksi(
        actor=cast.hr,
        pegawai=cast.pegawai,
        tanggal=SENIN,
        status="TERLAMBAT",
        jam_masuk=time(9, 5),
        jam_pulang=time(16, 0),
        alasan="Surat",
    )
    assert (h.menit_terlambat, h.band_tl, h.band_psw) == (95, "TL4", "")


# --- recaps -----------------------------------------------------------------------------------


def test_recap_includes_a_pegawai_without_any_punch(cast):
    punch(cast.pegawai, SENIN, time(7, 0), time(16, 0))
    ids = [cast.pegawai.pk, cast.atasan.pk, cast.pegawai_lain.pk]
    hari_recompute(pegawai_ids=ids, start=date(2025, 2, 1), end=date(2025, 2, 28))  # as the nightly task does
    rows = rekap_per_pegawai(pemda_id=cast.pemda.pk, unit_ids=[cast.subbag.pk], start=date(2025, 2, 1),
                             end=date(2025, 2, 28))  # fmt: skip
    baris = {r.pegawai.pk: r for r in baris_pegawai(rows)}
    assert cast.pegawai.pk in baris and cast.atasan.pk in baris
    assert baris[cast.pegawai.pk].jumlah.nilai["HADIR"] == 1
    assert baris[cast.atasan.pk].jumlah.nilai["TANPA_KETERANGAN"] == 20  # February 2025: 20 weekdays
    assert cast.pegawai_lain.pk not in baris


def test_kumulatif_warns_at_thresholds(cast):
    for d in range(3, 7):  # Mon 3 – Thu 6 February present, the rest absent
        punch(cast.pegawai, date(2025, 2, d), time(7, 0), time(16, 0))
    rows = {k.pegawai.pk: k for k in kumulatif_tahun(unit_ids=[cast.subbag.pk], tahun=2025)}
    k = rows[cast.pegawai.pk]
    assert k.bulan[1] == 16 and k.sanksi == "PEMBERHENTIAN" and k.berturut >= 10


# --- views ------------------------------------------------------------------------------------

ADMIN_URLS = [
    ("presensi:rekap_unit", ()),
    ("presensi:kumulatif", ()),
    ("presensi:kejadian_create", ()),
]


@pytest.mark.parametrize(("name", "args"), ADMIN_URLS)
def test_admin_pages_need_login_and_role(client, cast, name, args):
    url = reverse(name, args=args)
    assert client.get(url).status_code == 302
    client.force_login(cast.pegawai.user)
    assert client.get(url).status_code == 403
    client.force_login(cast.admin_opd)
    assert client.get(url).status_code == 200


def test_koreksi_scope(client, cast):
    client.force_login(cast.pegawai.user)
    assert client.get(reverse("presensi:koreksi", args=[cast.pegawai.pk, "2025-02-03"])).status_code == 403
    client.force_login(cast.admin_opd)
    assert client.get(reverse("presensi:koreksi", args=[cast.pegawai_lain.pk, "2025-02-03"])).status_code == 404
    assert client.get(reverse("presensi:koreksi", args=[cast.pegawai.pk, "bukan-tanggal"])).status_code == 404
    url = reverse("presensi:koreksi", args=[cast.pegawai.pk, "2025-02-03"])
    r = client.post(url, {"status": "IZIN", "jam_masuk": "", "jam_pulang": "", "alasan": ""})
    assert r.status_code == 200 and "wajib" in r.content.decode()
    r = client.post(url, {"status": "IZIN", "jam_masuk": "", "jam_pulang": "", "alasan": "Izin lisan kepala"})
    assert r.status_code == 302 and row(cast.pegawai, SENIN).status == "IZIN"
    r = client.post(url, {"otomatis": "1"})
    assert r.status_code == 302 and not row(cast.pegawai, SENIN).manual


def test_rekap_other_opd_unit_is_404(client, cast):
    client.force_login(cast.admin_opd)
    assert client.get(reverse("presensi:rekap_unit"), {"unit": cast.badan.pk}).status_code == 404


def test_saya_shows_bands_as_text(client, cast):
    punch(cast.pegawai, SENIN, time(8, 15), time(16, 2))
    client.force_login(cast.pegawai.user)
    assert client.get(reverse("presensi:saya")).status_code == 200
    html = client.get(reverse("presensi:saya"), {"bulan": "2025-02"}).content.decode()
    assert "TL2" in html and "terlambat 45 menit" in html and "Tanpa keterangan" in html


def test_kejadian_create(client, cast):
    client.force_login(cast.admin_opd)
    data = {"pegawai": cast.pegawai.pk, "tanggal": "2025-02-03", "jenis": "TIDAK_APEL", "catatan": ""}
    assert client.post(reverse("presensi:kejadian_create"), data).status_code == 302
    assert cast.pegawai.kejadian.count() == 1
    data["pegawai"] = cast.pegawai_lain.pk
    assert client.post(reverse("presensi:kejadian_create"), data).status_code == 200


@pytest.mark.parametrize("n", [3, 30])
def test_rekap_query_count_is_fixed(client, cast, django_assert_max_num_queries, n):
    for i in range(n):
        p = posted(cast.j_staf, nama=f"Staf {i}")
        punch(p, SENIN, time(7, 0), time(16, 0))
    hari_recompute(pegawai_ids=list(Penempatan.objects.values_list("pegawai_id", flat=True)), start=SENIN, end=SENIN)
    client.force_login(cast.admin_opd)
    with django_assert_max_num_queries(20):
        r = client.get(reverse("presensi:rekap_unit"), {"bulan": "2025-02", "unit": cast.dinas.pk})
    assert r.status_code == 200
    assert r.content.decode().count('data-testid="baris-') == n + 5


def test_the_nightly_task_stores_days_without_punches(cast):
    from attendance.models import HariPresensi
    from attendance.tasks import hari_recompute_recent_task

    assert hari_recompute_recent_task(cast.pemda.pk, days=7) > 0
    assert HariPresensi.objects.filter(pegawai=cast.pegawai).exists()


def test_a_correction_saved_during_a_recomputation_is_not_overwritten(cast):
    from attendance.models import HariPresensi
    from attendance.selectors import hari_dihitung
    from attendance.services.hari import _upsert_unless_manual, hari_recompute
    from core.dates import today

    day = today()
    hari_recompute(pegawai_ids=[cast.pegawai.pk], start=day, end=day)
    computed = hari_dihitung(pegawai_ids=[cast.pegawai.pk], start=day, end=day)  # the recomputation reads…
    HariPresensi.objects.filter(pegawai=cast.pegawai, tanggal=day).update(  # …a correction lands…
        status="DINAS_LUAR", manual=True, alasan_koreksi="Surat tugas"
    )
    _upsert_unless_manual(computed)  # …and the recomputation writes
    row = HariPresensi.objects.get(pegawai=cast.pegawai, tanggal=day)
    assert (row.status, row.manual, row.alasan_koreksi) == ("DINAS_LUAR", True, "Surat tugas")
