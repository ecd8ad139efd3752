"""Logging during a database outage (issue 8): one line per failed request, a traceback at most once a
minute. Kept apart from core.middleware so that settings.LOGGING can load the filter before the
apps are ready."""

import logging
import time

from django.db import InterfaceError, OperationalError

DATABASE_DOWN = (OperationalError, InterfaceError)
TRACEBACK_EVERY_SECONDS = 60  # during an outage every request fails the same way: one traceback a minute is plenty
_last_traceback = [float("-inf")]  # per process (each gunicorn worker keeps its own)


def _traceback_due() -> bool:
    """True at most once per TRACEBACK_EVERY_SECONDS (per process)."""
    now = time.monotonic()
    if now - _last_traceback[0] >= TRACEBACK_EVERY_SECONDS:
        _last_traceback[0] = now
        return True
    return False


def _first_line(exception: BaseException) -> str:
    return (str(exception).strip().splitlines() or [type(exception).__name__])[0]


def log_database_down(log: logging.Logger, request, exception: BaseException) -> None:
    """One line per request failed by a database outage; the traceback at most once a minute."""
    log.error(
        "database unavailable: %s %s: %s",
        request.method,
        request.path,
        _first_line(exception),
        exc_info=exception if _traceback_due() else None,
    )
    request._gangguan_dicatat = True  # GangguanLogFilter drops Django's own line for this response


class GangguanLogFilter(logging.Filter):
    """For the `django.request` logger (settings.LOGGING): a request failed by a database outage is
    one line, with a traceback at most once a minute, instead of a (chained, so doubled) traceback per
    request: 1,568 tracebacks for 787 failed requests in one PostgreSQL restart of bench/peak.py."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(getattr(record, "request", None), "_gangguan_dicatat", False):
            return False  # GangguanMiddleware has logged this one already
        exception = record.exc_info[1] if record.exc_info else None
        if isinstance(exception, DATABASE_DOWN):
            record.msg, record.args = "%s (database unavailable: %s)", (record.getMessage(), _first_line(exception))
            if not _traceback_due():
                record.exc_info = record.exc_text = None
        return True
