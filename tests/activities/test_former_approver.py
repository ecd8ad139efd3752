"""A former approver no longer reads the entries, evidence or leave attachments of people they no
longer approve (issue 15); the owner, HR and the people's approvers of today still do."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts import services as org
from activities.choices import Status
from attendance.choices import JenisPermohonan
from attendance.choices import StatusPermohonan as SP
from attendance.services import permohonan as svc
from tests.factories import JabatanFactory
from tests.helpers import aktivitas_baru

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _pindah(cast, pegawai, today):
    """A mutasi of `pegawai` to another OPD from today: yesterday was their last day in the old post."""
    baru = JabatanFactory(unit=cast.badan, parent=cast.j_badan_staf.parent, nama=f"Analis {pegawai.pk}")
    org.penempatan_create(actor=cast.hr, pegawai=pegawai, jabatan=baru, mulai=today)


@pytest.fixture
def entry(cast, today):
    a = aktivitas_baru(
        cast.pegawai,
        tanggal=today - timedelta(days=3),
        status=Status.VALIDATED,
        verifikator=cast.atasan,
        validator=cast.atasan_atasan,
    )
    a.bukti_file.save("bukti.pdf", SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 bukti"))
    return a


def _detail(client, user, a, **params):
    client.force_login(user)
    url = reverse("aktivitas:detail", args=[a.pk])
    return client.get(url + ("?unduh=1" if params.get("unduh") else ""))


def test_the_approver_reads_the_entry_and_its_evidence_while_they_approve(client, cast, entry):
    assert _detail(client, cast.atasan.user, entry).status_code == 200
    assert _detail(client, cast.atasan.user, entry, unduh=True).status_code == 200


def test_after_a_mutasi_the_former_approver_reads_neither(client, cast, entry, today):
    _pindah(cast, cast.atasan, today)
    assert _detail(client, cast.atasan.user, entry).status_code == 404
    assert _detail(client, cast.atasan.user, entry, unduh=True).status_code == 404


def test_the_owner_hr_and_todays_validator_still_read_it(client, cast, entry, today):
    _pindah(cast, cast.atasan, today)
    assert _detail(client, cast.pegawai.user, entry, unduh=True).status_code == 200
    assert _detail(client, cast.hr, entry, unduh=True).status_code == 200
    # the post under the sekretaris is vacant today: the sekretaris approves the pegawai directly
    assert _detail(client, cast.atasan_atasan.user, entry, unduh=True).status_code == 200


def test_when_the_person_moves_away_their_former_approver_loses_them_too(client, cast, entry, today):
    _pindah(cast, cast.pegawai, today)
    assert _detail(client, cast.atasan.user, entry).status_code == 404
    assert _detail(client, cast.atasan_atasan.user, entry).status_code == 404
    assert _detail(client, cast.pegawai.user, entry).status_code == 200


def test_an_entry_still_waiting_for_the_former_approver_stays_in_reach(client, cast, today):
    """An entry of a day they were the atasan, still waiting in their queue, is theirs to decide."""
    a = aktivitas_baru(
        cast.pegawai, tanggal=today - timedelta(days=1), status=Status.SUBMITTED, verifikator=cast.atasan
    )
    _pindah(cast, cast.atasan, today)
    a.refresh_from_db()
    assert a.verifikator_id == cast.atasan.pk  # they were the atasan on its date
    assert _detail(client, cast.atasan.user, a).status_code == 200


def test_a_former_approver_cannot_undo_a_decision(client, cast, entry, today):
    _pindah(cast, cast.atasan_atasan, today)
    client.force_login(cast.atasan_atasan.user)
    response = client.post(
        reverse("aktivitas:tindak", args=[entry.pk]), {"aksi": "batal_validasi", "dari": "VALIDATED"}
    )
    assert response.status_code == 404
    entry.refresh_from_db()
    assert entry.status == Status.VALIDATED


# --- leave requests ---------------------------------------------------------------------------------


@pytest.fixture
def permohonan(cast):
    p = svc.permohonan_create(
        actor=cast.pegawai.user,
        jenis=JenisPermohonan.SAKIT,
        mulai=date(2026, 3, 2),
        selesai=date(2026, 3, 2),
        alasan="Demam",
        lampiran=SimpleUploadedFile("surat.pdf", b"%PDF-1.4 surat dokter"),
    )
    return svc.permohonan_setujui(actor=cast.atasan.user, permohonan=p)


def _lampiran(client, user, p):
    client.force_login(user)
    return client.get(reverse("presensi:permohonan_detail", args=[p.pk]) + "?unduh=1")


def test_the_former_approver_no_longer_opens_a_leave_attachment(client, cast, permohonan, today):
    assert permohonan.status == SP.DISETUJUI
    assert _lampiran(client, cast.atasan.user, permohonan).status_code == 200
    _pindah(cast, cast.atasan, today)
    assert _lampiran(client, cast.atasan.user, permohonan).status_code == 404
    client.force_login(cast.atasan.user)
    assert client.get(reverse("presensi:permohonan_detail", args=[permohonan.pk])).status_code == 404
    assert _lampiran(client, cast.pegawai.user, permohonan).status_code == 200
