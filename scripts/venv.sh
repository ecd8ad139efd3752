#!/usr/bin/env bash
# Create or refresh the project's virtualenv at .venv, quickly when nothing changed.
#
#   scripts/venv.sh            # make sure .venv is current (called by make run / make test)
#   PYTHON=/opt/py312/bin/python3.12 scripts/venv.sh   # pick the interpreter yourself
#
# The venv records a hash of requirements.txt + scripts/constraints.txt; pip only runs when that
# hash changed, so every `make` target can call this script without paying for an install.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# pyenv resolves python3.12 through .python-version, which it only sees from inside the repo.
cd "$ROOT"

VENV="$ROOT/.venv"
STAMP="$VENV/.requirements.sha256"

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# Django 6.x needs Python >= 3.12; a bare python3 is often 3.11 here, where pip would quietly
# install an older Django. So each candidate is asked for its version, not trusted by name.
is_py312plus() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; }

find_python() {
    local cand
    for cand in ${PYTHON:+"$PYTHON"} python3.12 python3 python; do
        if command -v "$cand" >/dev/null 2>&1 && is_py312plus "$cand"; then
            printf '%s\n' "$cand"
            return 0
        fi
    done
    return 1
}

want_hash() {
    # The interpreter's version is part of the key: a venv built by another Python is stale.
    { cat requirements.txt scripts/constraints.txt; "$VENV/bin/python" -VV; } | sha256sum | cut -d' ' -f1
}

# Two `make` runs started together in a fresh checkout would otherwise both pip-install into one
# venv. The lock lives outside the tree so it leaves nothing to commit or ignore.
if command -v flock >/dev/null 2>&1; then
    LOCK="${TMPDIR:-/tmp}/ekinerja-venv-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1).lock"
    exec 9>"$LOCK"
    flock 9
fi

# A venv whose interpreter vanished (pyenv version removed, repo moved) cannot be repaired by pip.
if [[ -e "$VENV" ]] && ! is_py312plus "$VENV/bin/python"; then
    say "Existing .venv is broken or not Python >= 3.12: recreating it"
    rm -rf "$VENV"
fi

if [[ ! -x "$VENV/bin/python" ]]; then
    PY="$(find_python)" || die "Python 3.12 not found. Install it (e.g. 'pyenv install 3.12') or set PYTHON=/path/to/python3.12."
    say "Creating .venv with $("$PY" -c 'import sys; print(sys.executable, sys.version.split()[0])')"
    "$PY" -m venv "$VENV"
fi

HASH="$(want_hash)"
if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$HASH" ]]; then
    exit 0  # up to date: the common case, kept silent
fi

say "Installing requirements into .venv (about half a minute on a fresh venv)"
# The constraints file pins every transitive package, Django included, so no plugin can
# silently downgrade Django (STACK.md).
"$VENV/bin/python" -m pip install --disable-pip-version-check --quiet \
    -r requirements.txt -c scripts/constraints.txt
# Written last: an interrupted install leaves no stamp and is simply retried next time.
printf '%s\n' "$HASH" > "$STAMP"
say ".venv is ready"
