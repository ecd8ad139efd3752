"""Every write of pay- or access-relevant data appends its audit row (issue 15, "Audit trail"), in
the write's own transaction: driven here through the services (and the admin, the login), each row
asserted by its aksi ("<model_name>:<verb>"), actor, pegawai and before/after values; a refused or
failed write leaves no row."""

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.choices import Role
from accounts.models import User
from core.models import AuditLog
from tests.helpers import TODAY
from tests.skp.conftest import add_rhk, approved, dibimbing, new_skp, rencana  # noqa: F401 - rencana is a fixture

pytestmark = pytest.mark.django_db
SKP_MODELS = ("penilaian", "pengaturanskp", "predikatorganisasi")

SENIN = TODAY - timedelta(days=2)  # Monday 16 November 2026: a past working day of an open month


def rows(aksi: str | None = None):
    qs = AuditLog.objects.order_by("pemda_id", "seq")
    return list(qs.filter(aksi=aksi) if aksi else qs)


def one(aksi: str) -> AuditLog:
    found = rows(aksi)
    assert len(found) == 1, [r.aksi for r in rows()]
    return found[0]


# --- tpp ------------------------------------------------------------------------------------------


def test_a_rule_set_version_and_a_hukdis_are_logged(cast):
    from tpp.services import aturan_tpp_simpan, hukdis_simpan

    aturan = aturan_tpp_simpan(
        actor=cast.hr, pemda=cast.pemda, berlaku_mulai=date(2027, 1, 1), catatan="Perwali 2027",
        besaran_kelas={"5": 4_000_000},
    )  # fmt: skip
    row = one("aturantpp:buat")
    assert (row.actor_id, row.objek_id, row.pemda_id) == (cast.hr.pk, str(aturan.pk), cast.pemda.pk)
    assert row.sesudah["besaran_kelas"] == {"5": 4_000_000} and row.sesudah["berlaku_mulai"] == "2027-01-01"

    with pytest.raises(ValidationError):  # refused: no row
        aturan_tpp_simpan(actor=cast.hr, pemda=cast.pemda, berlaku_mulai=date(2027, 2, 1), catatan=" ")
    hukdis_simpan(
        actor=cast.hr, pegawai=cast.pegawai, jenis="POTONG_TUKIN_25_6", persen=Decimal(25),
        mulai=date(2026, 9, 1), selesai=date(2027, 2, 28), nomor_sk="800/1/2026",
    )  # fmt: skip
    row = one("hukumandisiplin:buat")
    assert (row.actor_id, row.pegawai_id) == (cast.hr.pk, cast.pegawai.pk)
    assert row.sesudah["persen"] == "25" and row.sesudah["nomor_sk"] == "800/1/2026"
    assert len(rows()) == 2


def test_the_tpp_month_moves_are_logged(cast, monkeypatch):
    from tests.tpp.util import aturan
    from tpp.services import periode_ambil, tpp_periode_buka, tpp_periode_hitung, tpp_periode_tutup

    monkeypatch.setattr("tpp.calculation.today", lambda: TODAY)
    aturan(cast.pemda)
    periode = periode_ambil(pemda_id=cast.pemda.pk, tahun=2026, bulan=10)
    tpp_periode_hitung(actor=cast.hr, periode=periode)
    tpp_periode_tutup(actor=cast.hr, periode=periode)
    tpp_periode_buka(actor=cast.hr, periode=periode, alasan="Koreksi presensi Oktober")
    assert [r.aksi for r in rows()] == ["periodetpp:hitung", "periodetpp:tutup", "periodetpp:buka"]
    buka = one("periodetpp:buka")
    assert buka.actor_id == cast.hr.pk and buka.sebelum == {"status": "CLOSED"}
    assert buka.sesudah["status"] == "REOPENED" and buka.sesudah["catatan"] == "Koreksi presensi Oktober"


# --- attendance -----------------------------------------------------------------------------------


