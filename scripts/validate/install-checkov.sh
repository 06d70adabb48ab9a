#!/usr/bin/env bash
# Installs checkov from PyPI into a cached virtual environment and prints the path of its executable.
#   checkov pinned below; every package it pulls in pinned by checkov-constraints.txt (no drift between machines)
#   venv: ${XDG_CACHE_HOME:-$HOME/.cache}/gke-inference/checkov-<version>
# Idempotent: a warm run only compares a stamp (the constraints' hash) and prints the path. A cold run takes about
# two minutes and 290 MB. ./dev test runs it and hands the path to the tests as CHECKOV.
#
# Usage: CHECKOV="$(scripts/validate/install-checkov.sh)"
set -euo pipefail

VERSION=3.3.30
HERE="$(cd "$(dirname "$0")" && pwd)"
CONSTRAINTS="$HERE/checkov-constraints.txt"
VENV="${XDG_CACHE_HOME:-$HOME/.cache}/gke-inference/checkov-$VERSION"
STAMP="$VENV/.installed"

fail() { echo "install-checkov: $*" >&2; exit 1; }

wanted="$(sha256sum "$CONSTRAINTS" | cut -c1-64)"
installed() {
  [ "$(cat "$STAMP" 2>/dev/null)" = "$wanted" ] && "$VENV/bin/python" -c '' 2>/dev/null
}

mkdir -p "$(dirname "$VENV")"
exec 9>"$VENV.lock"
flock 9   # two runs at once: the second waits, then finds the stamp

if ! installed; then
  command -v python3 >/dev/null || fail "python3 (3.9 or later, with the venv module) is required on PATH"
  python3 -c 'import sys, venv; sys.exit(sys.version_info < (3, 9))' 2>/dev/null \
    || fail "python3 $(python3 -c 'import platform; print(platform.python_version())') is too old or lacks venv: 3.9 or later is required"
  echo "install-checkov: installing checkov $VERSION into $VENV (one-time, about 2 minutes)" >&2
  rm -rf "$VENV"
  # A venv cannot be moved after creation (its scripts name their interpreter by path), so it is built in place;
  # the stamp, written last, marks it complete. An interrupted install is removed and redone next time.
  trap 'rm -rf "$VENV"' EXIT
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --no-input --disable-pip-version-check \
    "checkov==$VERSION" --constraint "$CONSTRAINTS" >&2 \
    || fail "pip could not install checkov==$VERSION with $CONSTRAINTS (see its message above)"
  actual="$("$VENV/bin/checkov" --version 2>/dev/null || true)"
  [ "$actual" = "$VERSION" ] || fail "the installed checkov reports version '$actual', expected $VERSION"
  echo "$wanted" > "$STAMP"
  trap - EXIT
fi

echo "$VENV/bin/checkov"
