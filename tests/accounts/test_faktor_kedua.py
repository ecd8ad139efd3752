"""The second factor (issue 15): mandatory for role holders, optional for pegawai, tolerant of a
phone a step off, backup codes used once, passkeys counted as a factor, and HR's reset for a lost
phone (never one's own), which removes passkeys too. The passkey ceremonies themselves run in a
browser: tests/browser/test_passkey_browser.py."""

import os
import re

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from accounts.faktor_kedua import cadangan_generate, faktor_kedua_aktif

pytestmark = [pytest.mark.django_db, pytest.mark.faktor_kedua_asli]


def _login(client, user, password):
    return client.post(reverse("login"), {"username": user.username, "password": password})


def _code(device: TOTPDevice, drift: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.drift = drift
    return f"{totp.token():06d}"


def _device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="ponsel", confirmed=True, tolerance=1)


def _enrol(client) -> list[str]:
    """Set up the app as the user does: open the page, read the key, type the code; the backup codes."""
    page = client.get(reverse("faktor_pasang"))
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=page.wsgi_request.user, confirmed=False)
    response = client.post(reverse("faktor_pasang"), {"kode": _code(device)})
    assert response.status_code == 200
    return re.findall(r"<code>([a-z0-9]{8})</code>", response.content.decode())


@pytest.mark.parametrize("who", ["admin_opd", "hr", "superadmin"])
def test_a_role_holder_without_a_second_factor_reaches_no_page_but_enrolment(client, cast, who):
    user = getattr(cast, who)
    user = getattr(user, "user", user)
    _login(client, user, cast.password)
    for name in ("beranda", "org:pegawai_list", "tpp:aturan_list", "faktor_kedua", "faktor_periksa"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"] == reverse("faktor_pasang"), name
    assert client.get("/admin-sistem/").status_code == 302
    # htmx asks for a fragment: it is sent to the enrolment page as a whole page
    response = client.get(reverse("beranda"), headers={"HX-Request": "true"})
    assert response.status_code == 204 and response["HX-Redirect"] == reverse("faktor_pasang")
    page = client.get(reverse("faktor_pasang")).content.decode()
    assert 'autocomplete="one-time-code"' in page and 'inputmode="numeric"' in page
    assert "<svg" in page and "style=" not in page.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "Otomatis" in page  # the help on the phone's clock


def test_enrolment_with_the_first_code_opens_the_pages_and_gives_ten_backup_codes(client, cast, _pinned_clock):
    hr = cast.hr
    _login(client, hr, cast.password)
    device = TOTPDevice.objects.get_or_create(user=hr, confirmed=False, defaults={"name": "x"})[0]
    wrong = client.post(reverse("faktor_pasang"), {"kode": "000000" if _code(device) != "000000" else "111111"})
    assert "Kode salah" in wrong.content.decode() and not faktor_kedua_aktif(hr)
    _pinned_clock.shift(2)  # django-otp's back-off after a wrong code
    kode = _enrol(client)
    assert len(kode) == 10 and len(set(kode)) == 10
    assert faktor_kedua_aktif(hr)
    assert client.get(reverse("beranda")).status_code == 200
    assert client.get(reverse("org:pegawai_list")).status_code == 200


def test_a_password_alone_never_replaces_an_existing_second_factor(client, cast):
    """Someone who learnt the password cannot enrol their own phone over the owner's."""
    device = _device(cast.hr)
    _login(client, cast.hr, cast.password)
    response = client.get(reverse("faktor_pasang"))
    assert response.status_code == 302 and response["Location"] == reverse("faktor_periksa")
    client.post(reverse("faktor_pasang"), {"kode": "123456"})
    assert list(TOTPDevice.objects.filter(user=cast.hr)) == [device]


def test_the_code_is_asked_at_login_and_a_phone_one_step_off_still_signs_in(client, cast, _pinned_clock):
    device = _device(cast.admin_opd)
    _login(client, cast.admin_opd, cast.password)
    asked = client.get(reverse("org:pegawai_list"))
    assert asked.status_code == 302
    assert asked["Location"] == reverse("faktor_periksa") + "?next=" + reverse("org:pegawai_list").replace("/", "%2F")
    two_off = client.post(reverse("faktor_periksa"), {"kode": _code(device, drift=-2), "next": reverse("beranda")})
    assert two_off.status_code == 200 and "jam ponsel" in two_off.content.decode()
    at_once = client.post(reverse("faktor_periksa"), {"kode": _code(device)})
    assert "Tunggu sebentar" in at_once.content.decode()  # django-otp's back-off after a wrong code
    _pinned_clock.shift(2)
    one_off = client.post(reverse("faktor_periksa"), {"kode": _code(device, drift=-1), "next": "/organisasi/pegawai/"})
    assert one_off.status_code == 302 and one_off["Location"] == "/organisasi/pegawai/"
    assert client.get(reverse("org:pegawai_list")).status_code == 200


def test_a_foreign_next_address_is_not_followed(client, cast):
    device = _device(cast.admin_opd)
    _login(client, cast.admin_opd, cast.password)
    response = client.post(reverse("faktor_periksa"), {"kode": _code(device), "next": "https://jahat.example/"})
    assert response.status_code == 302 and response["Location"] == reverse("beranda")


def test_a_backup_code_works_once(client, cast):
    _device(cast.hr)
    kode = cadangan_generate(cast.hr)
    _login(client, cast.hr, cast.password)
    ok = client.post(reverse("faktor_periksa"), {"kode": kode[0][:4] + " " + kode[0][4:]})
    assert ok.status_code == 302
    assert StaticToken.objects.filter(device__user=cast.hr).count() == 9
    client.post(reverse("logout"))
    _login(client, cast.hr, cast.password)
    again = client.post(reverse("faktor_periksa"), {"kode": kode[0]})
    assert again.status_code == 200 and "Kode salah" in again.content.decode()
    assert client.get(reverse("beranda")).status_code == 302


def test_a_pegawai_may_do_without_and_may_turn_it_on(client, cast):
    user = cast.pegawai.user
    _login(client, user, cast.password)
    assert client.get(reverse("beranda")).status_code == 200
    akun = client.get(reverse("faktor_kedua")).content.decode()
    assert "Belum aktif" in akun and "Pasang sekarang" in akun
    kode = _enrol(client)
    assert len(kode) == 10
    client.post(reverse("logout"))
    _login(client, user, cast.password)
    assert client.get(reverse("beranda")).status_code == 302  # now the code is asked
    client.post(reverse("faktor_periksa"), {"kode": kode[1]})
    off = client.post(reverse("faktor_kedua"), {"aksi": "matikan"})
    assert off.status_code == 302 and not faktor_kedua_aktif(user)


def test_a_role_holder_cannot_turn_it_off(client, cast):
    _device(cast.admin_opd)
    kode = cadangan_generate(cast.admin_opd)
    _login(client, cast.admin_opd, cast.password)
    client.post(reverse("faktor_periksa"), {"kode": kode[0]})
    page = client.get(reverse("faktor_kedua")).content.decode()
    assert "Matikan" not in page
    client.post(reverse("faktor_kedua"), {"aksi": "matikan"})
    assert faktor_kedua_aktif(cast.admin_opd)


def _as_verified(client, user):
    """An HR or superadmin who has passed their own second factor."""
    device = _device(user)
    client.force_login(user)
    response = client.post(reverse("faktor_periksa"), {"kode": _code(device)})
    assert response.status_code == 302


def test_hr_resets_a_lost_phone_and_the_pegawai_is_told(client, cast, django_capture_on_commit_callbacks):
    target = cast.pegawai.user
    target.email = "pegawai@example.go.id"
    target.save(update_fields=["email"])
    _device(target)
    _as_verified(client, cast.hr)
    assert faktor_kedua_aktif(target)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("org:pegawai_reset_faktor", args=[cast.pegawai.pk]))
    assert response.status_code == 302
    assert not faktor_kedua_aktif(target)
    assert [m.to for m in mail.outbox] == [["pegawai@example.go.id"]]
    assert "diatur ulang" in mail.outbox[0].subject


