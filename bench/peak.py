"""Month-end peak load on gunicorn + PostgreSQL + Redis (issue 8: ≥ 300 req/s, p95 ≤ 150 ms, 0 errors).

    .venv/bin/python bench/peak.py [--runs 3] [--duration 20] [--concurrency 8] [--pg-restart]

It (re)creates its own scratch database (default ekinerja_bench_peak on 127.0.0.1:5432; never a dev
or test database), migrates it, seeds the demo pemda with 10,000 employees (`seed_demo`), collects
static files, opens sessions for a few hundred pegawai and their atasan, puts month-end work in the
atasan's queues, starts gunicorn (sync workers, 2 × cores, persistent connections, DEBUG off,
whitenoise) with Redis db 11 as the cache, and drives it from a small asyncio HTTP client with a
fixed number of connections (closed loop, no think time):

    60 %  submit an activity: a real POST of the entry form ("Simpan dan ajukan"), CSRF included
    25 %  open "Hari ini" (a pegawai) or a queue (an atasan)
    15 %  verify or validate one entry (POST through the queue's one-entry action)

Each run is followed by the same load on `/sehat/` (one `SELECT 1`), so every run reports the mix
against a trivial view measured under the same conditions. Printed: req/s, p50/p95/p99 latency,
errors (any unexpected status, connection error, or a form that came back instead of a redirect),
the ratio, and the CPU time per request of each part (gunicorn, PostgreSQL, this client, the rest
of the machine; read from /proc). The client shares the machine's cores with gunicorn and PostgreSQL: the figures are
for server + client on one 2-core box.

`--pg-restart` runs once more with PostgreSQL killed (`pg_ctl stop -m immediate`, a crash as far as
the server is concerned) and started again in the middle of the run. So that other people's tests
on the shared server are not broken, that run uses a private throwaway cluster (initdb as the
`postgres` user, port 5499; skipped with a message when that cannot be done). It reports whether
requests failed only while PostgreSQL was down and then with the friendly 503 page, whether every
entry the client saw confirmed (302) is in the database, and how long the app took to recover by
itself (CONN_HEALTH_CHECKS: no restart of gunicorn).
"""

import argparse
import asyncio
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
        raw = await reader.read(-1)
    finally:
        writer.close()
    status = int(raw[9:12]) if raw.startswith(b"HTTP/1.") else 0
    return status, raw


def _header(raw: bytes, name: str) -> list[str]:
    head = raw.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    return [line.split(":", 1)[1].strip() for line in head.split("\r\n")[1:] if line.lower().startswith(name + ":")]


async def fetch_csrf(port: int, sesi: Sesi) -> None:
    """Open "Hari ini" once, as the browser does before the form: the CSRF cookie and the page's token."""
    status, raw = await http(port, "GET", "/aktivitas/", sesi.headers())
    if status != 200:
        raise RuntimeError(f"{sesi.username}: GET /aktivitas/ gave {status} {_header(raw, 'location')}")
    for cookie in _header(raw, "set-cookie"):
        if cookie.startswith("csrftoken="):
            sesi.csrf_cookie = cookie.split("=", 1)[1].split(";", 1)[0]
    match = re.search(rb'name="csrf-token" content="([^"]+)"', raw)
    if not (match and sesi.csrf_cookie):
        raise RuntimeError(f"{sesi.username}: no CSRF token on the page")
    sesi.csrf_token = html.unescape(match.group(1).decode())


class Beban:
    """The month-end mix, and the trivial view; every request is recorded."""

    def __init__(self, port: int, plan: Plan, seed: int, tag: str):
        self.port, self.plan, self.tag = port, plan, tag
        self.rng = random.Random(seed)
        self.results: list[Hasil] = []
        self.confirmed: set[str] = set()  # markers of entries the client saw saved and submitted
        self.moved: list[tuple[int, str]] = []  # (pk, status) the client saw a move confirmed for
        self.seq = 0
        self.t0 = time.monotonic()

    async def _do(self, kind: str, method: str, path: str, sesi: Sesi | None, form: dict | None = None):
        headers = sesi.headers() if sesi else {}
        body = urlencode({"csrfmiddlewaretoken": sesi.csrf_token, **form}).encode() if form is not None else b""
        start = time.monotonic()
        try:
            status, raw = await http(self.port, method, path, headers, body)
        except OSError as e:
            self.results.append(Hasil(kind, 0, start - self.t0, (time.monotonic() - start) * 1000, False, str(e)))
            return 0, b""
        ms = (time.monotonic() - start) * 1000
        ok = status == (302 if method == "POST" else 200)
        note = "friendly-503" if status == 503 and FRIENDLY_503.encode() in raw else ""
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
        status, raw = await self._do("submit", "POST", "/aktivitas/tambah/", sesi, form)
        if status == 302:
            location = (_header(raw, "location") or [""])[0]
            if "/tambah/" in location:
                self.results[-1].ok = False
                self.results[-1].note = "not submitted"
            else:
                self.confirmed.add(marker)

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

    async def mix_one(self) -> None:
        r = self.rng.random()
        if r < 0.60:
            await self.submit()
        elif r < 0.85:
            await (self.hari_ini() if r < 0.725 else self.antrean())
        else:
            await self.tindak()

    async def trivial_one(self) -> None:
        await self._do("sehat", "GET", "/sehat/", None)

    async def run(self, step, seconds: float, concurrency: int, during=None) -> float:
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


