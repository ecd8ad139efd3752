"""Many pemda in one database (issue 20): does a pemda cost the same with 1 or 10 pemda present?

    .venv/bin/python bench/tenants.py [--pemda 10] [--pegawai 10000] [--runs 3] [--duration 20]

It recreates its own database (default ekinerja_bench_tenants on 127.0.0.1:5432; never a dev or test
database) and uses Redis db 12 for cache and sessions (flushed). Phase A builds one pemda as the
other benchmarks do: the demo pemda of `--pegawai` employees (`seed_demo`), then its TPP rule sets and
October 2026 written in SQL (bench/recap.py's `seed_month`: attendance days, requests, activities
mostly validated). It measures
  (a) the TPP month calculation of that pemda (`tpp.calculation.hitung_bulan`: best wall time of
      --calc-runs, the CPU time of this process, its queries and the employees computed), and
  (b) the month-end request mix of bench/peak.py against that pemda through gunicorn (p50/p95/p99,
      req/s, and the same load on `/sehat/` for the ratio).
Phase B adds --pemda − 1 pemda of the same size: the organisation of the first one (every row of a
model with a `pemda` field as seed_demo left it, and the rows of models without one that point at
them) copied in SQL under a new pemda with new ids, NIPs and user names, then each one's own October
by the same `seed_month`. It measures (a) for pemda #1 and for every pemda one after the other, and
(b) against pemda #1 and with the mix spread over all the pemda, and prints 1 pemda against N:
the calculation per pemda and in total, the mix's latency and throughput, the table sizes, and the
plans of two hot queries (index use by pemda/pegawai). Figures are for server and client sharing
the machine (nproc and load average printed). Not a test: it writes to its database.
"""

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]  # bench/queue.py shadows `queue`
sys.path.insert(0, str(ROOT))

from bench import peak, recap  # noqa: E402  (the other benchmarks' helpers)

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/ekinerja_bench_tenants"
DEFAULT_REDIS = "redis://127.0.0.1:6379/12"
SEED_TODAY = date(2026, 10, 5)  # as bench/recap.py: the demo's mid-month mutasi on 16 October
SPREAD_SLOT = 48  # the spread mix's pegawai submit from 12:00 on: never over an entry of phase A


def machine() -> str:
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"nproc {os.cpu_count()}, load average {load}"


# --- copying a pemda's organisation (generic over the models) -------------------------------------


def _pemda_models() -> list:
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist

    from accounts.models import Pemda

    out = []
    for m in apps.get_models(include_auto_created=True):
        try:
            f = m._meta.get_field("pemda")
        except FieldDoesNotExist:
            continue
        if f.concrete and f.is_relation and f.related_model is Pemda and not m._meta.proxy:
            out.append(m)
    return out


def _int_pk(m) -> bool:
    return m._meta.pk.get_internal_type() in ("AutoField", "BigAutoField", "SmallAutoField")


def org_snapshot(pemda) -> dict:
    """{model: highest id of the rows that belong to `pemda`} for every model with rows of it now (the
    organisation as seed_demo leaves it), and for the models without a `pemda` field whose rows point at
    those rows (their child tables). Only these rows are copied later, not the month written after."""
    from django.db.models import Max, Q

    snap: dict = {}
    for m in _pemda_models():
        if not _int_pk(m):
            print(f"  (not copied: {m._meta.label} has no integer id)")
            continue
        top = m._base_manager.filter(pemda_id=pemda.pk).aggregate(x=Max("pk"))["x"]
        if top is not None:
            snap[m] = (top, Q(pemda_id=pemda.pk))
    from django.apps import apps

    owned = set(_pemda_models())
    for m in apps.get_models(include_auto_created=True):
        if m in snap or m in owned or not _int_pk(m) or m._meta.proxy:
            continue
        links = [f for f in m._meta.concrete_fields if f.is_relation and f.related_model in snap]
        if not links:
            continue
        cond = Q()
        for f in links:
            cond |= Q(**{f"{f.name}__in": f.related_model._base_manager.filter(snap[f.related_model][1])})
        top = m._base_manager.filter(cond).aggregate(x=Max("pk"))["x"]
        if top is not None:
            snap[m] = (top, cond)
    return snap


