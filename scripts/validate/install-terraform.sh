#!/usr/bin/env bash
# Prints the path of a Terraform CLI (>= 1.5) for the tests and the validators: `terraform` or `tofu` from the
# PATH, else OpenTofu built once from its Go module (Go module proxy, pinned) into
#   ${XDG_CACHE_HOME:-$HOME/.cache}/gke-inference/opentofu-<version>/tofu
# `go install` refuses OpenTofu (its go.mod has a replace directive), so the module is downloaded and built in a
# scratch copy of itself. Idempotent: a warm run only looks the binary up. ./dev test exports the path as TERRAFORM.
#
# Usage: TERRAFORM="$(scripts/validate/install-terraform.sh)"
set -euo pipefail

MODULE=github.com/opentofu/opentofu
VERSION=v1.12.6
DIR="${XDG_CACHE_HOME:-$HOME/.cache}/gke-inference/opentofu-$VERSION"
TOFU="$DIR/tofu"

fail() { echo "install-terraform: $*" >&2; exit 1; }

for found in terraform tofu; do
  if command -v "$found" >/dev/null; then
    command -v "$found"
    exit 0
  fi
done
if [ -x "$TOFU" ]; then
  echo "$TOFU"
  exit 0
fi

command -v go >/dev/null || fail "no terraform or tofu on PATH, and no go to build OpenTofu $VERSION"
echo "install-terraform: building OpenTofu $VERSION from its Go module (one-time, several minutes)" >&2
mkdir -p "$DIR"
exec 9>"$DIR.lock"
flock 9
if [ ! -x "$TOFU" ]; then
  log="$(mktemp)"
  src="$(GOFLAGS=-mod=mod go mod download -json "$MODULE@$VERSION" 2>"$log" \
         | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')" || true
  [ -n "$src" ] || fail "the Go module proxy did not serve $MODULE@$VERSION: $(cat "$log")"
  work="$(mktemp -d)"
  trap 'rm -rf "$work" "$log"' EXIT
  cp -r "$src/." "$work" && chmod -R u+w "$work"
  (cd "$work" && CGO_ENABLED=0 go build -trimpath -o "$TOFU.tmp" ./cmd/tofu) >"$log" 2>&1 \
    || fail "building OpenTofu $VERSION failed: $(tail -n 20 "$log")"
  mv "$TOFU.tmp" "$TOFU"
fi
echo "$TOFU"
