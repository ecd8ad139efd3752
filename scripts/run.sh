#!/usr/bin/env bash
# Run E-Kinerja on this machine with nothing but Python 3.12:
#
#   scripts/run.sh          web server + a Celery worker (make run)
#   scripts/run.sh worker   only a Celery worker        (make worker)
#   scripts/run.sh beat     only Celery beat            (make beat)
#
# Defaults give the embedded setup: SQLite and media under var/, Celery over the filesystem
# broker under var/celery/ (settings.py). Export DATABASE_URL / REDIS_URL to use real servers;
# RUNSERVER_ADDR (default 127.0.0.1:8000) moves the web server.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash "$ROOT/scripts/venv.sh"
PY="$ROOT/.venv/bin/python"
CELERY="$ROOT/.venv/bin/celery"

say() { printf '==> %s\n' "$*" >&2; }

# A development run: DEBUG on unless the caller says otherwise (DEBUG off needs SECRET_KEY).
export DEBUG="${DEBUG:-1}"
# runserver is one process for everything: a page, its htmx parts and the bell's poll arrive
# together. Admission control (core/admission.py) lets them wait their turn here instead of refusing
# after 150 ms, the production bound of a box with several workers.
export ADMISSION_MAX_WAIT_MS="${ADMISSION_MAX_WAIT_MS:-10000}"
VAR_DIR="${EKINERJA_VAR_DIR:-$ROOT/var}"
# The filesystem broker does not create its folders, and the worker fails without them.
mkdir -p "$VAR_DIR/celery/queue" "$VAR_DIR/celery/processed" "$VAR_DIR/media"

# solo pool, one process, no gossip/mingle/heartbeat: the cheapest worker that is ready in ~1 s,
# enough for one developer's jobs.
# It serves the three queues (interactive, nightly, notifications: ekinerja/celery.py).
worker_cmd=("$CELERY" -A ekinerja worker --pool solo -c 1 --without-gossip --without-mingle
            --without-heartbeat -Q celery,celery.malam,celery.notifikasi --loglevel "${CELERY_LOGLEVEL:-INFO}")
# The schedule state file goes under var/, not into the repo root.
beat_cmd=("$CELERY" -A ekinerja beat --schedule "$VAR_DIR/celerybeat-schedule"
          --loglevel "${CELERY_LOGLEVEL:-INFO}")

case "${1:-web}" in
    worker) exec "${worker_cmd[@]}" ;;
    beat)   exec "${beat_cmd[@]}" ;;
    web)    ;;
    *)      echo "usage: $0 [web|worker|beat]" >&2; exit 2 ;;
esac

say "Migrating the database"
"$PY" manage.py migrate --noinput

# Seed only an empty database, so a developer's own data survives every later `make run`.
say "Demo data (only when the database has no Pemda)"
"$PY" manage.py seed_demo --if-empty

WORKER_PID=""
stop_worker() {
    local rc=$?
    if [[ -n "$WORKER_PID" ]] && kill -0 "$WORKER_PID" 2>/dev/null; then
        say "Stopping the Celery worker"
        kill -TERM "$WORKER_PID" 2>/dev/null || true
        # Warm shutdown waits for a running job; do not hang the terminal on a long one.
        for _ in $(seq 100); do kill -0 "$WORKER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$WORKER_PID" 2>/dev/null || true
        wait "$WORKER_PID" 2>/dev/null || true
    fi
    exit "$rc"
}
trap stop_worker EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP  # terminal closed

say "Starting a Celery worker in the background (its lines start with [worker])"
# Process substitution, not a pipe: $! is then the worker's own pid, which the trap kills.
# The prefixer ignores Ctrl-C so the worker's last shutdown lines still reach the terminal.
"${worker_cmd[@]}" > >(trap '' INT; sed -u 's/^/[worker] /') 2>&1 &
WORKER_PID=$!

ADDR="${RUNSERVER_ADDR:-127.0.0.1:8000}"
printf '\n'
# Printed again right before the server so the logins are the last thing above its banner.
"$PY" manage.py seed_demo --print-logins || say "(could not print the demo logins)"
printf '\nE-Kinerja: http://%s/   (Ctrl-C stops the server and the worker)\n\n' "$ADDR"

"$PY" manage.py runserver "$ADDR"
