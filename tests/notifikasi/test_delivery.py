"""Delivery outside the app (issue 17): the exact requests each adapter sends to a local fake server,
the person's channel and quiet hours, retries then a recorded failure, and at most one delivery."""

import logging
import os
from datetime import datetime, time, timedelta
from urllib.parse import parse_qsl, urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction

from accounts.services_akun import user_set_pengingat
from ekinerja.celery import app
from notifikasi.choices import Jenis, Kanal, StatusAntar
from notifikasi.models import Notifikasi, PreferensiNotifikasi
from notifikasi.services import notifikasi_buat
from notifikasi.tasks import notifikasi_kirim_task
from tests.helpers import TODAY, celery_worker, wait_until

needs_redis = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (make test provides it)")

TEKS = (
    "E-Kinerja: Aktivitas dikembalikan\n\nCatatan atasan: lengkapi uraian\n\n"
    "Buka: https://kinerja.contoh.go.id/aktivitas/12/\n\n"
    "Atur pemberitahuan: https://kinerja.contoh.go.id/pengingat/"
)


def buat(user) -> Notifikasi:
    (pk,) = notifikasi_buat(
        users=[user],
        jenis=Jenis.AKTIVITAS_DIKEMBALIKAN,
        judul="Aktivitas dikembalikan",
        isi="Catatan atasan: lengkapi uraian",
        url="/aktivitas/12/",
    )
    return Notifikasi.objects.get(pk=pk)


def pilih(user, kanal, **kw) -> PreferensiNotifikasi:
    return PreferensiNotifikasi.objects.create(user=user, pemda_id=user.pemda_id, kanal=kanal, **kw)


def antar(n: Notifikasi) -> Notifikasi:
    """Run the delivery task here (its retries too, at once), then re-read the row."""
    notifikasi_kirim_task.apply(args=(n.pk,))
    n.refresh_from_db()
    return n


@pytest.mark.django_db
def test_telegram_gets_one_send_message_with_the_chat_and_the_text(cast, telegram):
    user = cast.pegawai.user
    pilih(user, Kanal.TELEGRAM, telegram_chat_id="987654321")
    n = antar(buat(user))
    (req,) = telegram.requests
    assert (req.method, req.path) == ("POST", "/bot123456:ABC-uji/sendMessage")
    assert req.headers["content-type"] == "application/json"
    assert req.json() == {"chat_id": "987654321", "text": TEKS}
    assert (n.antar_status, n.antar_kanal, n.antar_percobaan) == (StatusAntar.TERKIRIM, "telegram", 1)
    assert n.terkirim is not None
    antar(n)  # a second task for the same row: nothing more goes out
    assert len(telegram.requests) == 1


@pytest.mark.django_db
def test_a_fonnte_style_gateway_gets_a_form_with_the_pegawais_own_number(cast, whatsapp, settings):
    settings.NOTIFICATION_DEFAULT_CHANNEL = "whatsapp"  # nobody chose: the installation's default applies
    cast.pegawai.no_hp = "0812-3456-7890"
    cast.pegawai.save()
    n = antar(buat(cast.pegawai.user))
    (req,) = whatsapp.requests
    assert (req.method, req.path) == ("POST", "/send")
    assert req.headers["authorization"] == "TOKEN-UJI"
    assert req.headers["content-type"] == "application/x-www-form-urlencoded"
    assert req.form() == {"target": "6281234567890", "message": TEKS, "countryCode": "62"}
    assert (n.antar_status, n.antar_kanal) == (StatusAntar.TERKIRIM, "whatsapp")