def _order(models: list) -> list:
    """Referenced tables first (self-references need no order: the new ids are known in advance)."""
    done: list = []
    pending = list(models)
    while pending:
        for m in pending:
            deps = {f.related_model for f in m._meta.concrete_fields if f.is_relation and f.related_model is not m}
            if not (deps & set(pending)):
                done.append(m)
                pending.remove(m)
                break
        else:
            raise RuntimeError(f"a cycle of foreign keys among {[m._meta.label for m in pending]}")
    return done


def _unique_text_columns(m) -> list:
    """Text columns that are unique across the database (not per pemda, not through a foreign key)."""
    from django.db import models as djm

    cols = {f.column for f in m._meta.concrete_fields if f.unique and not f.primary_key and not f.is_relation}
    groups = [c.fields for c in m._meta.constraints if isinstance(c, djm.UniqueConstraint) and c.fields]
    groups += [tuple(g) for g in m._meta.unique_together]
    for group in groups:
        fields = [m._meta.get_field(n) for n in group]
        if not any(f.is_relation for f in fields):
            cols |= {f.column for f in fields}
    return [f for f in m._meta.concrete_fields if f.column in cols and isinstance(f, djm.CharField)]


def _text_sql(col: str, max_length: int, k: int) -> str:
    """A NIP (18 digits, 19xx/20xx) gets another century (32, 33 for the second pemda, …), so it stays a
    NIP-shaped unique number; any other unique text gets the suffix _k."""
    suffix = f"_{k}"
    return (
        f"CASE WHEN {col} ~ '^(19|20)[0-9]{{16}}$' "
        f"THEN (30 + 2 * {k} + (left({col}, 2) = '20')::int)::text || substr({col}, 3) "
        f"ELSE left({col}, {max_length - len(suffix)}) || '{suffix}' END"
    )


def _sql(queryset) -> str:
    from django.db import connection

    return connection.ops.compose_sql(*queryset.query.sql_with_params())


def copy_pemdas(src, snap: dict, n: int) -> list:
    """N − 1 copies of `src`'s organisation (rows in `snap`), each under a new pemda; their ids are the
    source's plus k × (the table's highest id + 1). Returns the new pemda, in order."""
    from django.db import connection, transaction

    from accounts.models import Pemda

    models = _order(list(snap))
    with connection.cursor() as cur:
        stride = {}
        for m in models:
            cur.execute(f"SELECT coalesce(max({m._meta.pk.column}), 0) + 1 FROM {m._meta.db_table}")
            stride[m] = cur.fetchone()[0]
    made = []
    for k in range(2, n + 1):
        with transaction.atomic(), connection.cursor() as cur:
            cols, exprs = [], []
            for f in Pemda._meta.concrete_fields:
                if f.primary_key:
                    continue
                cols.append(f.column)
                unique = f.unique and hasattr(f, "max_length") and f.max_length
                exprs.append(_text_sql(f.column, f.max_length, k) if unique else f.column)
            cur.execute(
                f"INSERT INTO {Pemda._meta.db_table} ({', '.join(cols)}) SELECT {', '.join(exprs)} "
                f"FROM {Pemda._meta.db_table} WHERE id = %s RETURNING id",
                [src.pk],
            )
            new_id = cur.fetchone()[0]
            for m in models:
                top, cond = snap[m]
                texts = {f.column for f in _unique_text_columns(m)}
                cols, exprs = [], []
                for f in m._meta.concrete_fields:
                    col = f.column
                    cols.append(col)
                    if f.primary_key:
                        exprs.append(f"{col} + {(k - 1) * stride[m]}")
                    elif f.name == "pemda" and f.related_model is Pemda:
                        exprs.append(f"CASE WHEN {col} = {src.pk} THEN {new_id} ELSE {col} END")
                    elif f.is_relation and f.related_model in snap and f.target_field.primary_key:
                        t = f.related_model
                        inner = _sql(t._base_manager.filter(snap[t][1], pk__lte=snap[t][0]).values("pk"))
                        exprs.append(f"CASE WHEN {col} IN ({inner}) THEN {col} + {(k - 1) * stride[t]} ELSE {col} END")
                    elif col in texts:
                        exprs.append(_text_sql(col, f.max_length, k))
                    else:
                        exprs.append(col)
                where = _sql(m._base_manager.filter(cond, pk__lte=top).values("pk"))
                table = m._meta.db_table
                cur.execute(
                    f"INSERT INTO {table} ({', '.join(cols)}) SELECT {', '.join(exprs)} FROM {table} "
                    f"WHERE {m._meta.pk.column} IN ({where})"
                )
            for m in models:
                cur.execute(
                    f"SELECT setval(pg_get_serial_sequence('{m._meta.db_table}', '{m._meta.pk.column}'), "
                    f"(SELECT max({m._meta.pk.column}) FROM {m._meta.db_table}))"
                )
        made.append(Pemda.objects.get(pk=new_id))
    return made