def start_gunicorn(port: int, workers: int, env: dict[str, str], log: Path) -> subprocess.Popen:
    cmd = [
        str(ROOT / ".venv/bin/gunicorn"),
        "ekinerja.wsgi:application",
        f"--workers={workers}",
        "--worker-class=sync",
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


def markers_in_db(tag: str) -> set[str]:
    from activities.models import Aktivitas

    found = set()
    for uraian in Aktivitas.objects.filter(uraian__contains=f"{tag}-").values_list("uraian", flat=True):
        match = re.search(rf"({re.escape(tag)}-\d+)", uraian)
        if match:
            found.add(match.group(1))
    return found


def run_bench(args, plan: Plan, port: int, cpu: CpuMeter) -> None:
    runs: list[tuple[Figures, Figures]] = []
    for r in range(args.warmup_runs + args.runs):
        warm = r < args.warmup_runs
        tag = f"peak{os.getpid()}r{r}"
        load = Beban(port, plan, args.seed + r, tag)
        cpu.start()
        seconds = asyncio.run(load.run(load.mix_one, args.warmup if warm else args.duration, args.concurrency))
        mix = Figures.of(load.results, seconds)
        used = cpu.line(mix.n)
        triv = Beban(port, plan, args.seed, tag)
        tseconds = asyncio.run(
            triv.run(triv.trivial_one, args.warmup if warm else args.trivial_duration, args.concurrency)
        )
        trivial = Figures.of(triv.results, tseconds)
        label = "warm-up" if warm else f"run {r - args.warmup_runs + 1}"
        print(f"{label:8} mix    {mix.line()}   [{breakdown(load.results)}]")
        if used:
            print(f"{'':8} {used}")
        print(f"{'':8} /sehat/ {trivial.line()}   mix/trivial = {mix.rps / trivial.rps:.2f}")
        if not warm:
            n, submitted, found = count_rows(tag, load.moved)
            missing = len(load.confirmed - markers_in_db(tag))
            print(
                f"{'':8} rows: {len(load.confirmed)} entries confirmed, {n} in the database ({submitted} submitted), "
                f"{missing} confirmed but missing; {found}/{len(load.moved)} confirmed moves found"
            )
            runs.append((mix, trivial))
    if not runs:
        return
    best = max(runs, key=lambda ft: ft[0].rps)[0]
    rps = [m.rps for m, _t in runs]
    p95 = [m.p95 for m, _t in runs]
    ratios = [m.rps / t.rps for m, t in runs]
    errors = sum(m.errors for m, _t in runs)
    print(
        f"\nmix over {len(runs)} runs of {args.duration:.0f} s, concurrency {args.concurrency}, "
        f"{args.workers} sync workers: best {best.rps:.0f} req/s (p95 {best.p95:.1f} ms, p99 {best.p99:.1f} ms); "
        f"req/s {min(rps):.0f}–{max(rps):.0f}, median {statistics.median(rps):.0f}; "
        f"p95 {min(p95):.1f}–{max(p95):.1f} ms; "
        f"mix/trivial {min(ratios):.2f}–{max(ratios):.2f}; {errors} errors"
    )
    verdict = "MET" if best.rps >= 300 and best.p95 <= 150 and errors == 0 else "NOT MET"
    print(f"target ≥ 300 req/s, p95 ≤ 150 ms, 0 errors: {verdict} (client and server share {os.cpu_count()} cores)")


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
    failed = [r for r in load.results if not r.ok]
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
        f"{len(friendly)} with the friendly 503 page; {len(outside)} outside the down window"
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_DB, help="scratch database, dropped and recreated")
    parser.add_argument("--redis-url", default=DEFAULT_REDIS, help="cache and sessions; flushed (db 11)")
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument("--concurrency", type=int, default=8, help="connections the client keeps busy")
    parser.add_argument("--duration", type=float, default=20, help="seconds of each measured mix run")
    parser.add_argument("--trivial-duration", type=float, default=8, help="seconds of /sehat/ after each run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--warmup-runs", type=int, default=1)
    parser.add_argument("--warmup", type=float, default=5, help="seconds of each warm-up run")
    parser.add_argument("--staf", type=int, default=600, help="pegawai sessions that submit and open Hari ini")
    parser.add_argument("--queue-per-atasan", type=int, default=40, help="waiting entries per approver and queue")
    parser.add_argument("--csrf-pages", type=int, default=40, help="sessions that fetch their CSRF token from a page")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--pg-restart", action="store_true", help="only the PostgreSQL restart run (private cluster)")
    parser.add_argument("--pg-down", type=float, default=3, help="seconds PostgreSQL stays down")
    args = parser.parse_args()

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
        gunicorn = start_gunicorn(args.port, args.workers, server_env(database_url, args.redis_url), log)

        asyncio.run(warm_sessions(args.port, plan.staf + plan.atasan, args.csrf_pages, args.concurrency))
        if cluster is not None:
            run_restart(args, plan, args.port, cluster)
        else:
            run_bench(args, plan, args.port, CpuMeter(gunicorn.pid))
        errors = log.read_text(errors="replace").count("Traceback") if log.exists() else 0
        if errors:
            print(f"the server logged {errors} tracebacks: {log}")
    finally:
        if gunicorn is not None:
            stop(gunicorn)
        if cluster is not None:
            from django.db import connections

            connections.close_all()
            cluster.destroy()


if __name__ == "__main__":
    main()
