#!/usr/bin/env bash
# Builds the upstream endpoint picker the benchmark compares against: the Gateway API Inference Extension's epp at
# v1.5.0 (the version GKE's multi-cluster Inference Gateway deploys), from the Go module proxy, pure Go
# (CGO_ENABLED=0), into ~/.cache/gke-inference/epp-v1.5.0/bin/epp. Idempotent: an existing binary is kept.
#
# `go install sigs.k8s.io/gateway-api-inference-extension/cmd/epp@v1.5.0` cannot be used as is: it also asks the
# proxy for the module's version list (to check for deprecations), and the proxy answers that with 403. So the
# script downloads exactly v1.5.0 (`go mod download`, which needs no list) and builds cmd/epp inside the module,
# with the module's own go.mod and go.sum (the go.work of the source tree refers to a folder the module zip
# leaves out, hence GOWORK=off): the same main module and dependency versions `go install ...@v1.5.0` uses.
set -euo pipefail
version=v1.5.0
module=sigs.k8s.io/gateway-api-inference-extension
out="${EPP_CACHE_DIR:-$HOME/.cache/gke-inference/epp-$version}/bin/epp"
if [[ -x "$out" ]]; then
  echo "upstream picker: $out (cached)"
  exit 0
fi
command -v go >/dev/null || { echo "error: go is not installed; the upstream picker cannot be built" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
dir="$(GOFLAGS=-mod=mod go mod download -json "$module@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
[[ -d "$dir" ]] || { echo "error: go mod download $module@$version gave no source folder" >&2; exit 1; }
echo "building $module/cmd/epp@$version (several minutes on 2 cores) ..."
(cd "$dir" && GOWORK=off CGO_ENABLED=0 go build -trimpath -o "$out.partial" ./cmd/epp)
mv "$out.partial" "$out"
echo "upstream picker: $out"
