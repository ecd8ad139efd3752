"""The access matrix (DESIGN.md §4–5, issue 14): every URL name of tests/access_registry.py, opened by
an anonymous visitor, by each persona of the cast, and by a persona on an object out of its scope.

Anonymous → the login page (or the public view's own answer); allowed → 200 or the view's normal
redirect; refused → 403; out of scope → 404. A named URL of the project without its registry line
fails test_every_url_name_has_a_registry_line."""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access_registry import BY_NAME, PERSONAS, REGISTRY, Page

pytestmark = pytest.mark.django_db

OUT_OF_SCOPE = "out_of_scope"


def _login(client, cast, who: str) -> None:
    user = getattr(cast, who)
    client.force_login(getattr(user, "user", user))


def _send(client, page: Page, url: str):
    if page.method == "POST":
        return client.post(url, page.data)
    return client.get(url, page.query)


def _answer(cast, page: Page, who: str) -> tuple[int, int | str]:
    """(what the page answered, what the registry expects) for one visitor, in a fresh client."""
    client = Client()
    if who == OUT_OF_SCOPE:
        asker, build = page.out_of_scope
        _login(client, cast, asker)
        return _send(client, page, reverse(page.name, args=build(cast))).status_code, 404
    url = reverse(page.name, args=page.args(cast) if page.args else None)
    if who == "anonymous":
        response = _send(client, page, url)
        if page.public:
            return response.status_code, page.anonymous
        to_login = response.status_code == 302 and response["Location"].startswith(reverse("login"))
        return (302 if to_login else response.status_code), 302
    _login(client, cast, who)
    return _send(client, page, url).status_code, page.expected(who)


@pytest.mark.parametrize("page", REGISTRY, ids=[page.name for page in REGISTRY])
def test_access_matrix(cast, page):
    """One line of the registry, for every visitor: one cast per line (not per visitor) keeps the
    matrix quick; each visitor's request is rolled back, so a POST one of them may make changes
    nothing the next one meets."""
    visitors = ["anonymous", *PERSONAS, *([OUT_OF_SCOPE] if page.out_of_scope else [])]
    wrong = []
    for who in visitors:
        with transaction.atomic():
            got, expected = _answer(cast, page, who)
            transaction.set_rollback(True)
        if got != expected:
            wrong.append(f"{who}: {got}, expected {expected}")
    assert wrong == [], f"{page.name}: " + "; ".join(wrong)


# --- the registry itself ----------------------------------------------------------------------------


def _project_url_names(patterns=None, namespace: str = "") -> set[str]:
    """Every named URL of the project's own urlconfs: not the Django admin, not the i18n include."""
    names = set()
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            module = getattr(p.urlconf_module, "__name__", "")
            if p.namespace == "admin" or module.startswith("django."):
                continue
            inner = f"{namespace}{p.namespace}:" if p.namespace else namespace
            names |= _project_url_names(p.url_patterns, inner)
        elif isinstance(p, URLPattern) and p.name:
            names.add(f"{namespace}{p.name}")
    return names


def test_every_url_name_has_a_registry_line():
    names = _project_url_names()
    assert len(names) > 100  # the walk found the apps' urlconfs
    assert sorted(names - set(BY_NAME)) == [], "a page without its line in tests/access_registry.py"
    assert sorted(set(BY_NAME) - names) == [], "a registry line for a URL name that no longer exists"


def test_every_line_is_coherent():
    for page in REGISTRY:
        assert page.method in ("GET", "POST"), page.name
        assert page.ok <= set(PERSONAS) and page.hidden <= set(PERSONAS), page.name
        assert not page.ok & page.hidden, page.name
        assert page.public == (page.anonymous is not None), page.name
        if page.out_of_scope:
            # the 404 means something only when the same persona is let in on the line's own object
            asker = page.out_of_scope[0]
            assert page.args and page.expected(asker) not in (403, 404), page.name
