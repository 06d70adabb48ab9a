#!/usr/bin/env bash
# terraform validate on every stack of synthesized cdktf outputs, with the real hashicorp/google and
# hashicorp/kubernetes providers at the lowest and the highest major their constraints are meant to allow
# (google 7.x and 8.x, kubernetes 2.x and 3.x: four combinations). Not run by ./dev test: on our machines the
# providers cannot be had (README, Tests). A stack that fails validation fails the run with the provider's message.
#
# Usage: scripts/validate/terraform-validate.sh [--providers auto|registry|go] OUTDIR...
#   OUTDIR   a synthesized output (./dev synth --out OUTDIR), e.g. the reference and a 3-region variant
#   registry a Terraform registry is reachable: `terraform providers mirror` downloads the pinned versions
#   go       offline CI: each provider is built from its Go module (Go module proxy) at the pinned ref
#   auto     registry if registry.terraform.io answers, else go (the default)
# Either way each combination's providers go into a filesystem mirror (cached), and every stack is initialised
# from that mirror alone, so `init` also proves the stack's version constraints admit that combination.
# Terraform: terraform or tofu (>= 1.5) on PATH, else OpenTofu built from its Go module into the cache.
#
# Exit: 0 every stack valid, 1 a stack failed validation, 2 bad arguments, 3 a provider or Terraform could not be had.
set -euo pipefail

CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/gke-inference/terraform-validate"
# name version Go module and ref. These modules carry no major-version suffix, so Go accepts a v2+ release only by
# its commit; v3.2.1's is known (28fb611c), the other three commits are not (their repositories are out of reach
# here): replace the tags with the release commits once known. The Go module proxy refused all of them (README).
PROVIDERS=(
  "google 7.31.0 github.com/hashicorp/terraform-provider-google v7.31.0"
  "google 8.9.0 github.com/hashicorp/terraform-provider-google v8.9.0"
  "kubernetes 2.38.0 github.com/hashicorp/terraform-provider-kubernetes v2.38.0"
  "kubernetes 3.2.1 github.com/hashicorp/terraform-provider-kubernetes 28fb611cb6be20c5059efadd6cbf16b9ad64cd6c"
)
COMBINATIONS=("7.31.0 2.38.0" "7.31.0 3.2.1" "8.9.0 2.38.0" "8.9.0 3.2.1")

usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
blocked() { echo "terraform-validate: $*" >&2; exit 3; }

mode=auto
outdirs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --providers) [ $# -ge 2 ] || usage; mode="$2"; shift 2 ;;
    -h|--help) usage ;;
    -*) echo "terraform-validate: unknown option '$1'" >&2; usage ;;
    *) outdirs+=("$1"); shift ;;
  esac
