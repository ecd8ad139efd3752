"""Month-end capacity of one box (issue 20): the largest pemda it serves at p95 ≤ 150 ms, and overload.

    .venv/bin/python bench/peak.py --model [--pegawai 25000]     # the demand model only: req/s needed
    .venv/bin/python bench/peak.py                              # capacity search
    .venv/bin/python bench/peak.py --overload                   # capacity search, then 3 × that load
    .venv/bin/python bench/peak.py --overload --capacity 30     # 3 × 30 req/s, no search
    .venv/bin/python bench/peak.py --pg-restart --duration 30   # PostgreSQL killed mid-run (issue 8)

The demand model (`Permintaan`, options of the same names) turns a pemda's size into the request rate
of its busiest month-end hour: requests per pegawai per working day by kind (entries submitted, own
pages, verify/validate actions, queue pages), the share of the month's input that falls on its last
working days, and the busiest hour's share of such a day. Its proportions are the load's mix.

It (re)creates its own scratch database (default ekinerja_bench_peak on 127.0.0.1:5432; never a dev
or test database), migrates it, seeds the demo pemda with 10,000 employees (`seed_demo`), collects
static files, opens sessions for a few hundred pegawai and their atasan, puts month-end work in the
atasan's queues, and starts gunicorn as in production (README: gthread workers, 2 × cores, 8 threads
each, the admission control of core/admission.py, persistent connections, DEBUG off, whitenoise)
with Redis db 11 as the cache. A small asyncio HTTP client then sends the mix, as real POSTs of the
entry form ("Simpan dan ajukan", CSRF and idempotency key included) and of the queue's one-entry
action, and GETs of "Hari ini" and the queues.

Capacity: an open loop (Poisson arrivals at a given rate, each request's latency counted from when it
was due, as browsers do not wait for each other; a closed loop cannot overload a server). The rate
grows by --growth per step until a step misses p95 ≤ 150 ms or has an error, then is bisected
between the last pass and the first failure. After each step, `/sehat/` (one `SELECT 1`) runs in a
closed loop, so every step has its ratio to a trivial view under the same conditions. Printed per
step: req/s, p50/p95/p99, errors, p95 per kind, CPU per request of each part (gunicorn, PostgreSQL —
every postgres process of the machine, other people's included —, this client, the rest of the
machine; from /proc), and whether every entry and move the client saw confirmed is in the database.
Then the capacity, its ratio to `/sehat/`, and the largest pemda it serves by the model. The client
shares the machine's cores with gunicorn and PostgreSQL: the figures are for server + client on one box.

`--overload`: --overload-factor (3) × the capacity for --burst seconds. Passes when every admitted
request is answered correctly with p95 ≤ 300 ms, every other one gets the busy 503 page with
Retry-After (p95 ≤ 300 ms: at once, or after the longest wait in line), the health check stays 200,
and every entry sent — refused ones are sent again after Retry-After with the same idempotency key,
as static/js/ekinerja.js does — is in the database exactly once.

`--pg-restart` runs the mix in a closed loop of --concurrency connections with PostgreSQL killed
(`pg_ctl stop -m immediate`, a crash as far as the server is concerned) and started again in the
middle of the run. So that other people's tests on the shared server are not broken, that run uses
a private throwaway cluster (initdb as the `postgres` user, port 5499; skipped with a message when
that cannot be done). It reports
whether requests failed only while PostgreSQL was down and then with the friendly 503 page, whether
every entry the client saw confirmed (302) is in the database, and how long the app took to recover
by itself (CONN_HEALTH_CHECKS: no restart of gunicorn).
"""

import argparse
import asyncio
import contextvars
import html
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from datetime import time as jam
from pathlib import Path
from urllib.parse import urlencode, urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(ROOT))

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/ekinerja_bench_peak"
DEFAULT_REDIS = "redis://127.0.0.1:6379/11"
PRIVATE_PG_PORT = 5499
FRIENDLY_503 = "Layanan sedang terganggu"
SLOT_MINUTES = 15  # one submitted entry = one 15-minute slot of the pegawai's day (no overlaps)
FRIENDLY_BUSY = "Layanan sedang sibuk"  # the admission control's 503 (core/admission.py)
P95_TARGET_MS = 150  # what "serves" means: p95 of every request at or under this, and no error
P95_OVERLOAD_MS = 300  # at three times that load: p95 of the admitted requests
HTTP_TIMEOUT = 60  # seconds: a request with no answer by then counts as an error


# --- the demand model (issue 20): how many requests a pemda of N pegawai sends in its busiest hour ---


@dataclass(frozen=True)
class Permintaan:
    """Requests per pegawai per working day (month average), how the month end concentrates them,
    and the busiest hour's share. The kinds are the ones the load mixes, in these proportions.

    Assumptions (change them with the options of the same name): every pegawai records 4 activities
    a working day and opens 6 pages of their own ("Hari ini" after each entry and two more); every
    entry is verified and validated one POST at a time (the queue's bulk action makes it fewer: this
    is on the safe side), the approver reopening the queue after every second action; the last 3
    working days of a 21-day month carry 35 % of the month's input (people fill the month in before
    the recap), and the busiest hour of such a day carries 20 % of it (the hour before going home)."""

    entri_per_hari: float = 4.0
    halaman_per_hari: float = 6.0
    tindakan_per_entri: float = 2.0
    antrean_per_tindakan: float = 0.5
    hari_kerja: int = 21
    hari_akhir: int = 3
    porsi_akhir: float = 0.35
    porsi_jam_sibuk: float = 0.20

    def per_hari(self) -> dict[str, float]:
        """Requests of each kind per pegawai per (average) working day."""
        tindakan = self.entri_per_hari * self.tindakan_per_entri
        return {
            "submit": self.entri_per_hari,
            "hari-ini": self.halaman_per_hari,
            "tindak": tindakan,
            "antrean": tindakan * self.antrean_per_tindakan,
        }

    def bobot(self) -> dict[str, float]:
        """The mix: each kind's share of the requests."""
        kinds = self.per_hari()
        total = sum(kinds.values())
        return {kind: n / total for kind, n in kinds.items()}

    @property
    def faktor_akhir(self) -> float:
        """A month-end day against an average working day."""
        return self.porsi_akhir / self.hari_akhir * self.hari_kerja

    def per_pegawai(self) -> float:
        """req/s one pegawai adds in the busiest hour of the month."""
        return sum(self.per_hari().values()) * self.faktor_akhir * self.porsi_jam_sibuk / 3600

    def rate(self, pegawai: int) -> float:
        return pegawai * self.per_pegawai()

    def pegawai(self, rate: float) -> int:
        return int(rate / self.per_pegawai())

    def lines(self, pegawai: int) -> list[str]:
        kinds = self.per_hari()
        mix = ", ".join(f"{k} {v:g} ({self.bobot()[k]:.0%})" for k, v in kinds.items())
        return [
            f"demand model: per pegawai per working day {sum(kinds.values()):g} requests: {mix}",
            f"  month end: the last {self.hari_akhir} of {self.hari_kerja} working days carry {self.porsi_akhir:.0%} "
            f"of the month = {self.faktor_akhir:.2f} × an average day; busiest hour {self.porsi_jam_sibuk:.0%} of it",
            f"  = {self.per_pegawai() * 1000:.2f} req/s per 1,000 pegawai; a pemda of {pegawai:,} pegawai needs "
            f"{self.rate(pegawai):.1f} req/s at p95 ≤ {P95_TARGET_MS} ms",
        ]


