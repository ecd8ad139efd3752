"""A local fake HTTP server standing in for Telegram, a WhatsApp gateway or the Cloud API: it records
every request it gets (method, path with query, headers, body) and answers what the test sets."""

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

import pytest


@dataclass
class Permintaan:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body)

    def form(self) -> dict[str, str]:
        return dict(parse_qsl(self.body.decode()))


@dataclass
class FakeGateway:
    url: str = ""
    status: int = 200
    answer: bytes = b'{"ok": true}'
    requests: list[Permintaan] = field(default_factory=list)


@pytest.fixture
def gateway():
    fake = FakeGateway()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            headers = {k.lower(): v for k, v in self.headers.items()}
            fake.requests.append(Permintaan(self.command, self.path, headers, body))
            self.send_response(fake.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(fake.answer)))
            self.end_headers()
            self.wfile.write(fake.answer)

        do_GET = do_POST = _answer

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_port}"
    yield fake
    server.shutdown()
    server.server_close()


@pytest.fixture
def site(settings):
    settings.SITE_URL = "https://kinerja.contoh.go.id"
    return settings.SITE_URL


@pytest.fixture
def telegram(settings, gateway, site):
    settings.NOTIFICATION_CHANNELS = ["core.notifications.EmailChannel", "notifikasi.channels.TelegramChannel"]
    settings.TELEGRAM_BOT_TOKEN = "123456:ABC-uji"
    settings.TELEGRAM_API_URL = gateway.url
    return gateway


@pytest.fixture
def whatsapp(settings, gateway, site):
    """A Fonnte-style gateway: form POST with the token in the Authorization header."""
    settings.NOTIFICATION_CHANNELS = ["core.notifications.EmailChannel", "notifikasi.channels.WhatsAppGatewayChannel"]
    settings.WHATSAPP_GATEWAY_URL = f"{gateway.url}/send"
    settings.WHATSAPP_GATEWAY_METHOD = "POST"
    settings.WHATSAPP_GATEWAY_HEADERS = {"Authorization": "TOKEN-UJI"}
    settings.WHATSAPP_GATEWAY_BODY = {"target": "{nomor}", "message": "{pesan}", "countryCode": "62"}
    settings.WHATSAPP_GATEWAY_FORMAT = "form"
    settings.WHATSAPP_GATEWAY_SUCCESS = ""
    return gateway
