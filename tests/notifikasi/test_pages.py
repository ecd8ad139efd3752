"""The bell, the notification list, opening and marking read, and Akun › Pemberitahuan (issue 17)."""

import re
from datetime import time

import pytest
from django.urls import reverse

from notifikasi.choices import Jenis, Kanal
from notifikasi.models import Notifikasi, PreferensiNotifikasi

pytestmark = pytest.mark.django_db


def tulis(user, judul="Aktivitas dikembalikan", url="/aktivitas/", **kw) -> Notifikasi:
    return Notifikasi.objects.create(
        pemda_id=user.pemda_id, user=user, jenis=Jenis.AKTIVITAS_DIKEMBALIKAN, judul=judul, url=url, **kw
    )


def bell(html: str) -> str:
    """The text of the menu's Notifikasi link, tags removed."""
    link = re.search(r'<a [^>]*data-testid="nav-notifikasi"[^>]*>(.*?)</a>', html, re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", " ", link).split())


def test_the_bell_counts_the_users_own_unread_notifications(client, cast, today):
    for i in range(3):
        tulis(cast.pegawai.user, judul=f"Baru {i}")
    tulis(cast.pegawai.user, dibaca=cast.pegawai.user.date_joined)
    tulis(cast.atasan.user)  # someone else's
    client.force_login(cast.pegawai.user)
    assert bell(client.get(reverse("beranda")).content.decode()) == "Notifikasi 3 belum dibaca"
    client.force_login(cast.hr)  # a login without a pegawai record has its bell too
    assert bell(client.get(reverse("beranda")).content.decode()) == "Notifikasi"
    tulis(cast.hr)
    assert bell(client.get(reverse("beranda")).content.decode()) == "Notifikasi 1 belum dibaca"


def test_the_list_shows_the_users_own_newest_first_unread_marked_25_a_page(client, cast):
    user = cast.pegawai.user
    for i in range(27):
        tulis(user, judul=f"Pesan nomor {i:02d}", dibaca=user.date_joined if i < 20 else None)
    tulis(cast.atasan.user, judul="Milik atasan")
    client.force_login(user)
    html = client.get(reverse("notifikasi:daftar")).content.decode()
    judul = re.findall(r"Pesan nomor (\d\d)", html)
    assert judul == [f"{i:02d}" for i in range(26, 1, -1)]  # 25, newest first
    assert html.count("notifikasi-item notifikasi-baru") == 7 and "Milik atasan" not in html
    assert "Tandai semua sudah dibaca" in html
    page2 = client.get(reverse("notifikasi:daftar"), {"page": 2}).content.decode()
    assert re.findall(r"Pesan nomor (\d\d)", page2) == ["01", "00"]


def test_each_line_of_a_message_stays_a_line_and_what_was_typed_is_escaped(client, cast):
    """A returned entry's message: the entry and its note, then what to do, on separate lines."""
    user = cast.pegawai.user
    tulis(user, isi="Apel pagi — catatan Kasubag: <b>lampirkan</b> daftar\nPerbaiki lalu ajukan kembali.")
    client.force_login(user)
    html = client.get(reverse("notifikasi:daftar")).content.decode()
    assert "&lt;b&gt;lampirkan&lt;/b&gt; daftar<br>Perbaiki lalu ajukan kembali." in html


def test_opening_one_marks_it_read_and_goes_to_its_page(client, cast):
    n = tulis(cast.pegawai.user, url="/aktivitas/?tanggal=2026-10-12")
    client.force_login(cast.pegawai.user)
    assert client.get(reverse("notifikasi:buka", args=[n.pk])).status_code == 405  # a GET never writes
    response = client.post(reverse("notifikasi:buka", args=[n.pk]))
    assert (response.status_code, response["Location"]) == (302, "/aktivitas/?tanggal=2026-10-12")
    n.refresh_from_db()
    first = n.dibaca
    assert first is not None
    client.post(reverse("notifikasi:buka", args=[n.pk]))
    n.refresh_from_db()
    assert n.dibaca == first  # the first opening is the one that counts


def test_a_link_off_this_site_is_not_followed(client, cast):
    n = tulis(cast.pegawai.user, url="https://contoh-jahat.example/masuk")
    client.force_login(cast.pegawai.user)
    response = client.post(reverse("notifikasi:buka", args=[n.pk]))
    assert response["Location"] == reverse("notifikasi:daftar")


def test_another_persons_notification_is_not_found(client, cast):
    n = tulis(cast.atasan.user)
    client.force_login(cast.pegawai.user)
    assert client.post(reverse("notifikasi:buka", args=[n.pk])).status_code == 404
    n.refresh_from_db()
    assert n.dibaca is None


def test_mark_all_read_touches_only_the_users_own(client, cast):
    for _ in range(2):
        tulis(cast.pegawai.user)
    other = tulis(cast.atasan.user)
    client.force_login(cast.pegawai.user)
    response = client.post(reverse("notifikasi:baca_semua"), follow=True)
    html = response.content.decode()
    assert "2 pemberitahuan ditandai sudah dibaca." in html
    assert bell(html) == "Notifikasi" and "Tandai semua sudah dibaca" not in html
    assert Notifikasi.objects.filter(user=cast.pegawai.user, dibaca__isnull=True).count() == 0
    other.refresh_from_db()
    assert other.dibaca is None


# --- Akun › Pemberitahuan ---------------------------------------------------------------------------


@pytest.fixture
def saluran(settings):
    settings.NOTIFICATION_CHANNELS = [
        "core.notifications.EmailChannel",
        "notifikasi.channels.TelegramChannel",
        "notifikasi.channels.WhatsAppGatewayChannel",
    ]
    settings.TELEGRAM_BOT_TOKEN = "123:uji"
    settings.WHATSAPP_GATEWAY_URL = "http://127.0.0.1:9/send"


def test_the_page_offers_the_configured_channels_and_the_pemdas_zone(client, cast, saluran, settings):
    client.force_login(cast.pegawai.user)
    html = client.get(reverse("pengingat")).content.decode()
    for label in ("E-mail", "Telegram", "WhatsApp", "Hanya di aplikasi (tidak dikirim ke luar)"):
        assert label in html
    assert "Jam tenang memakai waktu WITA (UTC+8)." in html
    settings.NOTIFICATION_CHANNELS = ["core.notifications.EmailChannel"]
    html = client.get(reverse("pengingat")).content.decode()
    assert "Telegram" not in html and "ID chat Telegram" not in html and "Nomor WhatsApp" not in html


def test_saving_a_channel_with_its_address_and_quiet_hours(client, cast, saluran):
    user = cast.pegawai.user
    client.force_login(user)
    data = {"kanal": "whatsapp", "no_wa": "0812 3456 7890", "jam_tenang_mulai": "21:00", "jam_tenang_selesai": "06:00"}
    response = client.post(reverse("pengingat"), data, follow=True)
    assert "Pengaturan pemberitahuan sudah disimpan." in response.content.decode()
    pref = PreferensiNotifikasi.objects.get(user=user)
    assert (pref.kanal, pref.no_wa, pref.jam_tenang_mulai, pref.jam_tenang_selesai) == (
        Kanal.WHATSAPP,
        "6281234567890",
        time(21),
        time(6),
    )
    assert pref.pemda_id == cast.pemda.pk
    user.refresh_from_db()
    assert user.terima_pengingat is False  # the digest box was left empty
    client.post(reverse("pengingat"), {"kanal": "telegram", "telegram_chat_id": "987654321", "terima_pengingat": "on"})
    pref.refresh_from_db()
    user.refresh_from_db()
    assert (pref.kanal, pref.telegram_chat_id, user.terima_pengingat) == (Kanal.TELEGRAM, "987654321", True)
    assert PreferensiNotifikasi.objects.filter(user=user).count() == 1


def test_whatsapp_without_a_number_uses_the_pegawais_no_hp(client, cast, saluran):
    cast.pegawai.no_hp = "081234567890"
    cast.pegawai.save()
    client.force_login(cast.pegawai.user)
    html = client.get(reverse("pengingat")).content.decode()
    assert 'placeholder="081234567890"' in html
    assert client.post(reverse("pengingat"), {"kanal": "whatsapp", "no_wa": ""}).status_code == 302
    assert PreferensiNotifikasi.objects.get(user=cast.pegawai.user).no_wa == ""


@pytest.mark.parametrize(
    "data,field,message",
    [
        (
            {"kanal": "whatsapp", "no_wa": "0812"},
            "no_wa",
            "Nomor WhatsApp tidak dikenali. Tulis seperti 0812 3456 7890.",
        ),  # noqa: E501
        ({"kanal": "whatsapp"}, "no_wa", "Isi nomor WhatsApp Anda agar pesan dapat dikirim ke WhatsApp."),
        ({"kanal": "telegram"}, "telegram_chat_id", "Isi ID chat Telegram Anda agar pesan dapat dikirim ke Telegram."),
        (
            {"kanal": "telegram", "telegram_chat_id": "@saya"},
            "telegram_chat_id",
            "ID chat Telegram berupa angka, misalnya 123456789.",
        ),
        (
            {"kanal": "email", "jam_tenang_mulai": "25:99", "jam_tenang_selesai": "06:00"},
            "jam_tenang_mulai",
            "Isi jam dengan format JJ:MM, misalnya 21:00.",
        ),
        (
            {"kanal": "email", "jam_tenang_mulai": "21:00"},
            "jam_tenang_selesai",
            "Isi jam mulai dan jam selesai, atau kosongkan keduanya.",
        ),
        (
            {"kanal": "email", "jam_tenang_mulai": "21:00", "jam_tenang_selesai": "21:00"},
            "jam_tenang_selesai",
            "Jam selesai harus berbeda dari jam mulai.",
        ),
    ],
)
def test_bad_input_gets_a_clear_message_and_saves_nothing(client, cast, saluran, data, field, message):
    client.force_login(cast.pegawai.user)
    response = client.post(reverse("pengingat"), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert message in response.content.decode()
    assert not PreferensiNotifikasi.objects.exists()


def test_a_channel_this_installation_does_not_offer_is_refused(client, cast, settings):
    settings.NOTIFICATION_CHANNELS = ["core.notifications.EmailChannel"]
    client.force_login(cast.pegawai.user)
    response = client.post(reverse("pengingat"), {"kanal": "telegram", "telegram_chat_id": "1"})
    assert response.status_code == 200 and "kanal" in response.context["form"].errors
    assert not PreferensiNotifikasi.objects.exists()