def test_holidays_entered_and_imported_are_logged_one_row_each(cast, monkeypatch):
    from accounts.imports.common import Tabel
    from attendance.services.kalender import hari_libur_create, hari_libur_import

    hari_libur_create(actor=cast.hr, tanggal=date(2026, 12, 24), nama="Cuti bersama Natal", jenis="CUTI_BERSAMA")
    row = one("harilibur:buat")
    assert row.actor_id == cast.hr.pk and row.sesudah == {
        "tanggal": "2026-12-24", "nama": "Cuti bersama Natal", "jenis": "CUTI_BERSAMA",
    }  # fmt: skip
    kolom = {"tanggal": "Tanggal", "nama": "Keterangan", "jenis": "Jenis"}
    baris = [
        (2, {"tanggal": date(2026, 12, 30), "nama": "Libur daerah", "jenis": "LIBUR DAERAH"}),
        (3, {"tanggal": date(2026, 12, 31), "nama": "Libur daerah", "jenis": "LIBUR DAERAH"}),
    ]
    hari_libur_import(actor=cast.hr, tabel=Tabel(layout="libur", kolom=kolom, baris=baris))
    impor = rows("harilibur:impor")
    assert [r.sesudah["tanggal"] for r in impor] == ["2026-12-30", "2026-12-31"]
    assert {r.actor_id for r in impor} == {cast.hr.pk}

    # a failure after the write (here the recomputation's scheduling) takes holiday and row back together
    def boom(*args):
        raise RuntimeError

    monkeypatch.setattr("attendance.services.kalender._recompute_pemda", boom)
    with pytest.raises(RuntimeError):
        hari_libur_create(actor=cast.hr, tanggal=date(2026, 12, 25), nama="Natal", jenis="LIBUR_NASIONAL")
    assert len(rows()) == 3


def test_a_schedule_is_logged_with_its_hours(cast):
    from attendance.services.kalender import jadwal_create

    hari = [{"hari": 0, "masuk": time(8), "pulang": time(15)}]
    jadwal_create(actor=cast.hr, nama="Jadwal Ramadan", berlaku_mulai=date(2027, 2, 18), hari=hari)
    row = one("jadwalkerja:buat")
    assert row.actor_id == cast.hr.pk and row.sesudah["nama"] == "Jadwal Ramadan"
    assert row.sesudah["hari"] == [{"hari": 0, "masuk": "08:00:00", "pulang": "15:00:00"}]


def test_machine_pins_and_tokens_are_logged_never_the_token_value(cast, today):
    from attendance.services import absen as svc

    svc.pin_mesin_create(actor=cast.hr, pegawai=cast.pegawai, pin="10021", mesin="Lobi")
    row = one("pinmesin:buat")
    assert (row.actor_id, row.pegawai_id, row.sesudah) == (
        cast.hr.pk,
        cast.pegawai.pk,
        {"pin": "10021", "mesin": "Lobi"},
    )
    with pytest.raises(ValidationError):
        svc.pin_mesin_create(actor=cast.hr, pegawai=cast.pegawai_lain, pin="10021", mesin="Lobi")  # taken

    token, raw = svc.token_create(actor=cast.hr, nama="Gateway", berlaku_sampai=today + timedelta(days=30))
    row = one("tokenintegrasi:buat")
    assert row.sesudah == {"nama": "Gateway", "opd": [], "mesin": [], "berlaku_sampai": "2026-12-18", "izin": ["absen"]}
    assert raw not in str(row.sesudah) and token.token_hash not in str(row.sesudah)

    svc.token_ubah(actor=cast.hr, token=token, opd=[cast.dinas], mesin=["Lobi"], berlaku_sampai=today + timedelta(30))
    row = one("tokenintegrasi:ubah")
    assert row.sebelum == {"opd": [], "mesin": []}
    assert row.sesudah == {"opd": [cast.dinas.pk], "mesin": ["Lobi"]}  # only what changed

    svc.token_deactivate(actor=cast.hr, token=token)
    svc.token_deactivate(actor=cast.hr, token=token)  # already revoked: nothing written, nothing logged
    row = one("tokenintegrasi:cabut")
    assert (row.actor_id, row.sebelum, row.sesudah) == (cast.hr.pk, {"aktif": True}, {"aktif": False})


def test_a_correction_and_its_undoing_keep_before_and_after(cast):
    from attendance.services.hari import hari_koreksi, hari_otomatis, hari_recompute

    hari_recompute(pegawai_ids=[cast.pegawai.pk], start=SENIN, end=SENIN)  # no punch: tanpa keterangan
    hari_koreksi(
        actor=cast.hr, pegawai=cast.pegawai, tanggal=SENIN, status="HADIR", jam_masuk=None, jam_pulang=None,
        alasan="Mesin rusak",
    )  # fmt: skip
    row = one("haripresensi:koreksi")
    assert (row.actor_id, row.pegawai_id) == (cast.hr.pk, cast.pegawai.pk)
    assert row.sebelum == {"status": "TANPA_KETERANGAN", "manual": False, "alasan_koreksi": ""}
    assert row.sesudah == {"status": "HADIR", "manual": True, "alasan_koreksi": "Mesin rusak"}

    with pytest.raises(ValidationError):  # no reason: refused, no row
        hari_koreksi(
            actor=cast.hr, pegawai=cast.pegawai, tanggal=SENIN, status="IZIN", jam_masuk=None, jam_pulang=None,
            alasan="",
        )  # fmt: skip
    hari_otomatis(actor=cast.hr, pegawai=cast.pegawai, tanggal=SENIN)
    row = one("haripresensi:otomatis")
    assert row.sebelum == {"status": "HADIR", "manual": True, "alasan_koreksi": "Mesin rusak"}
    assert row.sesudah == {"status": "TANPA_KETERANGAN", "manual": False, "alasan_koreksi": ""}
    assert len(rows()) == 2


