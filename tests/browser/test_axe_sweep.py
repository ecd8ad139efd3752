"""Every page a persona opens, at 360 px: no WCAG 2.2 AA violation that axe-core finds, no tiny
touch target, nothing wider than the phone."""

import pytest
from django.urls import reverse

from tests.browser.conftest import PHONE, axe_violations, small_touch_targets
from tests.helpers import PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("who", list(PAGES))
def test_every_page_passes_axe_at_360px(page, live_server, cast, login, who):
    user = getattr(cast, who)
    user = getattr(user, "user", user)
    page.set_viewport_size(PHONE)
    login(page, user.username, cast.password)
    problems = {}
    for name in PAGES[who]:
        response = page.goto(f"{live_server.url}{reverse(name)}")
        assert response.status == 200, name
        found = axe_violations(page)
        small = small_touch_targets(page)
        wide = page.evaluate("() => document.documentElement.scrollWidth") > PHONE["width"]
        if found or small or wide:
            problems[name] = {"axe": found, "small": small[:5], "too_wide": wide}
    assert problems == {}