def server_env(database_url: str, redis_url: str) -> dict[str, str]:
    """Production settings for the server and this process (both must agree on sessions and cache)."""
    return {
        "DJANGO_SETTINGS_MODULE": "ekinerja.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-not-secret-" + "x" * 40,
        "SECURE_SSL_REDIRECT": "0",  # plain http on loopback
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "ERROR",
        "CELERY_TASK_ALWAYS_EAGER": "1",
    }


# --- a private PostgreSQL cluster (for --pg-restart) ----------------------------------------------


class PrivateCluster:
    """A throwaway cluster owned by `postgres` (the server refuses to run as root)."""

    def __init__(self, port: int):
        self.port = port
        self.bindir = self._bindir()
        self.dir = Path(tempfile.mkdtemp(prefix="ekinerja-peak-pg-"))
        self.data = self.dir / "data"

    @staticmethod
    def _bindir() -> Path:
        found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
        if found:
            return found[-1].parent
        pg_ctl = shutil.which("pg_ctl")
        if pg_ctl:
            return Path(pg_ctl).resolve().parent
        raise RuntimeError("pg_ctl not found")

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, check=check, capture_output=True, text=True)

    def init(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8")
        self.start()

    def start(self) -> None:
        opts = f"-h 127.0.0.1 -p {self.port} -k {self.dir} -c max_connections=100"
        self._run("pg_ctl", "-D", str(self.data), "-w", "-l", str(self.dir / "log"), "-o", opts, "start")

    def crash(self) -> None:
        """Immediate shutdown: no checkpoint, clients cut off; WAL recovery at the next start."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")

    def destroy(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "stop", check=False)
        shutil.rmtree(self.dir, ignore_errors=True)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/ekinerja_bench_peak"


def recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"ekinerja_bench\w*", name):
        sys.exit(f"refusing to drop {name!r}: the benchmark only recreates databases named ekinerja_bench*")
    admin = f"{parts.scheme}://{parts.netloc}/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


# --- the actors ------------------------------------------------------------------------------------


@dataclass
class Sesi:
    """One signed-in browser: the session cookie, and the CSRF cookie + form token it was given."""

    username: str
    cookie: str
    csrf_cookie: str = ""
    csrf_token: str = ""
    next_slot: int = 0  # the pegawai's next free 15-minute slot on the submission day
    katalog_id: int = 0  # the catalog item of the pegawai's pemda (0: the plan's)
    verifikasi: list[int] = field(default_factory=list)  # entries waiting for this person's verification
    validasi: list[int] = field(default_factory=list)

    def headers(self) -> dict[str, str]:
        cookies = f"sessionid={self.cookie}"
        if self.csrf_cookie:
            cookies += f"; csrftoken={self.csrf_cookie}"
        return {"Cookie": cookies}


@dataclass
class Plan:
    tanggal: date  # the day the pegawai submit entries for (today, local time, when it is open)
    katalog_id: int  # a pemda-wide catalog item of 15 minutes ("Mengikuti apel pagi")
    staf: list[Sesi]
    atasan: list[Sesi]


def open_session(user) -> str:
    """A session as the login form leaves it (django.contrib.auth.login), without hashing a password."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string

    store = import_string(settings.SESSION_ENGINE + ".SessionStore")()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "accounts.backends.NipOrUsernameBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    store.save()
    return store.session_key


def _pick_staf(rng: random.Random, tanggal, n_staf: int, pemda_id: int | None = None) -> list[tuple]:
    """Up to `n_staf` (pegawai, atasan, atasan's atasan) today, of pegawai who may enter activities today
    (of one pemda when `pemda_id` is given)."""
    from accounts.faktor_kedua import faktor_kedua_wajib
    from accounts.models import Pegawai
    from accounts.selectors import approval_chain
    from activities.checks import check_hari_presensi, check_window

    pegawai = Pegawai.objects.filter(user__isnull=False).select_related("user").order_by("pk")
    pegawai = list(pegawai.filter(pemda_id=pemda_id) if pemda_id is not None else pegawai)
    rng.shuffle(pegawai)
    staf: list[tuple] = []
    for p in pegawai:
        if len(staf) == n_staf:
            break
        chain = approval_chain(p, tanggal, depth=2)
        if len(chain) < 2:
            continue
        # a role holder (admin OPD, HR) must pass the second factor first: the login form, not this load
        if faktor_kedua_wajib(p.user):
            continue
        try:
            check_window(p, tanggal)
            check_hari_presensi(p, tanggal)
        except Exception:  # noqa: BLE001 - a pegawai who may not enter today is simply not picked
            continue
        staf.append((p, chain[0].pegawai, chain[1].pegawai))
    return staf


def plan_actors(*, n_staf: int, queue_per_atasan: int, seed: int, pemda_id: int | None = None) -> Plan:
    """Pegawai with an atasan and an atasan's atasan today, their approvers, and waiting entries
    (of one pemda when `pemda_id` is given: bench/tenants.py; else of the only one)."""
    from django.utils import timezone

    from accounts.models import Pegawai, User
    from activities.choices import LingkupKatalog, Status
    from activities.models import Aktivitas, KegiatanKatalog

    rng = random.Random(seed)
    tanggal = timezone.localdate()
    staf = _pick_staf(rng, tanggal, n_staf, pemda_id)
    if len(staf) < n_staf // 2:
        sys.exit(f"only {len(staf)} pegawai may enter activities on {tanggal}: is it a holiday?")
    katalog = KegiatanKatalog.objects.filter(lingkup=LingkupKatalog.PEMDA, menit_per_satuan=SLOT_MINUTES)
    katalog = katalog.get(pemda_id=pemda_id) if pemda_id is not None else katalog.get()

    # The month-end backlog: each atasan has entries of their people waiting for verification, and
    # each atasan's atasan entries verified below and waiting for validation (older working days).
    hari = [tanggal - timedelta(days=k) for k in range(1, 12) if (tanggal - timedelta(days=k)).weekday() < 5][:5]
    by_atasan: dict[int, list] = {}
    by_atasan2: dict[int, list] = {}
    for p, a1, a2 in staf:
        by_atasan.setdefault(a1.pk, []).append((p, a1, a2))
        by_atasan2.setdefault(a2.pk, []).append((p, a1, a2))
    now = timezone.now()
    rows: list[Aktivitas] = []

    def backlog(groups: dict, status: str) -> None:
        for people in groups.values():
            for k in range(queue_per_atasan):
                p, a1, a2 = people[k % len(people)]
                day = hari[(k // len(people)) % len(hari)]
                slot = k // (len(people) * len(hari))
                start = 8 * 60 + slot * 20 + (10 if status == Status.VERIFIED else 0)
                rows.append(
                    Aktivitas(
                        pemda_id=p.pemda_id,
                        pegawai=p,
                        tanggal=day,
                        jam_mulai=jam(*divmod(start, 60)),
                        jam_selesai=jam(*divmod(start + 10, 60)),
                        nama_kegiatan="Menyusun laporan kegiatan bulanan",
                        uraian="Laporan kegiatan bulan ini, lengkap dengan dokumentasi.",
                        menit_diajukan=10,
                        menit=10,
                        status=status,
                        verifikator=a1,
                        validator=a2,
                        diajukan_pada=now,
                        diverifikasi_pada=now if status == Status.VERIFIED else None,
                    )
                )

    backlog(by_atasan, Status.SUBMITTED)
    backlog(by_atasan2, Status.VERIFIED)
    Aktivitas.objects.bulk_create(rows, batch_size=2000)

    # These people changed their first password long ago (the demo makes NIP accounts change it first).
    people = [p for p, _a1, _a2 in staf] + [a for _p, a1, a2 in staf for a in (a1, a2)]
    User.objects.filter(pegawai__in=people).update(wajib_ganti_password=False)
    sesi: dict[int, Sesi] = {}

    def sesi_of(p) -> Sesi:
        if p.pk not in sesi:
            p.user.refresh_from_db()
            sesi[p.pk] = Sesi(p.user.username, open_session(p.user), katalog_id=katalog.pk)
        return sesi[p.pk]

    staf_sesi = [sesi_of(p) for p, _a1, _a2 in staf]
    approvers = Pegawai.objects.filter(pk__in={*by_atasan, *by_atasan2}).select_related("user")
    atasan_sesi = [sesi_of(p) for p in approvers]
    waiting = Aktivitas.objects.filter(pk__in=[r.pk for r in rows]).values_list(
        "pk", "status", "verifikator_id", "validator_id"
    )
    for pk, status, v1, v2 in waiting:
        if status == Status.SUBMITTED:
            sesi[v1].verifikasi.append(pk)
        else:
            sesi[v2].validasi.append(pk)
    for s in atasan_sesi:
        rng.shuffle(s.verifikasi)
        rng.shuffle(s.validasi)
    return Plan(tanggal, katalog.pk, staf_sesi, atasan_sesi)


# --- a small HTTP client (one connection per request: gunicorn's sync workers close it anyway) ----


@dataclass
class Hasil:
    kind: str
    status: int  # 0: connection error
    start: float
    ms: float
    ok: bool
    note: str = ""


async def http(port: int, method: str, path: str, headers: dict[str, str], body: bytes = b"") -> tuple[int, bytes]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        head = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close", "User-Agent: ekinerja-peak"]
        head += [f"{k}: {v}" for k, v in headers.items()]
        if method == "POST":
            head += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        raw = await asyncio.wait_for(reader.read(-1), HTTP_TIMEOUT)
    finally:
        writer.close()
    status = int(raw[9:12]) if raw.startswith(b"HTTP/1.") else 0
    return status, raw


def _header(raw: bytes, name: str) -> list[str]:
    head = raw.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    return [line.split(":", 1)[1].strip() for line in head.split("\r\n")[1:] if line.lower().startswith(name + ":")]


async def fetch_csrf(port: int, sesi: Sesi) -> None:
    """Open "Hari ini" once, as the browser does before the form: the CSRF cookie and the page's token."""
    for _attempt in range(10):  # a cold server may turn some away as busy: come back as told
        status, raw = await http(port, "GET", "/aktivitas/", sesi.headers())
        if status != 503:
            break
        await asyncio.sleep(int((_header(raw, "retry-after") or ["1"])[0]))
    if status != 200:
        raise RuntimeError(f"{sesi.username}: GET /aktivitas/ gave {status} {_header(raw, 'location')}")
    for cookie in _header(raw, "set-cookie"):
        if cookie.startswith("csrftoken="):
            sesi.csrf_cookie = cookie.split("=", 1)[1].split(";", 1)[0]
    match = re.search(rb'name="csrf-token" content="([^"]+)"', raw)
    if not (match and sesi.csrf_cookie):
        raise RuntimeError(f"{sesi.username}: no CSRF token on the page")
    sesi.csrf_token = html.unescape(match.group(1).decode())


# the time an open-loop request was due: its latency counts from then (no coordinated omission)
DUE: contextvars.ContextVar[float | None] = contextvars.ContextVar("due", default=None)


class Beban:
    """The month-end mix (weights from the demand model), and the trivial view; every request is recorded."""

    def __init__(self, port: int, plan: Plan, seed: int, tag: str, bobot: dict[str, float] | None = None):
        self.port, self.plan, self.tag = port, plan, tag
        self.rng = random.Random(seed)
        self.bobot = bobot or Permintaan().bobot()
        self.results: list[Hasil] = []
        self.confirmed: set[str] = set()  # markers of entries the client saw saved and submitted
        self.sent: set[str] = set()  # markers of every entry the client sent (retries included)
        self.moved: list[tuple[int, str]] = []  # (pk, status) the client saw a move confirmed for
        self.retry = False  # refused submits are sent again after Retry-After, as the browser does
        self.retries: set[asyncio.Task] = set()
        self.refused_submits = 0
        self.seq = 0
        self.t0 = time.monotonic()

    async def _do(self, kind: str, method: str, path: str, sesi: Sesi | None, form: dict | None = None):
        headers = sesi.headers() if sesi else {}
        body = urlencode({"csrfmiddlewaretoken": sesi.csrf_token, **form}).encode() if form is not None else b""
        start = DUE.get() or time.monotonic()
        DUE.set(None)  # a retry of this request counts from when it is sent
        try:
            status, raw = await http(self.port, method, path, headers, body)
        except (OSError, TimeoutError) as e:
            self.results.append(Hasil(kind, 0, start - self.t0, (time.monotonic() - start) * 1000, False, repr(e)))
            return 0, b""
        ms = (time.monotonic() - start) * 1000
        ok = status == (302 if method == "POST" else 200)
        note = ""
        if status == 503 and FRIENDLY_BUSY.encode() in raw and _header(raw, "retry-after"):
            note = "busy-503"
        elif status == 503 and FRIENDLY_503.encode() in raw:
            note = "friendly-503"
        elif not ok and status == 302:
            note = f"302 to {(_header(raw, 'location') or [''])[0]}"
        self.results.append(Hasil(kind, status, start - self.t0, ms, ok, note))
        return status, raw

    async def submit(self) -> None:
        sesi = self.rng.choice(self.plan.staf)
        slot = sesi.next_slot
        sesi.next_slot += 1
        if slot >= 24 * 60 // SLOT_MINUTES:
            return await self.hari_ini()  # this pegawai's day is full: rare with enough pegawai
        mulai = jam(*divmod(slot * SLOT_MINUTES, 60))
        selesai = jam(*divmod(slot * SLOT_MINUTES + SLOT_MINUTES, 60)) if slot < 95 else jam(23, 59)
        self.seq += 1
        marker = f"{self.tag}-{self.seq}"
        form = {
            "tanggal": self.plan.tanggal.isoformat(),
            "jam_mulai": mulai.strftime("%H:%M"),
            "jam_selesai": selesai.strftime("%H:%M"),
            "uraian": f"Hasil kegiatan {marker}: notulen dan daftar hadir.",
            "bukti_link": "",
            "ajukan": "1",
            # a new key per rendered form, as the page gives it (core/idempotency.py)
            "kunci_idempotensi": str(uuid.uuid4()),
        }
        if self.seq % 2:
            form |= {"mode": "KATALOG", "katalog": str(sesi.katalog_id or self.plan.katalog_id), "volume": "1"}
        else:
            form |= {"mode": "BEBAS", "nama_kegiatan": "Koordinasi data kepegawaian", "menit_diajukan": "15"}
        await self.send_submit(sesi, form, marker, 0)

    async def send_submit(self, sesi: Sesi, form: dict, marker: str, attempt: int) -> None:
        self.sent.add(marker)
        kind = "submit" if not attempt else "submit-retry"
        status, raw = await self._do(kind, "POST", "/aktivitas/tambah/", sesi, form)
        if status == 302:
            location = (_header(raw, "location") or [""])[0]
            if location.startswith("/aktivitas/") and "/tambah/" not in location:
                self.confirmed.add(marker)
            else:  # back to the form (not submitted), or to the login page
                self.results[-1].ok = False
                self.results[-1].note = f"302 to {location}"
        elif status == 503 and self.retry and attempt < 20:
            # static/js/ekinerja.js: the page keeps the form and sends it again, with the same
            # idempotency key, after Retry-After plus up to half again
            self.refused_submits += not attempt
            wait = int((_header(raw, "retry-after") or ["5"])[0]) * (1 + self.rng.random() / 2)

            async def later():
                await asyncio.sleep(wait)
                await self.send_submit(sesi, form, marker, attempt + 1)

            task = asyncio.create_task(later())
            self.retries.add(task)
            task.add_done_callback(self.retries.discard)

    async def hari_ini(self) -> None:
        await self._do("hari-ini", "GET", "/aktivitas/", self.rng.choice(self.plan.staf))

    async def antrean(self) -> None:
        sesi = self.rng.choice(self.plan.atasan)
        queue = "validasi" if not sesi.verifikasi and sesi.validasi else "verifikasi"
        await self._do("antrean", "GET", f"/aktivitas/antrean/{queue}/", sesi)

    async def tindak(self) -> None:
        aksi = "verifikasi" if self.rng.random() < 0.5 else "validasi"
        candidates = [s for s in self.plan.atasan if getattr(s, aksi)] or [
            s for s in self.plan.atasan if s.verifikasi or s.validasi
        ]
        if not candidates:
            return await self.antrean()  # the backlog ran out: make --queue-per-atasan larger
        sesi = self.rng.choice(candidates)
        if not getattr(sesi, aksi):
            aksi = "validasi" if aksi == "verifikasi" else "verifikasi"
        pk = getattr(sesi, aksi).pop()
        dari = "SUBMITTED" if aksi == "verifikasi" else "VERIFIED"
        form = {"aksi": aksi, "dari": dari, "catatan": "", "next": f"/aktivitas/antrean/{aksi}/"}
        status, _raw = await self._do(aksi, "POST", f"/aktivitas/{pk}/tindak/", sesi, form)
        if status == 302:
            self.moved.append((pk, "VERIFIED" if aksi == "verifikasi" else "VALIDATED"))
        elif status == 503:
            getattr(sesi, aksi).append(pk)  # refused: still waiting in the queue

    async def mix_one(self) -> None:
        kind = self.rng.choices(list(self.bobot), weights=list(self.bobot.values()))[0]
        await {"submit": self.submit, "hari-ini": self.hari_ini, "tindak": self.tindak, "antrean": self.antrean}[kind]()

    async def trivial_one(self) -> None:
        await self._do("sehat", "GET", "/sehat/", None)

    async def run(self, step, seconds: float, concurrency: int, during=None) -> float:
        """Closed loop: `concurrency` connections, each sends its next request when the last is answered."""
        self.t0 = time.monotonic()
        deadline = self.t0 + seconds

        async def worker():
            while time.monotonic() < deadline:
                await step()

        tasks = [asyncio.create_task(worker()) for _ in range(concurrency)]
        if during is not None:
            tasks.append(asyncio.create_task(during(self.t0)))
        await asyncio.gather(*tasks)
        return time.monotonic() - self.t0

    async def run_open(self, step, rate: float, seconds: float, during=None) -> float:
        """Open loop: requests arrive at `rate` per second (Poisson), whether or not earlier ones were
        answered, as browsers do; a request's latency counts from when it was due. Returns `seconds`;
        `self.drained` is when the last one was answered (retries of refused forms included)."""
        self.t0 = time.monotonic()
        due = self.t0
        tasks: set[asyncio.Task] = set()

        async def one(at: float):
            DUE.set(at)
            await step()

        extra = asyncio.create_task(during(self.t0)) if during is not None else None
        while True:
            due += self.rng.expovariate(rate)
            if due - self.t0 >= seconds:
                break
            if due > time.monotonic():
                await asyncio.sleep(due - time.monotonic())
            task = asyncio.create_task(one(due))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
        while tasks or self.retries:
            await asyncio.gather(*tasks, *self.retries)
        if extra is not None:
            extra.cancel()
        self.drained = time.monotonic() - self.t0
        return seconds


class CpuMeter:
    """CPU time used during a run, by part: the gunicorn process group, PostgreSQL's processes, this
    client, and anything else on the machine (from /proc; on a system without it, nothing is shown)."""

    def __init__(self, gunicorn_pgid: int):
        self.pgid = gunicorn_pgid
        self.tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

    def _snap(self) -> dict[int, tuple[str, float]]:
        out: dict[int, tuple[str, float]] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            comm = stat[stat.index("(") + 1 : stat.rindex(")")]
            fields = stat[stat.rindex(")") + 2 :].split()
            # own time plus that of reaped children: a PostgreSQL backend that ends mid-run (CONN_MAX_AGE)
            # moves its time to the postmaster instead of vanishing from the sum
            pgrp, used = int(fields[2]), sum(int(f) for f in fields[11:15]) / self.tick
            part = (
                "web"
                if pgrp == self.pgid
                else "PostgreSQL"
                if comm.startswith("postgres")
                else "client"
                if int(entry.name) == os.getpid()
                else "other"
            )
            out[int(entry.name)] = (part, used)
        return out

    def start(self) -> None:
        self.before, self.t0 = (self._snap() if Path("/proc/self/stat").exists() else {}), time.monotonic()

    def used(self) -> tuple[dict[str, float], float]:
        """(CPU seconds per part since start(), wall seconds since start())."""
        seconds = time.monotonic() - self.t0
        used: dict[str, float] = {}
        # each part's total now minus its total then: a process that ended is in its parent's
        # children's time now (the same part), and its own time then is subtracted with the rest
        for sign, snap in ((1, self._snap()), (-1, self.before)):
            for part, t in snap.values():
                used[part] = used.get(part, 0.0) + sign * t
        return used, seconds

    def line(self, requests: int) -> str:
        if not self.before or not requests:
            return ""
        used, seconds = self.used()
        cores = os.cpu_count() or 1
        parts = "  ".join(
            f"{part} {used.get(part, 0) / requests * 1000:.1f} ms ({used.get(part, 0) / seconds / cores:.0%})"
            for part in ("web", "PostgreSQL", "client", "other")
        )
        return f"CPU per request (share of {cores} cores): {parts}"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] if ordered else float("nan")


@dataclass
class Figures:
    n: int
    rps: float
    p50: float
    p95: float
    p99: float
    errors: int

    @classmethod
    def of(cls, results: list[Hasil], seconds: float) -> "Figures":
        ms = [r.ms for r in results]
        bad = sum(1 for r in results if not r.ok)
        return cls(
            len(results), len(results) / seconds, percentile(ms, 50), percentile(ms, 95), percentile(ms, 99), bad
        )

    def line(self) -> str:
        return (
            f"{self.rps:6.0f} req/s  p50 {self.p50:5.1f} ms  p95 {self.p95:5.1f} ms  p99 {self.p99:5.1f} ms  "
            f"{self.errors} errors / {self.n}"
        )


def error_notes(results: list[Hasil], limit: int = 3, busy: bool = True) -> str:
    """A few distinct failures (kind, status, what it was); `busy`: the busy 503 counts as one."""
    notes = sorted(
        {f"{r.kind} {r.status} {r.note}".strip() for r in results if not r.ok and (busy or r.note != "busy-503")}
    )
    return ("; errors: " + " | ".join(notes[:limit])) if notes else ""


def breakdown(results: list[Hasil]) -> str:
    kinds: dict[str, list[Hasil]] = {}
    for r in results:
        kinds.setdefault(r.kind, []).append(r)
    parts = []
    for kind, rs in sorted(kinds.items()):
        errs = sum(1 for r in rs if not r.ok)
        parts.append(
            f"{kind} {len(rs)} (p95 {percentile([r.ms for r in rs], 95):.0f} ms{f', {errs} err' if errs else ''})"
        )
    return ", ".join(parts)


async def warm_sessions(port: int, everyone: list[Sesi], csrf_pages: int, concurrency: int) -> None:
    """A few sessions open "Hari ini" for their CSRF cookie and token, as a browser does; the others
    get a cookie the same way Django makes one (opening 900 pages first would take minutes on a busy
    2-core box). The POSTs are checked by CsrfViewMiddleware either way."""
    from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret

    sem = asyncio.Semaphore(concurrency)

    async def one(s):
        async with sem:
            await fetch_csrf(port, s)

    await asyncio.gather(*(one(s) for s in everyone[:csrf_pages]))
    for s in everyone[csrf_pages:]:
        s.csrf_cookie = _get_new_csrf_string()
        s.csrf_token = _mask_cipher_secret(s.csrf_cookie)


# --- gunicorn --------------------------------------------------------------------------------------


def start_gunicorn(port: int, workers: int, threads: int, env: dict[str, str], log: Path) -> subprocess.Popen:
    """gunicorn as in production (README): gthread workers, admission control in ekinerja.wsgi."""
    cmd = [
        str(ROOT / ".venv/bin/gunicorn"),
        "ekinerja.wsgi:application",
        f"--workers={workers}",
        "--worker-class=gthread",
        f"--threads={threads}",
        f"--bind=127.0.0.1:{port}",
        "--backlog=2048",
        "--timeout=60",
        "--worker-tmp-dir=/dev/shm",
        f"--error-logfile={log}",
    ]
    out = open(log, "ab")  # the app's own log (e.g. the outage tracebacks of --pg-restart) goes here too
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env={**os.environ, **env}, start_new_session=True, stdout=out, stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            status, _raw = asyncio.run(http(port, "GET", "/sehat/", {}))
            if status == 200:
                return proc
        except OSError:
            pass
        if proc.poll() is not None:
            break
        time.sleep(0.2)
    proc.kill()
    sys.exit(f"gunicorn did not start; see {log}")


def stop(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


# --- main ------------------------------------------------------------------------------------------


def prepare(args, database_url: str) -> Plan:
    os.environ.update(server_env(database_url, args.redis_url))
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection

    t = time.monotonic()
    recreate_database(database_url)
    cache.clear()  # Redis db 11 is the benchmark's own
    call_command("migrate", verbosity=0)
    call_command("seed_demo", employees=args.employees, verbosity=0, stdout=open(os.devnull, "w"))
    call_command("collectstatic", interactive=False, verbosity=0)
    plan = plan_actors(n_staf=args.staf, queue_per_atasan=args.queue_per_atasan, seed=args.seed)
    waiting = sum(len(s.verifikasi) + len(s.validasi) for s in plan.atasan)
    print(
        f"database {connection.settings_dict['NAME']} (port {connection.settings_dict['PORT']}): "
        f"{args.employees} pegawai seeded; {len(plan.staf)} pegawai and {len(plan.atasan)} atasan signed in; "
        f"{waiting} entries waiting in queues; entries submitted for {plan.tanggal} "
        f"({time.monotonic() - t:.0f} s)"
    )
    connection.close()
    return plan


def count_rows(tag: str, moved: list[tuple[int, str]]) -> tuple[int, int, int]:
    """(entries with this run's marker, of them submitted, confirmed moves found in their new state)."""
    from django.db import connection

    from activities.models import Aktivitas

    connection.close()  # after a restart the old connection is dead
    rows = Aktivitas.objects.filter(uraian__contains=f"{tag}-")
    n = rows.count()
    submitted = rows.exclude(status="DRAFT").count()
    found = 0
    by_status: dict[str, list[int]] = {}
    for pk, status in moved:
        by_status.setdefault(status, []).append(pk)
    for status, pks in by_status.items():
        found += Aktivitas.objects.filter(pk__in=pks, status__in=[status, "VALIDATED"]).count()
    return n, submitted, found


def marker_counts(tag: str) -> dict[str, int]:
    """How many rows carry each of this run's markers (an entry saved twice would show 2)."""
    from django.db import connection

    from activities.models import Aktivitas

    connection.close()
    found: dict[str, int] = {}
    for uraian in Aktivitas.objects.filter(uraian__contains=f"{tag}-").values_list("uraian", flat=True):
        match = re.search(rf"({re.escape(tag)}-\d+)", uraian)
        if match:
            found[match.group(1)] = found.get(match.group(1), 0) + 1
    return found


def markers_in_db(tag: str) -> set[str]:
    from activities.models import Aktivitas

    found = set()
    for uraian in Aktivitas.objects.filter(uraian__contains=f"{tag}-").values_list("uraian", flat=True):
        match = re.search(rf"({re.escape(tag)}-\d+)", uraian)
        if match:
            found.add(match.group(1))
    return found


def open_step(args, plan: Plan, port: int, cpu: CpuMeter, model: Permintaan, rate: float, tag: str, seed: int):
    load = Beban(port, plan, seed, tag, model.bobot())
    cpu.start()
    seconds = asyncio.run(load.run_open(load.mix_one, rate, args.duration))
    figures = Figures.of(load.results, seconds)
    return figures, load, cpu.line(figures.n)


def trivial_step(args, plan: Plan, port: int) -> "Figures":
    """/sehat/ (one SELECT 1) in a closed loop right after: what the box does with a trivial view now."""
    triv = Beban(port, plan, args.seed, "sehat")
    seconds = asyncio.run(triv.run(triv.trivial_one, args.trivial_duration, args.concurrency))
    return Figures.of(triv.results, seconds)


def rows_line(tag: str, load: Beban) -> str:
    n, submitted, found = count_rows(tag, load.moved)
    counts = marker_counts(tag)
    missing = len(load.confirmed - set(counts))
    twice = sum(1 for c in counts.values() if c > 1)
    return (
        f"rows: {len(load.confirmed)} entries confirmed, {n} in the database ({submitted} submitted), "
        f"{missing} confirmed but missing, {twice} twice; {found}/{len(load.moved)} confirmed moves found"
    )


def run_capacity(args, plan: Plan, port: int, cpu: CpuMeter, model: Permintaan) -> float:
    """The largest arrival rate served with p95 ≤ P95_TARGET_MS and no error: the rate grows by
    --growth until a step fails, then is halved between the last pass and the first failure until
    they are within --precision."""
    warm = Beban(port, plan, args.seed, f"peak{os.getpid()}w", model.bobot())
    asyncio.run(warm.run(warm.mix_one, args.warmup, args.concurrency))
    print(
        f"\ncapacity search: open loop (Poisson arrivals), {args.duration:.0f} s per step; each step followed by "
        f"{args.trivial_duration:.0f} s of /sehat/ in a closed loop of {args.concurrency} connections"
    )
    rate, good, bad = args.start_rate, 0.0, None
    passed: list[tuple[float, Figures, Figures]] = []
    trivial_rps: list[float] = []
    for step in range(1, args.max_steps + 1):
        tag = f"peak{os.getpid()}s{step}"
        figures, load, used = open_step(args, plan, port, cpu, model, rate, tag, args.seed + step)
        trivial = trivial_step(args, plan, port)
        trivial_rps.append(trivial.rps)
        ok = figures.errors == 0 and figures.p95 <= P95_TARGET_MS
        print(f"step {step:2}  offered {rate:6.1f} req/s → {figures.line()}  {'PASS' if ok else 'FAIL'}")
        print(f"{'':9}{breakdown(load.results)}{error_notes(load.results)}")
        if used:
            print(f"{'':9}{used}")
        print(f"{'':9}/sehat/ {trivial.line()}   offered/trivial = {rate / trivial.rps:.3f}")
        print(f"{'':9}{rows_line(tag, load)}")
        if ok:
            good = max(good, rate)
            passed.append((rate, figures, trivial))
        else:
            bad = rate if bad is None else min(bad, rate)
        if bad is None:
            rate *= args.growth
        elif good and bad / good <= 1 + args.precision:
            break
        else:
            rate = (good + bad) / 2 if good else rate / 2
    if not passed:
        print("\nno rate passed: lower --start-rate")
        return 0.0
    rate, figures, trivial = max(passed, key=lambda x: x[0])
    trivial_median = statistics.median(trivial_rps)
    print(
        f"\nCAPACITY {rate:.1f} req/s with p95 {figures.p95:.0f} ms (≤ {P95_TARGET_MS}), "
        f"p99 {figures.p99:.0f} ms, 0 errors "
        f"(first failure at {bad:.1f} req/s)"
        if bad
        else f"\nCAPACITY ≥ {rate:.1f} req/s (no step failed: raise --max-steps)"
    )
    print(
        f"  /sehat/ {trivial_median:.0f} req/s (median of the steps): "
        f"capacity / /sehat/ = {rate / trivial_median:.3f}; "
        f"{args.workers} gthread workers × {args.threads} threads on {os.cpu_count()} cores (client included)"
    )
    print(
        f"  = the busiest month-end hour of a pemda of {model.pegawai(rate):,} pegawai "
        f"({model.per_pegawai() * 1000:.2f} req/s per 1,000); {args.pegawai:,} pegawai need "
        f"{model.rate(args.pegawai):.1f} req/s: {'served' if model.rate(args.pegawai) <= rate else 'NOT served'}"
    )
    return rate


def run_overload(args, plan: Plan, port: int, cpu: CpuMeter, model: Permintaan, capacity: float) -> None:
    """Three times the capacity for --burst seconds: the admitted requests are answered within p95 ≤
    P95_OVERLOAD_MS, the rest get the busy 503 with Retry-After at once; refused entries are sent again
    after Retry-After with the same idempotency key (as the page does) until saved."""
    rate = args.overload_factor * capacity
    tag = f"peak{os.getpid()}ov"
    load = Beban(port, plan, args.seed + 77, tag, model.bobot())
    load.retry = True
    probes: list[tuple[int, float]] = []

    async def probe(t0: float) -> None:  # the load balancer's health check during the burst
        while True:
            await asyncio.sleep(0.5)
            start = time.monotonic()
            try:
                status, _raw = await http(port, "GET", "/sehat/", {})
            except (OSError, TimeoutError):
                status = 0
            probes.append((status, (time.monotonic() - start) * 1000))

    print(
        f"\noverload: {rate:.1f} req/s offered (= {args.overload_factor:g} × {capacity:.1f}) for {args.burst:.0f} s, "
        f"open loop; refused entries are sent again after Retry-After (+0–50 %) with the same key"
    )
    cpu.start()
    load_seconds = asyncio.run(load.run_open(load.mix_one, rate, args.burst, during=probe))
    used = cpu.line(len(load.results))
    in_burst = [r for r in load.results if r.start < load_seconds]
    admitted = [r for r in in_burst if r.note != "busy-503"]
    refused = [r for r in in_burst if r.note == "busy-503"]
    failed = [r for r in admitted if not r.ok]
    statuses: dict[int, int] = {}
    for r in failed:
        statuses[r.status] = statuses.get(r.status, 0) + 1
    served = sum(1 for r in admitted if r.ok)
    p95_admitted = percentile([r.ms for r in admitted], 95)
    p95_refused = percentile([r.ms for r in refused], 95)
    print(
        f"  in the burst: {len(in_burst)} requests ({len(in_burst) / load_seconds:.1f}/s); admitted {len(admitted)} "
        f"({served / load_seconds:.1f}/s answered OK), p50 {percentile([r.ms for r in admitted], 50):.0f} ms, "
        f"p95 {p95_admitted:.0f} ms, p99 {percentile([r.ms for r in admitted], 99):.0f} ms"
    )
    print(f"  [{breakdown(admitted)}]{error_notes(admitted, busy=False)}")
    print(
        f"  refused with the busy 503 + Retry-After: {len(refused)} ({len(refused) / max(1, len(in_burst)):.0%}), "
        f"p50 {percentile([r.ms for r in refused], 50):.0f} ms, p95 {p95_refused:.0f} ms; "
        f"other failures: {len(failed)} {statuses or ''}"
    )
    if used:
        print(f"  {used}")
    retried = [r for r in load.results if r.kind == "submit-retry"]
    print(
        f"  entries: {len(load.sent)} sent, {load.refused_submits} refused at first, "
        f"{len(retried)} resends (last answered {max(0.0, load.drained - load_seconds):.1f} s after the burst); "
        f"{len(load.confirmed)} confirmed"
    )
    print(f"  {rows_line(tag, load)}")
    bad_probes = [p for p in probes if p[0] != 200]
    print(
        f"  /sehat/ during the burst: {len(probes)} checks, {len(bad_probes)} not 200, "
        f"p95 {percentile([ms for _s, ms in probes], 95):.0f} ms (it bypasses admission)"
    )
    counts = marker_counts(tag)
    ok = (
        not failed
        and p95_admitted <= P95_OVERLOAD_MS
        and p95_refused <= P95_OVERLOAD_MS
        and load.confirmed == load.sent
        and set(counts) >= load.confirmed
        and all(c == 1 for c in counts.values())
        and not bad_probes
    )
    print(
        f"  verdict: {'PASS' if ok else 'FAIL'} (admitted p95 ≤ {P95_OVERLOAD_MS} ms, every other request the busy "
        "503, every entry sent saved exactly once, /sehat/ 200)"
    )


def run_restart(args, plan: Plan, port: int, cluster: PrivateCluster) -> None:
    tag = f"peak{os.getpid()}pg"
    load = Beban(port, plan, args.seed + 99, tag)
    window: dict[str, float] = {}

    async def restart(t0: float) -> None:
        await asyncio.sleep(args.duration / 3)
        window["down"] = time.monotonic() - t0
        await asyncio.to_thread(cluster.crash)
        await asyncio.sleep(args.pg_down)
        window["starting"] = time.monotonic() - t0
        await asyncio.to_thread(cluster.start)
        window["up"] = time.monotonic() - t0

    seconds = asyncio.run(load.run(load.mix_one, args.duration, args.concurrency, during=restart))
    figures = Figures.of(load.results, seconds)
    down, up = window["down"], window["up"]
    busy = [r for r in load.results if r.note == "busy-503"]  # turned away by admission, not by the outage
    failed = [r for r in load.results if not r.ok and r.note != "busy-503"]
    # a request that started before the crash may fail when it hits it: count from its end
    outside = [r for r in failed if r.start + r.ms / 1000 < down or r.start > up]
    friendly = [r for r in failed if r.note == "friendly-503"]
    after = [r for r in load.results if r.start > up]
    first_ok = next((r.start for r in sorted(after, key=lambda r: r.start) if r.ok), None)
    n, submitted, found = count_rows(tag, load.moved)
    missing = load.confirmed - markers_in_db(tag)
    print(
        f"\nPostgreSQL restart: killed (immediate) at {down:.1f} s, started at {window['starting']:.1f} s, "
        f"accepting at {up:.1f} s of a {seconds:.0f} s run; {figures.line()}"
    )
    statuses: dict[int, int] = {}
    for r in failed:
        statuses[r.status] = statuses.get(r.status, 0) + 1
    print(
        f"  failed requests: {len(failed)} ({', '.join(f'{k or "conn"}: {v}' for k, v in sorted(statuses.items()))}); "
        f"{len(friendly)} with the friendly 503 page; {len(outside)} outside the down window; "
        f"{len(busy)} turned away as busy (admission)"
    )
    print(
        f"  recovery: first success {first_ok - up:.2f} s after PostgreSQL accepted connections"
        if first_ok is not None
        else "  recovery: NO successful request after the restart"
    )
    print(
        f"  rows: {len(load.confirmed)} entries confirmed to the client, {n} in the database ({submitted} submitted), "
        f"{len(missing)} confirmed but missing; {found}/{len(load.moved)} confirmed moves found in their new state"
    )
    ok = not outside and len(friendly) == len(failed) and not missing and first_ok is not None
    print(f"  verdict: {'PASS' if ok else 'FAIL'}")


def _loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def _admission_line(env: dict[str, str], args) -> str:
    os.environ.update(env)
    from django.conf import settings

    values = {
        name: env.get(f"ADMISSION_{name}", getattr(settings, f"ADMISSION_{name}"))
        for name in ("RUNNING", "WAITING", "MAX_WAIT_MS", "RETRY_AFTER")
    }
    return (
        f"gunicorn: {args.workers} gthread workers × {args.threads} threads; admission per worker: "
        f"{values['RUNNING']} running, {values['WAITING']} waiting ≤ {values['MAX_WAIT_MS']} ms, "
        f"Retry-After {values['RETRY_AFTER']} s"
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_DB, help="scratch database, dropped and recreated")
    parser.add_argument("--redis-url", default=DEFAULT_REDIS, help="cache and sessions; flushed (db 11)")
    parser.add_argument("--employees", type=int, default=10_000, help="pegawai seeded (the data the requests touch)")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument("--threads", type=int, default=8, help="gthread threads per worker (README)")
    parser.add_argument("--concurrency", type=int, default=8, help="connections of the closed loops (/sehat/, warm-up)")
    parser.add_argument("--duration", type=float, default=20, help="seconds of each capacity step")
    parser.add_argument("--trivial-duration", type=float, default=5, help="seconds of /sehat/ after each step")
    parser.add_argument("--warmup", type=float, default=5, help="seconds of the warm-up (closed loop)")
    parser.add_argument("--start-rate", type=float, default=12, help="req/s of the first capacity step")
    parser.add_argument("--growth", type=float, default=1.3, help="rate × this after each passed step")
    parser.add_argument("--precision", type=float, default=0.08, help="stop when failure/pass rates are this close")
    parser.add_argument("--max-steps", type=int, default=10)
    parser.add_argument("--overload", action="store_true", help="after the search (or --capacity), 3 × that load")
    parser.add_argument("--capacity", type=float, help="req/s for --overload, instead of searching it first")
    parser.add_argument("--overload-factor", type=float, default=3.0)
    parser.add_argument("--burst", type=float, default=30, help="seconds of the overload")
    for name in ("running", "waiting", "max-wait-ms", "retry-after"):
        parser.add_argument(
            f"--{name}", type=int, help=f"ADMISSION_{name.upper().replace('-', '_')} (default: settings)"
        )
    model_defaults = Permintaan()
    parser.add_argument("--pegawai", type=int, default=10_000, help="the pemda to size: req/s it needs")
    parser.add_argument("--model", action="store_true", help="print the demand model for --pegawai and stop")
    for name in ("entri-per-hari", "halaman-per-hari", "tindakan-per-entri", "porsi-akhir", "porsi-jam-sibuk"):
        default = getattr(model_defaults, name.replace("-", "_"))
        parser.add_argument(f"--{name}", type=float, default=default, help=f"demand model (default {default:g})")
    parser.add_argument("--staf", type=int, default=600, help="pegawai sessions that submit and open Hari ini")
    parser.add_argument("--queue-per-atasan", type=int, default=40, help="waiting entries per approver and queue")
    parser.add_argument("--csrf-pages", type=int, default=40, help="sessions that fetch their CSRF token from a page")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--pg-restart", action="store_true", help="only the PostgreSQL restart run (private cluster)")
    parser.add_argument("--pg-down", type=float, default=3, help="seconds PostgreSQL stays down")
    return parser


def main() -> None:
    args = _parser().parse_args()
    model = Permintaan(
        entri_per_hari=args.entri_per_hari,
        halaman_per_hari=args.halaman_per_hari,
        tindakan_per_entri=args.tindakan_per_entri,
        porsi_akhir=args.porsi_akhir,
        porsi_jam_sibuk=args.porsi_jam_sibuk,
    )
    print("\n".join(model.lines(args.pegawai)))
    if args.model:
        return
    print(
        f"machine: {os.cpu_count()} cores, load average {_loadavg()} at the start "
        f"({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})"
    )

    cluster = None
    database_url = args.database_url
    if args.pg_restart:
        try:
            cluster = PrivateCluster(PRIVATE_PG_PORT)
            cluster.init()
        except (RuntimeError, OSError, subprocess.CalledProcessError) as e:
            detail = getattr(e, "stderr", "") or e
            print(f"--pg-restart skipped: cannot run a private PostgreSQL cluster here ({detail})")
            return
        database_url = cluster.url
    gunicorn = None
    try:
        plan = prepare(args, database_url)
        log = Path(tempfile.gettempdir()) / f"ekinerja-peak-gunicorn-{os.getpid()}.log"
        admission = {
            f"ADMISSION_{name.upper()}": str(getattr(args, name))
            for name in ("running", "waiting", "max_wait_ms", "retry_after")
            if getattr(args, name) is not None
        }
        env = server_env(database_url, args.redis_url) | admission
        gunicorn = start_gunicorn(args.port, args.workers, args.threads, env, log)
        print(_admission_line(env, args))

        asyncio.run(warm_sessions(args.port, plan.staf + plan.atasan, args.csrf_pages, args.concurrency))
        if cluster is not None:
            run_restart(args, plan, args.port, cluster)
        else:
            cpu = CpuMeter(gunicorn.pid)
            capacity = (
                args.capacity if args.overload and args.capacity else run_capacity(args, plan, args.port, cpu, model)
            )
            if args.overload and capacity:
                run_overload(args, plan, args.port, cpu, model, capacity)
        errors = log.read_text(errors="replace").count("Traceback") if log.exists() else 0
        if errors:
            print(f"the server logged {errors} tracebacks: {log}")
    finally:
        if gunicorn is not None:
            stop(gunicorn)
        print(f"load average {_loadavg()} at the end ({time.strftime('%H:%M UTC', time.gmtime())})")
        if cluster is not None:
            from django.db import connections

            connections.close_all()
            cluster.destroy()


if __name__ == "__main__":
    main()
