#!/usr/bin/env bash
# The whole quality gate, as CI runs it (`make test`, `.ci/run`):
#   1. ruff check   2. no missing migrations   3. check --deploy   4. collectstatic   5. pytest
# It stops at the first failing step. Arguments go to pytest:
#   scripts/test.sh -k tpp -x          make test ARGS='-k tpp -x'
#
# Services (see scripts/services.sh): DATABASE_URL / REDIS_URL if set, else the local servers on
# 5432 / 6379, else throwaway ones on free ports, stopped on exit.
#   EKINERJA_FORCE_THROWAWAY=1   always use throwaway servers (isolated run)
#   EKINERJA_SKIP_BROWSER=1      skip the Playwright tests
#   PYTEST_WORKERS=N             pytest-xdist processes (default 3; 0 = no xdist)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash "$ROOT/scripts/venv.sh"
PY="$ROOT/.venv/bin/python"
# shellcheck source-path=SCRIPTDIR source=services.sh
source "$ROOT/scripts/services.sh"

# Scratch space for this run: SQLite for the static checks, the var dir (media, broker) for tests.
WORK="$(mktemp -d "${TMPDIR:-/tmp}/ekinerja-test.XXXXXX")"
cleanup() {
    local rc=$?
    services_stop
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
# Turn Ctrl-C / kill into a normal exit so the EXIT trap stops the servers.
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Colour only on a terminal: CI logs stay free of escape codes.
if [[ -t 1 ]]; then BOLD=$'\033[1m' RED=$'\033[1;31m' GREEN=$'\033[1;32m' RESET=$'\033[0m'
else BOLD="" RED="" GREEN="" RESET=""; fi
STEP_START=$SECONDS
step() {
    printf '\n%s=== %s%s\n' "$BOLD" "$*" "$RESET"
    STEP_START=$SECONDS
}
fail() {
    printf '\n%sFAILED: %s%s\n' "$RED" "$*" "$RESET" >&2
    exit 1
}
ok() { printf '    ok (%ss)\n' "$((SECONDS - STEP_START))"; }

# A real-looking key: check --deploy rejects short keys and ones starting with django-insecure.
SECRET="$("$PY" -c 'import secrets; print("test-" + secrets.token_urlsafe(48))')"

# The static checks must not depend on whichever database or Redis the caller points at:
# they get a scratch SQLite under $WORK and the filesystem broker.
# (env stops reading options at the first NAME=VALUE, so every -u comes first.)
static_env=(env -u DATABASE_URL -u REDIS_URL -u SECURE_SSL_REDIRECT -u SECURE_HSTS_SECONDS -u BEHIND_PROXY
            EKINERJA_VAR_DIR="$WORK/static-var")
mkdir -p "$WORK/static-var"

step "1/5 Lint: ruff check"
"$ROOT/.venv/bin/ruff" check --config scripts/ruff.toml . || fail "ruff check (the ones marked [*] fix with: .venv/bin/ruff check --config scripts/ruff.toml --fix .)"
ok

step "2/5 Migrations: makemigrations --check"
"${static_env[@]}" DEBUG=1 "$PY" manage.py makemigrations --check --dry-run \
    || fail "makemigrations --check: a model change has no migration (run: .venv/bin/python manage.py makemigrations), or the command crashed (see above)"
ok

step "3/5 Production settings: check --deploy"
# Production-like settings, with every security knob at its default. security.W021 (HSTS
# preload) is accepted on purpose: preloading is a decision for the operator of the domain.
# Django has no flag to silence one check, so the output is read for any other check id.
DEPLOY_OUT="$WORK/check-deploy.txt"
deploy_rc=0
"${static_env[@]}" DEBUG=0 SECRET_KEY="$SECRET" ALLOWED_HOSTS=ekinerja.example.go.id \
    "$PY" manage.py check --deploy >"$DEPLOY_OUT" 2>&1 || deploy_rc=$?
cat "$DEPLOY_OUT"
unexpected="$(grep -oE '\(([A-Za-z0-9_]+\.)+[A-Z]+[0-9]+\)' "$DEPLOY_OUT" | tr -d '()' | sort -u | grep -vx 'security.W021' || true)"
if [[ "$deploy_rc" != 0 || -n "$unexpected" ]]; then
    fail "check --deploy reported: ${unexpected:-errors (exit $deploy_rc)}"
fi
ok

# The settings the tests run with. DEBUG=0 so the tests see production's static storage
# (a template naming a missing static file fails); no SSL redirect because the test client and
# live_server speak plain HTTP. These must be in the environment before pytest starts:
# pytest-django imports settings before any conftest runs.
export DEBUG=0
export SECRET_KEY="$SECRET"
export SECURE_SSL_REDIRECT=0
export EKINERJA_VAR_DIR="$WORK/var"
mkdir -p "$EKINERJA_VAR_DIR/media" "$EKINERJA_VAR_DIR/celery/queue" "$EKINERJA_VAR_DIR/celery/processed"

step "4/5 Static files: collectstatic"
# whitenoise's manifest storage (DEBUG=0) needs the manifest, or every page with {% static %} fails.
"$PY" manage.py collectstatic --noinput --verbosity 0 || fail "collectstatic (see the error above)"
ok

step "Services"
services_postgres
services_redis
services_chromium
services_pdf_libs
ok

step "5/5 Tests: pytest"
# Passwords in the URLs stay out of CI logs.
mask() { sed -E 's#//([^:/@]*):[^@]*@#//\1:***@#' <<<"$1"; }
printf '    DATABASE_URL=%s\n    REDIS_URL=%s\n' "$(mask "$DATABASE_URL")" "$(mask "$REDIS_URL")"
pytest_args=(-c tests/pytest.ini --rootdir .)
# Three processes on two cores: the suite waits on Celery, PostgreSQL and Chromium often enough that
# a third keeps the cores busy (9 min 13 s with two, 7 min 15 s with three on one slow 2-core box).
workers="${PYTEST_WORKERS:-3}"
if [[ "$workers" != 0 ]]; then
    # worksteal: an idle process takes queued tests from a busy one, so the few long tests (the
    # embedded run, the axe sweeps) do not leave the others idle at the end.
    pytest_args+=(-n "$workers" --dist worksteal)
fi
pytest_rc=0
"$ROOT/.venv/bin/pytest" "${pytest_args[@]}" "$@" || pytest_rc=$?
case "$pytest_rc" in
    0) ok ;;
    5) fail "pytest collected no tests (exit 5): a gate that runs nothing must not pass" ;;
    *) fail "pytest (exit $pytest_rc)" ;;
esac
printf '\n%sAll checks passed.%s\n' "$GREEN" "$RESET"