@pytest.mark.parametrize(
    "actor,target,status",
    [
        ("admin_opd", "pegawai", 403),  # only HR resets the second factor
        ("pegawai", "pegawai_lain", 403),
    ],
)
def test_who_may_not_reset(client, cast, actor, target, status):
    who = getattr(cast, actor)
    who = getattr(who, "user", who)
    _as_verified(client, who)
    victim = getattr(cast, target)
    _device(victim.user)
    response = client.post(reverse("org:pegawai_reset_faktor", args=[victim.pk]))
    assert response.status_code == status
    assert faktor_kedua_aktif(victim.user)


def test_hr_never_resets_someone_in_their_own_atasan_chain(client, cast):
    """An HR officer who is also a pegawai (posted under the Kasubag) cannot reset their atasan's."""
    from accounts.choices import Role
    from accounts.models import User

    staf = cast.pegawai.user
    User.objects.filter(pk=staf.pk).update(role=Role.HR_PEMDA, pemda=cast.pemda)
    staf.refresh_from_db()
    _as_verified(client, staf)
    _device(cast.atasan.user)
    response = client.post(reverse("org:pegawai_reset_faktor", args=[cast.atasan.pk]))
    assert response.status_code == 403
    assert faktor_kedua_aktif(cast.atasan.user)
    # nor their own
    response = client.post(reverse("org:pegawai_reset_faktor", args=[cast.pegawai.pk]))
    assert response.status_code == 403
    assert faktor_kedua_aktif(staf)


