"""Small builders shared by the test modules."""

import io
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

import openpyxl
from celery.contrib.testing.worker import TestWorkController, start_worker
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.access_registry import pages_by_persona

# The one day every test lives in: tests/conftest.py travels there (at 09.00 local time, with the
# clock ticking on) before each test, so no result depends on the day, the weekday or the hour the
# suite happens to run. A Wednesday: yesterday and tomorrow are working days too, the month is
# neither starting nor ending, and no national holiday is near. Tests take it from the `today`
# fixture, or import it here for module-level constants.
TODAY = date(2026, 11, 18)


def wait_until(condition: Callable[[], object], *, timeout: float = 30, every: float = 0.05, what: str = ""):
    """Poll `condition` until it returns something truthy (and return that), or fail after `timeout`
    seconds. For waiting on a worker or a thread: never a fixed sleep, which is either too short on a
    busy machine or wasted time on an idle one."""
    end = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() >= end:
            raise AssertionError(f"gave up after {timeout} s waiting for {what or condition}")
        time.sleep(every)


def wait_for_job(job, until=None, *, timeout: float = 60):
    """Wait until a background job's row is finished (or `until(job)` holds), re-read each time; a
    worker thread or process moves it. Returns the job."""

    def moved():
        job.refresh_from_db()
        return until(job) if until else job.is_finished

    try:
        wait_until(moved, timeout=timeout, what=f"job {job.pk} ({job.kind})")
    except AssertionError as e:
        raise AssertionError(f"{e}: {job.status} {job.done}/{job.total} {job.message} {job.error}") from None
    return job


class _WorkerDenganBatas(TestWorkController):
    """Celery's test worker, but a worker that never gets ready fails the test instead of hanging it."""

    def ensure_started(self):
        if not self._on_started.wait(timeout=60):
            raise RuntimeError("the Celery test worker was not ready within 60 s")


@contextmanager
def celery_worker() -> Iterator[None]:
    """A real Celery worker (solo pool, in a thread) for the block; it sees the committed test data.

    Every worker test goes through here. Celery's `start_worker` stops a worker by setting
    `celery.worker.state.should_terminate` to 0 and puts it back to None only after the thread ended
    within the shutdown timeout; on a loaded machine a worker that took longer left it at 0, and every
    later worker of that pytest process stopped at once while `start_worker` waited for it forever
    (a hung suite). Here the stop may take up to two minutes, the flag is always put back, and a
    worker that never gets ready fails its test."""
    from celery.worker import state

    from ekinerja.celery import antrean_semua, app

    state.should_terminate = None
    try:
        with start_worker(
            app,
            pool="solo",
            perform_ping_check=False,
            shutdown_timeout=120,
            WorkController=_WorkerDenganBatas,
            queues=antrean_semua(),
        ):
            yield
    finally:
        state.should_terminate = None


def beat_run(name: str, *, timeout: float = 120) -> list[int]:
    """Run the beat entry `name` as beat would at this moment, in the worker of a `celery_worker()`
    block: its task, then for an entry of the pemda's local time (accounts/jadwal.py) each task it
    enqueued, one per pemda, all waited for and successful. Returns the pemda ids it ran for (none
    for installation-wide housekeeping)."""
    from celery.result import AsyncResult
    from django.conf import settings

    from ekinerja.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE[name]
    result = app.send_task(entry["task"], args=entry.get("args", ()), kwargs=entry.get("kwargs", {}))
    value = result.get(timeout=timeout)
    assert result.successful(), name
    if entry["task"] != "accounts.tasks.jadwal_pemda":
        return []
    for _pk, task_id in value:
        child = AsyncResult(task_id, app=app)
        child.get(timeout=timeout)
        assert child.successful(), (name, _pk)
    return [pk for pk, _id in value]


def on_this_clock(code: str) -> list[str]:
    """The command line `python -c code` for a process that starts on the calling test's pinned clock
    (at this very moment, ticking on): a process a test starts does not inherit time-machine's travel,
    and on the real clock it would disagree with the test about what "today" is."""
    pin = f"import time_machine; time_machine.travel({time.time()!r}, tick=True).start()\n"
    return [sys.executable, "-c", pin + code]


# `python manage.py …` (append the command's arguments) and `celery …` on the pinned clock
MANAGE = "import runpy, sys; sys.argv[0] = 'manage.py'; runpy.run_path('manage.py', run_name='__main__')"
CELERY = "import sys; from celery.__main__ import main; sys.argv[0] = 'celery'; sys.exit(main())"


