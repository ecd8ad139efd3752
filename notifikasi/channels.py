"""The Telegram and WhatsApp channels (issue 17), on the channel interface of core/notifications.py.

Turned on by listing them in NOTIFICATION_CHANNELS; configured from the environment (README,
"Notifikasi"). Each reaches a person through the address in their preferences (PreferensiNotifikasi;
for WhatsApp, else the pegawai's own no_hp) and sends one plain-text message per notification.

Why small stdlib clients and not Apprise: Apprise's Telegram and WhatsApp (Cloud API) plugins post to
hosts fixed in the code (api.telegram.org, graph.facebook.com), so they can reach neither a self-hosted
Bot API server nor the local fake server the tests assert the exact requests on, and its generic
json/form plugins cannot put the recipient's number in a gateway's own field names. Each API here is
one HTTP request; urllib does it without a new dependency.
"""

import json
from urllib.parse import quote, urlencode
from urllib.request import Request, urlopen

from django.conf import settings
from django.core.exceptions import ValidationError

from core.notifications import Channel

from .rules import nomor_wa


class GatewayError(Exception):
    """The gateway answered, but said the message did not go out."""


def _minta(method: str, url: str, *, headers: dict | None = None, json_body=None, form=None) -> bytes:
    """One HTTP request; an answer of 400 or more raises (urllib.error.HTTPError), as does no answer."""
    headers = dict(headers or {})
    data = None
    if json_body is not None:
        data = json.dumps(json_body).encode()
        headers.setdefault("Content-Type", "application/json")
    elif form is not None:
        data = urlencode(form).encode()
        headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
    request = Request(url, data=data, headers=headers, method=method)
    with urlopen(request, timeout=settings.NOTIFICATION_TIMEOUT) as response:  # noqa: S310 (configured URL)
        return response.read()


def _preferensi(user):
    """The user's PreferensiNotifikasi when they have one (loaded with select_related, or one query)."""
    return getattr(user, "preferensi_notifikasi", None)


def _teks(subject: str, text: str) -> str:
    return f"{subject}\n\n{text}".strip()


class TelegramChannel(Channel):
    """Telegram Bot API sendMessage. TELEGRAM_API_URL may name a self-hosted Bot API server."""

    name = "telegram"

    def reaches(self, user) -> bool:
        pref = _preferensi(user)
        return bool(settings.TELEGRAM_BOT_TOKEN and pref and pref.telegram_chat_id)

    def send(self, user, subject: str, text: str) -> None:
        url = f"{settings.TELEGRAM_API_URL.rstrip('/')}/bot{settings.TELEGRAM_BOT_TOKEN}/sendMessage"
        body = {"chat_id": _preferensi(user).telegram_chat_id, "text": _teks(subject, text)}
        _minta("POST", url, json_body=body)


def nomor_wa_of(user) -> str:
    """Where WhatsApp reaches the user: the number in their preferences, else their pegawai's no_hp."""
    pref = _preferensi(user)
    if pref and pref.no_wa:
        return pref.no_wa
    pegawai = getattr(user, "pegawai", None)
    try:
        return nomor_wa(pegawai.no_hp) if pegawai else ""
    except ValidationError:  # a number typed wrong in the personnel data reaches nobody
        return ""


def _isi(template, nomor: str, pesan: str):
    """The gateway's body template with {nomor} and {pesan} filled in every string, at any depth."""
    if isinstance(template, str):
        return template.replace("{nomor}", nomor).replace("{pesan}", pesan)
    if isinstance(template, dict):
        return {k: _isi(v, nomor, pesan) for k, v in template.items()}
    if isinstance(template, list):
        return [_isi(v, nomor, pesan) for v in template]
    return template


class WhatsAppGatewayChannel(Channel):
    """WhatsApp through an HTTP gateway whose request shape is configured (Fonnte, Wablas, Woowa and the like).

    WHATSAPP_GATEWAY_URL (may hold {nomor}/{pesan}, URL-encoded), _METHOD (POST or GET), _HEADERS (JSON
    object, e.g. the token), _BODY (JSON object with {nomor} and {pesan}), _FORMAT ("json" or "form"; a
    GET sends the body as query parameters), _SUCCESS (text the answer must contain, for gateways that
    answer 200 to a refused message).
    """

    name = "whatsapp"

    def reaches(self, user) -> bool:
        return bool(settings.WHATSAPP_GATEWAY_URL and nomor_wa_of(user))

    def send(self, user, subject: str, text: str) -> None:
        nomor, pesan = nomor_wa_of(user), _teks(subject, text)
        url = _isi(settings.WHATSAPP_GATEWAY_URL, quote(nomor), quote(pesan))
        method = settings.WHATSAPP_GATEWAY_METHOD.upper()
        body = _isi(settings.WHATSAPP_GATEWAY_BODY, nomor, pesan)
        kwargs = {"headers": settings.WHATSAPP_GATEWAY_HEADERS}
        if method == "GET":
            url = f"{url}{'&' if '?' in url else '?'}{urlencode(body)}" if body else url
        elif settings.WHATSAPP_GATEWAY_FORMAT == "form":
            kwargs["form"] = body
        else:
            kwargs["json_body"] = body
        jawaban = _minta(method, url, **kwargs)
        sukses = settings.WHATSAPP_GATEWAY_SUCCESS
        if sukses and sukses not in jawaban.decode(errors="replace"):
            raise GatewayError(jawaban[:300].decode(errors="replace"))


class WhatsAppCloudChannel(Channel):
    """The WhatsApp Cloud API (Meta): POST {WHATSAPP_CLOUD_URL}/{phone number id}/messages, a text message."""

    name = "whatsapp"

    def reaches(self, user) -> bool:
        return bool(settings.WHATSAPP_CLOUD_TOKEN and settings.WHATSAPP_CLOUD_PHONE_NUMBER_ID and nomor_wa_of(user))

    def send(self, user, subject: str, text: str) -> None:
        url = f"{settings.WHATSAPP_CLOUD_URL.rstrip('/')}/{settings.WHATSAPP_CLOUD_PHONE_NUMBER_ID}/messages"
        body = {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": nomor_wa_of(user),
            "type": "text",
            "text": {"preview_url": False, "body": _teks(subject, text)},
        }
        _minta("POST", url, headers={"Authorization": f"Bearer {settings.WHATSAPP_CLOUD_TOKEN}"}, json_body=body)