def test_hr_reset_only_by_a_superadmin(client, cast):
    from accounts.permissions import reset_faktor_refusal

    assert "sendiri" in reset_faktor_refusal(cast.hr, cast.hr)
    other_hr = type(cast.hr).objects.create_user(username="hr2", password="x", role=cast.hr.role, pemda=cast.pemda)
    assert "superadmin" in reset_faktor_refusal(cast.hr, other_hr)
    assert reset_faktor_refusal(cast.superadmin, other_hr) is None
    assert "server" in reset_faktor_refusal(cast.hr, cast.superadmin)


def test_the_reset_button_is_on_the_pegawai_page_for_hr_only(client, cast):
    _device(cast.pegawai.user)
    url = reverse("org:pegawai_detail", args=[cast.pegawai.pk])
    _as_verified(client, cast.hr)
    assert "Atur ulang verifikasi dua langkah" in client.get(url).content.decode()
    client.post(reverse("logout"))
    _as_verified(client, cast.admin_opd)
    assert "Atur ulang verifikasi dua langkah" not in client.get(url).content.decode()


# --- passkeys -------------------------------------------------------------------------------------


def _passkey(user) -> WebAuthnCredential:
    """A stored passkey as django-otp-webauthn saves it after a registration (the key is not used here)."""
    return WebAuthnCredential.objects.create(
        user=user, name="", confirmed=True, credential_id=os.urandom(32), public_key=b"kunci", aaguid="0" * 32
    )


def test_a_passkey_is_a_second_factor_and_is_asked_at_login(client, cast):
    user = cast.pegawai.user
    _passkey(user)
    assert faktor_kedua_aktif(user)
    _login(client, user, cast.password)
    assert client.get(reverse("beranda"))["Location"].startswith(reverse("faktor_periksa"))
    page = client.get(reverse("faktor_periksa")).content.decode()
    assert 'id="passkey-verification-button"' in page and "Gunakan passkey" in page
    assert 'id="otp_webauthn_config"' in page and "<script>" not in page  # configuration as JSON, no inline JS
    # the passkey ceremony is reachable before the second factor (JSON, not a redirect to the check page)
    begin = client.post(reverse("otp_webauthn:credential-authentication-begin"))
    assert begin.status_code == 200 and begin.json()["allowCredentials"]
    # without a passkey the check page offers none
    WebAuthnCredential.objects.filter(user=user).delete()
    _device(user)
    assert "passkey-verification-button" not in client.get(reverse("faktor_periksa")).content.decode()


