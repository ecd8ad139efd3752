"""Login, lockout, first-login password change and Beranda."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.models import Penempatan, User


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(reverse("beranda"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_login_page_is_indonesian(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'lang="id"' in body and "NIP atau nama pengguna" in body and "Kata sandi" in body


def test_login_with_a_nip_typed_with_spaces(client, cast):
    nip = cast.pegawai.nip_tampil
    assert " " in nip
    response = _login(client, nip, cast.password)
    assert response.status_code == 302 and response["Location"] == reverse("beranda")


def test_login_with_a_username(client, cast):
    response = _login(client, "hr.bkpsdm", cast.password)
    assert response.status_code == 302


def test_a_wrong_password_gets_a_clear_message(client, cast):
    response = _login(client, cast.pegawai.nip, "salah")
    assert response.status_code == 200
    assert "kata sandi salah" in response.content.decode()


def test_repeated_failures_lock_the_login_for_a_while(client, cast, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, cast.pegawai.nip, "salah")
    response = _login(client, cast.pegawai.nip, cast.password)
    assert response.status_code == 429
    assert "dikunci sementara" in response.content.decode()
    # the NIP typed with spaces is the same person: still locked
    assert _login(client, cast.pegawai.nip_tampil, cast.password).status_code == 429
    # another person from the same office is not locked out
    assert _login(client, cast.atasan.nip, cast.password).status_code == 302


def test_logout_needs_a_post_and_ends_the_session(client, cast):
    client.force_login(cast.pegawai.user)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("beranda")).status_code == 302


def test_an_account_not_activated_opens_for_nobody_even_with_its_old_password_or_session(client, cast):
    assert _login(client, cast.pegawai.nip, cast.password).status_code == 302
    User.objects.filter(pk=cast.pegawai.user_id).update(wajib_ganti_password=True)  # e.g. reset by an admin
    response = client.get(reverse("beranda"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert _login(client, cast.pegawai.nip, cast.password).status_code == 200
    assert client.get(reverse("beranda")).status_code == 302


def test_a_weak_new_password_is_refused_in_indonesian(client, cast):
    client.force_login(cast.pegawai.user)
    response = client.post(
        reverse("password_change"),
        {"old_password": cast.password, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    assert "Kata sandi" in response.content.decode()
    assert User.objects.get(pk=cast.pegawai.user_id).check_password(cast.password)


@pytest.fixture
def on_day(monkeypatch):
    def set_day(day):
        monkeypatch.setattr("beranda.views.today", lambda: day)

    return set_day


def test_beranda_shows_me_my_unit_and_my_two_atasan(client, cast, on_day):
    on_day(date(2026, 11, 16))
    client.force_login(cast.pegawai.user)
    body = client.get(reverse("beranda")).content.decode()
    assert cast.pegawai.nama in body and cast.pegawai.nip_tampil in body
    assert "Pengadministrasi Perkantoran" in body and "Subbagian Umum" in body
    assert "Kasubag Teliti" in body and "Sekretaris Sejati" in body
    assert "16 November 2026" in body


def test_beranda_follows_a_vacancy_on_its_date(client, cast, on_day):
    Penempatan.objects.filter(pegawai=cast.atasan).update(selesai=date(2026, 11, 15))
    on_day(date(2026, 11, 16))
    client.force_login(cast.pegawai.user)
    body = client.get(reverse("beranda")).content.decode()
    assert "Kasubag Teliti" not in body
    assert "Sekretaris Sejati" in body and "Kadis Utama" in body


def test_beranda_for_the_top_and_for_an_account_without_pegawai(client, cast):
    client.force_login(cast.kadis.user)
    assert "puncak struktur organisasi" in client.get(reverse("beranda")).content.decode()
    client.force_login(cast.superadmin)
    assert "bukan akun pegawai" in client.get(reverse("beranda")).content.decode()


def test_navigation_shows_only_what_the_role_can_use(client, cast):
    client.force_login(cast.pegawai.user)
    body = client.get(reverse("beranda")).content.decode()
    assert reverse("org:pegawai_list") not in body
    assert reverse("aktivitas:hari_ini") in body and reverse("aktivitas:antrean_verifikasi") not in body
    client.force_login(cast.atasan.user)
    assert reverse("aktivitas:antrean_verifikasi") in client.get(reverse("beranda")).content.decode()
    client.force_login(cast.admin_opd)
    body = client.get(reverse("beranda")).content.decode()
    assert reverse("org:pegawai_list") in body and reverse("admin:index") not in body


def test_unknown_pages_get_the_indonesian_404(client, cast, settings):
    settings.DEBUG = False
    client.force_login(cast.pegawai.user)
    response = client.get("/tidak-ada/")
    assert response.status_code == 404 and "Halaman tidak ditemukan" in response.content.decode()


def test_a_refused_page_explains_itself_in_indonesian(client, cast):
    client.force_login(cast.pegawai.user)
    response = client.get(reverse("org:pegawai_list"))
    assert response.status_code == 403 and "Akses ditolak" in response.content.decode()


def test_beranda_shows_todays_minutes_and_what_needs_fixing(client, cast):
    from datetime import time

    from activities.choices import Status
    from activities.models import Aktivitas
    from core.dates import today

    base = {"pemda": cast.pemda, "pegawai": cast.pegawai, "tanggal": today(), "nama_kegiatan": "x", "uraian": "y"}
    Aktivitas.objects.create(**base, jam_mulai=time(8), jam_selesai=time(10), menit_diajukan=120, menit=120)
    Aktivitas.objects.create(
        **base, jam_mulai=time(10), jam_selesai=time(11), menit_diajukan=45, menit=45, status=Status.RETURNED
    )
    client.force_login(cast.pegawai.user)
    body = client.get(reverse("beranda")).content.decode()
    assert "165 dari 300 menit" in body
    assert "1 aktivitas dikembalikan atasan" in body and "1 draf belum diajukan" in body
