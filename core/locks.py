"""The month's lock (issue 15): a write that changes what a (pemda, month) pays and the closing of
that month never interleave.

Every such write takes the lock shared, then checks that the month is still open, and writes, all
in one transaction; the closing takes it exclusively, so it waits for the writes already past their
check and every later write waits for the closing and then finds the month closed. The lock is a
PostgreSQL transaction-level advisory lock on the pair (pemda id, year × 12 + month − 1), released
at commit or rollback: a worker killed while holding it leaves nothing behind. The (int, int)
advisory key space belongs to this lock.

On SQLite (the embedded mode) every transaction begins IMMEDIATE, so writes already run one at a
time: there is nothing to take. Outside a transaction there is nothing to hold the lock for (a page
drawing its buttons runs the same checks as the move): nothing is taken either.
"""

from datetime import date

from django.db import connection


def _kunci(pemda_id: int, mulai: date, selesai: date, fungsi: str) -> None:
    if connection.vendor != "postgresql" or not connection.in_atomic_block:
        return
    dari, sampai = mulai.year * 12 + mulai.month - 1, selesai.year * 12 + selesai.month - 1
    with connection.cursor() as cursor:
        # one statement for a range of months, taken in ascending order (no deadlock among writers)
        cursor.execute(f"SELECT {fungsi}(%s, k) FROM generate_series(%s, %s) AS k", [pemda_id, dari, sampai])


def kunci_bulan(pemda_id: int, mulai: date, selesai: date | None = None) -> None:
    """A write into the month of `mulai` (through the month of `selesai` if given): the lock shared,
    until the transaction ends. Check that the month is open after this, in the same transaction."""
    _kunci(pemda_id, mulai, selesai or mulai, "pg_advisory_xact_lock_shared")


def kunci_bulan_tutup(pemda_id: int, tahun: int, bulan: int) -> None:
    """The closing (or reopening) of a month: the lock exclusively, until the transaction ends."""
    d = date(tahun, bulan, 1)
    _kunci(pemda_id, d, d, "pg_advisory_xact_lock")