# --- (a) the TPP month calculation -----------------------------------------------------------------


def calc(pemda_id: int) -> int:
    from tpp.calculation import aturan_bulan, hitung_bulan

    aturan = aturan_bulan(pemda_id=pemda_id, tahun=recap.TAHUN, bulan=recap.BULAN)
    return len(hitung_bulan(aturan=aturan, pemda_id=pemda_id, tahun=recap.TAHUN, bulan=recap.BULAN))


def time_calc(pemda_id: int, runs: int) -> dict:
    """Best of `runs` (after one warm-up) of one pemda's month: wall and CPU seconds, queries, employees."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as q:
        employees = calc(pemda_id)  # warm: connection, caches, the month's rows in shared buffers
    times = [recap.timed(lambda: calc(pemda_id)) for _ in range(runs)]
    return {
        "wall": min(t[0] for t in times),
        "cpu": min(t[1] for t in times),
        "runs": [t[0] for t in times],
        "queries": len(q),
        "employees": employees,
        "sql": q.captured_queries,
    }


def calc_line(c: dict) -> str:
    runs = ", ".join(f"{x:.2f}" for x in c["runs"])
    return (
        f"  (a) calculation of pemda #1: best {c['wall']:.2f} s (runs {runs}; CPU {c['cpu']:.2f} s), "
        f"{c['queries']} queries, {c['employees']:,} employees"
    )


def ms3(f) -> str:
    return f"{f.p50:.0f}/{f.p95:.0f}/{f.p99:.0f}"


def time_calc_all(pemda_ids: list[int], runs: int) -> dict:
    """Every pemda's month, one after the other (as the monthly job runs them): best total of `runs`."""
    totals = []
    employees = 0
    for _ in range(runs):
        t, cpu = time.perf_counter(), time.process_time()
        employees = sum(calc(p) for p in pemda_ids)
        totals.append((time.perf_counter() - t, time.process_time() - cpu))
    return {"wall": min(t[0] for t in totals), "cpu": min(t[1] for t in totals), "employees": employees}


# --- (b) the month-end mix -------------------------------------------------------------------------