def slow_progress(seconds: float) -> str:
    """Code for a worker started by a test (before CELERY): each progress step of a job takes
    `seconds` longer, so that the test can watch the bar move or kill the worker mid-job."""
    return (
        "from celery.signals import worker_init\n"
        "@worker_init.connect\n"
        "def _slow(**kwargs):\n"
        "    import time, tpp.recap as r\n"
        "    step = r.job_progress\n"
        f"    r.job_progress = lambda *a, **k: (step(*a, **k), time.sleep({seconds!r}))\n"
    )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_upload(rows: list[dict], headers: list[str], *, name: str, sheet: str) -> SimpleUploadedFile:
    """An uploaded xlsx with one sheet: a header row, then each row's values in header order."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(headers)
    for r in rows:
        ws.append([r.get(h) for h in headers])
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type=XLSX)


def form_aktivitas(**over) -> dict:
    """The entry form as the browser sends it: an hour of free-text work (08.00–09.00) today."""
    data = {
        "tanggal": TODAY.isoformat(),
        "jam_mulai": "08:00",
        "jam_selesai": "09:00",
        "mode": "BEBAS",
        "nama_kegiatan": "Rapat koordinasi",
        "menit_diajukan": "60",
        "uraian": "Notula rapat selesai",
        "bukti_link": "",
    }
    return data | over


def aktivitas_baru(pegawai, **over):
    """An entry written straight to the table: 08.00–09.00 today, 60 minutes, a draft unless told."""
    from datetime import time

    from activities.models import Aktivitas

    data = {
        "pemda_id": pegawai.pemda_id,
        "pegawai": pegawai,
        "tanggal": TODAY,
        "jam_mulai": time(8),
        "jam_selesai": time(9),
        "nama_kegiatan": "Menyusun laporan",
        "uraian": "Laporan",
        "menit_diajukan": 60,
        "menit": 60,
    }
    return Aktivitas.objects.create(**(data | over))


# The pages each persona of tests/conftest.py opens (GET, no arguments): swept for accessibility
# in the browser and for bad input without it. The `sweep` column of the access registry.
PAGES = pages_by_persona()


def absen_bulan(actor, pegawai: list, *, start: date, end: date, pin_awal: int = 9000):
    """A month of punches for `pegawai`, through the real path: a machine PIN each, then one
    generated ATTLOG file imported by `actor` (which recomputes the days). Each weekday from `start`
    to `end`: mostly on time, every 5th late (08.15), every 6th leaving at 15.00, every 7th
    without any punch ("Tanpa keterangan"); weekends stay without punches."""
    from datetime import timedelta

    from attendance.services.absen import pin_mesin_create
    from attendance.services.absen_simpan import absen_impor

    lines = []
    for i, p in enumerate(pegawai):
        pin = str(pin_awal + i)
        pin_mesin_create(actor=actor, pegawai=p, pin=pin)
        day, n = start, 0
        while day <= end:
            if day.weekday() < 5:
                n += 1
                if n % 7:
                    masuk = "08:15:00" if n % 5 == 0 else "07:20:00"
                    pulang = "15:00:00" if n % 6 == 0 else "16:35:00"
                    lines += [f"{pin}\t{day} {masuk}\t1\t1\t0", f"{pin}\t{day} {pulang}\t1\t1\t0"]
            day += timedelta(days=1)
    hasil = absen_impor(actor=actor, nama_file="ATTLOG.dat", data="\n".join(lines).encode())
    assert not hasil.errors, hasil.errors
    return hasil


def second_factor_pass(client, user) -> None:
    """What typing the code does (accounts.faktor_kedua.faktor_kedua_verify): the session counts as
    verified with a confirmed device of the user. The tests of the second factor itself
    (tests/accounts/test_faktor_kedua.py) type real codes instead."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    from accounts.faktor_kedua import SESI_ADA

    device, _ = StaticDevice.objects.get_or_create(user=user, name="ujian", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[SESI_ADA] = True
    session.save()


# what the activity rule form posts for the issue-18 settings (the national defaults; escalation off)
ATURAN_KEJANGGALAN_POST = {
    "kemiripan_teks_persen": "90", "teks_berulang_hari": "5", "teks_rekan_orang": "3", "teks_min_huruf": "20",
    "stempel_min_aktivitas": "20", "stempel_detik_per_aktivitas": "3",
}  # fmt: skip
