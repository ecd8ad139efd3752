"""The calendar pages of HR pemda (issue 5, Calendar and schedules): holidays one by one and from a file
(all or nothing, each bad row listed), and work schedules."""

import io
from datetime import date, time

import openpyxl
import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from attendance.models import HariLibur, JadwalHari, JadwalKerja
from attendance.services import kalender

pytestmark = pytest.mark.django_db

LIBUR = reverse("presensi:libur_list")
LIBUR_BARU = reverse("presensi:libur_create")
IMPOR = reverse("presensi:libur_impor")
JADWAL = reverse("presensi:jadwal_list")
JADWAL_BARU = reverse("presensi:jadwal_create")
HR_PAGES = [LIBUR, LIBUR_BARU, IMPOR, JADWAL, JADWAL_BARU]


def csv_file(text: str, name="libur.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def xlsx_file(rows) -> SimpleUploadedFile:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("libur.xlsx", buf.getvalue())


# --- access -------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", HR_PAGES)
def test_anonymous_goes_to_login(client, url):
    r = client.get(url)
    assert r.status_code == 302 and r.url.startswith(reverse(settings.LOGIN_URL))


@pytest.mark.parametrize("url", HR_PAGES)
def test_pegawai_and_admin_opd_get_403(client, cast, url):
    for user in (cast.pegawai.user, cast.admin_opd):
        client.force_login(user)
        assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", HR_PAGES)
def test_hr_opens_every_page(client, cast, url):
    client.force_login(cast.hr)
    assert client.get(url).status_code == 200


# --- holidays -----------------------------------------------------------------------------------


def test_hr_adds_a_holiday_and_sees_it_in_its_year(client, cast):
    client.force_login(cast.hr)
    r = client.post(LIBUR_BARU, {"tanggal": "2027-08-17", "nama": "Hari Kemerdekaan", "jenis": "LIBUR_NASIONAL"})
    assert r.status_code == 302 and r.url == f"{LIBUR}?tahun=2027"
    assert HariLibur.objects.get(pemda=cast.pemda).tanggal == date(2027, 8, 17)
    assert "Hari Kemerdekaan" in client.get(r.url).text


def test_a_holiday_twice_is_refused_on_the_form(client, cast):
    HariLibur.objects.create(pemda=cast.pemda, tanggal=date(2027, 8, 17), nama="HUT RI")
    client.force_login(cast.hr)
    r = client.post(LIBUR_BARU, {"tanggal": "2027-08-17", "nama": "Lagi", "jenis": "LIBUR_NASIONAL"})
    assert r.status_code == 200 and "sudah tercatat" in r.text


def test_only_hr_may_write_the_calendar(cast):
    with pytest.raises(PermissionDenied):
        kalender.hari_libur_create(actor=cast.admin_opd, tanggal=date(2027, 1, 1), nama="x", jenis="LIBUR_NASIONAL")


def test_a_good_csv_imports_every_row(client, cast):
    client.force_login(cast.hr)
    text = (
        "Tanggal;Keterangan;Jenis\n"
        "01-01-2027;Tahun Baru Masehi;Libur nasional\n"
        "2027-03-10;Cuti bersama Idul Fitri;Cuti bersama\n"
        "05-04-2027;Hari jadi kota;LIBUR_DAERAH\n"
        "17-08-2027;Hari Kemerdekaan;\n"
    )
    r = client.post(IMPOR, {"berkas": csv_file(text)})
    assert r.status_code == 302
    rows = {h.tanggal: h.jenis for h in HariLibur.objects.filter(pemda=cast.pemda)}
    assert rows == {
        date(2027, 1, 1): "LIBUR_NASIONAL",
        date(2027, 3, 10): "CUTI_BERSAMA",
        date(2027, 4, 5): "LIBUR_DAERAH",
        date(2027, 8, 17): "LIBUR_NASIONAL",
    }


def test_a_good_xlsx_imports_too(client, cast):
    client.force_login(cast.hr)
    rows = [("Tanggal", "Keterangan", "Jenis"), (date(2027, 12, 25), "Natal", "Libur nasional")]
    assert client.post(IMPOR, {"berkas": xlsx_file(rows)}).status_code == 302
    assert HariLibur.objects.filter(pemda=cast.pemda, tanggal=date(2027, 12, 25), nama="Natal").exists()


def test_a_half_bad_file_imports_nothing_and_lists_each_row(client, cast):
    HariLibur.objects.create(pemda=cast.pemda, tanggal=date(2027, 8, 17), nama="HUT RI")
    client.force_login(cast.hr)
    text = (
        "Tanggal,Keterangan,Jenis\n"
        "01-01-2027,Tahun Baru,Libur nasional\n"
        "31-02-2027,Tanggal salah,Libur nasional\n"
        "02-01-2027,,Libur nasional\n"
        "03-01-2027,Jenis aneh,Libur sekolah\n"
        "01-01-2027,Dobel,Libur nasional\n"
        "17-08-2027,Sudah ada,Libur nasional\n"
    )
    r = client.post(IMPOR, {"berkas": csv_file(text)})
    assert r.status_code == 200
    hasil = r.context["hasil"]
    assert not hasil.ok and hasil.dibuat == 0
    assert [(e.baris, e.kolom) for e in hasil.errors] == [
        (3, "Tanggal"),
        (4, "Keterangan"),
        (5, "Jenis"),
        (6, "Tanggal"),
        (7, "Tanggal"),
    ]
    assert "Baris 3" in r.text
    assert HariLibur.objects.filter(pemda=cast.pemda).count() == 1


def test_a_garbage_file_is_refused_unread(client, cast):
    client.force_login(cast.hr)
    r = client.post(IMPOR, {"berkas": SimpleUploadedFile("libur.pdf", b"%PDF")})
    assert r.status_code == 200 and "Jenis file tidak dapat diimpor" in r.text
    r = client.post(IMPOR, {"berkas": csv_file("Nama,Apa\nx,y\n")})
    assert "kolom Tanggal tidak ditemukan" in r.text
    assert not HariLibur.objects.exists()


def test_holidays_of_another_pemda_are_not_listed(client, cast):
    from tests.factories import PemdaFactory

    lain = PemdaFactory()
    HariLibur.objects.create(pemda=lain, tanggal=date(2027, 5, 1), nama="Libur pemda lain")
    client.force_login(cast.hr)
    assert "Libur pemda lain" not in client.get(f"{LIBUR}?tahun=2027").text


# --- schedules ----------------------------------------------------------------------------------


def test_the_schedule_form_is_prefilled_with_perpres_hours(client, cast):
    client.force_login(cast.hr)
    r = client.get(JADWAL_BARU)
    form = r.context["form"]
    assert form.initial["masuk_0"] == time(7, 30) and form.initial["pulang_4"] == time(16, 30)
    assert form.initial["kerja_5"] is False


def _jadwal_post(**extra):
    data = {"nama": "Ramadan 2027", "berlaku_mulai": "2027-02-08", "berlaku_selesai": "2027-03-09"}
    for d in range(5):
        data |= {
            f"kerja_{d}": "on",
            f"masuk_{d}": "08:00",
            f"pulang_{d}": "15:30" if d == 4 else "15:00",
            f"istirahat_mulai_{d}": "12:00",
            f"istirahat_selesai_{d}": "12:30",
        }
    return data | extra


def test_hr_creates_a_ramadan_schedule(client, cast):
    client.force_login(cast.hr)
    r = client.post(JADWAL_BARU, _jadwal_post())
    assert r.status_code == 302
    jadwal = JadwalKerja.objects.get(pemda=cast.pemda)
    assert jadwal.unit is None and jadwal.berlaku_selesai == date(2027, 3, 9)
    assert list(jadwal.hari.values_list("hari", flat=True)) == [0, 1, 2, 3, 4]
    assert jadwal.hari.get(hari=4).pulang == time(15, 30)
    assert "Ramadan 2027" in client.get(JADWAL).text


def test_a_unit_schedule_with_bad_hours_is_refused(client, cast):
    client.force_login(cast.hr)
    r = client.post(JADWAL_BARU, _jadwal_post(unit=cast.dinas.pk, pulang_0="07:00"))
    assert r.status_code == 200 and "Jam pulang harus sesudah jam masuk" in r.text
    assert not JadwalKerja.objects.exists() and not JadwalHari.objects.exists()


def test_a_schedule_without_any_working_day_is_refused(cast):
    with pytest.raises(ValidationError):
        kalender.jadwal_create(actor=cast.hr, nama="Kosong", berlaku_mulai=date(2027, 1, 1), hari=[])


def test_a_past_holiday_recomputes_the_day_of_everyone(cast, django_capture_on_commit_callbacks, monkeypatch):
    from attendance import tasks
    from attendance.models import HariPresensi

    sent = []
    monkeypatch.setattr(tasks.hari_recompute_pemda_task, "delay", lambda *args: sent.append(args))
    with django_capture_on_commit_callbacks(execute=True):
        kalender.hari_libur_create(actor=cast.hr, tanggal=date(2026, 3, 4), nama="Nyepi", jenis="LIBUR_NASIONAL")
    assert sent == [(cast.pemda.pk, "2026-03-04", "2026-03-04")]
    tasks.hari_recompute_pemda_task(*sent[0])  # what the worker runs
    status = HariPresensi.objects.filter(pegawai=cast.pegawai, tanggal=date(2026, 3, 4)).values_list(
        "status", flat=True
    )
    assert list(status) == ["LIBUR"]


def test_a_new_schedule_recomputes_its_past_days_in_the_worker(cast, django_capture_on_commit_callbacks, monkeypatch):
    from attendance import tasks

    sent = []
    monkeypatch.setattr(tasks.hari_recompute_pemda_task, "delay", lambda *args: sent.append(args))
    hari = [{"hari": 0, "masuk": time(8), "pulang": time(15)}]
    with django_capture_on_commit_callbacks(execute=True):
        kalender.jadwal_create(
            actor=cast.hr, nama="Ramadan", berlaku_mulai=date(2026, 2, 18), berlaku_selesai=date(2026, 3, 19), hari=hari
        )
        kalender.jadwal_create(actor=cast.hr, nama="Tahun depan", berlaku_mulai=date(2099, 1, 1), hari=hari)
    assert sent == [(cast.pemda.pk, "2026-02-18", "2026-03-19")]
