"""The audit trail (issue 15): one append-only log of every write of pay- or access-relevant data.

`catat(aksi, objek, actor=…, sebelum=…, sesudah=…)` is called by the service that makes the write, in
its transaction (the row goes when the write rolls back). Each pemda's rows form a hash chain: a row's
hash covers its content and the previous row's hash, and rows are numbered without gaps (`seq`), so
`manage.py audit_verify` finds a row altered, removed or inserted after the fact. Appends to one
pemda's chain are serialised by a transaction-level advisory lock (PostgreSQL); the database refuses
UPDATE and DELETE on the table (core/migrations/0002).

The request id and the role come from the request (core.middleware.RequestIdMiddleware); a Celery job
or a command has none. This module imports no domain app: objects are described by their label,
pk, str(), and their `pemda_id` / `pegawai_id` when they have one.
"""

from __future__ import annotations

import contextvars
import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Model, QuerySet
from django.utils import timezone

from .models import AuditLog

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("audit_request_id", default="")

AWAL = "0" * 64  # the hash before the first row of a chain


def request_id_set(value: str) -> contextvars.Token:
    return _request_id.set(value)


def request_id_reset(token: contextvars.Token) -> None:
    _request_id.reset(token)


def _json(value: Any) -> Any:
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _json(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_json(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def nilai(obj: Model, fields: tuple[str, ...] | list[str]) -> dict:
    """The named fields of an object, as the log keeps them (foreign keys by id, dates as text)."""
    out = {}
    for name in fields:
        f = obj._meta.get_field(name)
        out[name] = _json(getattr(obj, f.attname))
    return out


def beda(sebelum: dict, sesudah: dict) -> tuple[dict, dict]:
    """Only the fields that changed, before and after."""
    keys = [k for k in sesudah if sebelum.get(k) != sesudah.get(k)]
    return {k: sebelum.get(k) for k in keys}, {k: sesudah[k] for k in keys}


def hash_of(row: AuditLog) -> str:
    """The row's hash: its content and the previous row's hash, as canonical JSON."""
    content = {
        "pemda": row.pemda_id,
        "seq": row.seq,
        "waktu": row.waktu.isoformat(),
        "actor": row.actor_id,
        "actor_nama": row.actor_nama,
        "peran": row.peran,
        "objek_tipe": row.objek_tipe,
        "objek_id": row.objek_id,
        "objek_repr": row.objek_repr,
        "pegawai": row.pegawai_id,
        "aksi": row.aksi,
        "sebelum": row.sebelum,
        "sesudah": row.sesudah,
        "request_id": row.request_id,
        "hash_sebelum": row.hash_sebelum,
    }
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _chain_lock(pemda_id: int | None) -> None:
    """One writer at a time per chain, until the transaction ends (SQLite writes one at a time anyway)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [0x4155, pemda_id or 0])


def _peran(actor) -> str:
    return str(getattr(actor, "role", "") or "")


def _nama(actor) -> str:
    if actor is None:
        return "sistem"
    pegawai = getattr(actor, "pegawai", None)
    name = getattr(pegawai, "nama_lengkap", None) or actor.get_full_name() or actor.get_username()
    return f"{name} ({actor.get_username()})"[:200]


@dataclass
class Entri:
    """One row to append: what `catat` takes, for `catat_banyak`."""

    aksi: str
    objek: Model | None = None
    sebelum: dict | None = None
    sesudah: dict | None = None
    pemda_id: int | None = None
    pegawai_id: int | None = None
    objek_tipe: str = ""
    objek_id: Any = ""
    objek_repr: str = ""


def _row(e: Entri, actor, peran: str, waktu: datetime) -> AuditLog:
    objek_tipe, objek_id, objek_repr = e.objek_tipe, e.objek_id, e.objek_repr
    pemda_id, pegawai_id = e.pemda_id, e.pegawai_id
    if e.objek is not None:
        objek_tipe = objek_tipe or e.objek._meta.label_lower
        objek_id = objek_id or e.objek.pk
        objek_repr = objek_repr or str(e.objek)
        if pemda_id is None:
            pemda_id = getattr(e.objek, "pemda_id", None)
        if pegawai_id is None:  # whose record: the pegawai itself, or the pegawai the row belongs to
            own = e.objek._meta.label_lower == "accounts.pegawai"
            pegawai_id = e.objek.pk if own else getattr(e.objek, "pegawai_id", None)
    if pemda_id is None and actor is not None:
        pemda_id = getattr(actor, "pemda_id", None)
    return AuditLog(
        pemda_id=pemda_id,
        waktu=waktu,
        actor_id=getattr(actor, "pk", None),
        actor_nama=_nama(actor),
        peran=peran or _peran(actor),
        objek_tipe=objek_tipe,
        objek_id=str(objek_id or ""),
        objek_repr=objek_repr[:300],
        pegawai_id=pegawai_id,
        aksi=e.aksi,
        sebelum=_json(e.sebelum or {}),
        sesudah=_json(e.sesudah or {}),
        request_id=_request_id.get(),
    )


@transaction.atomic
def catat_banyak(entri: list[Entri], *, actor=None, peran: str = "") -> list[AuditLog]:
    """Append rows in one go (a sheet of activation codes for a whole OPD): one lock and one read of
    each chain's end, hashes computed in order, one INSERT per thousand rows."""
    waktu = timezone.now()
    rows = [_row(e, actor, peran, waktu) for e in entri]
    for pemda_id in sorted({r.pemda_id for r in rows}, key=lambda x: x or 0):  # one lock order: no deadlock
        _chain_lock(pemda_id)
        last = AuditLog.objects.filter(pemda_id=pemda_id).order_by("-seq").values_list("seq", "hash").first()
        seq, prev = (last[0], last[1]) if last else (0, AWAL)
        for row in (r for r in rows if r.pemda_id == pemda_id):
            seq += 1
            row.seq, row.hash_sebelum = seq, prev
            row.hash = prev = hash_of(row)
    return AuditLog.objects.bulk_create(rows, batch_size=1000)


def catat(aksi: str, objek: Model | None = None, *, actor=None, peran: str = "", **kwargs) -> AuditLog:
    """Append one row to its pemda's chain (the object's `pemda_id` unless given): `sebelum`, `sesudah`,
    `pemda_id`, `pegawai_id`, `objek_tipe`, `objek_id`, `objek_repr` as in `Entri`."""
    return catat_banyak([Entri(aksi, objek, **kwargs)], actor=actor, peran=peran)[0]


def chain_verify(pemda_id: int | None) -> AuditLog | None:
    """The first row of a pemda's chain that does not hold (altered, or a row missing before it);
    None when the whole chain holds."""
    prev, expected_seq = AWAL, 1
    for row in AuditLog.objects.filter(pemda_id=pemda_id).order_by("seq").iterator(chunk_size=2000):
        if row.seq != expected_seq or row.hash_sebelum != prev or hash_of(row) != row.hash:
            return row
        prev, expected_seq = row.hash, row.seq + 1
    return None


def audit_visible_to(user) -> QuerySet[AuditLog]:
    """Who reads the trail: HR pemda their pemda's chain, a superadmin every chain, anyone else
    nothing (the roles are read as attributes: core imports no domain app)."""
    if getattr(user, "is_superadmin", False):
        return AuditLog.objects.all()
    if getattr(user, "is_hr_pemda", False) and user.pemda_id:
        return AuditLog.objects.filter(pemda_id=user.pemda_id)
    return AuditLog.objects.none()
