"""A small stdlib client for SIASN's kinerjaperiodik save (issue 19), as notifikasi/channels.py does
for its gateways: one JSON POST per record, no new dependency, testable against a local fake server.

Path and headers as the public client `black-coffee04/ws-siasn-php`
(`src/Services/KinerjaPeriodikService.php`): POST {BKN_API_URL}/apisiasn/1.0/kinerjaperiodik/save
with `Authorization: Bearer <gateway token>` and `Auth: bearer <SSO token>`; the answer is JSON with
`success` and, on success, `mapData` (the new riwayat id).
"""

import json
from dataclasses import dataclass
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

from django.conf import settings

PATH = "/apisiasn/1.0/kinerjaperiodik/save"


@dataclass(frozen=True)
class Jawaban:
    ok: bool
    pesan: str = ""
    bkn_id: str = ""


def aktif() -> bool:
    return bool(settings.BKN_API_URL and settings.BKN_API_TOKEN)


def _baca(raw: bytes) -> dict:
    try:
        data = json.loads(raw or b"{}")
    except ValueError:
        return {"message": raw[:300].decode(errors="replace")}
    return data if isinstance(data, dict) else {}


def _id(map_data) -> str:
    if isinstance(map_data, dict):
        return str(map_data.get("id") or map_data.get("rwKinerjaPeriodikId") or "")
    return str(map_data or "")


def kirim(record: dict) -> Jawaban:
    """POST one record; success only when BKN answers 2xx and does not say `success: false`."""
    headers = {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "Authorization": f"Bearer {settings.BKN_API_TOKEN}",
    }
    if settings.BKN_SSO_TOKEN:
        headers["Auth"] = f"bearer {settings.BKN_SSO_TOKEN}"
    url = settings.BKN_API_URL.rstrip("/") + PATH
    request = Request(url, data=json.dumps(record).encode(), headers=headers, method="POST")
    try:
        with urlopen(request, timeout=settings.BKN_TIMEOUT) as response:  # noqa: S310 (configured URL)
            data = _baca(response.read())
    except HTTPError as exc:
        data = _baca(exc.read())
        return Jawaban(False, f"HTTP {exc.code}: {data.get('message', '')}"[:500])
    except (URLError, TimeoutError, OSError) as exc:
        return Jawaban(False, f"{type(exc).__name__}: {exc}"[:500])
    if data.get("success") is False:
        return Jawaban(False, str(data.get("message", ""))[:500])
    return Jawaban(True, str(data.get("message", ""))[:500], _id(data.get("mapData")))
