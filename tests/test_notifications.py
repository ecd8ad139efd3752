"""The channel interface: e-mail through Django's mailers, gateways plugged in by settings (issue 8)."""

import pytest
from django.core import mail

from core.notifications import Channel, EmailChannel, Pesan, channels, kirim
from tests.factories import UserFactory


class MemoryChannel(Channel):
    """A gateway that reaches only users with a phone-like username, and records what it sent."""

    name = "memory"
    sent: list[tuple[int, str, str]] = []

    def reaches(self, user):
        return user.username.startswith("08")

    def send(self, user, subject, text):
        if user.username == "08-rusak":
            raise OSError("gateway refused")
        MemoryChannel.sent.append((user.pk, subject, text))


class DownChannel(Channel):
    name = "down"

    def send_many(self, pesan):
        raise ConnectionError("gateway unreachable")


@pytest.fixture
def memory(settings):
    settings.NOTIFICATION_CHANNELS = [
        "core.notifications.EmailChannel",
        "tests.test_notifications.DownChannel",
        "tests.test_notifications.MemoryChannel",
    ]
    MemoryChannel.sent = []
    return MemoryChannel.sent


def test_channels_come_from_settings_in_order(memory):
    assert [c.name for c in channels()] == ["email", "down", "memory"]


def test_the_default_channel_is_e_mail(settings):
    assert settings.NOTIFICATION_CHANNELS == ["core.notifications.EmailChannel"]


def test_e_mail_skips_users_without_an_address(db):
    with_mail, without = UserFactory(email="a@contoh.go.id"), UserFactory(email="")
    channel = EmailChannel()
    assert channel.reaches(with_mail) and not channel.reaches(without)
    sent = channel.send_many([Pesan(with_mail, "Subjek", "Isi")])
    assert [p.user for p in sent] == [with_mail]
    assert [(m.to, m.subject, m.body) for m in mail.outbox] == [(["a@contoh.go.id"], "Subjek", "Isi")]


def test_each_channel_gets_only_whom_it_reaches_and_a_broken_one_stops_nobody(db, memory):
    email_only = UserFactory(username="pns1", email="pns1@contoh.go.id")
    phone_only = UserFactory(username="0812", email="")
    both = UserFactory(username="0813", email="b@contoh.go.id")
    broken = UserFactory(username="08-rusak", email="")
    nobody = UserFactory(username="pns2", email="")
    reached = kirim([Pesan(u, "S", "T") for u in (email_only, phone_only, both, broken, nobody)])
    assert reached == {email_only.pk, phone_only.pk, both.pk}
    assert sorted(m.to[0] for m in mail.outbox) == ["b@contoh.go.id", "pns1@contoh.go.id"]
    assert sorted(pk for pk, _s, _t in memory) == sorted([phone_only.pk, both.pk])
