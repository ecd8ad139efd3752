"""Writes to the organisation: permissions, postings history, validation messages."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts import services, services_akun
from accounts.choices import JenisJabatan, JenisPenempatan, JenisUnit, StatusPegawai
from accounts.models import Pegawai, Penempatan, User
from accounts.selectors import atasan_of
from core.models import AuditLog
from tests.factories import JabatanFactory


def _new_pegawai(cast, actor, **extra):
    data = {
        "nip": "19900115 201503 1 004",
        "nama": "Frans Rumengan",
        "status": StatusPegawai.PNS,
        "golongan": "III/b",
        "gaji_dasar": 3_500_000,
    }
    data.update(extra)
    return services.pegawai_create(actor=actor, jabatan=cast.j_staf, mulai=date(2026, 1, 2), **data)


def test_pegawai_create_makes_the_person_their_posting_and_login(cast):
    p = _new_pegawai(cast, cast.admin_opd)
    assert p.nip == "199001152015031004"
    assert p.tanggal_lahir == date(1990, 1, 15) and p.jenis_kelamin == "L"
    assert p.opd == cast.dinas and p.pemda == cast.pemda
    posting = Penempatan.objects.get(pegawai=p)
    assert (posting.jabatan, posting.mulai, posting.selesai, posting.jenis) == (
        cast.j_staf,
        date(2026, 1, 2),
        None,
        JenisPenempatan.DEFINITIF,
    )
    user = User.objects.get(pk=p.user_id)
    # not activated: no password at all (never the NIP), until its owner types an activation code
    assert user.username == p.nip and user.wajib_ganti_password and not user.has_usable_password()
    assert not user.check_password(p.nip)
    assert atasan_of(p, date(2026, 1, 2)) == cast.atasan
    assert AuditLog.objects.filter(objek_id=str(p.pk), aksi="pegawai:buat").exists()


def test_it_rejects_an_invalid_or_duplicate_nip(cast):
    with pytest.raises(ValidationError) as exc:
        _new_pegawai(cast, cast.admin_opd, nip="123")
    assert "nip" in exc.value.message_dict
    _new_pegawai(cast, cast.admin_opd)
    with pytest.raises(ValidationError) as exc:
        _new_pegawai(cast, cast.admin_opd)
    assert "sudah terdaftar" in exc.value.message_dict["nip"][0]


def test_it_rejects_a_status_that_contradicts_the_nip(cast):
    with pytest.raises(ValidationError) as exc:
        _new_pegawai(cast, cast.admin_opd, status=StatusPegawai.PPPK)
    assert "status" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        _new_pegawai(cast, cast.admin_opd, nip="199402182023212015", status=StatusPegawai.PNS, golongan="IX")
    assert "status" in exc.value.message_dict
    assert not Pegawai.objects.filter(nip="199402182023212015").exists()


def test_admin_opd_cannot_write_in_another_opd(cast):
    with pytest.raises(PermissionDenied):
        services.pegawai_update(actor=cast.admin_opd, pegawai=cast.pegawai_lain, nama="X")
    with pytest.raises(PermissionDenied):
        services.jabatan_create(actor=cast.admin_opd, unit=cast.badan, nama="Baru", jenis="PELAKSANA", kelas=5)
    with pytest.raises(PermissionDenied):
        services.unit_create(actor=cast.admin_opd, pemda=cast.pemda, nama="Dinas Baru", jenis="PERANGKAT_DAERAH")
    with pytest.raises(PermissionDenied):
        services.pegawai_update(actor=cast.pegawai.user, pegawai=cast.pegawai, nama="X")


def test_hr_creates_an_opd_that_is_its_own_opd(cast):
    unit = services.unit_create(
        actor=cast.hr, pemda=cast.pemda, nama="Dinas Kesehatan", jenis=JenisUnit.PERANGKAT_DAERAH
    )
    assert unit.opd_id == unit.pk
    child = services.unit_create(actor=cast.hr, pemda=cast.pemda, nama="Sekretariat", jenis="SEKRETARIAT", parent=unit)
    assert child.opd_id == unit.pk
    with pytest.raises(ValidationError):
        services.unit_create(actor=cast.hr, pemda=cast.pemda, nama="Bidang Lepas", jenis="BIDANG")


def test_a_mutation_ends_the_old_posting_the_day_before(cast):
    new_post = JabatanFactory(unit=cast.sekretariat, parent=cast.j_sekretaris, nama="Analis Kepegawaian")
    services.penempatan_create(
        actor=cast.admin_opd, pegawai=cast.pegawai, jabatan=new_post, mulai=date(2026, 11, 16), nomor_sk="800/1/2026"
    )
    old, new = Penempatan.objects.filter(pegawai=cast.pegawai).order_by("mulai")
    assert old.jabatan == cast.j_staf and old.selesai == date(2026, 11, 15)
    assert new.jabatan == new_post and new.selesai is None and new.nomor_sk == "800/1/2026"
    assert atasan_of(cast.pegawai, date(2026, 11, 15)) == cast.atasan
    assert atasan_of(cast.pegawai, date(2026, 11, 16)) == cast.atasan_atasan


def test_a_mutation_to_another_opd_moves_the_pegawai_out_of_the_admins_scope(cast):
    services.penempatan_create(actor=cast.hr, pegawai=cast.pegawai, jabatan=cast.j_badan_staf, mulai=date(2026, 11, 16))
    cast.pegawai.refresh_from_db()
    assert cast.pegawai.opd == cast.badan


def test_a_structural_post_has_one_definitive_holder(cast):
    with pytest.raises(ValidationError) as exc:
        services.penempatan_create(
            actor=cast.admin_opd, pegawai=cast.pegawai, jabatan=cast.j_kasubag, mulai=date(2026, 11, 1)
        )
    assert "sudah diisi" in exc.value.message_dict["jabatan"][0]
    assert Penempatan.objects.filter(pegawai=cast.pegawai).count() == 1


def test_a_plt_is_added_on_top_of_the_own_posting(cast):
    Penempatan.objects.filter(pegawai=cast.atasan_atasan).update(selesai=date(2026, 9, 30))
    plt = services.penempatan_create(
        actor=cast.admin_opd,
        pegawai=cast.atasan,
        jabatan=cast.j_sekretaris,
        mulai=date(2026, 10, 1),
        jenis=JenisPenempatan.PLT,
    )
    assert plt.jenis == JenisPenempatan.PLT
    assert Penempatan.objects.filter(pegawai=cast.atasan, selesai__isnull=True).count() == 2
    cast.atasan.refresh_from_db()
    assert cast.atasan.opd == cast.dinas


def test_a_posting_that_starts_before_an_existing_one_is_refused(cast):
    other = JabatanFactory(unit=cast.subbag, parent=cast.j_kasubag, nama="Pengelola Arsip")
    with pytest.raises(ValidationError) as exc:
        services.penempatan_create(actor=cast.admin_opd, pegawai=cast.pegawai, jabatan=other, mulai=date(2019, 1, 1))
    assert "mulai" in exc.value.message_dict


def test_ending_a_posting_keeps_it_as_history(cast):
    posting = Penempatan.objects.get(pegawai=cast.pegawai)
    services.penempatan_end(actor=cast.admin_opd, penempatan=posting, selesai=date(2026, 11, 30), keterangan="pensiun")
    posting.refresh_from_db()
    assert posting.selesai == date(2026, 11, 30) and posting.keterangan == "pensiun"
    with pytest.raises(ValidationError) as exc:
        services.penempatan_end(actor=cast.admin_opd, penempatan=posting, selesai=date(2026, 12, 31))
    assert "sudah diakhiri" in exc.value.messages[0]
    posting.refresh_from_db()
    assert posting.selesai == date(2026, 11, 30)


def test_it_rejects_an_end_before_the_start(cast):
    posting = Penempatan.objects.get(pegawai=cast.pegawai)
    with pytest.raises(ValidationError) as exc:
        services.penempatan_end(actor=cast.admin_opd, penempatan=posting, selesai=date(2019, 1, 1))
    assert "selesai" in exc.value.message_dict


def test_jabatan_rules_on_eselon(cast):
    with pytest.raises(ValidationError) as exc:
        services.jabatan_create(
            actor=cast.admin_opd, unit=cast.subbag, nama="Kasi", jenis=JenisJabatan.PENGAWAS, kelas=9
        )
    assert "eselon" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.jabatan_create(actor=cast.admin_opd, unit=cast.subbag, nama="Staf", jenis="PELAKSANA", kelas=18)


def test_a_jabatan_cannot_be_its_own_ancestor(cast):
    with pytest.raises(ValidationError):
        services.jabatan_update(actor=cast.admin_opd, jabatan=cast.j_sekretaris, parent=cast.j_staf)


def test_pegawai_update_logs_old_and_new_values(cast):
    services.pegawai_update(actor=cast.admin_opd, pegawai=cast.pegawai, golongan="III/c")
    log = AuditLog.objects.get(objek_id=str(cast.pegawai.pk), aksi="pegawai:ubah")
    assert log.sesudah == {"golongan": ["III/a", "III/c"]} and log.actor == cast.admin_opd


def test_reset_password_gives_an_activation_code_never_the_nip(cast):
    kode = services_akun.user_reset_password(actor=cast.admin_opd, pegawai=cast.pegawai)
    user = User.objects.get(pk=cast.pegawai.user_id)
    assert not user.check_password(cast.pegawai.nip) and user.wajib_ganti_password
    assert len(kode.kode) == 10 and kode.pegawai == cast.pegawai
    with pytest.raises(PermissionDenied):
        services_akun.user_reset_password(actor=cast.admin_opd, pegawai=cast.pegawai_lain)


def test_a_plh_with_a_planned_end_can_be_ended_early_but_not_extended(cast):
    plh = services.penempatan_create(
        actor=cast.admin_opd,
        pegawai=cast.atasan,
        jabatan=cast.j_sekretaris,
        jenis=JenisPenempatan.PLH,
        mulai=date(2026, 11, 2),
        selesai=date(2026, 11, 30),
    )
    services.penempatan_end(actor=cast.admin_opd, penempatan=plh, selesai=date(2026, 11, 20))
    plh.refresh_from_db()
    assert plh.selesai == date(2026, 11, 20)
    with pytest.raises(ValidationError):
        services.penempatan_end(actor=cast.admin_opd, penempatan=plh, selesai=date(2026, 12, 31))


def test_a_unit_moves_only_within_its_opd(cast):
    services.unit_update(actor=cast.hr, unit=cast.subbag, parent=cast.dinas)
    cast.subbag.refresh_from_db()
    assert cast.subbag.parent == cast.dinas and cast.subbag.opd == cast.dinas
    with pytest.raises(ValidationError) as exc:
        services.unit_update(actor=cast.hr, unit=cast.subbag, parent=cast.badan)
    assert "OPD yang sama" in exc.value.message_dict["parent"][0]
    with pytest.raises(ValidationError):
        services.unit_update(actor=cast.hr, unit=cast.dinas, parent=cast.badan)
