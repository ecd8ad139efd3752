# shellcheck shell=bash
# Find or start the services the tests need: PostgreSQL, Redis, Chromium.
# Sourced by scripts/test.sh (not run on its own). The caller must `trap services_stop EXIT`.
#
# Order of preference for each server:
#   1. the URL the caller already exported (DATABASE_URL / REDIS_URL);
#   2. a server already answering on its standard port on 127.0.0.1 (the dev machines have one);
#   3. a throwaway server on a free port, from local binaries, installed with apt-get if needed
#      and if we are root. It lives in a temp dir and is stopped and deleted by services_stop.
# EKINERJA_FORCE_THROWAWAY=1 skips 1 and 2: an isolated run, and a way to test path 3.
#
# Servers are started by daemonizing commands (pg_ctl, redis-server --daemonize), never inside
# $( ) or a pipeline, so the bookkeeping variables below stay in this shell for the EXIT trap.

_SVC_PG_DIR=""          # temp dir of a throwaway PostgreSQL (data, socket, log)
_SVC_PG_BIN=""
_SVC_REDIS_DIR=""       # temp dir of a throwaway Redis (pid file, log)
_SVC_REDIS_PORT=""
_SVC_APT_UPDATED=""

_svc_say()  { printf '==> %s\n' "$*" >&2; }
_svc_warn() { printf 'WARNING: %s\n' "$*" >&2; }
_svc_die()  { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
_svc_is_root() { [[ "$(id -u)" == 0 ]]; }
_svc_forced() { [[ "${EKINERJA_FORCE_THROWAWAY:-0}" == 1 ]]; }

# apt-get only when root; `update` once per run because a fresh machine has no package lists.
_svc_apt_install() {
    _svc_is_root || return 1
    command -v apt-get >/dev/null 2>&1 || return 1
    export DEBIAN_FRONTEND=noninteractive
    if [[ -z "$_SVC_APT_UPDATED" ]]; then
        _svc_say "apt-get update"
        apt-get update -qq >/dev/null || return 1
        _SVC_APT_UPDATED=1
    fi
    _svc_say "apt-get install $*"
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# A port nobody listens on. The tiny race (someone grabs it before our server) is acceptable.
_svc_free_port() {
    local port
    for _ in $(seq 50); do
        port=$(( 20000 + RANDOM % 40000 ))
        _svc_port_answers "$port" || { printf '%s\n' "$port"; return 0; }
    done
    _svc_die "no free TCP port found"
}

_svc_port_answers() { timeout 2 bash -c ": >/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# Pure bash, so it works before redis-cli is installed.
_svc_redis_pongs() {
    # shellcheck disable=SC2016  # $1 and $reply belong to the inner shell
    timeout 3 bash -c '
        exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
        printf "PING\r\n" >&3
        IFS= read -r -t 2 reply <&3 || exit 1
        [[ "$reply" == "+PONG"* ]]' _ "$1" 2>/dev/null
}

# ---------------------------------------------------------------- PostgreSQL

_svc_pg_bindir() {
    local d
    d="$( (ls -d /usr/lib/postgresql/*/bin 2>/dev/null || true) | sort -V | tail -n 1)"
    [[ -n "$d" && -x "$d/initdb" && -x "$d/pg_ctl" ]] && printf '%s\n' "$d"
}

# The server refuses to run as root: as root, run it as the `postgres` system user.
_svc_as_pg() {
    if _svc_is_root; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

_svc_pg_local_ok() {
    local port=5432
    if command -v pg_isready >/dev/null 2>&1; then
        pg_isready -q -h 127.0.0.1 -p "$port" -t 3 || return 1
    else
        _svc_port_answers "$port" || return 1
    fi
    # Answering is not enough: the tests log in as postgres without a password (trust auth).
    if command -v psql >/dev/null 2>&1; then
        psql -w -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1 || {
            _svc_warn "PostgreSQL on 127.0.0.1:$port refused user postgres without a password"
            return 1
        }
    fi
}

_svc_pg_throwaway() {
    _SVC_PG_BIN="$(_svc_pg_bindir)" || true
    if [[ -z "$_SVC_PG_BIN" ]]; then
        _svc_apt_install postgresql || _svc_die "PostgreSQL binaries not found (/usr/lib/postgresql/*/bin) and cannot install them: install the Debian package 'postgresql' or set DATABASE_URL."
        _SVC_PG_BIN="$(_svc_pg_bindir)" || _svc_die "postgresql installed but initdb/pg_ctl not found"
    fi
    local port
    port="$(_svc_free_port)"
    _SVC_PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/ekinerja-pg.XXXXXX")"
    # mktemp makes it 0700 and owned by us; the server runs as postgres when we are root.
    if _svc_is_root; then
        chown postgres: "$_SVC_PG_DIR"
    fi
    _svc_say "Starting throwaway PostgreSQL ($(basename "$(dirname "$_SVC_PG_BIN")")) on 127.0.0.1:$port in $_SVC_PG_DIR"
    _svc_as_pg "$_SVC_PG_BIN/initdb" -D "$_SVC_PG_DIR/data" -U postgres -A trust -E UTF8 --no-sync >"$_SVC_PG_DIR/initdb.log" 2>&1 \
        || { cat "$_SVC_PG_DIR/initdb.log" >&2; _svc_die "initdb failed"; }
    # Durability settings off: the cluster dies with the run, speed is all that matters.
    _svc_as_pg "$_SVC_PG_BIN/pg_ctl" -D "$_SVC_PG_DIR/data" -l "$_SVC_PG_DIR/server.log" -w -t 60 \
        -o "-h 127.0.0.1 -p $port -k $_SVC_PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null \
        || { cat "$_SVC_PG_DIR/server.log" >&2; _svc_die "PostgreSQL did not start"; }
    export DATABASE_URL="postgres://postgres@127.0.0.1:$port/ekinerja"
}

services_postgres() {
    if [[ -n "${DATABASE_URL:-}" ]] && ! _svc_forced; then
        _svc_say "PostgreSQL: using DATABASE_URL from the environment"
    elif ! _svc_forced && _svc_pg_local_ok; then
        # Database `ekinerja` need not exist: the test runner connects to the `postgres`
        # database to create test_ekinerja.
        export DATABASE_URL="postgres://postgres@127.0.0.1:5432/ekinerja"
        _svc_say "PostgreSQL: using the local server on 127.0.0.1:5432"
    else
        _svc_pg_throwaway
    fi
}

# ---------------------------------------------------------------- Redis

_svc_redis_throwaway() {
    if ! command -v redis-server >/dev/null 2>&1; then
        _svc_apt_install redis-server || _svc_die "redis-server not found and cannot install it: install the Debian package 'redis-server' or set REDIS_URL."
    fi
    _SVC_REDIS_PORT="$(_svc_free_port)"
    _SVC_REDIS_DIR="$(mktemp -d "${TMPDIR:-/tmp}/ekinerja-redis.XXXXXX")"
    _svc_say "Starting throwaway Redis on 127.0.0.1:$_SVC_REDIS_PORT"
    # No persistence: nothing to clean up but the temp dir.
    redis-server --bind 127.0.0.1 --port "$_SVC_REDIS_PORT" --save '' --appendonly no \
        --dir "$_SVC_REDIS_DIR" --pidfile "$_SVC_REDIS_DIR/redis.pid" \
        --logfile "$_SVC_REDIS_DIR/redis.log" --daemonize yes >/dev/null \
        || _svc_die "redis-server did not start"
    for _ in $(seq 50); do
        _svc_redis_pongs "$_SVC_REDIS_PORT" && break
        sleep 0.1
    done
    _svc_redis_pongs "$_SVC_REDIS_PORT" || { cat "$_SVC_REDIS_DIR/redis.log" >&2; _svc_die "Redis did not answer"; }
    export REDIS_URL="redis://127.0.0.1:$_SVC_REDIS_PORT/0"
}

services_redis() {
    if [[ -n "${REDIS_URL:-}" ]] && ! _svc_forced; then
        _svc_say "Redis: using REDIS_URL from the environment"
    elif ! _svc_forced && _svc_redis_pongs 6379; then
        export REDIS_URL="redis://127.0.0.1:6379/0"
        _svc_say "Redis: using the local server on 127.0.0.1:6379"
    else
        _svc_redis_throwaway
    fi
}

# ---------------------------------------------------------------- Chromium

# Playwright cannot download its own browser on these machines, so tests use Debian's Chromium.
services_chromium() {
    if [[ "${EKINERJA_SKIP_BROWSER:-0}" == 1 ]]; then
        _svc_warn "EKINERJA_SKIP_BROWSER=1: browser tests will be skipped"
        return 0
    fi
    [[ -x /usr/bin/chromium ]] && return 0
    if _svc_is_root; then
        _svc_apt_install chromium || _svc_die "apt-get install chromium failed"
    else
        _svc_warn "/usr/bin/chromium is missing and we are not root: browser tests will be SKIPPED."
        _svc_warn "Install it with 'sudo apt-get install chromium' to run them."
        export EKINERJA_SKIP_BROWSER=1
    fi
}

# ---------------------------------------------------------------- PDF (weasyprint)

# weasyprint renders through pango; the SKP PDFs also need a font with Indonesian glyphs.
services_pdf_libs() {
    if ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' && [[ -d /usr/share/fonts/truetype/dejavu ]]; then
        return 0
    fi
    if _svc_is_root; then
        _svc_apt_install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
            || _svc_die "apt-get install of pango for weasyprint failed"
    else
        _svc_warn "pango or the DejaVu fonts are missing and we are not root: the SKP PDF tests will fail."
        _svc_warn "Install them with 'sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core'."
    fi
}

# ---------------------------------------------------------------- cleanup

# Stops only what this run started; safe to call twice.
services_stop() {
    if [[ -n "$_SVC_PG_DIR" ]]; then
        if [[ -f "$_SVC_PG_DIR/data/postmaster.pid" ]]; then
            _svc_say "Stopping throwaway PostgreSQL"
            _svc_as_pg "$_SVC_PG_BIN/pg_ctl" -D "$_SVC_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 \
                || _svc_warn "pg_ctl stop failed; data dir $_SVC_PG_DIR left for inspection"
        fi
        [[ -f "$_SVC_PG_DIR/data/postmaster.pid" ]] || rm -rf "$_SVC_PG_DIR"
        _SVC_PG_DIR=""
    fi
    if [[ -n "$_SVC_REDIS_DIR" ]]; then
        local pid=""
        [[ -f "$_SVC_REDIS_DIR/redis.pid" ]] && pid="$(cat "$_SVC_REDIS_DIR/redis.pid")"
        if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
            _svc_say "Stopping throwaway Redis"
            kill "$pid" 2>/dev/null || true
            for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
        fi
        rm -rf "$_SVC_REDIS_DIR"
        _SVC_REDIS_DIR=""
    fi
}
