"""Writing notifications (issue 17). Every trigger calls `notifikasi_buat`; delivery to the person's
channel (e-mail, Telegram, WhatsApp) happens in the worker after the transaction commits."""

from collections.abc import Iterable

from django.db import transaction

from .models import Notifikasi


def notifikasi_buat(
    *, users: Iterable, jenis: str, judul: str, isi: str = "", url: str = "", kunci: str = ""
) -> list[int]:
    """Put one notification in each user's list; return the ids of the rows written.

    `users` are `accounts.User` objects (with `pemda_id`). `kunci` (optional) names the event: a user who
    already has a notification with that key gets no second one. Call it inside the action's
    transaction: the rows appear with the action and are delivered once it commits.
    """
    users = list(users)
    if kunci:  # an event already notified to someone is not notified again
        sudah = set(Notifikasi.objects.filter(user__in=users, kunci=kunci).values_list("user_id", flat=True))
        users = [u for u in users if u.pk not in sudah]
    if not users:
        return []
    rows = [
        Notifikasi(pemda_id=u.pemda_id, user=u, jenis=jenis, judul=judul[:200], isi=isi, url=url[:300], kunci=kunci)
        for u in users
    ]
    if kunci:  # a concurrent run may have written some meanwhile: those keep their one row
        Notifikasi.objects.bulk_create(rows, ignore_conflicts=True)
        ids = list(
            Notifikasi.objects.filter(user__in=users, kunci=kunci, dibaca__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    else:
        ids = [r.pk for r in Notifikasi.objects.bulk_create(rows)]
    transaction.on_commit(lambda: _antar(ids))
    return ids


def _antar(ids: list[int]) -> None:
    """Hand the new notifications to the worker for delivery (filled in by the delivery part)."""