@pytest.mark.django_db
def test_a_wablas_style_gateway_gets_json_with_the_number_from_the_preferences(cast, whatsapp, settings):
    settings.WHATSAPP_GATEWAY_URL = f"{whatsapp.url}/api/send-message"
    settings.WHATSAPP_GATEWAY_HEADERS = {"Authorization": "TOKEN.SECRET"}
    settings.WHATSAPP_GATEWAY_BODY = {"data": [{"phone": "{nomor}", "message": "{pesan}"}]}
    settings.WHATSAPP_GATEWAY_FORMAT = "json"
    pilih(cast.pegawai.user, Kanal.WHATSAPP, no_wa="6285298765432")
    antar(buat(cast.pegawai.user))
    (req,) = whatsapp.requests
    assert (req.method, req.path, req.headers["authorization"]) == ("POST", "/api/send-message", "TOKEN.SECRET")
    assert req.headers["content-type"] == "application/json"
    assert req.json() == {"data": [{"phone": "6285298765432", "message": TEKS}]}


@pytest.mark.django_db
def test_a_get_gateway_gets_the_fields_in_the_query_string(cast, whatsapp, settings):
    settings.WHATSAPP_GATEWAY_URL = f"{whatsapp.url}/api/send?token=T0K"
    settings.WHATSAPP_GATEWAY_METHOD = "GET"
    settings.WHATSAPP_GATEWAY_BODY = {"phone": "{nomor}", "text": "{pesan}"}
    pilih(cast.pegawai.user, Kanal.WHATSAPP, no_wa="6285298765432")
    antar(buat(cast.pegawai.user))
    (req,) = whatsapp.requests
    url = urlsplit(req.path)
    assert (req.method, url.path, req.body) == ("GET", "/api/send", b"")
    assert parse_qsl(url.query) == [("token", "T0K"), ("phone", "6285298765432"), ("text", TEKS)]


@pytest.mark.django_db
def test_the_cloud_api_gets_a_text_message_with_the_bearer_token(cast, gateway, settings, site):
    settings.NOTIFICATION_CHANNELS = ["notifikasi.channels.WhatsAppCloudChannel"]
    settings.WHATSAPP_CLOUD_URL = f"{gateway.url}/v21.0"
    settings.WHATSAPP_CLOUD_PHONE_NUMBER_ID = "1098765"
    settings.WHATSAPP_CLOUD_TOKEN = "EAAG-uji"
    pilih(cast.pegawai.user, Kanal.WHATSAPP, no_wa="6285298765432")
    n = antar(buat(cast.pegawai.user))
    (req,) = gateway.requests
    assert (req.method, req.path) == ("POST", "/v21.0/1098765/messages")
    assert req.headers["authorization"] == "Bearer EAAG-uji"
    assert req.json() == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": "6285298765432",
        "type": "text",
        "text": {"preview_url": False, "body": TEKS},
    }
    assert n.antar_status == StatusAntar.TERKIRIM


@pytest.mark.django_db
def test_only_in_the_app_sends_nothing_outside(cast, telegram):
    pilih(cast.pegawai.user, Kanal.APLIKASI, telegram_chat_id="987654321")
    n = antar(buat(cast.pegawai.user))
    assert telegram.requests == []
    assert (n.antar_status, n.antar_percobaan, n.dibaca) == (StatusAntar.TIDAK, 0, None)  # still in the list


@pytest.mark.django_db
def test_a_chosen_channel_without_an_address_sends_nothing(cast, whatsapp):
    cast.pegawai.no_hp = ""
    cast.pegawai.save()
    pilih(cast.pegawai.user, Kanal.WHATSAPP)
    n = antar(buat(cast.pegawai.user))
    assert whatsapp.requests == [] and n.antar_status == StatusAntar.TIDAK
    assert "no whatsapp address" in n.antar_galat


def _queued(queue: str) -> list:
    """The messages waiting in the test's Celery queue on the real broker (taken off it)."""
    found = []
    with app.connection_for_read() as conn, conn.SimpleQueue(queue, no_ack=True) as q:
        while True:
            try:
                found.append(q.get(block=False))
            except q.Empty:
                return found


