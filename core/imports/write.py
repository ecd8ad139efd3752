"""Writing the rows of an import all together, or none of them (issues 3 and 4).

Each row is saved through the app's own service in ONE transaction; what only the service knows (a
clash between two rows, a post already filled) becomes an error of that row, and any error rolls
the whole file back, so the clerk sees every reason in one pass and nothing is half-imported.
"""

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .results import BarisError, HasilImpor

PROGRESS_EVERY = 20  # rows between two progress reports of a background import


class Baris(Protocol):
    """A parsed row: its number in the file and what is wrong with it."""

    baris: int
    errors: list[BarisError]


def service_errors(exc: ValidationError, baris: int, label: Callable[[str], str]) -> list[BarisError]:
    """A service's ValidationError as errors of row `baris`; a field's error under `label(field)`."""
    if hasattr(exc, "error_dict"):
        return [
            BarisError(baris, label(name), message)
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    return [BarisError(baris, _("Data"), message) for message in exc.messages]


def column_order(labels: Sequence[str]) -> Callable[[BarisError], tuple]:
    """Sort key of errors: by row, then in the order of the columns (`labels`), then by reason."""
    order = {label: i for i, label in enumerate(labels)}

    def key(error: BarisError) -> tuple:
        return (error.baris, order.get(error.kolom, len(order)), error.alasan)

    return key


def write_all_or_nothing(
    rows: Sequence[Baris],
    save: Callable[[Any], int | None],
    *,
    label: Callable[[str], str],
    denied: Callable[[Any], str],
    order: Sequence[str],
    conflict: tuple[str, str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> HasilImpor:
    """Save every row without errors through `save` (which returns the new row's id or None), in one
    transaction that rolls back if any row of the file has an error, found before or while saving.

    A service's ValidationError is reported per field (`label` names the column), PermissionDenied
    under the column `denied(row)`, and an IntegrityError, when `conflict` = (column, message) is
    given, as that message (the service runs in its own savepoint, so the transaction goes on).
    `progress(n)` hears every PROGRESS_EVERY rows how many rows are done.
    """
    ready = [r for r in rows if not r.errors]
    ids = []
    with transaction.atomic():
        for i, row in enumerate(ready, start=1):
            if progress is not None and i % PROGRESS_EVERY == 0:
                progress(len(rows) - len(ready) + i)
            try:
                new_id = save(row)
            except ValidationError as exc:
                row.errors.extend(service_errors(exc, row.baris, label))
            except PermissionDenied as exc:
                row.errors.append(BarisError(row.baris, label(denied(row)), str(exc)))
            except IntegrityError:
                if conflict is None:
                    raise
                row.errors.append(BarisError(row.baris, label(conflict[0]), conflict[1]))
            else:
                if new_id is not None:
                    ids.append(new_id)
        errors = sorted((e for r in rows for e in r.errors), key=column_order(order))
        if errors:
            transaction.set_rollback(True)
    if errors:
        return HasilImpor(dibuat=0, total=len(rows), errors=errors)
    return HasilImpor(dibuat=len(ready), total=len(rows), errors=[], ids=tuple(ids))


@contextmanager
def stored_upload(path: str) -> Iterator[bytes]:
    """The bytes of an upload a background import was handed (a file in the default storage); the
    file is deleted when the import is done, whatever happened."""
    try:
        with default_storage.open(path, "rb") as f:
            yield f.read()
    finally:
        default_storage.delete(path)