def test_no_login_by_passkey_alone(client):
    client.post(reverse("logout"))
    response = client.post(reverse("otp_webauthn:credential-authentication-begin"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_password_alone_cannot_add_a_passkey_to_an_account_that_has_a_factor(client, cast):
    _device(cast.hr)
    _login(client, cast.hr, cast.password)
    response = client.post(reverse("otp_webauthn:credential-registration-begin"))
    assert response.status_code == 403 and response.json()["code"] == "user_not_verified"
    assert client.post(reverse("faktor_pasang"), {"aksi": "passkey"}).status_code == 302  # to the check page


def test_the_first_passkey_comes_with_ten_backup_codes(client, cast):
    """django-otp-webauthn saved the passkey and verified the session; the page then posts here."""
    from django_otp import login as otp_login

    user = cast.hr
    _login(client, user, cast.password)
    assert client.post(reverse("otp_webauthn:credential-registration-begin")).status_code == 200  # no factor yet
    assert client.post(reverse("faktor_pasang"), {"aksi": "passkey"}).status_code == 403  # nothing saved yet
    passkey = _passkey(user)
    request = client.get(reverse("sehat")).wsgi_request
    otp_login(request, passkey)
    request.session.save()
    response = client.post(reverse("faktor_pasang"), {"aksi": "passkey"})
    assert response.status_code == 200
    assert len(re.findall(r"<code>([a-z0-9]{8})</code>", response.content.decode())) == 10
    assert client.get(reverse("beranda")).status_code == 200
    akun = client.get(reverse("faktor_kedua")).content.decode()
    assert "diminta passkey" in akun and "Passkey didaftarkan" in akun
    # a second passkey keeps the backup codes
    _passkey(user)
    again = client.post(reverse("faktor_pasang"), {"aksi": "passkey"})
    assert again.status_code == 302 and again["Location"] == reverse("faktor_kedua")
    assert StaticToken.objects.filter(device__user=user).count() == 10


def test_hr_reset_removes_the_passkeys_too(client, cast):
    target = cast.pegawai.user
    _passkey(target)
    _passkey(target)
    cadangan_generate(target)
    _as_verified(client, cast.hr)
    response = client.post(reverse("org:pegawai_reset_faktor", args=[cast.pegawai.pk]))
    assert response.status_code == 302
    assert not WebAuthnCredential.objects.filter(user=target).exists()
    assert not faktor_kedua_aktif(target)


def test_the_superadmin_reset_of_an_hr_removes_the_passkeys_too(cast):
    from accounts.faktor_kedua import faktor_kedua_reset

    _passkey(cast.hr)
    faktor_kedua_reset(actor=cast.superadmin, target=cast.hr)
    assert not WebAuthnCredential.objects.filter(user=cast.hr).exists()


def test_a_refused_reset_keeps_the_passkeys(client, cast):
    _passkey(cast.pegawai_lain.user)
    _as_verified(client, cast.admin_opd)
    response = client.post(reverse("org:pegawai_reset_faktor", args=[cast.pegawai_lain.pk]))
    assert response.status_code in (403, 404)
    assert WebAuthnCredential.objects.filter(user=cast.pegawai_lain.user).exists()


def test_a_pegawai_turning_it_off_removes_the_passkeys(client, cast):
    user = cast.pegawai.user
    passkey = _passkey(user)
    kode = cadangan_generate(user)
    _login(client, user, cast.password)
    client.post(reverse("faktor_periksa"), {"kode": kode[0]})
    assert "Passkey didaftarkan" in client.get(reverse("faktor_kedua")).content.decode()
    off = client.post(reverse("faktor_kedua"), {"aksi": "matikan"})
    assert off.status_code == 302
    assert not WebAuthnCredential.objects.filter(pk=passkey.pk).exists() and not faktor_kedua_aktif(user)


def test_the_passkey_script_texts_are_indonesian(client, cast):
    _login(client, cast.pegawai.user, cast.password)
    js = client.get(reverse("otp_webauthn:js-i18n-catalog")).content.decode()
    assert "Daftarkan passkey" in js and "Gunakan passkey" in js
