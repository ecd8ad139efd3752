"""Periodic jobs at each pemda's own local time (issue 20: one installation, pemda in WIB, WITA, WIT).

The beat schedule (settings.CELERY_BEAT_SCHEDULE) stays the one declaration. An entry made with
`settings._per_pemda` names a job task and a *local* crontab (hours, weekdays); beat runs the
dispatcher `accounts.tasks.jadwal_pemda` at the entry's minute in each installation hour that is
one of those local hours in some zone (the three zones differ by whole hours, so a local minute is
the installation's minute). The dispatcher enqueues the job task `(pemda_id)` for every pemda whose
wall clock is in the local hours and weekdays, and the job then runs in that pemda's zone for that
pemda only (`per_pemda`). A beat that fires late within the hour still matches (minutes are not
compared); a second run in the same hour is harmless because every job body is idempotent.
"""

from collections.abc import Callable
from datetime import datetime

from celery import current_app
from celery.schedules import crontab

from core.dates import di_zona, waktu_lokal

from .models import Pemda


def cocok(jadwal: crontab, lokal: datetime) -> bool:
    """Whether a wall-clock time falls in a crontab's hours, weekdays, days and months (not minutes)."""
    return (
        lokal.hour in jadwal.hour
        and lokal.isoweekday() % 7 in jadwal.day_of_week  # crontab counts Sunday as 0
        and lokal.day in jadwal.day_of_month
        and lokal.month in jadwal.month_of_year
    )


def pemda_jatuh_tempo(jadwal: crontab, now: datetime | None = None) -> list[int]:
    """The pemda (ids, ascending) whose local time `now` (default: the present) is in `jadwal`."""
    rows = Pemda.objects.order_by("pk").only("pk", "zona_waktu")
    return [p.pk for p in rows if cocok(jadwal, waktu_lokal(p, now))]


def jadwal_kirim(*, tugas: str, jam: str, menit: int, hari: str = "*") -> list[list]:
    """The dispatcher's body: enqueue `tugas(pemda_id)` for each pemda whose local hour and weekday
    match; returns [pemda_id, task id] pairs (what ran where, for the logs and the tests)."""
    jadwal = crontab(hour=jam, minute=menit, day_of_week=hari)
    return [[pk, current_app.send_task(tugas, args=(pk,)).id] for pk in pemda_jatuh_tempo(jadwal)]


def per_pemda(body: Callable[..., int]) -> Callable[..., int]:
    """A job's body `body(pemda, *args, **kwargs) -> int` as a task function `(pemda_id, *args, **kwargs)`
    that runs it in the pemda's zone, so `core.dates.today()`, the day a punch falls on and every
    deadline are the pemda's. Without a pemda id (a periodic job run by hand, `celery call`), every
    pemda in turn, each in its own zone; returns the sum. A pemda deleted since the dispatch counts 0."""

    def run(pemda_id: int | None = None, *args, **kwargs) -> int:
        rows = Pemda.objects.order_by("pk")
        if pemda_id is not None:
            rows = rows.filter(pk=pemda_id)
        total = 0
        for pemda in rows:
            with di_zona(pemda):
                total += body(pemda, *args, **kwargs)
        return total

    # by hand, not functools.wraps: Celery reads the task's arguments from the function it is given
    run.__name__, run.__qualname__, run.__module__, run.__doc__ = (
        body.__name__, body.__qualname__, body.__module__, body.__doc__
    )  # fmt: skip
    return run
