"""Idempotency keys: a create or submit runs once per key, however often its request arrives.

Each form carries a hidden key made when the form is rendered (`{% kunci_idempotensi %}`). The
service call runs in one transaction with the INSERT of that key; the database's unique constraint
(user, kunci) decides who was first. A repeated request (double click, a retry after a timeout, the
offline retry of ekinerja.js, two threads at once) waits for the first one's transaction, finds its
row, and gets the same result without running the service again. If the service fails, the key's
row is rolled back with it, so the corrected form can be sent again with the same key.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from .models import KunciIdempotensi

FIELD = "kunci_idempotensi"


@dataclass(frozen=True)
class Hasil:
    """Where the request leads (its redirect) and what it made; `ulang` when this is a repeat."""

    url: str
    objek_id: int | None = None
    ulang: bool = False


def kunci_baru() -> str:
    return str(uuid.uuid4())


def kunci_dari(data: Any) -> uuid.UUID | None:
    """The key sent with a form (a QueryDict or a request), or None when missing or malformed."""
    data = getattr(data, "POST", data)
    try:
        return uuid.UUID(str(data.get(FIELD, "")))
    except (TypeError, ValueError, AttributeError):
        return None


def sekali(*, user, kunci: uuid.UUID | str | None, aksi: Callable[[], Hasil]) -> Hasil:
    """Run `aksi` once per (user, kunci) and return its result; a repeat returns the first result.

    Without a key (an old page still open in a browser) `aksi` simply runs, as before this existed.
    """
    if not kunci:
        return aksi()
    with transaction.atomic():
        row_id = _claim(user.pk, kunci)
        if row_id is None:
            # the first request has committed (the INSERT above waited for it): replay its result
            first = KunciIdempotensi.objects.get(user=user, kunci=kunci)
            return Hasil(url=first.hasil_url, objek_id=first.objek_id, ulang=True)
        hasil = aksi()  # an exception rolls the key back too
        KunciIdempotensi.objects.filter(pk=row_id).update(hasil_url=hasil.url, objek_id=hasil.objek_id)
    return hasil


def _claim(user_id: int, kunci: uuid.UUID | str) -> int | None:
    """INSERT the key, or nothing when it is already there: the id of the new row, else None.

    ON CONFLICT DO NOTHING waits for a concurrent insert of the same key like a plain INSERT does
    (and inserts after all if that one rolls back), without the savepoint a caught IntegrityError
    needs (two statements fewer on every submit)."""
    meta = KunciIdempotensi._meta
    table = connection.ops.quote_name(meta.db_table)
    # the fields prepare the values for this database (SQLite stores the key as text, PostgreSQL as uuid)
    params = [
        user_id,
        meta.get_field("kunci").get_db_prep_value(uuid.UUID(str(kunci)), connection),
        meta.get_field("dibuat").get_db_prep_value(timezone.now(), connection),
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (user_id, kunci, hasil_url, objek_id, dibuat) VALUES (%s, %s, '', NULL, %s) "
            "ON CONFLICT (user_id, kunci) DO NOTHING RETURNING id",
            params,
        )
        row = cursor.fetchone()
    return row[0] if row else None


def hasil_untuk(*, user, kunci: uuid.UUID | str) -> Hasil | None:
    """The recorded result of a key of this user (what ekinerja.js asks after a background send)."""
    row = KunciIdempotensi.objects.filter(user=user, kunci=kunci).first()
    return Hasil(url=row.hasil_url, objek_id=row.objek_id, ulang=True) if row else None


def sekali_service(request, service: Callable[..., Any], selesai: Callable[[Any], str]) -> Callable[..., Hasil]:
    """Wrap a create service for `core.pages.submit`: it runs once per the form's key;
    `selesai(obj)` (messages, the redirect URL) runs only the first time."""

    def run(**kwargs) -> Hasil:
        def aksi() -> Hasil:
            obj = service(**kwargs)
            return Hasil(url=selesai(obj), objek_id=obj.pk)

        return sekali(user=request.user, kunci=kunci_dari(request), aksi=aksi)

    return run
