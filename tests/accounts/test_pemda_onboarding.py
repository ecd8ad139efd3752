"""Onboarding a pemda without the Django admin (issue 16): a superadmin creates a pemda (with its time
zone) and its first HR account; the HR activates it with the one-time code, sets up the
authenticator app, and gives admin OPD to a pegawai, who then opens the admin OPD pages."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.choices import Role
from accounts.middleware import ZonaWaktuMiddleware
from accounts.models import Pemda, User
from accounts.services import pegawai_create
from accounts.services_pemda import akun_hr_buat
from core.models import AuditLog
from tests.conftest import totp_code
from tests.factories import JabatanFactory, UnitFactory, posted
from tests.helpers import second_factor_pass

pytestmark = [pytest.mark.django_db, pytest.mark.faktor_kedua_asli]

SANDI = "Sandi-Baru-Papua-2026"


def _superadmin_client(cast) -> Client:
    client = Client()
    client.force_login(cast.superadmin)
    second_factor_pass(client, cast.superadmin)
    return client


def test_a_new_pemda_from_creation_to_its_first_admin_opd(cast):
    sa = _superadmin_client(cast)
    response = sa.post(
        reverse("org:pemda_create"),
        {"nama": "Pemerintah Kabupaten Jayawijaya", "jenis": "KABUPATEN", "kode": "jyw", "zona_waktu": "Asia/Jayapura"},
    )
    pemda = Pemda.objects.get(kode="JYW")
    assert response.status_code == 302 and response["Location"] == reverse("org:pemda_hr", args=[pemda.pk])
    assert pemda.zona_waktu == "Asia/Jayapura" and pemda.batas_diam_menit == 30
    assert AuditLog.objects.filter(aksi="pemda:buat", pemda_id=pemda.pk).count() == 1

    # the first HR: a named person, not a pegawai yet; the letter shows the code once
    letter = sa.post(reverse("org:pemda_hr", args=[pemda.pk]), {"nama": "Rina Wenda", "username": "HR.Jayawijaya"})
    assert letter.status_code == 200 and "no-cache" in letter["Cache-Control"]
    kode = letter.context["kode"]
    html = letter.content.decode()
    assert kode.kode_tampil in html and "hr.jayawijaya" in html and "verifikasi dua langkah" in html
    hr = User.objects.get(username="hr.jayawijaya")
    assert (hr.role, hr.pemda, hr.wajib_ganti_password, hr.has_usable_password()) == (Role.HR_PEMDA, pemda, True, False)
    assert kode.kode not in str(list(AuditLog.objects.filter(aksi="user:akun_hr").values()))

    # the HR activates with the code, signs in, and must set up the second factor first
    hr_client = Client()
    aktif = hr_client.post(
        reverse("aktivasi"),
        {"login": "hr.jayawijaya", "kode": kode.kode_tampil, "new_password1": SANDI, "new_password2": SANDI},
    )
    assert aktif.status_code == 302
    hr_client.logout()
    assert hr_client.post(reverse("login"), {"username": "hr.jayawijaya", "password": SANDI}).status_code == 302
    assert hr_client.get(reverse("org:peran"))["Location"] == reverse("faktor_pasang")
    assert hr_client.get(reverse("faktor_pasang")).status_code == 200
    device = TOTPDevice.objects.get(user=hr, confirmed=False)
    assert hr_client.post(reverse("faktor_pasang"), {"kode": totp_code(device)}).status_code == 200
    assert hr_client.get(reverse("org:peran")).status_code == 200

    # the organisation arrives (here by factories), and HR gives admin OPD to a pegawai
    dinas = UnitFactory(pemda=pemda, nama="Dinas Kesehatan Jayawijaya")
    staf = posted(JabatanFactory(pemda=pemda, unit=dinas, opd=dinas, kelas=7), nama="Yosua Kepegawaian")
    found = hr_client.get(reverse("org:peran"), {"q": "yosua"})
    assert list(found.context["form"].fields["pegawai"].queryset) == [staf]
    given = hr_client.post(reverse("org:peran"), {"pegawai": staf.pk, "role": Role.ADMIN_OPD})
    assert given.status_code == 302
    staf.user.refresh_from_db()
    assert (staf.user.role, staf.user.opd) == (Role.ADMIN_OPD, dinas)
    row = AuditLog.objects.get(aksi="user:peran_beri")
    assert (row.pemda_id, row.actor_id, row.pegawai_id, row.sesudah["role"]) == (pemda.pk, hr.pk, staf.pk, "ADMIN_OPD")
    page = hr_client.get(reverse("org:peran")).content.decode()
    assert "Yosua Kepegawaian" in page and "memberi peran" in page

    # the new admin OPD: second factor first, then the admin OPD pages of their OPD
    admin = Client()
    admin.force_login(staf.user)
    assert admin.get(reverse("org:pegawai_list"))["Location"] == reverse("faktor_pasang")
    second_factor_pass(admin, staf.user)
    listing = admin.get(reverse("org:pegawai_list"))
    assert listing.status_code == 200 and "Yosua Kepegawaian" in listing.content.decode()
    assert admin.get(reverse("org:peran")).status_code == 403


def test_the_requests_and_jobs_of_a_pemda_run_in_its_time_zone(cast, today):
    cast.pemda.zona_waktu = "Asia/Jayapura"
    cast.pemda.save()
    seen = []

    def view(request):
        seen.append((timezone.get_current_timezone_name(), timezone.localtime().hour, timezone.localdate()))

    class Request:
        user = User.objects.select_related("pemda").get(pk=cast.hr.pk)

    ZonaWaktuMiddleware(view)(Request())
    Request.user = User.objects.get(pk=cast.superadmin.pk)  # bound to no pemda: the installation's
    ZonaWaktuMiddleware(view)(Request())
    assert seen == [("Asia/Jayapura", 10, today), ("Asia/Makassar", 9, today)]

    from core.jobs import job_run
    from core.models import Job

    job = Job.objects.create(pemda=cast.pemda, kind="uji", title="Uji", created_by=cast.hr)
    zones = []
    job_run(job.pk, lambda j: zones.append(timezone.get_current_timezone_name()))
    assert zones == ["Asia/Jayapura"]


def test_a_superadmin_edits_a_pemda_and_bad_input_is_kept(cast):
    sa = _superadmin_client(cast)
    url = reverse("org:pemda_update", args=[cast.pemda.pk])
    assert "hr.bkpsdm" in sa.get(url).content.decode()  # its HR accounts are listed
    bad = sa.post(url, {"nama": "Kota Uji Baru", "zona_waktu": "Asia/Jakarta", "batas_diam_menit": "2"})
    assert bad.status_code == 200 and bad.context["form"].errors["batas_diam_menit"]
    assert 'value="Kota Uji Baru"' in bad.content.decode()
    cast.pemda.refresh_from_db()
    assert cast.pemda.nama == "Pemerintah Kota Uji"
    ok = sa.post(url, {"nama": "Kota Uji Baru", "zona_waktu": "Asia/Jakarta", "batas_diam_menit": "45"})
    assert ok.status_code == 302
    cast.pemda.refresh_from_db()
    assert (cast.pemda.nama, cast.pemda.zona_waktu, cast.pemda.kode, cast.pemda.batas_diam_menit) == (
        "Kota Uji Baru", "Asia/Jakarta", "UJI", 45,
    )  # fmt: skip
    row = AuditLog.objects.get(aksi="pemda:ubah")
    assert row.sebelum == {"nama": "Pemerintah Kota Uji", "zona_waktu": "Asia/Makassar", "batas_diam_menit": 30}
    # a code taken already, an empty name: said on the form, nothing created
    create = reverse("org:pemda_create")
    for nama, kode, salah in (("", "BARU", {"nama"}), ("Kota Baru", "uji", {"kode"}), ("Kota Baru", "", {"kode"})):
        response = sa.post(create, {"nama": nama, "jenis": "KOTA", "kode": kode, "zona_waktu": "Asia/Jakarta"})
        assert response.status_code == 200 and set(response.context["form"].errors) == salah, kode
    assert Pemda.objects.count() == 1


def test_an_hr_account_needs_a_name_and_a_login_and_never_takes_a_pegawai_nip(cast):
    sa = _superadmin_client(cast)
    url = reverse("org:pemda_hr", args=[cast.pemda.pk])
    for data, field in (
        ({"nama": "Tanpa Login"}, "username"),
        ({"nama": "Pakai NIP", "nip": cast.pegawai.nip}, "nip"),
        ({"nama": "Sama", "username": "hr.bkpsdm"}, "username"),
        ({"nama": "NIP Salah", "nip": "123"}, "nip"),
    ):
        response = sa.post(url, data)
        assert response.status_code == 200 and field in response.context["form"].errors, data
    assert User.objects.filter(role=Role.HR_PEMDA).count() == 1
    hr = Client()
    hr.force_login(cast.hr)
    second_factor_pass(hr, cast.hr)
    assert hr.get(reverse("org:pemda_list")).status_code == 403
    assert hr.post(url, {"nama": "X", "username": "x.y"}).status_code == 403


def test_an_hr_account_made_under_a_nip_is_taken_by_that_pegawai_when_registered(cast):
    nip = "198609262015051001"
    kode = akun_hr_buat(actor=cast.superadmin, pemda=cast.pemda, nama="Calon Pegawai", nip=nip)
    assert kode.user.username == nip
    pegawai = pegawai_create(
        actor=cast.hr, jabatan=cast.j_badan_staf, mulai=cast.pegawai.penempatan.first().mulai, nip=nip,
        nama="Calon Pegawai", status="PNS", golongan="III/a",
    )  # fmt: skip
    assert pegawai.user_id == kode.user.pk
    assert User.objects.get(pk=kode.user.pk).role == Role.HR_PEMDA