def test_a_discipline_event_is_logged(cast):
    from attendance.services.hari import kejadian_create

    kejadian_create(actor=cast.hr, pegawai=cast.pegawai, tanggal=SENIN, jenis="TIDAK_APEL", catatan="Apel pagi")
    row = one("kejadian:buat")
    assert (row.actor_id, row.pegawai_id) == (cast.hr.pk, cast.pegawai.pk)
    assert row.sesudah == {"tanggal": SENIN.isoformat(), "jenis": "TIDAK_APEL", "catatan": "Apel pagi"}
    with pytest.raises(ValidationError):  # the same event twice: refused
        kejadian_create(actor=cast.hr, pegawai=cast.pegawai, tanggal=SENIN, jenis="TIDAK_APEL")
    assert len(rows()) == 1


def test_leave_decisions_are_logged_by_the_workflow(cast):
    from attendance.services import permohonan as svc

    def ajukan(mulai):
        return svc.permohonan_create(
            actor=cast.pegawai.user, jenis="IZIN", mulai=mulai, selesai=mulai, alasan="Keluarga"
        )

    svc.permohonan_setujui(actor=cast.atasan.user, permohonan=ajukan(date(2026, 3, 2)), catatan="Silakan")
    svc.permohonan_tolak(actor=cast.atasan.user, permohonan=ajukan(date(2026, 3, 3)), catatan="Ada rapat")
    svc.permohonan_batalkan(actor=cast.pegawai.user, permohonan=ajukan(date(2026, 3, 4)))
    setujui, tolak, batal = one("permohonan:setujui"), one("permohonan:tolak"), one("permohonan:batalkan")
    assert (setujui.actor_id, setujui.pegawai_id, setujui.sebelum) == (
        cast.atasan.user.pk,
        cast.pegawai.pk,
        {"status": "DIAJUKAN"},
    )
    assert setujui.sesudah["status"] == "DISETUJUI" and setujui.sesudah["catatan"] == "Silakan"
    assert tolak.sesudah["status"] == "DITOLAK" and batal.actor_id == cast.pegawai.user.pk
    with pytest.raises(ValidationError):  # a rejection needs a note: refused, no row
        svc.permohonan_tolak(actor=cast.atasan.user, permohonan=ajukan(date(2026, 3, 5)), catatan="")
    assert len(rows()) == 3


# --- activities -----------------------------------------------------------------------------------


def test_catalog_dispensation_and_outage_are_logged(cast):
    from activities.services_admin import dispensasi_create, gangguan_create, katalog_save

    item = katalog_save(actor=cast.hr, lingkup="PEMDA", nama="Menyusun laporan", satuan="laporan", menit_per_satuan=60)
    assert one("kegiatankatalog:buat").sesudah["menit_per_satuan"] == 60
    katalog_save(actor=cast.hr, katalog=item, menit_per_satuan=90)
    row = one("kegiatankatalog:ubah")
    assert (row.actor_id, row.sebelum, row.sesudah) == (cast.hr.pk, {"menit_per_satuan": 60}, {"menit_per_satuan": 90})
    with pytest.raises(ValidationError):  # a bad value: refused by the model, no row
        katalog_save(actor=cast.hr, katalog=item, nama="")

    dispensasi_create(
        actor=cast.hr, pegawai=cast.pegawai, tanggal_mulai=SENIN, tanggal_selesai=SENIN, alasan="Sakit", batas=TODAY
    )
    row = one("dispensasi:buat")
    assert (row.actor_id, row.pegawai_id, row.sesudah["alasan"]) == (cast.hr.pk, cast.pegawai.pk, "Sakit")

    selesai = timezone.now() - timedelta(hours=1)
    gangguan_create(actor=cast.hr, mulai=selesai - timedelta(hours=2), selesai=selesai, alasan="Server mati")
    row = one("gangguan:buat")
    assert (row.actor_id, row.pemda_id, row.sesudah["alasan"]) == (cast.hr.pk, cast.pemda.pk, "Server mati")
    assert len(rows()) == 4


# --- skp ------------------------------------------------------------------------------------------