def run_mix(args, plan, label: str, pgid: int) -> tuple:
    """A warm-up run, then --runs runs of the mix, each followed by /sehat/: the median run's figures,
    its mix / `/sehat/` ratio, the errors of all runs, and the median CPU time per request of gunicorn
    (its process group alone: what the shared machine's other load does not inflate much)."""
    mixes, ratios, web = [], [], []
    cpu = peak.CpuMeter(pgid)
    for r in range(1 + args.runs):
        warm = r == 0
        load = peak.Beban(args.port, plan, args.seed + r, f"ten{os.getpid()}{label}{r}")
        cpu.start()
        seconds = asyncio.run(load.run(load.mix_one, args.warmup if warm else args.duration, args.concurrency))
        mix = peak.Figures.of(load.results, seconds)
        used = cpu.line(mix.n)
        web_ms = cpu.used()[0].get("web", 0) / max(1, mix.n) * 1000 if cpu.before else float("nan")
        triv = peak.Beban(args.port, plan, args.seed, "sehat")
        tseconds = asyncio.run(
            triv.run(triv.trivial_one, args.warmup if warm else args.trivial_duration, args.concurrency)
        )
        trivial = peak.Figures.of(triv.results, tseconds)
        name = "warm-up" if warm else f"run {r}"
        print(f"  {label:<10} {name:8} mix    {mix.line()}   [{peak.breakdown(load.results)}]", flush=True)
        if used:
            print(f"  {'':<10} {'':8} {used}")
        print(f"  {'':<10} {'':8} /sehat/ {trivial.line()}   mix/trivial = {mix.rps / trivial.rps:.2f}", flush=True)
        if not warm:
            mixes.append(mix)
            ratios.append(mix.rps / trivial.rps)
            web.append(web_ms)
    order = sorted(range(len(mixes)), key=lambda i: mixes[i].rps)
    mid = order[len(order) // 2]
    return mixes[mid], ratios[mid], sum(m.errors for m in mixes), sorted(web)[len(web) // 2]


def spread_plan(args, pemdas: list, first) -> "peak.Plan":
    """The mix over every pemda: --staf / N pegawai of each (pemda #1's taken from phase A's plan, so
    that no two sessions share a pegawai's slots), their approvers and their queues."""
    share = max(1, args.staf // len(pemdas))
    staf, atasan = list(first.staf[:share]), []
    for i, pemda in enumerate(pemdas[1:], start=1):
        p = peak.plan_actors(
            n_staf=share, queue_per_atasan=args.queue_per_atasan, seed=args.seed + i, pemda_id=pemda.pk
        )
        staf += p.staf
        atasan += p.atasan
    rng = random.Random(args.seed)
    mean = max(1, len(atasan) // max(1, len(pemdas) - 1))
    atasan += rng.sample(first.atasan, min(mean, len(first.atasan)))
    for s in staf:
        if s not in first.staf:
            s.next_slot = SPREAD_SLOT
    return peak.Plan(first.tanggal, first.katalog_id, staf, atasan)


def serve(args, env: dict, fn):
    """gunicorn around `fn()` (started afresh: each phase with empty process caches)."""
    log = Path(tempfile.gettempdir()) / f"ekinerja-tenants-gunicorn-{os.getpid()}.log"
    proc = peak.start_gunicorn(args.port, args.workers, args.threads, env, log)
    try:
        return fn(proc.pid)
    finally:
        peak.stop(proc)
        errors = log.read_text(errors="replace").count("Traceback") if log.exists() else 0
        if errors:
            print(f"  the server logged {errors} tracebacks: {log}")


# --- sizes and plans -------------------------------------------------------------------------------

TABLES = [
    ("accounts", "Pegawai"),
    ("accounts", "Penempatan"),
    ("attendance", "HariPresensi"),
    ("attendance", "Permohonan"),
    ("attendance", "Kejadian"),
    ("activities", "Aktivitas"),
    ("activities", "Tunggakan"),
]


def table_rows() -> dict[str, int]:
    from django.apps import apps

    return {name: apps.get_model(app, name)._base_manager.count() for app, name in TABLES}


def explain(sql: str) -> list[str]:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON) " + sql)
        lines = [r[0] for r in cur.fetchall()]
    return [ln for ln in lines if "Scan" in ln or "Execution Time" in ln or "Index Cond" in ln][:8]


def hot_plans(calc_sql: list[dict], pegawai_id: int, tanggal) -> None:
    """The plans of the calculation's two slowest statements and of "Hari ini"'s entries of a pegawai."""
    from activities.models import Aktivitas

    slow = sorted(calc_sql, key=lambda q: float(q["time"]), reverse=True)[:2]
    today = Aktivitas.objects.filter(pegawai_id=pegawai_id, tanggal=tanggal).order_by("jam_mulai")
    from django.db import connection

    shown = [(q["sql"], f"calculation, {float(q['time']) * 1000:.0f} ms when captured") for q in slow]
    shown.append((connection.ops.compose_sql(*today.query.sql_with_params()), "a pegawai's entries of a day"))
    for sql, what in shown:
        print(f"  {what}: {sql[:150]}{'…' if len(sql) > 150 else ''}")
        for line in explain(sql):
            print(f"      {line.strip()}")


# --- main ------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_DB, help="scratch database, dropped and recreated")
    parser.add_argument("--redis-url", default=DEFAULT_REDIS, help="cache and sessions; flushed (db 12)")
    parser.add_argument("--pemda", type=int, default=10, help="pemda in phase B (phase A: 1)")
    parser.add_argument("--pegawai", type=int, default=10_000, help="employees of each pemda")
    parser.add_argument("--calc-runs", type=int, default=3, help="runs of the calculation (best taken)")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument("--threads", type=int, default=8, help="gthread threads per worker (as bench/peak.py)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--duration", type=float, default=20, help="seconds of each measured mix run")
    parser.add_argument("--trivial-duration", type=float, default=8)
    parser.add_argument("--runs", type=int, default=3, help="measured mix runs (median shown)")
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--staf", type=int, default=600)
    parser.add_argument("--queue-per-atasan", type=int, default=40)
    parser.add_argument("--csrf-pages", type=int, default=40)
    parser.add_argument("--port", type=int, default=8767)
    parser.add_argument("--seed", type=int, default=20)
    args = parser.parse_args()

    t_start = time.monotonic()
    load_start = machine()
    print(f"{time.strftime('%Y-%m-%d %H:%M %Z')}  {load_start}")
    env = peak.server_env(args.database_url, args.redis_url)
    # This measures what a request costs with 1 or N pemda, not overload (bench/peak.py --overload):
    # the closed loop's requests wait for a slot instead of meeting the busy 503.
    env |= {"ADMISSION_WAITING": "64", "ADMISSION_MAX_WAIT_MS": "60000"}
    os.environ.update(env)
    os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="bench-tenants-"))
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from accounts import demo
    from activities.demo import seed_aktivitas

    # --- phase A: one pemda
    t = time.monotonic()
    peak.recreate_database(args.database_url)
    cache.clear()  # Redis db 12 is this benchmark's own
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    first = demo.seed_demo(employees=args.pegawai, today=SEED_TODAY).pemda
    seed_aktivitas(pemda=first, today=timezone.localdate())  # the catalog the mix submits with
    snap = org_snapshot(first)
    recap.seed_month(first, verbose=False)
    recap.vacuum_analyze()
    print(f"phase A: pemda #1 ({args.pegawai:,} pegawai) built in {time.monotonic() - t:.0f} s")
    calc_a = time_calc(first.pk, args.calc_runs)
    rows_a = table_rows()
    print(calc_line(calc_a), flush=True)
    plan_a = peak.plan_actors(
        n_staf=args.staf, queue_per_atasan=args.queue_per_atasan, seed=args.seed, pemda_id=first.pk
    )
    connection.close()

    def mix_a(pgid):
        asyncio.run(peak.warm_sessions(args.port, plan_a.staf + plan_a.atasan, args.csrf_pages, args.concurrency))
        return run_mix(args, plan_a, "pemda #1", pgid)

    mix_a_fig = serve(args, env, mix_a)

    # --- phase B: N pemda
    t = time.monotonic()
    others = copy_pemdas(first, snap, args.pemda)
    t_copy = time.monotonic() - t
    for p in others:
        recap.seed_month(p, verbose=False)
    recap.vacuum_analyze()
    pemdas = [first, *others]
    print(
        f"phase B: {len(others)} more pemda built in {time.monotonic() - t:.0f} s "
        f"(organisations copied in {t_copy:.0f} s; {len(snap)} tables: "
        f"{', '.join(sorted(m._meta.label for m in snap))})"
    )
    calc_b = time_calc(first.pk, args.calc_runs)
    print(calc_line(calc_b), flush=True)
    calc_last = time_calc(pemdas[-1].pk, args.calc_runs)
    calc_all = time_calc_all([p.pk for p in pemdas], max(1, args.calc_runs - 1))
    print(
        f"  (a) calculation of pemda #{len(pemdas)}: best {calc_last['wall']:.2f} s (CPU {calc_last['cpu']:.2f} s); "
        f"all {len(pemdas)} one after the other: {calc_all['wall']:.2f} s (CPU {calc_all['cpu']:.2f} s), "
        f"{calc_all['employees']:,} employees",
        flush=True,
    )
    rows_b = table_rows()
    spread = spread_plan(args, pemdas, plan_a)
    connection.close()

    def mix_b(pgid):
        fresh = [s for s in spread.staf + spread.atasan if not s.csrf_token]
        asyncio.run(peak.warm_sessions(args.port, fresh, args.csrf_pages, args.concurrency))
        return run_mix(args, plan_a, "pemda #1", pgid), run_mix(args, spread, f"all {len(pemdas)}", pgid)

    mix_b1, mix_bn = serve(args, env, mix_b)

    # --- the table
    n = len(pemdas)
    print(
        f"\n1 pemda against {n} (each {args.pegawai:,} pegawai; October 2026; "
        f"{args.workers} gthread workers × {args.threads} threads, "
        f"{args.concurrency} connections, median of {args.runs} runs of {args.duration:.0f} s)"
    )
    print(f"  {'':44} {'1 pemda':>14} {f'{n} pemda':>14}")

    def row(label, a, b):
        print(f"  {label:44} {a:>14} {b:>14}")

    row("TPP month of pemda #1 (best wall)", f"{calc_a['wall']:.2f} s", f"{calc_b['wall']:.2f} s")
    row("  CPU of this process", f"{calc_a['cpu']:.2f} s", f"{calc_b['cpu']:.2f} s")
    row("  queries", calc_a["queries"], calc_b["queries"])
    row(f"TPP month of pemda #{n} (best wall)", "", f"{calc_last['wall']:.2f} s")
    row(f"TPP months of all {n}, one after the other", f"{calc_a['wall']:.2f} s", f"{calc_all['wall']:.2f} s")
    row("  per pemda", f"{calc_a['wall']:.2f} s", f"{calc_all['wall'] / n:.2f} s")
    row(f"  all {n} / ({n} × pemda #1 alone)", "1.00", f"{calc_all['wall'] / (n * calc_a['wall']):.2f}")
    row(f"  CPU of this process, all {n}", f"{calc_a['cpu']:.2f} s", f"{calc_all['cpu']:.2f} s")
    for label, (fa, ra, ea, wa), (fb, rb, eb, wb) in (
        ("mix on pemda #1", mix_a_fig, mix_b1),
        (f"mix spread over all (B: {n})", mix_a_fig, mix_bn),
    ):
        row(f"{label}: req/s", f"{fa.rps:.0f}", f"{fb.rps:.0f}")
        row(
            "  p50 / p95 / p99 ms", f"{fa.p50:.0f}/{fa.p95:.0f}/{fa.p99:.0f}", f"{fb.p50:.0f}/{fb.p95:.0f}/{fb.p99:.0f}"
        )
        row("  mix / /sehat/, errors", f"{ra:.2f}, {ea}", f"{rb:.2f}, {eb}")
        row("  gunicorn CPU per request", f"{wa:.1f} ms", f"{wb:.1f} ms")
    for name in rows_a:
        row(f"rows: {name}", f"{rows_a[name]:,}", f"{rows_b[name]:,}")
    print("\nplans with the N pemda (index use by pemda / pegawai):")
    hot_plans(calc_b["sql"], plan_a.staf and _pegawai_of(plan_a.staf[0]), plan_a.tanggal)
    print(
        f"\nmachine at the start: {load_start}; at the end: {machine()}; "
        f"whole run {(time.monotonic() - t_start) / 60:.1f} min"
    )


def _pegawai_of(sesi) -> int:
    from accounts.models import Pegawai

    return Pegawai.objects.filter(user__username=sesi.username).values_list("pk", flat=True).first()


if __name__ == "__main__":
    main()
