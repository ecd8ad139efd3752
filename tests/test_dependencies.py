"""The apps import one way: core ← accounts ← notifikasi ← attendance ← activities ← skp ← tpp ← beranda
(DESIGN.md §2, issue 14); `ekinerja` is the project package (settings, urls, celery, wsgi).
A small AST walk over every module of each app (module-level and function-level imports,
relative ones resolved) finds each import of an app to its right; the documented exceptions are
listed by name, so a new one fails this test."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Each app and the apps (or top-level packages) it must not import.
FORBIDDEN = {
    "core": {"accounts", "notifikasi", "attendance", "activities", "skp", "tpp", "beranda", "api", "ekinerja"},
    "accounts": {"notifikasi", "attendance", "activities", "skp", "tpp", "beranda", "api", "ekinerja"},
    # notifications (issue 17) sit just right of accounts: every domain app may write them
    "notifikasi": {"attendance", "activities", "skp", "tpp", "beranda", "api", "ekinerja"},
    "attendance": {"activities", "skp", "tpp", "beranda", "api", "ekinerja"},
    "activities": {"skp", "tpp", "beranda", "api", "ekinerja"},
    "skp": {"tpp", "beranda", "api", "ekinerja"},
    "tpp": {"beranda", "api", "ekinerja"},
    "beranda": {"api", "ekinerja"},
    # the guides (issue 17) read only who holds which role: core and accounts
    "panduan": {"attendance", "activities", "skp", "tpp", "beranda", "api", "ekinerja"},
    # the read API (issue 19) reads every domain app; only the project urls import it
    "api": {"beranda", "ekinerja"},
}

# (importing module, imported module) pairs that are allowed against the direction above.
EXCEPTIONS: set[tuple[str, str]] = {
    # DESIGN.md §2: the activity entry form gets its RHK choices from skp.selectors, which reads only
    # SKP planning (the model itself names "skp.Rhk" as a string, which is no import).
    ("activities.forms", "skp.selectors"),
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[str, ...]]:
    """Every import in `path`, anywhere in the file, as the absolute dotted names it may mean:
    `from skp import selectors` may mean `skp` or `skp.selectors`."""
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package.pop()
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name,) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.append((module, *(f"{module}.{alias.name}" for alias in node.names if alias.name != "*")))
    return found


def violations(app: str) -> set[tuple[str, str]]:
    """(importing module, imported module) for each import against the direction, unless excused."""
    bad = set()
    for path in sorted((ROOT / app).rglob("*.py")):
        importer = _module_name(path)
        for names in _imports(path):
            if names[0].split(".")[0] in FORBIDDEN[app] and not any((importer, n) in EXCEPTIONS for n in names):
                bad.add((importer, names[0]))
    return bad


def _excused(app: str) -> set[tuple[str, str]]:
    """The exceptions that an import of `app` actually uses."""
    used = set()
    for path in sorted((ROOT / app).rglob("*.py")):
        importer = _module_name(path)
        used.update((importer, n) for names in _imports(path) for n in names if (importer, n) in EXCEPTIONS)
    return used


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_apps_import_one_way(app):
    found = violations(app)
    assert not found, "imports against core ← accounts ← attendance ← activities ← skp ← tpp ← beranda:\n" + "\n".join(
        f"  {importer} imports {module}" for importer, module in sorted(found)
    )


def test_every_exception_is_still_needed():
    """An exception that no longer happens is removed from the list, so it cannot come back unseen."""
    used = set().union(*(_excused(app) for app in FORBIDDEN))
    assert EXCEPTIONS - used == set()


def test_project_package_holds_only_the_project():
    """`ekinerja/` is settings, urls, celery and wsgi (with its date formats and the migration history
    of the models that moved to core); shared code lives in `core`, the landing page in `beranda`."""
    package = ROOT / "ekinerja"
    modules = {p.relative_to(package).parts[0] for p in package.rglob("*.py")}
    project = {"__init__.py", "apps.py", "settings.py", "urls.py", "celery.py", "wsgi.py", "formats", "migrations"}
    assert modules == project
