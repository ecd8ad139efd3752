"""The guides (issue 17): every screenshot a step names is taken by a browser test (found by reading
tests/browser/*.py for `panduan_foto(page, "<name>")` calls) and lies in static/panduan; no file
there is left over; each role's printable guide is one page with its task titles; the "Bantuan" link
of a page opens its task, else the guides of the user's roles."""

import ast
import io
from pathlib import Path

import pytest
from django.urls import reverse
from pypdf import PdfReader

from panduan.isi import HALAMAN, PANDUAN, semua_foto
from panduan.peran import peran_of

ROOT = Path(__file__).resolve().parent.parent
BROWSER_TESTS = sorted((ROOT / "tests" / "browser").glob("*.py"))
STATIC = ROOT / "static" / "panduan"


def _foto_calls() -> tuple[set[str], list[str]]:
    """The names the browser tests pass to panduan_foto, and the calls whose name is not a literal."""
    names, dynamic = set(), []
    for path in BROWSER_TESTS:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if called != "panduan_foto":
                continue
            arg = node.args[1] if len(node.args) > 1 else None
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                names.add(arg.value)
            else:
                dynamic.append(f"{path.name}:{node.lineno}")
    return names, dynamic


def test_every_screenshot_of_a_guide_is_taken_by_a_browser_test():
    taken, dynamic = _foto_calls()
    assert dynamic == [], "panduan_foto needs a literal name (this test reads the names from the code)"
    assert sorted(set(semua_foto()) - taken) == [], "a guide step names a screenshot no browser test takes"
    assert sorted(taken - set(semua_foto())) == [], "a browser test takes a screenshot no guide step shows"


def test_every_screenshot_of_a_guide_is_in_static_and_small():
    files = {p.stem: p.stat().st_size for p in STATIC.glob("*.webp")}
    assert sorted(set(semua_foto()) - set(files)) == [], "run the browser tests: they write static/panduan"
    assert sorted(set(files) - set(semua_foto())) == [], "a screenshot in static/panduan that no guide shows"
    assert {name: size for name, size in files.items() if size > 60_000} == {}


def test_every_step_is_plain_and_its_screenshot_described():
    for panduan in PANDUAN.values():
        for tugas in panduan.tugas:
            assert tugas.langkah or tugas.paragraf, tugas.slug
            assert not tugas.foto_cetak or tugas.foto_cetak in {lk.foto for lk in tugas.langkah}, tugas.slug
            for lk in tugas.langkah:
                assert lk.foto and len(str(lk.alt)) >= 15, (tugas.slug, str(lk.teks))
                assert len(str(lk.teks)) <= 260, (tugas.slug, str(lk.teks))  # a step is a few sentences


def test_the_tasks_the_issue_names_are_there():
    judul = {p: [str(t.judul) for t in g.tugas] for p, g in PANDUAN.items()}
    assert set(judul) == {"pegawai", "atasan", "admin-opd", "hr"}
    for p, t in [
        ("pegawai", "Mencatat aktivitas hari ini"),
        ("pegawai", "Mengajukan cuti"),
        ("pegawai", "Membaca rincian TPP"),
        ("pegawai", "Dibantu rekan, bukan berbagi kata sandi"),
        ("atasan", "Memverifikasi aktivitas bawahan"),
        ("hr", "Menutup bulan"),
    ]:
        assert t in judul[p], (p, t)


def test_the_password_page_says_sharing_is_not_allowed():
    tugas = next(t for t in PANDUAN["pegawai"].tugas if t.slug == "dibantu-rekan")
    teks = " ".join(str(p) for p in tugas.paragraf)
    assert "tidak diperbolehkan" in teks and "pembantu pengisian" in teks and "atas nama" in teks
    assert "jejak audit" in teks
    # and then the steps of the built feature: ask, the helper enters, the owner sees and takes back
    assert len(tugas.langkah) == 5


