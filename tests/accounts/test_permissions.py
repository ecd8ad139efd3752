"""The one access policy (accounts.permissions, DESIGN.md §4): each predicate per persona of the cast,
the view gate, and separation of duties (no admin acts on their own record or their atasan chain)."""

import re
from datetime import date, time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from accounts import permissions, services
from accounts.choices import Golongan, KedudukanHukum, Role
from accounts.models import Penempatan
from activities.models import Dispensasi
from activities.services_admin import dispensasi_create
from attendance.choices import JenisKejadian, StatusHari
from attendance.models import HariPresensi, Kejadian
from attendance.services.hari import hari_koreksi, hari_otomatis, kejadian_create
from tests.factories import JabatanFactory, PemdaFactory, posted
from tests.helpers import TODAY

SENIN = date(2026, 11, 16)  # a past working day of the pinned month (TODAY is Wednesday 18 November 2026)
CHAIN = ["atasan", "atasan_atasan", "kadis"]  # above the admin OPD, who is posted as a pelaksana in the subbag


# --- each predicate, per persona ------------------------------------------------------------------


def _persona(cast, name: str):
    if name == "anonim":
        return AnonymousUser()
    if name == "superadmin_pemda":  # a superadmin acting for one pemda
        cast.superadmin.pemda = cast.pemda
        return cast.superadmin
    if name in ("pegawai", "atasan"):
        return getattr(cast, name).user
    return getattr(cast, name)


PERSONAS = ["anonim", "pegawai", "atasan", "admin_opd", "hr", "superadmin", "superadmin_pemda"]

# predicate → the answer for each persona, in the order of PERSONAS
TABLE = {
    "is_org_admin": [False, False, False, True, True, True, True],
    "is_hr": [False, False, False, False, True, True, True],
    "may_keep_pemda": [False, False, False, False, True, False, True],
    "may_keep_tpp": [False, False, False, False, True, True, True],
    "may_view_tpp": [False, False, False, True, True, True, True],
    "is_hr_of(own pemda)": [False, False, False, False, True, True, True],
    "is_hr_of(other pemda)": [False, False, False, False, False, True, True],
    "may_manage(dinas)": [False, False, False, True, True, True, True],
    "may_manage(badan)": [False, False, False, False, True, True, True],
}


def _ask(cast, predicate: str, user) -> bool:
    if predicate == "is_hr_of(own pemda)":
        return permissions.is_hr_of(user, cast.pemda.pk)
    if predicate == "is_hr_of(other pemda)":
        return permissions.is_hr_of(user, PemdaFactory().pk)
    if predicate.startswith("may_manage("):
        unit = cast.dinas if "dinas" in predicate else cast.badan
        return permissions.may_manage(user, pemda_id=unit.pemda_id, opd_id=unit.pk)
    return getattr(permissions, predicate)(user)


@pytest.mark.parametrize(
    ("predicate", "persona", "expected"),
    [(p, persona, answers[i]) for p, answers in TABLE.items() for i, persona in enumerate(PERSONAS)],
)
def test_each_predicate_answers_each_persona(cast, predicate, persona, expected):
    assert _ask(cast, predicate, _persona(cast, persona)) is expected


@pytest.mark.parametrize(
    ("decorator", "message", "allowed"),
    [
        (permissions.admin_required, "hanya untuk admin kepegawaian", {"admin_opd", "hr", "superadmin"}),
        (permissions.hr_required, "hanya untuk BKPSDM (HR pemda)", {"hr", "superadmin"}),
        (permissions.pemda_keeper_required, "hanya untuk BKPSDM (HR pemda)", {"hr"}),
        (permissions.tpp_keeper_required, "petugas BKPSDM/keuangan", {"hr", "superadmin"}),
        (permissions.tpp_viewer_required, "hanya untuk admin kepegawaian", {"admin_opd", "hr", "superadmin"}),
    ],
    ids=["admin", "hr", "pemda_keeper", "tpp_keeper", "tpp_viewer"],
)
def test_a_gated_view_answers_403_with_its_message_to_everyone_else(cast, decorator, message, allowed):
    view = decorator(lambda request: HttpResponse("ok"))
    for persona in ["pegawai", "atasan", "admin_opd", "hr", "superadmin"]:
        request = RequestFactory().get("/")
        request.user = _persona(cast, persona)
        if persona in allowed:
            assert view(request).status_code == 200, persona
        else:
            with pytest.raises(PermissionDenied, match=re.escape(message)):
                view(request)