done
case "$mode" in auto|registry|go) ;; *) echo "terraform-validate: --providers '$mode': allowed are auto, registry, go" >&2; exit 2 ;; esac
[ ${#outdirs[@]} -gt 0 ] || usage
for out in "${outdirs[@]}"; do
  [ -f "$out/manifest.json" ] || { echo "terraform-validate: '$out' is not a synthesized output (no manifest.json)" >&2; exit 2; }
done

# Builds a Go module's package from the module proxy: go install refuses modules with replace directives, so the
# module is downloaded and built in its own directory. Prints go's own message when the proxy refuses.
build_go() { # MODULE REF PACKAGE OUTPUT
  local json dir log
  log="$(mktemp)"
  if ! json="$(GOFLAGS=-mod=mod go mod download -json "$1@$2" 2>"$log")"; then
    blocked "the Go module proxy did not serve $1@$2: $(sed -n 's/.*"Error": "\(.*\)".*/\1/p' <<<"$json" | sed 's/\\n\\t/ /g')$(cat "$log")"
  fi
  dir="$(mktemp -d)"
  cp -r "$(sed -n 's/.*"Dir": "\(.*\)".*/\1/p' <<<"$json")/." "$dir" && chmod -R u+w "$dir"
  (cd "$dir" && go build -trimpath -o "$4" "$3") >"$log" 2>&1 || blocked "building $1@$2 failed: $(cat "$log")"
  rm -rf "$dir" "$log"
}

TF="$("$(dirname "$0")/install-terraform.sh")" || blocked "no Terraform CLI (see install-terraform.sh)"
# OpenTofu resolves the unqualified sources cdktf writes ("google") on its own registry host
HOST=registry.terraform.io
case "$("$TF" version 2>/dev/null | head -1)" in OpenTofu*) HOST=registry.opentofu.org ;; esac
TARGET="$(go env GOOS 2>/dev/null || uname -s | tr 'A-Z' 'a-z')_$(go env GOARCH 2>/dev/null || echo amd64)"

if [ "$mode" = auto ]; then
  if curl -sf --max-time 10 -o /dev/null "https://$HOST/.well-known/terraform.json"; then mode=registry; else mode=go; fi
fi

provider_row() { # NAME VERSION
  local row
  for row in "${PROVIDERS[@]}"; do
    read -r n v m r <<<"$row"
    [ "$n" = "$1" ] && [ "$v" = "$2" ] && { echo "$m $r"; return; }
  done
}

# One filesystem mirror per combination, holding exactly those two versions.
fill_mirror() { # MIRROR GOOGLE KUBERNETES
  local mirror="$1" name version module ref dest scratch
  [ -f "$mirror/.complete" ] && return
  rm -rf "$mirror"
  if [ "$mode" = registry ]; then
    scratch="$(mktemp -d)"
    printf '{"terraform":{"required_providers":{"google":{"source":"hashicorp/google","version":"%s"},"kubernetes":{"source":"hashicorp/kubernetes","version":"%s"}}}}\n' \
      "$2" "$3" > "$scratch/main.tf.json"
    (cd "$scratch" && "$TF" providers mirror -platform="$TARGET" "$mirror") >&2 \
      || blocked "the registry did not provide google $2 and kubernetes $3 (message above)"
    rm -rf "$scratch"
  else
    command -v go >/dev/null || blocked "go is needed to build the providers from the Go module proxy"
    for name in google kubernetes; do
      version="$2"; [ "$name" = kubernetes ] && version="$3"
      read -r module ref <<<"$(provider_row "$name" "$version")"
      dest="$mirror/$HOST/hashicorp/$name/$version/$TARGET"
      mkdir -p "$dest"
      echo "terraform-validate: building hashicorp/$name $version from $module@$ref (one-time)" >&2
      build_go "$module" "$ref" . "$dest/terraform-provider-${name}_v$version"
    done
  fi
  touch "$mirror/.complete"
}

failed=0
for combination in "${COMBINATIONS[@]}"; do
  read -r google kubernetes <<<"$combination"
  mirror="$CACHE/mirror-$mode/google-$google-kubernetes-$kubernetes"
  fill_mirror "$mirror" "$google" "$kubernetes"
  rc="$(mktemp)"
  printf 'provider_installation {\n  filesystem_mirror {\n    path = "%s"\n  }\n}\n' "$mirror" > "$rc"
  for out in "${outdirs[@]}"; do
    for stack in "$out"/stacks/*/; do
      work="$(mktemp -d)"
      cp -r "$stack/." "$work/"
      label="$(basename "$stack") of $out with google $google, kubernetes $kubernetes"
      if (cd "$work" && TF_CLI_CONFIG_FILE="$rc" "$TF" init -backend=false -input=false -no-color >"$work/init.log" 2>&1 \
          && TF_CLI_CONFIG_FILE="$rc" "$TF" validate -no-color >"$work/validate.log" 2>&1); then
        echo "valid: $label"
      else
        echo "INVALID: $label" >&2
        cat "$work"/*.log >&2
        failed=1
      fi
      rm -rf "$work"
    done
  done
  rm -f "$rc"
done
exit "$failed"
