"""The persona cast (DESIGN.md §5): one small OPD chain plus a neighbour OPD.

Kepala Dinas (JPT)                      kadis
  └─ Sekretaris (Administrator)         atasan_atasan
       └─ Kasubag Umum (Pengawas)       atasan
            └─ Pengadministrasi (pelaksana)   pegawai
Badan Lain (another OPD)                pegawai_lain
admin_opd (of the dinas), hr (whole pemda), superadmin
"""

import os
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
import time_machine  # noqa: E402

from accounts.choices import Eselon, JenisJabatan, JenisUnit, Role  # noqa: E402
from accounts.models import Jabatan, Pegawai, Pemda, UnitKerja, User  # noqa: E402
from tests.factories import (  # noqa: E402
    PASSWORD,
    JabatanFactory,
    PemdaFactory,
    UnitFactory,
    UserFactory,
    posted,
)
from tests.helpers import TODAY, second_factor_pass  # noqa: E402


@dataclass
class Cast:
    pemda: Pemda
    dinas: UnitKerja
    sekretariat: UnitKerja
    subbag: UnitKerja
    badan: UnitKerja
    j_kadis: Jabatan
    j_sekretaris: Jabatan
    j_kasubag: Jabatan
    j_staf: Jabatan
    j_badan_staf: Jabatan
    kadis: Pegawai
    atasan_atasan: Pegawai
    atasan: Pegawai
    pegawai: Pegawai
    pegawai_lain: Pegawai
    admin_opd: User
    hr: User
    superadmin: User
    password: str = PASSWORD


@pytest.fixture
def cast(db) -> Cast:
    pemda = PemdaFactory(nama="Pemerintah Kota Uji", kode="UJI")
    dinas = UnitFactory(pemda=pemda, nama="Dinas Pendidikan Uji")
    sekretariat = UnitFactory(pemda=pemda, parent=dinas, nama="Sekretariat", jenis=JenisUnit.SEKRETARIAT)
    subbag = UnitFactory(pemda=pemda, parent=sekretariat, nama="Subbagian Umum", jenis=JenisUnit.SUBBAGIAN)
    badan = UnitFactory(pemda=pemda, nama="Badan Keuangan Uji")

    j_kadis = JabatanFactory(unit=dinas, nama="Kepala Dinas", jenis=JenisJabatan.JPT, eselon=Eselon.II_B, kelas=14)
    j_sek = JabatanFactory(
        unit=sekretariat,
        parent=j_kadis,
        nama="Sekretaris Dinas",
        jenis=JenisJabatan.ADMINISTRATOR,
        eselon=Eselon.III_A,
        kelas=11,
    )
    j_kasubag = JabatanFactory(
        unit=subbag,
        parent=j_sek,
        nama="Kepala Subbagian Umum",
        jenis=JenisJabatan.PENGAWAS,
        eselon=Eselon.IV_A,
        kelas=9,
    )
    j_staf = JabatanFactory(unit=subbag, parent=j_kasubag, nama="Pengadministrasi Perkantoran", kelas=5)
    j_kaban = JabatanFactory(unit=badan, nama="Kepala Badan", jenis=JenisJabatan.JPT, eselon=Eselon.II_B, kelas=14)
    j_badan_staf = JabatanFactory(unit=badan, parent=j_kaban, nama="Pengelola Keuangan", kelas=6)

    kadis = posted(j_kadis, nama="Kadis Utama")
    atasan_atasan = posted(j_sek, nama="Sekretaris Sejati")
    atasan = posted(j_kasubag, nama="Kasubag Teliti")
    pegawai = posted(j_staf, nama="Pegawai Rajin")
    pegawai_lain = posted(j_badan_staf, nama="Pegawai Badan")

    admin_pegawai = posted(j_staf, nama="Admin Kepegawaian")
    admin_opd = admin_pegawai.user
    admin_opd.role = Role.ADMIN_OPD
    admin_opd.opd = dinas
    admin_opd.save()
    hr = UserFactory(username="hr.bkpsdm", role=Role.HR_PEMDA, pemda=pemda)
    superadmin = UserFactory(username="superadmin", role=Role.SUPERADMIN, is_staff=True, is_superuser=True)

    return Cast(
        pemda=pemda,
        dinas=dinas,
        sekretariat=sekretariat,
        subbag=subbag,
        badan=badan,
        j_kadis=j_kadis,
        j_sekretaris=j_sek,
        j_kasubag=j_kasubag,
        j_staf=j_staf,
        j_badan_staf=j_badan_staf,
        kadis=kadis,
        atasan_atasan=atasan_atasan,
        atasan=atasan,
        pegawai=pegawai,
        pegawai_lain=pegawai_lain,
        admin_opd=admin_opd,
        hr=hr,
        superadmin=superadmin,
    )


# --- the clock -----------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _pinned_clock(settings):
    """Every test starts at 09.00 on TODAY (tests/helpers.py) in the pemda's time zone, whatever the
    real date: no test depends on the day, the weekday, midnight or the month the suite runs in.

    The clock ticks on from there (tick=True): Celery's in-thread workers, live_server, Redis
    timeouts, cache expiry and the polling helpers measure real elapsed time, and a frozen clock
    would stall them or make two rows written a moment apart carry one timestamp. A test has about
    fifteen hours before the date could change. A process the test starts itself (a `celery worker`
    subprocess, the embedded-mode run) lives on the real clock, so it must not decide by the date."""
    moment = datetime.combine(TODAY, time(9), tzinfo=ZoneInfo(settings.TIME_ZONE))
    with time_machine.travel(moment, tick=True) as traveller:
        yield traveller


