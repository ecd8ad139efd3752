import logging
import uuid

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

from core import audit
from core.outage_log import DATABASE_DOWN, log_database_down

from .jobs import AntreanTidakTersedia

log = logging.getLogger(__name__)


def bahasa_pilihan(cookie: str | None) -> str:
    """The language the user picked (the language cookie's value), else the default: every page, and
    the refusals answered before Django's middleware (413/411 uploads, the busy 503)."""
    return cookie if cookie in {code for code, _name in settings.LANGUAGES} else settings.LANGUAGE_CODE


class LanguageMiddleware:
    """Indonesian unless the user picked another language (the set_language cookie).

    Django's LocaleMiddleware follows the browser's Accept-Language, and many office PCs and
    phones are set to English: Django's own messages would then switch to English in the middle
    of an Indonesian page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        lang = bahasa_pilihan(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
        translation.activate(lang)
        request.LANGUAGE_CODE = lang
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", lang)
        return response


# --- outages (issue 8): say what is wrong instead of a 500 ------------------------------------

RETRY_AFTER_SECONDS = 30


def database_unavailable(request) -> HttpResponse:
    """The 503 page while PostgreSQL cannot be reached: rendered without a request context, so no
    context processor (menu counts, user) touches the database; Retry-After tells clients when."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _back(request) -> str:
    """The page the user came from (same site only), else the Beranda."""
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return reverse("beranda")


class GangguanMiddleware:
    """Turns an outage met by a view into something a user can act on.

    - The job queue is down (core.jobs.AntreanTidakTersedia): back to the page the user came
      from with the message; the job row is already failed, nothing runs twice later.
    - The database is down: the 503 page. Errors raised before the view (session, user) reach
      `core.views.server_error` instead, which gives the same page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, AntreanTidakTersedia):
            messages.error(request, exception.message)
            return redirect(_back(request))
        if isinstance(exception, DATABASE_DOWN):
            log_database_down(log, request, exception)
            return database_unavailable(request)
        return None


class RequestIdMiddleware:
    """Every request gets an id (the proxy's X-Request-ID when it sends a sane one), written on the
    audit rows it causes (core.audit) and echoed in the response for support."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request_id = given if given and len(given) <= 64 and given.replace("-", "").isalnum() else uuid.uuid4().hex
        token = audit.request_id_set(request_id)
        try:
            response = self.get_response(request)
        finally:
            audit.request_id_reset(token)
        response["X-Request-ID"] = request_id
        return response
