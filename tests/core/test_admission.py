"""Admission control (issue 20, core/admission.py): admitted, queued then admitted, refused at once
when the line is full, refused after the longest wait, and what passes straight through.

No test here may touch the database (no django_db mark): a refusal that did would fail."""

import threading

import pytest
from django.conf import settings

from core.admission import Admission
from tests.helpers import wait_until

BUSY = "Layanan sedang sibuk"


class Slow:
    """A WSGI app whose requests stay inside until the test lets them out (one event per path)."""

    def __init__(self):
        self.gates: dict[str, threading.Event] = {}
        self.inside: list[str] = []

    def gate(self, path: str) -> threading.Event:
        return self.gates.setdefault(path, threading.Event())

    def __call__(self, environ, start_response):
        path = environ["PATH_INFO"]
        self.inside.append(path)
        if path in self.gates:
            assert self.gates[path].wait(30), "the test never opened the gate"
        if path == "/rusak/":
            raise RuntimeError("the view failed")
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok " + path.encode()]


def call(app, path: str, cookie: str = "") -> tuple[str, dict, bytes]:
    seen = {}

    def start_response(status, headers):
        seen["status"], seen["headers"] = status, dict(headers)

    result = app({"PATH_INFO": path, "REQUEST_METHOD": "GET", "HTTP_COOKIE": cookie}, start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return seen["status"], seen["headers"], body


class InThread:
    """One request made from its own thread; `.result` once it is answered."""

    def __init__(self, app, path: str):
        self.result = None
        self.thread = threading.Thread(target=self._run, args=(app, path), daemon=True)
        self.thread.start()

    def _run(self, app, path):
        self.result = call(app, path)

    def answer(self):
        self.thread.join(30)
        assert not self.thread.is_alive()
        return self.result


def admission(inner, *, running=1, waiting=1, max_wait=30.0, retry_after=7):
    return Admission(inner, running=running, waiting=waiting, max_wait=max_wait, retry_after=retry_after)


def test_a_request_with_a_free_slot_runs_and_gives_the_slot_back():
    inner = Slow()
    app = admission(inner)
    assert call(app, "/aktivitas/") == ("200 OK", {"Content-Type": "text/plain"}, b"ok /aktivitas/")
    assert app.counts() == (0, 0)


def test_a_request_waits_for_a_slot_then_runs():
    inner = Slow()
    app = admission(inner, running=1, waiting=1)
    inner.gate("/pertama/")
    first = InThread(app, "/pertama/")
    wait_until(lambda: inner.inside == ["/pertama/"], what="the first request inside")
    second = InThread(app, "/kedua/")
    wait_until(lambda: app.counts() == (1, 1), what="the second request waiting")
    assert inner.inside == ["/pertama/"]  # it waits outside Django

    inner.gate("/pertama/").set()
    assert first.answer()[0] == "200 OK"
    assert second.answer() == ("200 OK", {"Content-Type": "text/plain"}, b"ok /kedua/")
    assert inner.inside == ["/pertama/", "/kedua/"]
    assert app.counts() == (0, 0)


def test_with_the_line_full_the_next_request_gets_the_busy_page_at_once():
    inner = Slow()
    app = admission(inner, running=1, waiting=1, retry_after=7)
    inner.gate("/pertama/")
    first = InThread(app, "/pertama/")
    wait_until(lambda: app.counts() == (1, 0), what="the first request inside")
    second = InThread(app, "/kedua/")
    wait_until(lambda: app.counts() == (1, 1), what="the second request waiting")

    status, headers, body = call(app, "/ketiga/")  # answered in this thread, while the others hold on

    assert status == "503 Service Unavailable"
    assert headers["Retry-After"] == "7"
    assert headers["Cache-Control"] == "no-store"
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert int(headers["Content-Length"]) == len(body)
    page = body.decode()
    assert BUSY in page and "Coba lagi" in page and "terganggu" not in page
    assert "/ketiga/" not in inner.inside
    assert app.counts() == (1, 1)

    inner.gate("/pertama/").set()
    assert first.answer()[0] == second.answer()[0] == "200 OK"
    assert app.counts() == (0, 0)


def test_a_request_that_waits_longer_than_the_limit_is_refused():
    inner = Slow()
    app = admission(inner, running=1, waiting=1, max_wait=0.05)
    inner.gate("/pertama/")
    first = InThread(app, "/pertama/")
    wait_until(lambda: app.counts() == (1, 0), what="the first request inside")

    status, headers, body = call(app, "/kedua/")  # waits 0.05 s in line, then gives up

    assert status.startswith("503") and headers["Retry-After"] == "7" and BUSY in body.decode()
    assert "/kedua/" not in inner.inside
    assert app.counts() == (1, 0)  # it left the line
    inner.gate("/pertama/").set()
    assert first.answer()[0] == "200 OK"
    assert call(app, "/ketiga/")[0] == "200 OK"


def test_nothing_admitted_refuses_everything_but_the_health_check_and_static_files():
    """`/sehat/` is the load balancer's check: refusing it under load would take every busy box out
    of rotation at once. Static files are what an admitted page needs to show."""
    inner = Slow()
    app = Admission(inner, running=0, waiting=0, max_wait=1, retry_after=5, bypass=("/sehat/", "/static/"))
    assert call(app, "/aktivitas/")[0].startswith("503")
    assert call(app, "/sehat/")[0] == "200 OK"
    assert call(app, "/static/js/ekinerja.js")[0] == "200 OK"
    assert inner.inside == ["/sehat/", "/static/js/ekinerja.js"]
    assert app.counts() == (0, 0)


def test_a_view_that_fails_gives_its_slot_back():
    inner = Slow()
    app = admission(inner, running=1, waiting=0)
    with pytest.raises(RuntimeError):
        call(app, "/rusak/")
    assert app.counts() == (0, 0)
    assert call(app, "/aktivitas/")[0] == "200 OK"


def test_the_busy_page_follows_the_language_cookie_and_is_rendered_once():
    app = admission(Slow(), running=0, waiting=0)
    indonesian = call(app, "/a/")[2]
    assert BUSY in indonesian.decode()
    english = call(app, "/a/", cookie=f"{settings.LANGUAGE_COOKIE_NAME}=en")[2]
    assert english  # the same template (English falls back to the Indonesian text it lacks)
    assert call(app, "/a/", cookie="rusak=\x00;;")[0].startswith("503")  # a malformed cookie is ignored
    assert set(app._pages) == {"id", "en"}


def test_the_wsgi_application_is_django_behind_the_settings_limits():
    from ekinerja.wsgi import application

    assert isinstance(application, Admission)
    assert (application.running, application.waiting) == (settings.ADMISSION_RUNNING, settings.ADMISSION_WAITING)
    assert application.max_wait == settings.ADMISSION_MAX_WAIT_MS / 1000
    assert application.retry_after == settings.ADMISSION_RETRY_AFTER
    assert application.bypass == ("/sehat/", "/static/")