@pytest.fixture
def today(_pinned_clock) -> date:
    """The pinned date: what timezone.localdate() answers during the test (a Wednesday)."""
    return TODAY


@pytest.fixture
def today_fixed(today) -> date:
    """The older name of `today`."""
    return today


# --- browser (Playwright on Debian's Chromium) --------------------------------------------------

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if os.environ.get("EKINERJA_SKIP_BROWSER") == "1" or not os.path.exists(CHROMIUM):
        pytest.skip("Chromium is not installed (make test installs it when run as root)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


def _celery_queue_drop(queue: str, *, delete: bool = False) -> None:
    from ekinerja.celery import app

    with app.pool.acquire(block=True) as conn:
        if delete:
            conn.default_channel.queue_delete(queue)
        else:
            conn.default_channel.queue_purge(queue)


@pytest.fixture(scope="session", autouse=True)
def _celery_queue_per_xdist_worker(worker_id):
    """Each pytest-xdist process runs its own Celery worker on its own test database; on one shared
    Redis they must not take each other's tasks. The queue is new in every run, too: Redis outlives
    a run, and a task an earlier run left behind (sent with no worker running, or restored from a
    killed worker) names rows of that run's database, whose ids this run's database gives to other
    rows: a stale recap task for job 3 marked this run's job 3 failed."""
    from ekinerja.celery import antrean_semua, app

    queue = f"ekinerja-test-{worker_id}-{uuid.uuid4().hex[:8]}"
    app.conf.task_default_queue = queue
    yield queue
    if os.environ.get("REDIS_URL"):
        for name in antrean_semua():
            _celery_queue_drop(name, delete=True)


@pytest.fixture(autouse=True)
def _celery_queue_emptied(_celery_queue_per_xdist_worker):
    """Tasks a test sent and no worker took (a posting's reassignment or a holiday's recomputation
    sent on commit by a transactional or browser test: hundreds of them) are dropped after it; the next
    test that starts a worker would otherwise run them all, on its own rows, before its own task."""
    from ekinerja.celery import antrean_semua

    yield
    if os.environ.get("REDIS_URL"):
        for name in antrean_semua():
            _celery_queue_drop(name)


@pytest.fixture(autouse=True)
def _kalender_input_forgotten():
    """The input calendar a process keeps (activities.selectors.kalender_input) must not carry one
    test's rolled-back holidays, outages or rules into the next."""
    from activities.selectors import kalender_lupakan

    kalender_lupakan()
    yield
    kalender_lupakan()


@pytest.fixture(scope="session", autouse=True)
def _static_files_looked_up_when_asked():
    """WhiteNoise stats every collected static file (about 1,200 with their compressed copies) each time
    a middleware chain is built, that is for every test client: ~0.1 s each, thousands of times a run,
    a fifth of the suite. In tests it looks a file up when one is asked for (its autorefresh mode),
    which serves the same files with the same headers."""
    from django.conf import settings

    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """PBKDF2's deliberate slowness costs ~0.3 s per user; tests need no such protection."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        # a hash made with the production hasher (tests that switch to it) still reads
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


# --- the second factor -----------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _role_holders_pass_the_second_factor(request, monkeypatch):
    """`client.force_login` (and `client.login`) skip the login form; for an account that must have a
    second factor (admin OPD, HR, superadmin) they skip the code too, so that the tests of every other
    page need not type one. A test marked `faktor_kedua_asli` logs in as the user would meet it."""
    if request.node.get_closest_marker("faktor_kedua_asli"):
        return
    from django.test import Client

    from accounts.faktor_kedua import faktor_kedua_wajib

    original = Client._login  # what both force_login and login end with

    def _login(self, user, backend=None):
        original(self, user, backend)
        if faktor_kedua_wajib(user):
            second_factor_pass(self, user)

    monkeypatch.setattr(Client, "_login", _login)


def totp_code(device) -> str:
    """The code an authenticator app set up with this TOTP device shows now; when this
    step's code was already used (a second login within 30 s), the next step's, which the one-step
    tolerance accepts (django-otp never takes one code twice)."""
    from django_otp.oath import TOTP

    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    if device.last_t >= totp.t():
        totp.drift = device.last_t - totp.t() + 1
    return f"{totp.token():06d}"


@pytest.fixture
def login(live_server):
    """Log in through the form; an account that must have a second factor (admin OPD, HR,
    superadmin) has an authenticator app set up and types its code, as its owner does."""

    def do_login(page, username: str, password: str):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from accounts.backends import normalise_login
        from accounts.faktor_kedua import faktor_kedua_wajib
        from accounts.models import User

        login_name = normalise_login(username)
        user = (User.objects.filter(pegawai__nip=login_name).first() if login_name.isdigit() else None) or (
            User.objects.filter(username__iexact=login_name).first()
        )
        if user is not None and faktor_kedua_wajib(user):
            TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "ponsel"})
        page.goto(f"{live_server.url}/masuk/")
        page.get_by_label("NIP atau nama pengguna").fill(username)
        page.get_by_label("Kata sandi").fill(password)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_load_state("domcontentloaded")
        if "/verifikasi/" in page.url:
            page.get_by_label("Kode verifikasi").fill(totp_code(TOTPDevice.objects.get(user=user, confirmed=True)))
            page.get_by_role("button", name="Lanjutkan").click()
            page.wait_for_load_state("domcontentloaded")
        # the landing page loads its panels after it shows (htmx): let them finish, or a test that
        # ends here leaves the live server mid-query while the database is emptied for the next test
        page.wait_for_load_state("networkidle")

    return do_login
