"""Where notifications go: e-mail, and any gateway (WhatsApp, Telegram…) plugged in by settings.

`settings.NOTIFICATION_CHANNELS` lists dotted paths of `Channel` subclasses. A channel gets a
recipient (a `User`, with `user.pegawai` loaded when there is one, so a gateway can read
`pegawai.no_hp`), a subject and a plain text; it says whom it can reach and sends. Callers build
`Pesan` objects and call `kirim`, which hands every channel the messages it can deliver.

A gateway is a small class with a `name`, `reaches(user)` and `send(user, subject, text)`; the
Telegram and WhatsApp ones are in notifikasi/channels.py. A `Pesan` may name the one channel the person
chose (`kanal`); `kirim` then gives it to that channel only.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)


@dataclass
class Pesan:
    """One message to one recipient."""

    user: object  # accounts.User
    subject: str
    text: str
    # The one channel (by name) the person chose; None: every channel that reaches them (an activation code).
    kanal: str | None = None


class Channel:
    """A way to reach a user. Subclasses set `name` and implement `send` (and `reaches` if not everyone)."""

    name = ""

    def reaches(self, user) -> bool:
        """Whether this channel has an address for the user (no query: read loaded fields only)."""
        return True

    def send(self, user, subject: str, text: str) -> None:
        raise NotImplementedError

    def send_many(self, pesan: list[Pesan]) -> list[Pesan]:
        """Send a batch; return the messages that went out. One failure does not stop the others."""
        sent = []
        for p in pesan:
            try:
                self.send(p.user, p.subject, p.text)
            except Exception:
                log.exception("channel %s could not reach user %s", self.name, p.user.pk)
            else:
                sent.append(p)
        return sent


class EmailChannel(Channel):
    """E-mail through Django's mailers (console in development, SMTP from EMAIL_URL in production)."""

    name = "email"
    mailer = None  # the open connection while a batch is being sent

    def reaches(self, user) -> bool:
        return bool(user.email)

    def send_many(self, pesan: list[Pesan]) -> list[Pesan]:
        if not pesan:
            return []
        self.mailer = mailers.default
        try:
            with self.mailer:  # one SMTP connection for the batch; a bad address costs only its own mail
                return super().send_many(pesan)
        finally:
            self.mailer = None

    def send(self, user, subject: str, text: str) -> None:
        (self.mailer or mailers.default).send_messages([EmailMessage(subject, text, to=[user.email])])


def channels() -> list[Channel]:
    """The configured channels, in settings order."""
    return [import_string(path)() for path in getattr(settings, "NOTIFICATION_CHANNELS", [])]


def reachable(chans: list[Channel], user, kanal: str | None = None) -> bool:
    """Whether one of `chans` (only the one named `kanal`, when given) has an address for the user."""
    return any(c.reaches(user) for c in chans if kanal is None or c.name == kanal)


def kirim(pesan: list[Pesan]) -> set[int]:
    """Give every channel the messages it can deliver (a message with a `kanal` goes to that channel only);
    return the ids of the users reached by at least one."""
    reached: set[int] = set()
    for channel in channels():
        batch = [p for p in pesan if p.kanal in (None, channel.name) and channel.reaches(p.user)]
        try:
            sent = channel.send_many(batch)
        except Exception:  # a gateway that is down must not keep the other channels from sending
            log.exception("channel %s failed", channel.name)
            continue
        reached.update(p.user.pk for p in sent)
    return reached
