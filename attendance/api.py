"""The integration API (issue 5): a machine gateway posts punches with a bearer token.

`POST /presensi/api/absen/` with `Authorization: Bearer <token>` and
`{"absen": [{"nip": "...", "waktu": "2026-11-23T07:31:05+08:00"} | {"pin": "23272", "mesin": "X", "waktu": ...}]}`.
401 without a valid token (inactive or past its expiry included); 400 with per-item errors (nothing
stored), among them a punch outside the token's OPDs or machines, a punch older or further ahead than
the pemda's window (AturanPresensi), and a NIP not in the token's pemda (the same answer as an
unknown NIP); 200 `{"baru": n, "sudah_ada": m}`. Every stored punch records the token.
"""

import json

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.dates import di_zona

from .services.absen import token_autentikasi
from .services.absen_simpan import absen_api_simpan

MAX_BODY = 1024 * 1024


def _error(status: int, pesan: str, **extra) -> JsonResponse:
    return JsonResponse({"error": pesan, **extra}, status=status)


@csrf_exempt
@login_not_required
@require_POST
def absen_post(request):
    auth = request.headers.get("Authorization", "")
    scheme, _sep, raw = auth.partition(" ")
    token = token_autentikasi(raw.strip()) if scheme.lower() == "bearer" else None
    if token is None:
        response = _error(401, "Token tidak sah, tidak aktif, atau sudah habis masa berlakunya.")
        response["WWW-Authenticate"] = 'Bearer realm="ekinerja"'
        return response
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY:
        return _error(413, "Isi permintaan paling besar 1 MB; kirim dalam beberapa bagian.")
    body = request.body
    if len(body) > MAX_BODY:
        return _error(413, "Isi permintaan paling besar 1 MB; kirim dalam beberapa bagian.")
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return _error(400, "JSON tidak dapat dibaca.")
    try:
        # a punch belongs to the day of the pemda's wall clock, and its window counts from the pemda's today
        with di_zona(token.pemda):
            hasil = absen_api_simpan(token=token, payload=payload)
    except ValidationError as e:
        return _error(400, " ".join(e.messages))
    if not hasil.ok:
        kesalahan = [{"indeks": i, "pesan": pesan} for i, pesan in hasil.api_errors]
        return _error(400, "Ada absen yang salah; tidak ada yang disimpan.", kesalahan=kesalahan)
    return JsonResponse({"baru": hasil.baru, "sudah_ada": hasil.sudah_ada})
