"""The idle timeout of role holders (issue 15): the pemda's limit, read once at login; pegawai without
a role are not affected; the absolute SESSION_COOKIE_AGE stays."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

MENIT = 60


def _is_signed_out(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_role_holder_is_signed_out_after_thirty_idle_minutes(client, cast, _pinned_clock):
    client.force_login(cast.admin_opd)
    assert client.get(reverse("beranda")).status_code == 200
    _pinned_clock.shift(29 * MENIT)
    assert client.get(reverse("beranda")).status_code == 200  # active: the clock starts over
    _pinned_clock.shift(29 * MENIT)
    assert client.get(reverse("beranda")).status_code == 200
    _pinned_clock.shift(31 * MENIT)
    response = client.get(reverse("beranda"))
    assert _is_signed_out(response)
    page = client.get(response["Location"])
    assert "Anda keluar otomatis karena tidak aktif" in page.content.decode()
    assert _is_signed_out(client.get(reverse("beranda")))  # the session is gone, not just refused


@pytest.mark.parametrize("who", ["hr", "superadmin"])
def test_hr_and_superadmin_too(client, cast, who, _pinned_clock):
    client.force_login(getattr(cast, who))
    _pinned_clock.shift(31 * MENIT)
    assert _is_signed_out(client.get(reverse("beranda")))


def test_a_pegawai_without_a_role_is_not_affected(client, cast, _pinned_clock):
    client.force_login(cast.pegawai.user)
    _pinned_clock.shift(3 * 60 * MENIT)
    assert client.get(reverse("beranda")).status_code == 200


def test_the_limit_is_the_pemdas_setting(client, cast, _pinned_clock):
    cast.pemda.batas_diam_menit = 10
    cast.pemda.save()
    client.force_login(cast.admin_opd)
    _pinned_clock.shift(9 * MENIT)
    assert client.get(reverse("beranda")).status_code == 200
    _pinned_clock.shift(11 * MENIT)
    assert _is_signed_out(client.get(reverse("beranda")))


def test_an_htmx_request_is_sent_to_the_login_page(client, cast, _pinned_clock):
    client.force_login(cast.hr)
    _pinned_clock.shift(31 * MENIT)
    response = client.get(reverse("beranda"), headers={"HX-Request": "true"})
    assert response.status_code == 204 and response["HX-Redirect"].startswith(reverse("login"))


def test_no_query_for_the_limit_on_a_request(client, cast):
    client.force_login(cast.admin_opd)
    client.get(reverse("beranda"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("beranda")).status_code == 200
    # no query of its own: the pemda row comes with the user's (accounts.backends, for its time zone)
    reads = [q["sql"] for q in queries.captured_queries if "batas_diam_menit" in q["sql"]]
    assert [sql for sql in reads if not sql.startswith('SELECT "accounts_user"')] == []
    # within a minute the last activity is not written again: the session row is not updated
    assert not [q for q in queries.captured_queries if q["sql"].startswith("UPDATE") and "session" in q["sql"]]


def test_the_session_of_a_role_holder_still_ends_at_its_absolute_time(client, cast, settings, _pinned_clock):
    client.force_login(cast.admin_opd)
    login = timezone.now()
    for _ in range(3):
        _pinned_clock.shift(20 * MENIT)
        assert client.get(reverse("beranda")).status_code == 200
    expiry = client.session.get_expiry_date()
    assert abs(expiry - (login + timedelta(seconds=settings.SESSION_COOKIE_AGE))) < timedelta(seconds=5)
