"""Ending a person's last posting closes their login; an admin opens it again (issue 15)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts import services, services_akun
from accounts.models import Penempatan, User
from accounts.permissions import buka_akun_refusal
from core.models import AuditLog
from tests.factories import JabatanFactory

pytestmark = pytest.mark.django_db


def _akhiri(cast, pegawai, selesai):
    posting = Penempatan.objects.get(pegawai=pegawai, selesai__isnull=True)
    return services.penempatan_end(actor=cast.hr, penempatan=posting, selesai=selesai)


def _aktif(pegawai) -> bool:
    return User.objects.get(pk=pegawai.user_id).is_active


def test_ending_the_last_posting_closes_the_login_and_its_sessions(
    client, cast, today, django_capture_on_commit_callbacks
):
    client.force_login(cast.pegawai_lain.user)
    assert client.get(reverse("beranda")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        _akhiri(cast, cast.pegawai_lain, today - timedelta(days=1))
    assert not _aktif(cast.pegawai_lain)
    response = client.get(reverse("beranda"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    login = client.post(reverse("login"), {"username": cast.pegawai_lain.nip, "password": cast.password})
    assert login.status_code == 200  # the password no longer opens it
    assert AuditLog.objects.filter(aksi="pegawai:akun_nonaktif", objek_id=str(cast.pegawai_lain.pk)).exists()


def test_a_posting_ending_today_or_later_keeps_the_login_for_the_days_left(cast, today):
    _akhiri(cast, cast.pegawai_lain, today)
    assert _aktif(cast.pegawai_lain)


def test_a_mutasi_or_another_posting_keeps_the_login(cast, today):
    baru = JabatanFactory(unit=cast.badan, parent=cast.j_badan_staf.parent, nama="Analis Keuangan")
    services.penempatan_create(actor=cast.hr, pegawai=cast.pegawai_lain, jabatan=baru, mulai=today)
    assert _aktif(cast.pegawai_lain)  # the old posting ended yesterday, the new one goes on
    # a posting still open elsewhere: ending this one is not the last
    Penempatan.objects.create(
        pemda=cast.pemda, pegawai=cast.pegawai, jabatan=baru, mulai=today - timedelta(days=30), jenis="PLT"
    )
    posting = Penempatan.objects.get(pegawai=cast.pegawai, selesai__isnull=True, jenis="DEFINITIF")
    services.penempatan_end(actor=cast.hr, penempatan=posting, selesai=today - timedelta(days=1))
    assert _aktif(cast.pegawai)


def test_an_admin_opens_it_again_from_the_pegawai_page(client, cast, today):
    _akhiri(cast, cast.pegawai_lain, today - timedelta(days=1))
    client.force_login(cast.hr)
    page = client.get(reverse("org:pegawai_detail", args=[cast.pegawai_lain.pk])).content.decode()
    assert 'data-testid="akun-nonaktif"' in page and "Aktifkan kembali akun" in page
    response = client.post(reverse("org:pegawai_buka_akun", args=[cast.pegawai_lain.pk]), follow=True)
    assert "aktif kembali" in response.content.decode()
    assert _aktif(cast.pegawai_lain)
    assert AuditLog.objects.filter(aksi="pegawai:akun_aktif", objek_id=str(cast.pegawai_lain.pk)).exists()
    page = client.get(reverse("org:pegawai_detail", args=[cast.pegawai_lain.pk])).content.decode()
    assert "Aktifkan kembali akun" not in page


def test_the_button_only_for_a_closed_login(client, cast):
    client.force_login(cast.hr)
    page = client.get(reverse("org:pegawai_detail", args=[cast.pegawai.pk])).content.decode()
    assert "Aktifkan kembali akun" not in page


def test_the_policy_of_opening_a_login(cast):
    User.objects.filter(pk__in=[cast.admin_opd.pk, cast.pegawai_lain.user_id, cast.hr.pk]).update(is_active=False)
    admin = cast.admin_opd
    assert buka_akun_refusal(admin, admin) is not None  # never one's own
    assert buka_akun_refusal(cast.hr, cast.pegawai.user) is None
    assert buka_akun_refusal(admin, cast.pegawai.user) is None  # their OPD
    assert buka_akun_refusal(admin, cast.pegawai_lain.user) is not None  # another OPD
    assert buka_akun_refusal(admin, cast.hr) is not None  # a higher role
    assert buka_akun_refusal(cast.hr, cast.admin_opd) is None
    assert buka_akun_refusal(cast.hr, cast.hr) is not None
    assert buka_akun_refusal(cast.superadmin, cast.hr) is None
    assert buka_akun_refusal(cast.pegawai.user, cast.pegawai_lain.user) is not None  # no admin
    with pytest.raises(PermissionDenied):
        services_akun.akun_buka(actor=cast.admin_opd, pegawai=cast.pegawai_lain)


def test_the_nightly_job_closes_a_login_whose_last_posting_ended_as_set_in_advance(cast, today, _pinned_clock):
    from accounts.tasks import akun_tutup_berakhir_task

    _akhiri(cast, cast.pegawai_lain, today)  # the last working day is today: the login stays
    assert akun_tutup_berakhir_task(cast.pemda.pk) == 0 and _aktif(cast.pegawai_lain)
    _pinned_clock.shift(timedelta(days=1))  # the night after
    assert akun_tutup_berakhir_task(cast.pemda.pk) == 1 and not _aktif(cast.pegawai_lain)
    assert _aktif(cast.pegawai) and _aktif(cast.atasan)  # people still posted keep theirs


def test_the_nightly_job_leaves_a_login_an_admin_opened_again(cast, today, _pinned_clock):
    from accounts.tasks import akun_tutup_berakhir_task

    _akhiri(cast, cast.pegawai_lain, today - timedelta(days=2))
    assert not _aktif(cast.pegawai_lain)
    services_akun.akun_buka(actor=cast.hr, pegawai=cast.pegawai_lain)
    assert akun_tutup_berakhir_task(cast.pemda.pk) == 0 and _aktif(cast.pegawai_lain)
