"""Issue 13 item 3: no account takeover through a password reset.

A reset (or a new account) never gets a guessable password: it gets a one-time, expiring activation
code; nobody resets their own account, their own atasan chain, or a role holder without a higher
role; the target's sessions end; an account never activated opens for nobody.
"""

import importlib
import io
from datetime import date, timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse
from pypdf import PdfReader

from accounts import aktivasi, lembar, permissions, services, services_akun
from accounts.choices import Role, StatusPegawai
from accounts.models import KodeAktivasi, LembarAktivasi, Pegawai, User
from core.models import AuditLog, Job
from core.notifications import Channel
from tests.factories import JabatanFactory, UnitFactory, UserFactory, posted

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Tomohon-bunga-2026"


def _reset(cast, target, actor=None, **kw) -> services_akun.KodeBaru:
    return services_akun.user_reset_password(actor=actor or cast.admin_opd, pegawai=target, **kw)


def _activate(login, kode, password=NEW_PASSWORD) -> User:
    return services_akun.aktivasi_pakai(login=login, kode=kode, password=password)


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def _refused(fn) -> str:
    with pytest.raises(PermissionDenied) as exc:
        fn()
    return str(exc.value)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


# --- the code itself --------------------------------------------------------------------------------


def test_a_code_is_ten_unambiguous_characters_typed_in_any_case_with_or_without_the_dash():
    codes = {aktivasi.kode_baru() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == 10 and set(c) <= set(aktivasi.ALFABET) for c in codes)
    assert not set("0O1I") & set(aktivasi.ALFABET)
    assert aktivasi.kode_tampil("ABCDEFGH23") == "ABCDE-FGH23"
    assert aktivasi.kode_bersih(" abcde-fgh23 ") == aktivasi.kode_bersih("ABCDE FGH23") == "ABCDEFGH23"


def test_only_a_keyed_hash_of_the_code_is_stored_and_the_log_never_holds_it(cast):
    kode = _reset(cast, cast.pegawai)
    row = KodeAktivasi.objects.get(user=cast.pegawai.user)
    assert kode.kode not in row.kode_hash and len(row.kode_hash) == 64
    assert row.berlaku_sampai - row.dibuat == pytest.approx(aktivasi.BERLAKU, abs=timedelta(seconds=5))
    log = AuditLog.objects.get(objek_id=str(cast.pegawai.pk), aksi="pegawai:reset_sandi")
    assert log.actor == cast.admin_opd and log.sesudah["peran"] == Role.ADMIN_OPD
    assert kode.kode not in str(log.sesudah)


# --- the access policy: who may reset whom ------------------------------------------------------------


def _role(user_or_pegawai, role, opd=None) -> User:
    user = getattr(user_or_pegawai, "user", user_or_pegawai)
    user.role, user.opd = role, opd
    user.save()
    return user


def test_nobody_resets_their_own_account(cast):
    admin_pegawai = cast.admin_opd.pegawai
    assert "akun Anda sendiri" in permissions.reset_password_refusal(cast.admin_opd, cast.admin_opd)
    assert "akun Anda sendiri" in _refused(lambda: _reset(cast, admin_pegawai))


@pytest.mark.parametrize("who", ["atasan", "atasan_atasan", "kadis"])
def test_an_admin_opd_never_resets_anyone_in_her_own_atasan_chain(cast, who):
    target = getattr(cast, who)
    password_before = User.objects.get(pk=target.user_id).password
    assert not permissions.may_reset_password(cast.admin_opd, target.user)
    assert "atasan Anda" in _refused(lambda: _reset(cast, target))
    user = User.objects.get(pk=target.user_id)
    assert user.password == password_before and not user.wajib_ganti_password
    assert not KodeAktivasi.objects.filter(user=user).exists()
    # HR, outside that chain, may
    assert permissions.may_reset_password(cast.hr, target.user)


def test_a_plain_pegawai_in_her_opd_she_may_reset_and_one_outside_it_is_out_of_scope(cast):
    assert permissions.may_reset_password(cast.admin_opd, cast.pegawai.user)
    assert "di luar lingkup" in permissions.reset_password_refusal(cast.admin_opd, cast.pegawai_lain.user)
    with pytest.raises(PermissionDenied):
        _reset(cast, cast.pegawai_lain)


