"""The Celery app. The broker comes from settings (Redis, or the embedded filesystem broker).

Three queues (issue 20), so a night's work or a burst of messages never delays what a user waits
for: the default queue (interactive: the recaps, exports and imports a user started),
`<default>.malam` (what the beat schedule starts, and the per-pemda tasks its dispatcher sends) and
`<default>.notifikasi` (deliveries). In production one worker pool per queue (`-Q celery`,
`-Q celery.malam`, `-Q celery.notifikasi`); `make run` and the tests run one worker on all three
(`antrean_semua`). The default queue's name is the prefix, so the tests' per-process queues stay apart."""

import functools
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ekinerja.settings")

app = Celery("ekinerja")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@functools.cache
def _tugas_malam() -> frozenset[str]:
    from django.conf import settings

    names = set()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        names.add(entry["task"])
        if tugas := entry.get("kwargs", {}).get("tugas"):
            names.add(tugas)
    return frozenset(names)


def jenis_antrean(name: str) -> str | None:
    """"notifikasi", "malam" or None (the default, interactive queue) for a task name."""
    if name.startswith("notifikasi."):
        return "notifikasi"
    return "malam" if name in _tugas_malam() else None


def rute(name, args, kwargs, options, task=None, **kw):
    """Celery's router (settings.CELERY_TASK_ROUTES)."""
    jenis = jenis_antrean(name)
    return {"queue": f"{app.conf.task_default_queue}.{jenis}"} if jenis else None


def antrean_semua() -> list[str]:
    """The three queues, for a worker that serves them all."""
    default = app.conf.task_default_queue
    return [default, f"{default}.malam", f"{default}.notifikasi"]
