"""Bulk writes of thousands of rows at once, faster than `bulk_create` (PostgreSQL COPY).

`bulk_create(update_conflicts=True)` spends most of its time in Python preparing every value of
every field (a 10,000-row × 40-column month of TPP rows: seconds). COPY into a temporary table and
one `INSERT … SELECT … ON CONFLICT … DO UPDATE` does the same upsert with the values sent as text.
Other databases (SQLite in the embedded mode) fall back to `bulk_create`.
"""

import json
from collections.abc import Callable, Sequence
from operator import attrgetter

from django.db import connection, models, transaction


def _getter(field: models.Field) -> Callable[[models.Model], object]:
    """How to read one field's value for COPY (chosen once per field, not per row)."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return lambda obj: field.pre_save(obj, add=True)  # the time is set as bulk_create sets it
    if isinstance(field, models.JSONField):
        read = attrgetter(field.attname)
        return lambda obj: None if (v := read(obj)) is None else json.dumps(v, cls=field.encoder)
    if isinstance(field, models.DecimalField):  # rounded to the column's places, as the ORM does
        read = attrgetter(field.attname)
        return lambda obj: field.get_db_prep_save(read(obj), connection)
    return attrgetter(field.attname)


def upsert(
    model: type[models.Model],
    objs: Sequence[models.Model],
    *,
    unique_fields: Sequence[str],
    update_fields: Sequence[str],
) -> None:
    """Insert `objs`, or update `update_fields` of the row with the same `unique_fields` (the same
    result as `bulk_create(objs, update_conflicts=True, …)`; no primary keys are set on `objs`)."""
    if not objs:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objs, update_conflicts=True, unique_fields=unique_fields, update_fields=update_fields)
        return
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    columns = [f.column for f in fields]
    getters = [_getter(f) for f in fields]
    q = connection.ops.quote_name
    cols = ", ".join(q(c) for c in columns)
    conflict = ", ".join(q(meta.get_field(n).column) for n in unique_fields)
    updates = ", ".join(f"{q(c)} = EXCLUDED.{q(c)}" for c in (meta.get_field(n).column for n in update_fields))
    temp = q(f"_upsert_{meta.db_table}")
    # In a transaction (a savepoint when nested): a failure also rolls back the temporary table.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE {temp} AS SELECT {cols} FROM {q(meta.db_table)} WITH NO DATA")
        with cursor.copy(f"COPY {temp} ({cols}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row([get(obj) for get in getters])
        cursor.execute(
            f"INSERT INTO {q(meta.db_table)} ({cols}) SELECT {cols} FROM {temp} "
            f"ON CONFLICT ({conflict}) DO UPDATE SET {updates}"
        )
        cursor.execute(f"DROP TABLE {temp}")
