"""Refuse an oversized request body before Django reads it (issue 15, "Inputs").

Django spools a multipart upload above FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file while it
parses the request, before any form sees the file's size: a 2 GB body would fill the disk first and
be refused only afterwards. This middleware, early in MIDDLEWARE, answers from the headers alone:

- a declared Content-Length above settings.MAX_REQUEST_BODY_BYTES (the largest upload limit, plus
  room for the form's other fields) → 413;
- an upload (multipart/form-data) without a Content-Length (a chunked body) → 411: its size is
  unknown until it has been read.

The reverse proxy's `client_max_body_size` (README, Production deployment) should refuse the same
bodies even earlier. The page is Indonesian (or the user's chosen language) and touches no database.
"""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from .middleware import bahasa_pilihan


def _declared_length(request) -> int | None:
    raw = request.META.get("CONTENT_LENGTH") or ""
    try:
        return int(raw) if raw.strip() else None
    except ValueError:
        return None


def _is_upload(request) -> bool:
    return request.META.get("CONTENT_TYPE", "").lower().startswith("multipart/form-data")


class BatasUnggahanMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.MAX_REQUEST_BODY_BYTES
        length = _declared_length(request)
        if length is not None and length > limit:
            return self._refuse(request, 413, length=length, limit=limit)
        if length is None and _is_upload(request):  # chunked, or no length at all
            return self._refuse(request, 411, length=None, limit=limit)
        return self.get_response(request)

    def _refuse(self, request, status: int, *, length: int | None, limit: int) -> HttpResponse:
        lang = bahasa_pilihan(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
        max_mb = limit // (1024 * 1024)
        with translation.override(lang):
            if status == 413:
                pesan = _(
                    "Berkas atau isian yang dikirim terlalu besar (%(mb).1f MB). Paling besar %(max)d MB; "
                    "bagi data menjadi beberapa file, lalu kirim satu per satu."
                ) % {"mb": length / (1024 * 1024), "max": max_mb}
            else:
                pesan = _("Ukuran kiriman tidak disebutkan. Unggah berkas lewat formulir di peramban.")
            if "json" in request.META.get("CONTENT_TYPE", "").lower():  # the integration API
                response = JsonResponse({"error": pesan}, status=status)
            else:
                html = render_to_string("413.html", {"pesan": pesan, "status": status, "lang": lang})
                response = HttpResponse(html, status=status)
        response["Cache-Control"] = "no-store"
        return response
