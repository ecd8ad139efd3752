"""Kelola › Peran pengguna (issue 16): HR gives and takes admin OPD and HR; never on their own
account, never superadmin, never outside their pemda, never the last HR of a pemda; a superadmin
acts through the pemda picker."""

import pytest
from django.urls import reverse

from accounts.choices import Role
from accounts.models import User
from core.models import AuditLog
from tests.factories import JabatanFactory, PemdaFactory, UnitFactory, UserFactory, posted

pytestmark = pytest.mark.django_db

PERAN = reverse("org:peran")


def _cabut(user) -> str:
    return reverse("org:peran_cabut", args=[user.pk])


@pytest.fixture
def lain(cast):
    """Another pemda with its HR and a pegawai."""
    pemda = PemdaFactory(nama="Pemerintah Kabupaten Lain", kode="LAIN")
    dinas = UnitFactory(pemda=pemda, nama="Dinas Lain")
    pemda.pegawai_x = posted(JabatanFactory(pemda=pemda, unit=dinas, opd=dinas, kelas=5), nama="Pegawai Lain")
    pemda.hr = UserFactory(username="hr.lain", role=Role.HR_PEMDA, pemda=pemda)
    return pemda


def test_hr_gives_admin_opd_for_another_opd_and_hr_then_takes_them_away(client, cast):
    client.force_login(cast.hr)
    response = client.post(PERAN, {"pegawai": cast.pegawai_lain.pk, "role": Role.ADMIN_OPD, "opd": cast.dinas.pk})
    assert response.status_code == 302
    user = User.objects.get(pk=cast.pegawai_lain.user_id)
    assert (user.role, user.opd) == (Role.ADMIN_OPD, cast.dinas)
    assert client.post(PERAN, {"pegawai": cast.pegawai_lain.pk, "role": Role.HR_PEMDA}).status_code == 302
    user.refresh_from_db()
    assert (user.role, user.opd) == (Role.HR_PEMDA, None)
    assert client.post(_cabut(user)).status_code == 302
    user.refresh_from_db()
    assert (user.role, user.opd, user.is_active) == (Role.PEGAWAI, None, True)
    rows = AuditLog.objects.filter(aksi__startswith="user:peran").order_by("seq")
    assert list(rows.values_list("aksi", flat=True)) == ["user:peran_beri", "user:peran_beri", "user:peran_cabut"]
    riwayat = client.get(PERAN).content.decode().split('data-testid="riwayat-peran"')[1]
    assert riwayat.count("Pegawai Badan") == 3, riwayat  # the three changes in the history


def test_nobody_gives_or_takes_a_role_on_their_own_account(client, cast):
    client.force_login(cast.hr)
    client.post(PERAN, {"pegawai": cast.atasan.pk, "role": Role.HR_PEMDA})
    hr_pegawai = User.objects.get(pk=cast.atasan.user_id)
    assert hr_pegawai.role == Role.HR_PEMDA
    client.force_login(hr_pegawai)
    assert client.post(PERAN, {"pegawai": cast.atasan.pk, "role": Role.ADMIN_OPD}).status_code == 403
    assert client.post(_cabut(hr_pegawai)).status_code == 403
    client.force_login(cast.admin_opd)  # an admin OPD is no HR: not even on their own account
    assert client.post(_cabut(cast.admin_opd)).status_code == 403
    assert User.objects.get(pk=hr_pegawai.pk).role == Role.HR_PEMDA
    assert User.objects.get(pk=cast.admin_opd.pk).role == Role.ADMIN_OPD
    page = client.get(PERAN)
    assert page.status_code == 403


def test_pegawai_and_admin_opd_are_refused_and_another_pemda_is_not_found(client, cast, lain):
    client.force_login(cast.pegawai.user)
    assert client.get(PERAN).status_code == 403
    assert client.post(PERAN, {"pegawai": cast.pegawai.pk, "role": Role.HR_PEMDA}).status_code == 403
    client.force_login(lain.hr)
    assert client.post(_cabut(cast.admin_opd)).status_code == 404
    refused = client.post(PERAN, {"pegawai": cast.pegawai.pk, "role": Role.HR_PEMDA})
    assert refused.status_code == 400 and "pegawai" in refused.context["form"].errors
    assert User.objects.get(pk=cast.pegawai.user_id).role == Role.PEGAWAI
    # the search offers only the HR's own pemda
    assert list(client.get(PERAN, {"q": "pegawai"}).context["form"].fields["pegawai"].queryset) == [lain.pegawai_x]


def test_hr_cannot_grant_superadmin_nor_touch_a_superadmin(client, cast):
    client.force_login(cast.hr)
    response = client.post(PERAN, {"pegawai": cast.pegawai.pk, "role": Role.SUPERADMIN})
    assert response.status_code == 400 and "role" in response.context["form"].errors
    assert User.objects.get(pk=cast.pegawai.user_id).role == Role.PEGAWAI
    cast.superadmin.pemda = cast.pemda
    cast.superadmin.save()
    assert client.post(_cabut(cast.superadmin)).status_code == 403


def test_the_last_hr_of_a_pemda_stays_until_another_has_the_role(client, cast):
    client.force_login(cast.superadmin)
    response = client.post(_cabut(cast.hr), {"pemda": cast.pemda.pk}, follow=True)
    assert "HR terakhir pemda ini" in response.content.decode()
    assert User.objects.get(pk=cast.hr.pk).role == Role.HR_PEMDA
    assert "HR terakhir pemda ini: berikan dulu" in client.get(PERAN).content.decode()  # no button offered
    client.post(PERAN, {"pegawai": cast.kadis.pk, "role": Role.HR_PEMDA, "pemda": cast.pemda.pk})
    assert client.post(_cabut(cast.hr), {"pemda": cast.pemda.pk}).status_code == 302
    hr = User.objects.get(pk=cast.hr.pk)
    # an account made only for the HR role (no pegawai behind it) is closed with it
    assert (hr.role, hr.is_active) == (Role.PEGAWAI, False)
    kadis = User.objects.get(pk=cast.kadis.user_id)
    assert "HR terakhir pemda ini" in client.post(_cabut(kadis), follow=True).content.decode()
    assert User.objects.get(pk=kadis.pk).role == Role.HR_PEMDA


def test_a_superadmin_chooses_the_pemda_and_writes_only_there(client, cast, lain):
    client.force_login(cast.superadmin)
    asked = client.get(PERAN)
    assert [t.name for t in asked.templates][0] == "core/pemda_pilih.html"
    assert client.post(PERAN, {"pegawai": lain.pegawai_x.pk, "role": Role.ADMIN_OPD}).status_code == 404
    shown = client.get(PERAN, {"pemda": lain.pk, "q": "Pegawai"})
    assert list(shown.context["form"].fields["pegawai"].queryset) == [lain.pegawai_x]
    assert [p["user"] for p in shown.context["pemegang"]] == [lain.hr]
    # a pegawai of the other pemda, posted with this pemda: not a choice
    wrong = client.post(PERAN, {"pegawai": cast.pegawai.pk, "role": Role.ADMIN_OPD, "pemda": lain.pk})
    assert wrong.status_code == 400
    ok = client.post(PERAN, {"pegawai": lain.pegawai_x.pk, "role": Role.ADMIN_OPD, "pemda": lain.pk})
    assert ok.status_code == 302
    assert User.objects.get(pk=lain.pegawai_x.user_id).opd == lain.pegawai_x.opd
