"""The shape of the code (issue 14): no production module over 450 lines, no HTML built in Python
outside template tags, no sleep in production code (a test that needs a slow step slows it itself)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("core", "accounts", "attendance", "activities", "skp", "tpp", "beranda", "panduan", "ekinerja")
MODULES = sorted(p for app in APPS for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts)
MAX_LINES = 450


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_the_scan_finds_the_apps():
    assert len(MODULES) > 100


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_module_is_too_long(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def test_no_html_is_built_in_python_outside_template_tags():
    builders = re.compile(r"\b(format_html|format_html_join|mark_safe)\(")
    found = [_name(p) for p in MODULES if "templatetags" not in p.parts and builders.search(p.read_text())]
    assert found == []


def test_no_sleep_in_production_code():
    found = [_name(p) for p in MODULES if re.search(r"\btime\.sleep\(|\bsleep\(", p.read_text())]
    assert found == []
