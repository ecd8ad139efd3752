"""Admission control in front of Django (issue 20): overload is refused at once, not queued forever.

gunicorn's gthread workers accept every connection and hand it to a thread. Without a limit, a
month-end burst above what the box can serve piles up: every request waits longer, all of them miss
their deadline, and browsers time out on work the server still does. This WSGI wrapper (applied in
ekinerja/wsgi.py) lets at most `running` requests of the process run Django at once, lets at most
`waiting` more wait for a slot (first come, first served) for at most `max_wait` seconds, and answers
every other request at once with the friendly 503 page ("busy") and `Retry-After`. The page is
rendered once per process and language, from the template alone: a refusal touches neither the
database, nor the session, nor Redis, so it stays cheap exactly when the box is saturated.

The browser's no-lost-input code (static/js/ekinerja.js) keeps what was typed on a 503 and sends it
again after Retry-After with the same idempotency key, so a refused form is saved once, later.

Not counted (they pass straight through):
- `/sehat/`, the load balancer's health check: under overload the process is healthy, only full.
  Refusing the check would make the balancer take every busy box out of rotation at the same time,
  which turns a burst into an outage. It costs one `SELECT 1`.
- static files (whitenoise, under STATIC_URL): a page that was admitted needs its CSS and script,
  and a file costs no database work.
"""

import threading
import time
from http.cookies import CookieError, SimpleCookie

from django.conf import settings

from .middleware import bahasa_pilihan

HEADERS_503 = [
    ("Content-Type", "text/html; charset=utf-8"),
    ("Cache-Control", "no-store"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Content-Security-Policy", "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"),
]


class Admission:
    """At most `running` requests in Django, at most `waiting` waiting for at most `max_wait` s."""

    def __init__(
        self,
        app,
        *,
        running: int,
        waiting: int,
        max_wait: float,
        retry_after: int,
        bypass: tuple[str, ...] = ("/sehat/",),
    ):
        self.app = app
        self.running = running
        self.waiting = waiting
        self.max_wait = max_wait
        self.retry_after = retry_after
        self.bypass = tuple(bypass)
        self._cond = threading.Condition()
        self._active = 0  # requests in Django now
        self._queued = 0  # requests waiting for a slot now
        self._pages: dict[str, bytes] = {}

    @classmethod
    def from_settings(cls, app) -> "Admission":
        static = settings.STATIC_URL or ""
        if not static.startswith("/"):
            static = "/" + static
        return cls(
            app,
            running=settings.ADMISSION_RUNNING,
            waiting=settings.ADMISSION_WAITING,
            max_wait=settings.ADMISSION_MAX_WAIT_MS / 1000,
            retry_after=settings.ADMISSION_RETRY_AFTER,
            bypass=("/sehat/", static) if static != "/" else ("/sehat/",),
        )

    # --- the slots ------------------------------------------------------------------------------

    def acquire(self) -> bool:
        """Take a slot: at once if one is free and nobody waits, else wait in line if the line has
        room, until a slot frees up or `max_wait` passes. False: refused."""
        with self._cond:
            if self._active < self.running and self._queued == 0:
                self._active += 1
                return True
            if self._queued >= self.waiting:
                return False
            self._queued += 1
            deadline = time.monotonic() + self.max_wait
            try:
                while self._active >= self.running:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        return False
                    self._cond.wait(left)
                self._active += 1
                return True
            finally:
                self._queued -= 1

    def release(self) -> None:
        with self._cond:
            self._active -= 1
            self._cond.notify()

    def counts(self) -> tuple[int, int]:
        """(running, waiting) now."""
        with self._cond:
            return self._active, self._queued

    # --- WSGI -----------------------------------------------------------------------------------

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO", "").startswith(self.bypass):
            return self.app(environ, start_response)
        if not self.acquire():
            return self.refuse(environ, start_response)
        try:
            result = self.app(environ, start_response)
        except BaseException:
            self.release()
            raise
        # The slot is held until the server closes the response: Django's own end of request
        # (request_finished: database connections) runs in close().
        return _ReleaseOnClose(result, self.release)

    def refuse(self, environ, start_response):
        body = self.page(_language(environ))
        headers = [*HEADERS_503, ("Retry-After", str(self.retry_after)), ("Content-Length", str(len(body)))]
        start_response("503 Service Unavailable", headers)
        return [body]

    def page(self, language: str) -> bytes:
        """The busy page in `language`, rendered once per process (no request: no context processor)."""
        body = self._pages.get(language)
        if body is None:
            from django.template.loader import render_to_string
            from django.utils import translation

            with translation.override(language):
                body = render_to_string("503.html", {"sibuk": True}).encode()
            self._pages[language] = body
        return body


def _language(environ) -> str:
    """The language the user picked (the cookie LanguageMiddleware reads), else the default."""
    try:
        morsel = SimpleCookie(environ.get("HTTP_COOKIE", "")).get(settings.LANGUAGE_COOKIE_NAME)
    except CookieError:
        morsel = None
    return bahasa_pilihan(morsel.value if morsel is not None else None)


class _ReleaseOnClose:
    """The app's response iterable, with the slot given back when the server closes it."""

    def __init__(self, result, release):
        self.result = result
        self._release = release
        self._released = False

    def __iter__(self):
        return iter(self.result)

    def close(self):
        try:
            close = getattr(self.result, "close", None)
            if close is not None:
                close()
        finally:
            if not self._released:
                self._released = True
                self._release()