def test_an_admin_opd_account_is_reset_only_by_hr_or_a_superadmin(cast):
    other_admin = _role(posted(cast.j_staf, nama="Admin Kedua"), Role.ADMIN_OPD, cast.dinas)
    assert "hanya dapat diatur ulang oleh HR" in permissions.reset_password_refusal(cast.admin_opd, other_admin)
    assert permissions.may_reset_password(cast.hr, other_admin)
    assert permissions.may_reset_password(cast.superadmin, other_admin)


def test_an_admin_opd_of_bkpsdm_cannot_take_over_an_hr_account(cast):
    bkpsdm = UnitFactory(pemda=cast.pemda, nama="BKPSDM Uji")
    j_kepala = JabatanFactory(unit=bkpsdm, nama="Kepala BKPSDM", jenis="JPT", eselon="II.b", kelas=14)
    j_staf = JabatanFactory(unit=bkpsdm, parent=j_kepala, nama="Analis SDM", kelas=8)
    admin_bkpsdm = _role(posted(j_staf, nama="Admin BKPSDM"), Role.ADMIN_OPD, bkpsdm)
    hr_pegawai = posted(j_staf, nama="Petugas HR")
    hr_user = _role(hr_pegawai, Role.HR_PEMDA)
    hr_user.pemda = cast.pemda
    hr_user.save()
    assert "hanya dapat diatur ulang oleh superadmin" in _refused(lambda: _reset(cast, hr_pegawai, actor=admin_bkpsdm))
    assert not permissions.may_reset_password(cast.hr, hr_user)  # not even another HR
    assert permissions.may_reset_password(cast.superadmin, hr_user)
    assert User.objects.get(pk=hr_user.pk).check_password(cast.password)


def test_a_superadmin_is_never_reset_from_a_page(cast):
    other = UserFactory(username="superadmin2", role=Role.SUPERADMIN, is_superuser=True)
    assert "di server" in permissions.reset_password_refusal(cast.superadmin, other)
    assert "di server" in permissions.reset_password_refusal(cast.hr, other)


def test_hr_who_is_a_staff_member_does_not_reset_her_own_kepala(cast):
    kepala_badan = posted(cast.j_badan_staf.parent, nama="Kepala Badan Uji")
    hr_staf = _role(posted(cast.j_badan_staf, nama="HR Berjabatan"), Role.HR_PEMDA)
    hr_staf.pemda = cast.pemda
    hr_staf.save()
    assert "atasan Anda" in permissions.reset_password_refusal(hr_staf, kepala_badan.user)
    assert permissions.may_reset_password(hr_staf, cast.pegawai.user)  # someone outside her chain


def test_a_plain_pegawai_resets_nobody(cast):
    assert "Hanya admin kepegawaian" in permissions.reset_password_refusal(cast.atasan.user, cast.pegawai.user)


# --- what a reset does -------------------------------------------------------------------------------


def test_a_reset_never_makes_the_nip_or_anything_a_password(client, cast):
    kode = _reset(cast, cast.pegawai)
    user = User.objects.get(pk=cast.pegawai.user_id)
    assert not user.has_usable_password() and user.wajib_ganti_password
    assert not user.check_password(cast.pegawai.nip) and not user.check_password(cast.password)
    for password in (cast.pegawai.nip, cast.password, kode.kode, kode.kode_tampil):
        assert _login(client, cast.pegawai.nip, password).status_code == 200  # the form again, with its error
    assert "_auth_user_id" not in client.session


