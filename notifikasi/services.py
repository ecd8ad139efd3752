"""Writing notifications (issue 17). Every trigger calls `notifikasi_buat`; delivery to the person's
channel (e-mail, Telegram, WhatsApp) happens in the worker after the transaction commits."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

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


@dataclass(frozen=True)
class Baru:
    """One notification to write in a batch: each person their own text (`notifikasi_buat_banyak`)."""

    user: Any
    judul: str
    isi: str = ""
    url: str = ""
    kunci: str = ""


def notifikasi_buat_banyak(*, jenis: str, pesan: Iterable[Baru]) -> list[int]:
    """Write many notifications of one kind, each with its own text, in three queries whatever their
    number (a batch of returned entries, a morning job); the same `kunci` rule as `notifikasi_buat`:
    a user who already has a notification with that key gets no second one. Call it inside the
    action's transaction, like `notifikasi_buat`."""
    pesan = [p for p in pesan]
    if not pesan:
        return []
    pasangan = {(p.user.pk, p.kunci) for p in pesan if p.kunci}
    sudah: set[tuple[int, str]] = set()
    if pasangan:
        sudah = set(
            Notifikasi.objects.filter(
                user_id__in={u for u, _k in pasangan}, kunci__in={k for _u, k in pasangan}
            ).values_list("user_id", "kunci")
        )
    baru = [p for p in pesan if not p.kunci or (p.user.pk, p.kunci) not in sudah]
    rows = [
        Notifikasi(
            pemda_id=p.user.pemda_id,
            user=p.user,
            jenis=jenis,
            judul=p.judul[:200],
            isi=p.isi,
            url=p.url[:300],
            kunci=p.kunci,
        )
        for p in baru
    ]
    if not rows:
        return []
    ids = [r.pk for r in Notifikasi.objects.bulk_create([r for r in rows if not r.kunci])]
    # a concurrent run may have written some meanwhile: those keep their one row
    Notifikasi.objects.bulk_create([r for r in rows if r.kunci], ignore_conflicts=True)
    berkunci = {(p.user.pk, p.kunci) for p in baru if p.kunci}
    if berkunci:
        ids += [
            pk
            for pk, user_id, kunci in Notifikasi.objects.filter(
                user_id__in={u for u, _k in berkunci}, kunci__in={k for _u, k in berkunci}, dibaca__isnull=True
            )
            .order_by("pk")
            .values_list("pk", "user_id", "kunci")
            if (user_id, kunci) in berkunci
        ]
    ids.sort()
    transaction.on_commit(lambda: _antar(ids))
    return ids