# --- separation of duties: attendance -------------------------------------------------------------


def _koreksi(actor, pegawai):
    return hari_koreksi(
        actor=actor,
        pegawai=pegawai,
        tanggal=SENIN,
        status=StatusHari.HADIR,
        jam_masuk=time(7, 30),
        jam_pulang=time(16, 0),
        alasan="Mesin absen rusak",
    )


def test_an_admin_opd_cannot_correct_their_own_attendance_day(cast):
    own = cast.admin_opd.pegawai
    with pytest.raises(PermissionDenied, match="Presensi Anda sendiri tidak dapat Anda koreksi"):
        _koreksi(cast.admin_opd, own)
    with pytest.raises(PermissionDenied, match="Presensi Anda sendiri"):
        hari_otomatis(actor=cast.admin_opd, pegawai=own, tanggal=SENIN)
    assert not HariPresensi.objects.filter(pegawai=own, manual=True).exists()


@pytest.mark.parametrize("atasan", CHAIN)
def test_an_admin_opd_cannot_correct_anyone_in_their_atasan_chain(cast, atasan):
    target = getattr(cast, atasan)
    with pytest.raises(PermissionDenied) as exc:
        _koreksi(cast.admin_opd, target)
    assert f"{target.nama_lengkap} adalah atasan Anda" in str(exc.value)
    assert "presensinya tidak dapat Anda koreksi" in str(exc.value)
    assert not HariPresensi.objects.filter(pegawai=target, manual=True).exists()


def test_an_admin_opd_still_corrects_a_colleague_outside_their_chain(cast):
    hari = _koreksi(cast.admin_opd, cast.pegawai)
    assert (hari.status, hari.manual, hari.dikoreksi_oleh) == (StatusHari.HADIR, True, cast.admin_opd)


def test_an_hr_officer_cannot_correct_their_own_day_nor_their_kepala(cast):
    j_kaban = cast.j_badan_staf.parent
    kepala = posted(j_kaban, nama="Kepala Badan")
    hr_staf = posted(cast.j_badan_staf, nama="Petugas BKPSDM")
    hr_staf.user.role = Role.HR_PEMDA
    hr_staf.user.save()
    with pytest.raises(PermissionDenied, match="Presensi Anda sendiri"):
        _koreksi(hr_staf.user, hr_staf)
    with pytest.raises(PermissionDenied, match="Kepala Badan adalah atasan Anda"):
        _koreksi(hr_staf.user, kepala)
    assert _koreksi(hr_staf.user, cast.pegawai).manual  # anyone else in the pemda


def test_the_correction_page_refuses_the_own_day_with_the_reason(client, cast):
    client.force_login(cast.admin_opd)
    url = reverse("presensi:koreksi", args=[cast.admin_opd.pegawai.pk, SENIN.isoformat()])
    r = client.post(url, {"status": "IZIN", "jam_masuk": "", "jam_pulang": "", "alasan": "Izin lisan"})
    assert r.status_code == 403
    assert "Presensi Anda sendiri tidak dapat Anda koreksi" in r.content.decode()
    assert not HariPresensi.objects.filter(pegawai=cast.admin_opd.pegawai).exists()


def test_an_admin_opd_cannot_record_a_discipline_event_on_themselves_or_their_chain(cast):
    args = {"tanggal": SENIN, "jenis": JenisKejadian.TIDAK_APEL}
    with pytest.raises(PermissionDenied, match="Kejadian disiplin tidak dapat Anda catat untuk diri Anda sendiri"):
        kejadian_create(actor=cast.admin_opd, pegawai=cast.admin_opd.pegawai, **args)
    with pytest.raises(PermissionDenied, match="kejadian disiplin untuknya tidak dapat Anda catat"):
        kejadian_create(actor=cast.admin_opd, pegawai=cast.atasan, **args)
    assert not Kejadian.objects.exists()


# --- separation of duties: dispensations, pay fields, postings ------------------------------------


def _dispensasi(actor, pegawai):
    return dispensasi_create(
        actor=actor,
        pegawai=pegawai,
        tanggal_mulai=date(2026, 11, 2),
        tanggal_selesai=date(2026, 11, 3),
        alasan="Sakit, belum sempat mengisi",
        batas=TODAY,
    )


