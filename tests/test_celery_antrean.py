"""Issue 20: the interactive, nightly and notification queues (ekinerja/celery.py)."""

from django.conf import settings

from ekinerja.celery import antrean_semua, app, rute


def _queue(name: str) -> str:
    route = rute(name, (), {}, {})
    return route["queue"] if route else app.conf.task_default_queue


def test_each_task_goes_to_its_queue():
    default = app.conf.task_default_queue
    assert _queue("tpp.tasks.tpp_rekap_bulanan_task") == default  # a recap HR started: interactive
    assert _queue("accounts.tasks.jadwal_pemda") == f"{default}.malam"  # beat's dispatcher
    assert _queue("activities.tasks.kejanggalan_periksa_task") == f"{default}.malam"  # a per-pemda night task
    assert _queue("accounts.tasks.sessions_clear") == f"{default}.malam"
    assert _queue("notifikasi.tasks.notifikasi_kirim_task") == f"{default}.notifikasi"
    assert antrean_semua() == [default, f"{default}.malam", f"{default}.notifikasi"]


def test_every_beat_task_is_nightly():
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert _queue(entry["task"]).endswith(".malam")
        if tugas := entry.get("kwargs", {}).get("tugas"):
            assert _queue(tugas).endswith(".malam")


def test_tasks_have_time_limits():
    assert 0 < settings.CELERY_TASK_SOFT_TIME_LIMIT < settings.CELERY_TASK_TIME_LIMIT
    assert app.conf.task_time_limit == settings.CELERY_TASK_TIME_LIMIT