@pytest.mark.parametrize(("peran", "slug"), [("pegawai", "dibantu-rekan"), ("admin-opd", "pembantu")])
def test_the_helper_guides_quote_the_labels_the_screens_show(peran, slug):
    """Every “quoted” word of these steps is a label of a template (a button, a link, a heading)."""
    import re

    templates = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "templates").rglob("*.html"))
    templates += " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "activities").glob("forms*.py"))
    tugas = next(t for t in PANDUAN[peran].tugas if t.slug == slug)
    quoted = {q for lk in tugas.langkah for q in re.findall(r"“([^”]+)”", str(lk.teks))}
    quoted = {q.removeprefix("+ ") for q in quoted if "…" not in q}
    assert quoted and sorted(q for q in quoted if q not in templates) == []


def test_every_page_the_bantuan_link_names_exists():
    from tests.test_access_matrix import _project_url_names

    assert sorted(set(HALAMAN) - _project_url_names()) == []


# --- with a database --------------------------------------------------------------------------------


def _login(client, cast, who):
    user = getattr(cast, who)
    client.force_login(getattr(user, "user", user))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who, peran",
    [
        ("pegawai", ["pegawai"]),
        ("atasan", ["pegawai", "atasan"]),
        ("admin_opd", ["pegawai", "admin-opd"]),
        ("hr", ["admin-opd", "hr"]),
    ],
)
def test_the_index_shows_the_guides_of_my_roles(client, cast, who, peran):
    user = getattr(cast, who)
    assert peran_of(getattr(user, "user", user)) == peran
    _login(client, cast, who)
    html = client.get(reverse("panduan:index")).content.decode()
    mine = [p for p in PANDUAN if f'data-testid="panduan-{p}"' in html]
    assert mine == peran
    # the other guides are one link away
    for p in set(PANDUAN) - set(peran):
        assert reverse("panduan:peran", args=[p]) in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, bantuan",
    [
        (reverse("aktivitas:hari_ini"), reverse("panduan:tugas", args=["pegawai", "aktivitas-hari-ini"])),
        (reverse("presensi:permohonan_create"), reverse("panduan:tugas", args=["pegawai", "cuti"])),
        (reverse("tpp:rincian_saya"), reverse("panduan:tugas", args=["pegawai", "rincian-tpp"])),
        (reverse("beranda"), reverse("panduan:index")),
        (reverse("panduan:index"), reverse("panduan:index")),
    ],
)
def test_every_page_has_a_bantuan_link_to_its_task(client, cast, url, bantuan):
    _login(client, cast, "pegawai")
    html = client.get(url).content.decode()
    assert f'href="{bantuan}" data-testid="bantuan"' in html


@pytest.mark.django_db
def test_an_unknown_role_or_task_is_not_found(client, cast):
    _login(client, cast, "pegawai")
    assert client.get("/panduan/kepala/").status_code == 404
    assert client.get("/panduan/pegawai/terbang/").status_code == 404
    assert client.get("/panduan/kepala/cetak.pdf").status_code == 404


@pytest.mark.django_db
def test_a_task_page_shows_each_step_with_its_screenshot(client, cast):
    _login(client, cast, "atasan")
    html = client.get(reverse("panduan:tugas", args=["atasan", "verifikasi"])).content.decode()
    tugas = PANDUAN["atasan"].tugas[0]
    for n, lk in enumerate(tugas.langkah, start=1):
        assert f"Langkah {n}" in html
        assert f"panduan/{lk.foto}" in html and f'alt="{lk.alt}"' in html
    assert "style=" not in html and "<script>" not in html  # strict CSP


@pytest.mark.django_db
@pytest.mark.parametrize("peran", list(PANDUAN))
def test_each_role_prints_on_exactly_one_page(client, cast, peran):
    _login(client, cast, "pegawai")
    response = client.get(reverse("panduan:cetak", args=[peran]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    for tugas in PANDUAN[peran].tugas:
        assert str(tugas.judul) in text, tugas.slug
    # the key screenshot of each task with one is printed with it
    images = len(reader.pages[0].images)
    assert images == sum(1 for t in PANDUAN[peran].tugas if t.foto_cetak)