@needs_redis
@pytest.mark.django_db
def test_quiet_hours_hold_the_message_until_they_end(cast, telegram, _pinned_clock, _celery_queue_per_xdist_worker):
    # 09.00 WITA now (the pinned clock); quiet until 09.30 in the pemda's zone
    tenang = {"jam_tenang_mulai": time(8), "jam_tenang_selesai": time(9, 30)}
    pilih(cast.pegawai.user, Kanal.TELEGRAM, telegram_chat_id="987654321", **tenang)
    n = antar(buat(cast.pegawai.user))
    assert telegram.requests == [] and n.antar_status == StatusAntar.MENUNGGU
    (later,) = _queued(f"{_celery_queue_per_xdist_worker}.notifikasi")  # the notification queue (issue 20)
    assert later.headers["task"] == "notifikasi.tasks.notifikasi_kirim_task"
    assert later.payload[0] == [n.pk]
    eta = datetime.fromisoformat(later.headers["eta"])
    assert eta == datetime.combine(TODAY, time(9, 30), tzinfo=ZoneInfo("Asia/Makassar"))
    # when they end, the held task sends it
    _pinned_clock.move_to(eta + timedelta(seconds=1))
    assert antar(n).antar_status == StatusAntar.TERKIRIM
    assert len(telegram.requests) == 1


@pytest.fixture
def eager():
    """Tasks sent run here, at once (the on-commit delivery, and its retries without their delay)."""
    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.mark.django_db
def test_a_failing_gateway_is_retried_then_recorded_and_the_action_still_commits(
    cast, telegram, settings, eager, caplog, django_capture_on_commit_callbacks
):
    settings.NOTIFICATION_RETRIES = 3
    telegram.status = 500
    user = cast.pegawai.user
    pilih(user, Kanal.TELEGRAM, telegram_chat_id="987654321")
    with caplog.at_level(logging.WARNING, logger="notifikasi.services"):
        with django_capture_on_commit_callbacks(execute=True):
            with transaction.atomic():  # the action that notifies: here, turning the daily digest off
                user_set_pengingat(user=user, terima=False)
                n = buat(user)
    user.refresh_from_db()
    n.refresh_from_db()
    assert user.terima_pengingat is False  # the action stands
    assert len(telegram.requests) == 4  # the first try and three retries
    assert (n.antar_status, n.antar_percobaan) == (StatusAntar.GAGAL, 4)
    assert n.antar_galat == "HTTPError: HTTP Error 500: Internal Server Error"
    assert [r.levelname for r in caplog.records] == ["WARNING"] * 3 + ["ERROR"]
    assert "123456:ABC-uji" not in caplog.text  # the bot token stays out of the log


@pytest.mark.django_db
def test_a_gateway_that_answers_200_but_refuses_is_a_failure(cast, whatsapp, settings):
    settings.WHATSAPP_GATEWAY_SUCCESS = '"status":true'
    settings.NOTIFICATION_RETRIES = 0
    whatsapp.answer = b'{"status":false,"reason":"invalid token"}'
    pilih(cast.pegawai.user, Kanal.WHATSAPP, no_wa="6285298765432")
    n = antar(buat(cast.pegawai.user))
    assert n.antar_status == StatusAntar.GAGAL
    assert n.antar_galat == 'GatewayError: {"status":false,"reason":"invalid token"}'


@needs_redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_delivers_what_an_action_notified_once_it_commits(cast, telegram):
    user = cast.pegawai.user
    pilih(user, Kanal.TELEGRAM, telegram_chat_id="987654321")
    with celery_worker():
        with transaction.atomic():
            n = buat(user)
            assert telegram.requests == []  # nothing leaves before the commit
        wait_until(lambda: Notifikasi.objects.get(pk=n.pk).antar_status == StatusAntar.TERKIRIM, timeout=30)
    (req,) = telegram.requests
    assert req.json() == {"chat_id": "987654321", "text": TEKS}
