"""The menu shows only what its persona may open; /favicon.ico needs no login; the token list's
POST reads a bad id as a clear message; every table wrapper that may scroll is keyboard-reachable
(issue 13, item 5)."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

from attendance.models import TokenIntegrasi

pytestmark = pytest.mark.django_db

PERSONAS = ["pegawai", "atasan", "atasan_atasan", "kadis", "pegawai_lain", "admin_opd", "hr", "superadmin"]


class _MenuLinks(HTMLParser):
    """The href of every link inside the main menu (`<nav aria-label="Menu utama">`)."""

    def __init__(self):
        super().__init__()
        self.depth = 0  # > 0 while inside the menu's <nav>
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "nav" and (self.depth or a.get("aria-label") == "Menu utama"):
            self.depth += 1
        elif tag == "a" and self.depth and a.get("href"):
            self.links.append(a["href"])

    def handle_endtag(self, tag):
        if tag == "nav" and self.depth:
            self.depth -= 1


def menu_links(html: str) -> list[str]:
    parser = _MenuLinks()
    parser.feed(html)
    return parser.links


def _login(client, cast, who):
    user = getattr(cast, who)
    client.force_login(getattr(user, "user", user))


@pytest.mark.parametrize("who", PERSONAS)
def test_every_menu_link_of_a_persona_opens(client, cast, who):
    _login(client, cast, who)
    links = menu_links(client.get(reverse("beranda")).content.decode())
    assert reverse("beranda") in links and len(links) >= 2
    answers = {href: client.get(href).status_code for href in links}
    assert {href: code for href, code in answers.items() if code != 200} == {}


def test_the_menu_links_the_event_page_for_an_admin_but_not_for_a_pegawai(client, cast):
    _login(client, cast, "admin_opd")
    assert reverse("presensi:kejadian_create") in menu_links(client.get(reverse("beranda")).content.decode())
    _login(client, cast, "pegawai")
    assert reverse("presensi:kejadian_create") not in menu_links(client.get(reverse("beranda")).content.decode())


def test_a_superadmin_without_a_pemda_sees_no_calendar_or_skp_settings_links(client, cast):
    _login(client, cast, "superadmin")
    links = menu_links(client.get(reverse("beranda")).content.decode())
    for name in ("presensi:libur_list", "presensi:jadwal_list", "skp:pengaturan"):
        assert reverse(name) not in links, name
    assert reverse("org:pegawai_list") in links


def test_a_superadmin_acting_for_a_pemda_keeps_the_hr_links(client, cast):
    cast.superadmin.pemda = cast.pemda
    cast.superadmin.save()
    _login(client, cast, "superadmin")
    links = menu_links(client.get(reverse("beranda")).content.decode())
    for name in ("presensi:libur_list", "presensi:jadwal_list", "skp:pengaturan", "presensi:token_list"):
        assert reverse(name) in links, name
        assert client.get(reverse(name)).status_code == 200, name


def test_favicon_answers_without_login(client, db):
    first = client.get("/favicon.ico")
    assert first.status_code == 302 and first["Location"].startswith("/static/img/favicon.")
    response = client.get("/favicon.ico", follow=True)
    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO header


def test_every_page_names_its_icon(client, cast):
    _login(client, cast, "pegawai")
    assert '<link rel="icon" href="/static/img/favicon.' in client.get(reverse("beranda")).content.decode()


@pytest.mark.parametrize("raw", ["abc", "1.234", "-1", "١٢", "9" * 40, " "])
def test_token_list_post_with_a_bad_id_is_a_clear_message(client, cast, raw):
    token = TokenIntegrasi.objects.create(pemda=cast.pemda, nama="Server absen", token_hash="x" * 64)
    _login(client, cast, "hr")
    response = client.post(reverse("presensi:token_list"), {"nonaktif": raw}, follow=True)
    assert response.status_code == 200
    assert "Token yang dipilih tidak dikenal" in response.content.decode()
    token.refresh_from_db()
    assert token.aktif


def test_every_scrolling_table_wrapper_is_a_labelled_focusable_region():
    """A `.table-responsive` scrolls sideways when its table is wider than the screen: the keyboard
    must reach it (axe scrollable-region-focusable; the browser sweep checks the recaps at 1280 px)."""
    templates = Path(__file__).resolve().parent.parent / "templates"
    wrappers = {
        f"{path.relative_to(templates)}: {tag}"
        for path in templates.rglob("*.html")
        for tag in re.findall(r"<div [^>]*class=\"table-responsive\"[^>]*>", path.read_text())
    }
    assert len(wrappers) >= 15  # the scan found the templates (the list pages share core/daftar.html)
    missing = [w for w in wrappers if not all(a in w for a in ('tabindex="0"', 'role="region"', "aria-label"))]
    assert missing == []