def test_ratings_and_skp_settings_keep_before_and_after(cast, rencana):  # noqa: F811
    from skp.services_penilaian import (
        pengaturan_save,
        penilaian_mandiri_save,
        penilaian_save,
        predikat_organisasi_set,
    )

    skp = new_skp(cast.pegawai)
    add_rhk(skp, induk=rencana.rhk_atasan)
    approved(skp)
    penilaian_mandiri_save(actor=cast.pegawai.user, skp=skp, jenis="TRIWULAN", ke=4, hasil_kerja_mandiri="SESUAI")
    row = one("penilaian:mandiri")
    assert (row.actor_id, row.pegawai_id) == (cast.pegawai.user.pk, cast.pegawai.pk)
    assert (row.sebelum, row.sesudah) == ({"hasil_kerja_mandiri": ""}, {"hasil_kerja_mandiri": "SESUAI"})

    rate = {"actor": cast.atasan.user, "skp": skp, "jenis": "TRIWULAN", "ke": 4, "perilaku_kerja": "SESUAI"}
    dibimbing(skp)  # a rating below Baik needs a coaching note in the period
    penilaian_save(**rate, hasil_kerja="DI_BAWAH")
    penilaian_save(**rate, hasil_kerja="DI_ATAS", alasan_beda_saran="Hasil kerja di luar aplikasi")
    pertama, kedua = rows("penilaian:nilai")
    assert (pertama.actor_id, pertama.pegawai_id) == (cast.atasan.user.pk, cast.pegawai.pk)
    assert pertama.sebelum["hasil_kerja"] == "" and pertama.sesudah["hasil_kerja"] == "DI_BAWAH"
    assert kedua.sebelum["hasil_kerja"] == "DI_BAWAH" and kedua.sesudah["hasil_kerja"] == "DI_ATAS"
    assert "perilaku_kerja" not in kedua.sesudah  # unchanged
    with pytest.raises(ValidationError):
        penilaian_save(**rate, hasil_kerja="TIDAK_ADA")

    pengaturan_save(actor=cast.hr, pemda=cast.pemda, periodik="BULANAN")
    pengaturan_save(actor=cast.hr, pemda=cast.pemda, periodik="TRIWULAN")
    assert [(r.sebelum, r.sesudah) for r in rows("pengaturanskp:ubah")] == [
        ({}, {"periodik": "BULANAN"}), ({"periodik": "BULANAN"}, {"periodik": "TRIWULAN"}),
    ]  # fmt: skip
    predikat_organisasi_set(actor=cast.hr, opd=cast.dinas, tahun=2026, predikat="BAIK")
    predikat_organisasi_set(actor=cast.hr, opd=cast.dinas, tahun=2026, predikat="SANGAT_BAIK")
    ganti = rows("predikatorganisasi:ubah")[1]
    assert (ganti.actor_id, ganti.sebelum, ganti.sesudah) == (
        cast.hr.pk,
        {"predikat": "BAIK"},
        {"predikat": "SANGAT_BAIK"},
    )
    assert len([r for r in rows() if r.aksi.split(":")[0] in SKP_MODELS]) == 7


# --- accounts: the admin, logins ------------------------------------------------------------------


def _admin_save(cast, user: User, change: bool = True) -> None:
    request = RequestFactory().post("/")
    request.user = cast.superadmin
    site._registry[User].save_model(request, user, form=None, change=change)


def test_a_role_change_in_the_admin_is_logged_by_the_superadmin(cast):
    user = User.objects.get(pk=cast.pegawai.user.pk)
    user.first_name = "Rajin"
    _admin_save(cast, user)
    assert not rows()  # a name is not access
    user.role, user.opd = Role.ADMIN_OPD, cast.dinas
    _admin_save(cast, user)
    row = one("user:ubah")
    assert (row.actor_id, row.peran, row.pegawai_id) == (cast.superadmin.pk, Role.SUPERADMIN, cast.pegawai.pk)
    assert row.sebelum == {"role": Role.PEGAWAI, "opd": None}
    assert row.sesudah == {"role": Role.ADMIN_OPD, "opd": cast.dinas.pk}

    baru = User(username="hr.baru", role=Role.HR_PEMDA, pemda=cast.pemda)
    _admin_save(cast, baru, change=False)
    assert one("user:buat").sesudah == {
        "role": Role.HR_PEMDA, "pemda": cast.pemda.pk, "opd": None, "is_active": True, "is_staff": False,
        "is_superuser": False,
    }  # fmt: skip


def test_a_role_holder_login_is_logged_a_pegawai_login_is_not(client, cast):
    for user in (cast.pegawai.user, cast.hr):
        response = client.post(reverse("login"), {"username": user.username, "password": cast.password})
        assert response.status_code == 302
        client.logout()
    client.force_login(cast.superadmin)  # a session opened in code, without the login page: not a sign-in
    row = one("user:masuk")
    assert (row.actor_id, row.objek_id, row.pemda_id) == (cast.hr.pk, str(cast.hr.pk), cast.pemda.pk)
