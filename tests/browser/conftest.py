"""Helpers for the browser journeys: log in through the form, run axe-core, check touch targets."""

import os
from pathlib import Path

import pytest

AXE_SOURCE = (Path(__file__).parent / "axe.min.js").read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = {"width": 360, "height": 740}


def axe_violations(page) -> list[dict]:
    """WCAG 2.2 AA violations that axe-core finds on the current page (evaluated over CDP, so the
    page's strict CSP stays on)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [
        {
            "id": v["id"],
            "help": v["help"],
            "nodes": [(n["target"], n["html"][:120], n["failureSummary"]) for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]


def small_touch_targets(page) -> list[str]:
    """Visible buttons, inputs and menu links smaller than 44 × 44 px (our rule, stricter than WCAG 2.5.8).

    A checkbox or radio is judged by its whole row (the label is part of the target)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('button, .btn, input:not([type=hidden]), select, .nav-link')]
            .filter(el => el.offsetParent !== null)
            .map(el => {
                const check = el.type === 'checkbox' || el.type === 'radio';
                const box = check ? (el.closest('.form-check') || (el.labels && el.labels[0]) || el) : el;
                return [el, box.getBoundingClientRect()];
            })
            .filter(([el, r]) => r.height < 44 || r.width < 44)
            .map(([el, r]) => `${el.tagName}.${el.className} ${Math.round(r.width)}x${Math.round(r.height)}`)"""
    )


def shoot(page, name: str) -> None:
    """Keep a screenshot when SCREENSHOT_DIR is set (for a human to look at)."""
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.fixture(autouse=True)
def _static_files_by_name(settings):
    """live_server serves /static/ through the finders, which know files by their plain names, not
    by the hashed names of the manifest storage that production (DEBUG off) renders."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def login(live_server):
    def do_login(page, username: str, password: str):
        page.goto(f"{live_server.url}/masuk/")
        page.get_by_label("NIP atau nama pengguna").fill(username)
        page.get_by_label("Kata sandi").fill(password)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_load_state("domcontentloaded")

    return do_login