def test_an_admin_opd_cannot_give_themselves_or_their_chain_a_dispensation(cast):
    with pytest.raises(PermissionDenied, match="Dispensasi tidak dapat Anda berikan kepada diri Anda sendiri"):
        _dispensasi(cast.admin_opd, cast.admin_opd.pegawai)
    with pytest.raises(PermissionDenied, match="dispensasi untuknya tidak dapat Anda berikan"):
        _dispensasi(cast.admin_opd, cast.atasan_atasan)
    assert not Dispensasi.objects.exists()
    assert _dispensasi(cast.admin_opd, cast.pegawai).pegawai == cast.pegawai


@pytest.mark.parametrize(
    ("field", "value"),
    [("golongan", Golongan.IV_A), ("gaji_dasar", 9_000_000), ("kedudukan_hukum", KedudukanHukum.TUGAS_BELAJAR)],
)
def test_an_admin_opd_cannot_change_their_own_pay_fields(cast, field, value):
    own = cast.admin_opd.pegawai
    before = getattr(own, field)
    with pytest.raises(PermissionDenied, match="Golongan, kedudukan hukum dan gaji dasar Anda sendiri"):
        services.pegawai_update(actor=cast.admin_opd, pegawai=own, **{field: value})
    own.refresh_from_db()
    assert getattr(own, field) == before


def test_an_admin_opd_cannot_change_their_atasans_golongan(cast):
    with pytest.raises(PermissionDenied, match="golongan, kedudukan hukum dan gaji dasarnya tidak dapat Anda ubah"):
        services.pegawai_update(actor=cast.admin_opd, pegawai=cast.kadis, golongan=Golongan.IV_E)
    cast.kadis.refresh_from_db()
    assert cast.kadis.golongan == Golongan.III_A


def test_an_admin_opd_keeps_their_own_contact_data_and_others_pay_fields(cast):
    own = cast.admin_opd.pegawai
    services.pegawai_update(actor=cast.admin_opd, pegawai=own, no_hp="081234567890", golongan=own.golongan)
    services.pegawai_update(actor=cast.admin_opd, pegawai=cast.pegawai, golongan=Golongan.III_B)
    own.refresh_from_db()
    cast.pegawai.refresh_from_db()
    assert (own.no_hp, cast.pegawai.golongan) == ("081234567890", Golongan.III_B)


def test_an_admin_opd_cannot_post_themselves(cast):
    own = cast.admin_opd.pegawai
    plt = JabatanFactory(unit=cast.subbag, parent=cast.j_kasubag, nama="Pengelola Arsip")
    with pytest.raises(PermissionDenied, match="Penempatan Anda sendiri tidak dapat Anda ubah"):
        services.penempatan_create(actor=cast.admin_opd, pegawai=own, jabatan=plt, mulai=SENIN)
    posting = Penempatan.objects.get(pegawai=own)
    with pytest.raises(PermissionDenied, match="Penempatan Anda sendiri"):
        services.penempatan_end(actor=cast.admin_opd, penempatan=posting, selesai=SENIN)
    posting.refresh_from_db()
    assert posting.selesai is None and Penempatan.objects.filter(pegawai=own).count() == 1


@pytest.mark.parametrize(
    ("tindakan", "atasan_may"),
    [
        (permissions.Tindakan.PRESENSI, False),
        (permissions.Tindakan.KEJADIAN, False),
        (permissions.Tindakan.DISPENSASI, False),
        (permissions.Tindakan.GAJI, False),
        (permissions.Tindakan.PENEMPATAN, True),  # a Plt or mutasi of one's atasan is ordinary OPD work
    ],
)
def test_who_acts_for_whom(cast, tindakan, atasan_may):
    actor = cast.admin_opd
    assert not permissions.may_act_for(actor, actor.pegawai, tindakan)
    assert permissions.may_act_for(actor, cast.atasan, tindakan) is atasan_may
    assert permissions.may_act_for(actor, cast.pegawai, tindakan)
    assert not permissions.may_act_for(actor, cast.pegawai_lain, tindakan)  # another OPD
    assert permissions.may_act_for(cast.hr, cast.atasan, tindakan)  # HR has no chain in this OPD