def test_a_reset_ends_every_session_of_the_target(client, cast):
    assert _login(client, cast.pegawai.nip, cast.password).status_code == 302
    assert client.get(reverse("beranda")).status_code == 200
    assert Session.objects.count() == 1
    _reset(cast, cast.pegawai)
    assert Session.objects.count() == 0
    response = client.get(reverse("beranda"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_new_pegawai_gets_no_password_and_cannot_be_logged_into(client, cast):
    p = services.pegawai_create(
        actor=cast.admin_opd,
        jabatan=cast.j_staf,
        mulai=date(2026, 1, 2),
        nip="19900115 201503 1 004",
        nama="Frans Rumengan",
        status=StatusPegawai.PNS,
        golongan="III/b",
    )
    user = p.user
    assert user.wajib_ganti_password and not user.has_usable_password()
    assert _login(client, p.nip, p.nip).status_code == 200
    # Even a password set behind the app's back (the Django admin) opens nothing before activation,
    # nor does a session made without the login form.
    user.set_password(NEW_PASSWORD)
    user.save()
    assert _login(client, p.nip, NEW_PASSWORD).status_code == 200
    client.force_login(user)
    assert client.get(reverse("beranda")).status_code == 302


def test_the_code_activates_once_and_the_owner_then_logs_in_with_their_password(client, cast):
    kode = _reset(cast, cast.pegawai)
    user = _activate(cast.pegawai.nip_tampil, kode.kode_tampil.lower())
    assert user == cast.pegawai.user and not user.wajib_ganti_password
    assert KodeAktivasi.objects.get(user=user).dipakai is not None
    assert AuditLog.objects.filter(objek_id=str(cast.pegawai.pk), aksi="pegawai:aktivasi").exists()
    assert _login(client, cast.pegawai.nip, NEW_PASSWORD).status_code == 302
    with pytest.raises(ValidationError) as exc:
        _activate(cast.pegawai.nip, kode.kode, password="Lain-lagi-2026")
    assert "sudah pernah dipakai" in str(exc.value)
    assert User.objects.get(pk=user.pk).check_password(NEW_PASSWORD)


def test_a_code_expires_after_seven_days(cast, _pinned_clock):
    kode = _reset(cast, cast.pegawai)
    _pinned_clock.shift(aktivasi.BERLAKU + timedelta(minutes=1))
    with pytest.raises(ValidationError) as exc:
        _activate(cast.pegawai.nip, kode.kode)
    assert "kedaluwarsa" in str(exc.value)
    assert User.objects.get(pk=cast.pegawai.user_id).wajib_ganti_password


def test_a_new_code_voids_the_previous_one(cast):
    first = _reset(cast, cast.pegawai)
    second = _reset(cast, cast.pegawai)
    with pytest.raises(ValidationError) as exc:
        _activate(cast.pegawai.nip, first.kode)
    assert "diganti dengan kode yang lebih baru" in str(exc.value)
    assert _activate(cast.pegawai.nip, second.kode) == cast.pegawai.user


def test_a_code_works_only_for_its_own_account(cast):
    kode = _reset(cast, cast.pegawai)
    _reset(cast, cast.atasan, actor=cast.hr)
    with pytest.raises(ValidationError) as exc:
        _activate(cast.atasan.nip, kode.kode)
    assert "NIP atau kode aktivasi salah" in str(exc.value)


def test_wrong_codes_make_the_account_wait_a_quarter_hour(cast, _pinned_clock):
    kode = _reset(cast, cast.pegawai)
    for _ in range(aktivasi.GAGAL_MAKS):
        with pytest.raises(ValidationError):
            _activate(cast.pegawai.nip, "AAAAA-BBBBB")
    with pytest.raises(ValidationError) as exc:
        _activate(cast.pegawai.nip, kode.kode)  # the right code, but too soon
    assert "Terlalu banyak kode salah" in str(exc.value)
    _pinned_clock.shift(aktivasi.JEDA_GAGAL + timedelta(seconds=1))
    assert _activate(cast.pegawai.nip, kode.kode) == cast.pegawai.user


def test_a_weak_password_is_refused_and_the_code_stays_valid(cast):
    kode = _reset(cast, cast.pegawai)
    for weak in ("12345678", cast.pegawai.nip, "abc"):
        with pytest.raises(ValidationError) as exc:
            _activate(cast.pegawai.nip, kode.kode, password=weak)
        assert "password" in exc.value.message_dict
    assert _activate(cast.pegawai.nip, kode.kode) == cast.pegawai.user


def test_an_unknown_nip_gets_the_same_answer_as_a_wrong_code(cast):
    with pytest.raises(ValidationError) as unknown:
        _activate("199912312020121999", "AAAAA-BBBBB")
    _reset(cast, cast.pegawai)
    with pytest.raises(ValidationError) as wrong:
        _activate(cast.pegawai.nip, "AAAAA-BBBBB")
    assert unknown.value.messages == wrong.value.messages


def test_the_code_is_sent_when_the_pegawai_has_an_address(cast):
    Pegawai.objects.filter(pk=cast.pegawai.pk).update(email="rajin@contoh.go.id")
    User.objects.filter(pk=cast.pegawai.user_id).update(email="rajin@contoh.go.id")
    cast.pegawai.refresh_from_db()
    kode = _reset(cast, cast.pegawai, kirim=True)
    assert kode.terkirim
    assert [m.to for m in mail.outbox] == [["rajin@contoh.go.id"]]
    body = mail.outbox[0].body
    assert kode.kode_tampil in body and "/aktivasi/" in body and cast.pegawai.nip_tampil in body
    assert _activate(cast.pegawai.nip, kode.kode_tampil) == cast.pegawai.user


def test_a_channel_that_fails_leaves_the_code_to_be_printed(cast, monkeypatch):
    monkeypatch.setattr("core.notifications.kirim", lambda pesan: set())
    kode = _reset(cast, cast.pegawai, kirim=True)
    assert not kode.terkirim


# --- the pages -------------------------------------------------------------------------------------


def reset_url(pegawai) -> str:
    return reverse("org:pegawai_reset_password", kwargs={"pk": pegawai.pk})


def test_the_admin_opd_who_resets_her_atasan_gets_403_and_he_keeps_his_password(client, cast):
    client.force_login(cast.admin_opd)
    page = client.get(reverse("org:pegawai_detail", args=[cast.atasan.pk])).content.decode()
    assert 'data-testid="reset-ditolak"' in page and reset_url(cast.atasan) not in page
    assert client.post(reset_url(cast.atasan), {"cara": "cetak"}).status_code == 403
    assert User.objects.get(pk=cast.atasan.user_id).check_password(cast.password)
    assert client.post(reset_url(cast.pegawai_lain)).status_code == 404


def test_a_reset_shows_the_letter_once_and_its_code_activates_through_the_public_page(client, cast):
    client.force_login(cast.admin_opd)
    assert reset_url(cast.pegawai) in client.get(reverse("org:pegawai_detail", args=[cast.pegawai.pk])).content.decode()
    response = client.post(reset_url(cast.pegawai), {"cara": "cetak"})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    page = response.content.decode()
    kode = response.context["kode"].kode_tampil
    assert kode in page and cast.pegawai.nip_tampil in page and "/aktivasi/" in page
    assert kode not in client.get(reverse("org:pegawai_detail", args=[cast.pegawai.pk])).content.decode()

    client.logout()
    assert client.get(reverse("aktivasi")).status_code == 200  # public
    response = client.post(
        reverse("aktivasi"),
        {"login": cast.pegawai.nip_tampil, "kode": kode, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == reverse("beranda")
    assert client.get(reverse("beranda")).status_code == 200
    assert User.objects.get(pk=cast.pegawai.user_id).check_password(NEW_PASSWORD)


def test_the_activation_page_explains_bad_input_and_never_fails(client, cast):
    _reset(cast, cast.pegawai)
    wrong = {"login": cast.pegawai.nip, "kode": "ABCDE-FGH23", "new_password1": NEW_PASSWORD}
    cases = [
        {},
        {"login": "x" * 200, "kode": "?" * 300},
        {**wrong, "new_password2": "x"},
        {**wrong, "new_password2": NEW_PASSWORD},
    ]
    for data in cases:
        response = client.post(reverse("aktivasi"), data)
        assert response.status_code == 200 and response.context["form"].errors, data
    assert "NIP atau kode aktivasi salah" in response.content.decode()
    assert User.objects.get(pk=cast.pegawai.user_id).wajib_ganti_password


def test_hr_resets_an_admin_opd_and_an_admin_opd_may_not(client, cast):
    other_admin = _role(posted(cast.j_staf, nama="Admin Kedua"), Role.ADMIN_OPD, cast.dinas)
    client.force_login(cast.admin_opd)
    assert client.post(reset_url(other_admin.pegawai), {"cara": "cetak"}).status_code == 403
    client.force_login(cast.hr)
    assert client.post(reset_url(other_admin.pegawai), {"cara": "cetak"}).status_code == 200
    assert User.objects.get(pk=other_admin.pk).wajib_ganti_password


def test_the_reset_button_sends_the_code_by_e_mail_when_there_is_an_address(client, cast):
    Pegawai.objects.filter(pk=cast.pegawai.pk).update(email="rajin@contoh.go.id")
    User.objects.filter(pk=cast.pegawai.user_id).update(email="rajin@contoh.go.id")
    client.force_login(cast.admin_opd)
    response = client.post(reset_url(cast.pegawai), {"cara": "kirim"})
    assert response.status_code == 302 and len(mail.outbox) == 1
    page = client.get(response["Location"]).content.decode()
    assert "sudah dikirim ke rajin@contoh.go.id" in page and "Belum aktif. Kode aktivasi sudah dibuat" in page


class HpChannel(Channel):
    """A gateway (WhatsApp, SMS…) that reaches a pegawai by phone number, recording what it sent."""

    name = "hp"
    sent: list[tuple[str, str]] = []

    def reaches(self, user):
        return bool(getattr(user, "pegawai", None) and user.pegawai.no_hp)

    def send(self, user, subject, text):
        HpChannel.sent.append((user.pegawai.no_hp, text))


def test_a_gateway_channel_carries_the_code_when_there_is_no_e_mail(client, cast, settings):
    settings.NOTIFICATION_CHANNELS = ["core.notifications.EmailChannel", "tests.accounts.test_aktivasi.HpChannel"]
    HpChannel.sent = []
    Pegawai.objects.filter(pk=cast.pegawai.pk).update(no_hp="081234567890")
    client.force_login(cast.admin_opd)
    page = client.get(reverse("org:pegawai_detail", args=[cast.pegawai.pk])).content.decode()
    assert "Atur ulang kata sandi (kode dikirim)" in page
    response = client.post(reset_url(cast.pegawai), {"cara": "kirim"})
    assert response.status_code == 302 and mail.outbox == []
    [(nomor, text)] = HpChannel.sent
    kode = next(w for w in text.split() if len(w) == 11 and w[5] == "-")
    assert nomor == "081234567890" and _activate(cast.pegawai.nip, kode) == cast.pegawai.user


def test_registering_a_pegawai_prints_the_first_code_not_the_nip(client, cast):
    client.force_login(cast.admin_opd)
    data = {
        "nip": "199005172015032001",
        "nama": "Maria Lumowa",
        "status": StatusPegawai.PNS,
        "golongan": "III/a",
        "kedudukan_hukum": "01",
        "gaji_dasar": "3500000",
        "jabatan": cast.j_staf.pk,
        "mulai": "2026-01-02",
        "jenis_penempatan": "DEFINITIF",
    }
    response = client.post(reverse("org:pegawai_create"), data)
    assert response.status_code == 200, response.context["form"].errors if response.context else response
    kode = response.context["kode"]
    assert kode.pegawai.nip == data["nip"] and kode.kode_tampil in response.content.decode()
    assert _activate(data["nip"], kode.kode).pegawai.nama == "Maria Lumowa"


# --- sheets for many accounts -------------------------------------------------------------------------


def _unactivated(*pegawai):
    User.objects.filter(pegawai__in=pegawai).update(wajib_ganti_password=True, password="!x")


def test_a_sheet_per_opd_holds_working_codes_and_is_downloaded_once(client, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _unactivated(cast.pegawai, cast.atasan, cast.kadis)
    client.force_login(cast.admin_opd)
    page = client.get(reverse("org:aktivasi")).content.decode()
    assert "Dinas Pendidikan Uji" in page
    response = client.post(reverse("org:aktivasi_lembar"), {"opd": cast.dinas.pk})
    assert response.status_code == 302 and response["Location"] == reverse("org:aktivasi")
    sheet = LembarAktivasi.objects.get()
    assert sheet.jumlah == 1 and sheet.dibuat_oleh == cast.admin_opd
    assert default_storage.exists(sheet.berkas)
    # Her own atasan and kepala dinas got no code from her; the sheet names them for HR.
    assert list(KodeAktivasi.objects.values_list("user", flat=True)) == [cast.pegawai.user_id]

    client.force_login(cast.hr)
    assert client.post(reverse("org:lembar_unduh", args=[sheet.pk])).status_code == 404  # the maker's only
    client.force_login(cast.admin_opd)
    assert reverse("org:lembar_unduh", args=[sheet.pk]) in client.get(reverse("org:aktivasi")).content.decode()
    response = client.post(reverse("org:lembar_unduh", args=[sheet.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Pegawai Rajin" in text and "Kasubag Teliti" in text and "Kadis Utama" in text
    kode = next(w for w in text.split() if len(w) == 11 and w[5] == "-" and set(w) - {"-"} <= set(aktivasi.ALFABET))
    assert not default_storage.exists(sheet.berkas)
    again = client.post(reverse("org:lembar_unduh", args=[sheet.pk]))
    assert again.status_code == 302 and "sudah diunduh" in client.get(again["Location"]).content.decode()
    assert _activate(cast.pegawai.nip, kode) == cast.pegawai.user


def test_a_sheet_nobody_downloads_is_deleted_by_the_night_after_its_codes_expired(
    client, cast, settings, tmp_path, _pinned_clock
):
    from datetime import timedelta

    from accounts.tasks import aktivasi_lembar_bersihkan

    settings.MEDIA_ROOT = tmp_path
    _unactivated(cast.pegawai)
    client.force_login(cast.admin_opd)
    client.post(reverse("org:aktivasi_lembar"), {"opd": cast.dinas.pk})
    sheet = LembarAktivasi.objects.get()
    assert aktivasi_lembar_bersihkan() == 0 and default_storage.exists(sheet.berkas)  # codes still valid
    _pinned_clock.shift(aktivasi.BERLAKU + timedelta(hours=1))
    assert aktivasi_lembar_bersihkan() == 1
    assert not default_storage.exists(sheet.berkas)
    assert LembarAktivasi.objects.get().berkas == ""
    task = settings.CELERY_BEAT_SCHEDULE["aktivasi-lembar-bersihkan-nightly"]["task"]
    assert task == "accounts.tasks.aktivasi_lembar_bersihkan"


def test_re_printing_skips_codes_still_valid_unless_asked(client, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _unactivated(cast.pegawai)
    first = _reset(cast, cast.pegawai)
    client.force_login(cast.admin_opd)
    client.post(reverse("org:aktivasi_lembar"), {"opd": cast.dinas.pk})
    assert not LembarAktivasi.objects.exists()
    assert _activate(cast.pegawai.nip, first.kode, password=NEW_PASSWORD)  # still valid
    _unactivated(cast.pegawai)
    second = _reset(cast, cast.pegawai)
    client.post(reverse("org:aktivasi_lembar"), {"opd": cast.dinas.pk, "semua": "on"})
    assert LembarAktivasi.objects.get().jumlah == 1
    with pytest.raises(ValidationError):
        _activate(cast.pegawai.nip, second.kode)


def test_an_admin_opd_cannot_print_codes_for_another_opd(client, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _unactivated(cast.pegawai_lain)
    client.force_login(cast.admin_opd)
    response = client.post(reverse("org:aktivasi_lembar"), {"opd": cast.badan.pk})
    assert response.status_code == 400 and "opd" in response.context["form"].errors
    assert not KodeAktivasi.objects.exists()


def test_an_unread_sheet_is_deleted_once_its_codes_expired(cast, settings, tmp_path, _pinned_clock):
    settings.MEDIA_ROOT = tmp_path
    _unactivated(cast.pegawai, cast.atasan)
    old = lembar.lembar_aktivasi_buat(actor=cast.hr, pegawai=Pegawai.objects.filter(pk=cast.pegawai.pk), judul="A")
    _pinned_clock.shift(aktivasi.BERLAKU + timedelta(hours=1))
    lembar.lembar_aktivasi_buat(actor=cast.hr, pegawai=Pegawai.objects.filter(pk=cast.atasan.pk), judul="B")
    old.lembar.refresh_from_db()
    assert old.lembar.berkas == "" and not list(lembar.lembar_siap(cast.hr).filter(pk=old.lembar.pk))
    assert len(list(tmp_path.joinpath("aktivasi").iterdir())) == 1


def test_the_sheet_job_makes_codes_for_a_whole_opd(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _unactivated(cast.pegawai, cast.atasan, cast.atasan_atasan, cast.kadis)
    params = {"opd": cast.dinas.pk}
    job = Job.objects.create(kind="aktivasi_lembar", title="Kode Dinas", params=params, created_by=cast.hr)
    lembar.lembar_aktivasi_job(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.result["dibuat"] == 4
    assert LembarAktivasi.objects.get(pk=job.result["lembar"]).jumlah == 4
    assert KodeAktivasi.objects.filter(dibatalkan__isnull=True).count() == 4


def test_upgrading_voids_the_nip_passwords_still_in_use(cast):
    """Migration accounts.0005: an account still on its NIP first password no longer opens with it."""
    from django.apps import apps

    upgrade = importlib.import_module("accounts.migrations.0005_first_passwords_unusable")
    on_nip = cast.pegawai.user
    on_nip.set_password(cast.pegawai.nip)
    on_nip.wajib_ganti_password = True
    on_nip.save()
    upgrade.nip_passwords_unusable(apps, None)
    assert not User.objects.get(pk=on_nip.pk).check_password(cast.pegawai.nip)
    assert User.objects.get(pk=cast.atasan.user_id).check_password(cast.password)  # activated: untouched
