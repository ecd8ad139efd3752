"""The login throttle (issue 15): per account from any address (case and NIP folded to one key), a
higher limit per address, the failure log kept, the client address behind the proxy."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.test import RequestFactory
from django.urls import reverse

from accounts.backends import client_ip, kunci_akun

pytestmark = pytest.mark.django_db


def _login(client, username, password, ip="10.1.1.1", **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip, **extra)


def test_the_account_key_folds_case_and_turns_a_nip_into_its_account(cast):
    user = cast.pegawai.user
    assert kunci_akun("HR.BKPSDM") == kunci_akun("hr.bkpsdm") == "hr.bkpsdm"
    assert kunci_akun(cast.pegawai.nip_tampil) == kunci_akun(user.username.upper()) == user.username.casefold()
    assert kunci_akun("Nobody.Here") == "nobody.here"


def test_case_variants_of_a_name_share_the_five_tries(client, cast, settings):
    for name in ["HR.BKPSDM", "Hr.Bkpsdm", "hr.BKPSDM", "hR.bkpsdm", "hr.bkpsdm"][: settings.AXES_FAILURE_LIMIT]:
        _login(client, name, "salah")
    response = _login(client, "hr.bkpsdm", cast.password)
    assert response.status_code == 429
    assert "akun ini dikunci sementara" in response.content.decode()


def test_nip_and_username_are_one_account(client, cast, settings):
    user = cast.pegawai.user
    for i in range(settings.AXES_FAILURE_LIMIT):
        _login(client, cast.pegawai.nip if i % 2 else user.username.upper(), "salah")
    assert _login(client, user.username, cast.password).status_code == 429
    assert _login(client, cast.pegawai.nip_tampil, cast.password).status_code == 429


def test_five_failures_from_five_addresses_lock_the_account(client, cast, settings):
    for i in range(settings.AXES_FAILURE_LIMIT):
        _login(client, cast.pegawai.nip, "salah", ip=f"10.9.0.{i + 1}")
    assert _login(client, cast.pegawai.nip, cast.password, ip="10.9.9.9").status_code == 429
    # another person is not locked, from any of those addresses
    assert _login(client, cast.atasan.nip, cast.password, ip="10.9.0.1").status_code == 302


def test_an_address_has_its_own_higher_limit(client, cast, settings):
    settings.AXES_IP_FAILURE_LIMIT = 8
    names = ["siapa.1", "siapa.2", "siapa.3", "siapa.4"]
    for i in range(7):  # under every account's limit, under the address's
        _login(client, names[i % 4], "salah", ip="10.2.2.2")
    assert _login(client, cast.pegawai.nip, cast.password, ip="10.2.2.2").status_code == 302
    client.logout()
    response = _login(client, "siapa.5", "salah", ip="10.2.2.2")  # the eighth failure from there
    assert response.status_code == 429
    assert "dari jaringan ini" in response.content.decode()
    # from that address nobody signs in for the cool-off, whatever the password …
    assert _login(client, cast.atasan.nip, cast.password, ip="10.2.2.2").status_code == 429
    # … from another address the same people do
    assert _login(client, cast.atasan.nip, cast.password, ip="10.3.3.3").status_code == 302


def test_an_office_behind_one_address_is_not_locked_by_a_few_forgotten_passwords(client, cast, settings):
    assert settings.AXES_IP_FAILURE_LIMIT > settings.AXES_FAILURE_LIMIT
    for pegawai in (cast.pegawai, cast.atasan, cast.atasan_atasan):
        for _ in range(2):
            _login(client, pegawai.nip, "salah", ip="10.4.4.4")
    assert _login(client, cast.kadis.nip, cast.password, ip="10.4.4.4").status_code == 302


def test_the_locks_lift_after_the_cool_off(client, cast, settings, _pinned_clock):
    settings.AXES_IP_FAILURE_LIMIT = 6
    for i in range(6):
        _login(client, cast.pegawai.nip if i < 5 else "siapa", "salah", ip="10.5.5.5")
    assert _login(client, cast.pegawai.nip, cast.password, ip="10.5.5.6").status_code == 429
    assert _login(client, cast.atasan.nip, cast.password, ip="10.5.5.5").status_code == 429
    _pinned_clock.shift(settings.AXES_COOLOFF_TIME.total_seconds() + 60)
    assert _login(client, cast.atasan.nip, cast.password, ip="10.5.5.5").status_code == 302
    client.logout()
    assert _login(client, cast.pegawai.nip, cast.password, ip="10.5.5.6").status_code == 302


def test_every_failure_stays_in_the_log_after_a_successful_login(client, cast):
    for _ in range(3):
        _login(client, cast.pegawai.nip, "salah", ip="10.6.6.6")
    assert _login(client, cast.pegawai.nip, cast.password, ip="10.6.6.6").status_code == 302
    assert not AccessAttempt.objects.filter(username=cast.pegawai.user.username).exists()  # the count starts over
    log = AccessFailureLog.objects.filter(username=cast.pegawai.user.username, ip_address="10.6.6.6")
    assert log.count() == 3


# --- the client address -------------------------------------------------------------------------


def _request(**meta):
    return RequestFactory().post("/masuk/", **meta)


def test_without_a_proxy_the_forwarded_header_is_ignored(settings):
    settings.BEHIND_PROXY = False
    request = _request(REMOTE_ADDR="10.7.7.7", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "10.7.7.7"


def test_behind_the_proxy_the_address_it_saw_counts(settings):
    settings.BEHIND_PROXY = True
    # the client typed "1.2.3.4"; the proxy appended the address it saw
    request = _request(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 36.80.1.2")
    assert client_ip(request) == "36.80.1.2"
    assert client_ip(_request(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="bukan-alamat")) == "127.0.0.1"
    assert client_ip(_request(REMOTE_ADDR="127.0.0.1")) == "127.0.0.1"


def test_without_a_proxy_a_forged_header_does_not_escape_the_address_limit(client, cast, settings):
    settings.BEHIND_PROXY = False
    settings.AXES_IP_FAILURE_LIMIT = 4
    for i in range(4):
        _login(client, f"siapa.{i}", "salah", ip="10.8.8.8", HTTP_X_FORWARDED_FOR=f"1.1.1.{i}")
    response = _login(client, cast.pegawai.nip, cast.password, ip="10.8.8.8", HTTP_X_FORWARDED_FOR="9.9.9.9")
    assert response.status_code == 429


def test_behind_the_proxy_each_client_has_its_own_address_limit(client, cast, settings):
    settings.BEHIND_PROXY = True
    settings.AXES_IP_FAILURE_LIMIT = 4
    for i in range(4):  # one office, all through the proxy at 127.0.0.1, forging the left entry
        _login(client, f"siapa.{i}", "salah", ip="127.0.0.1", HTTP_X_FORWARDED_FOR=f"1.1.1.{i}, 36.80.1.2")
    blocked = _login(client, cast.pegawai.nip, cast.password, ip="127.0.0.1", HTTP_X_FORWARDED_FOR="36.80.1.2")
    assert blocked.status_code == 429
    other = _login(client, cast.pegawai.nip, cast.password, ip="127.0.0.1", HTTP_X_FORWARDED_FOR="36.80.9.9")
    assert other.status_code == 302
    assert set(AccessFailureLog.objects.values_list("ip_address", flat=True)) == {"36.80.1.2"}
