#!/usr/bin/env bash
# Builds the Java bindings real users get from Maven Central
#   com.hashicorp:cdktf:0.21.0
#   com.hashicorp:cdktf-provider-google:16.12.1      (binds hashicorp/google 6.50.0)
#   com.hashicorp:cdktf-provider-kubernetes:12.1.1   (binds hashicorp/kubernetes 2.38.0)
# from their npm packages with jsii-pacmak (the tool that produced the published jars) and installs
# them into the Maven local repository. Our Maven mirror lacks these versions; npm carries them.
#
# Idempotent: returns at once when all three jars are already in the local repository, so warm
# runs pay nothing. A cold run takes about 3.5 minutes and 4.5 GB (javac of the google provider).
#
# Usage: bootstrap.sh [LOCAL_REPO]   (default: $HOME/.m2/repository)
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
LOCAL_REPO="${1:-$HOME/.m2/repository}"
BUILD="$HERE/.build"

required_jars=(
  com/hashicorp/cdktf/0.21.0/cdktf-0.21.0.jar
  com/hashicorp/cdktf-provider-google/16.12.1/cdktf-provider-google-16.12.1.jar
  com/hashicorp/cdktf-provider-kubernetes/12.1.1/cdktf-provider-kubernetes-12.1.1.jar
)

all_present() {
  local jar
  for jar in "${required_jars[@]}"; do
    [ -s "$LOCAL_REPO/$jar" ] || return 1
  done
}

if all_present; then
  exit 0
fi

for tool in node npm mvn javac; do
  command -v "$tool" >/dev/null || { echo "bootstrap: '$tool' is required on PATH to build the cdktf bindings" >&2; exit 1; }
done

echo "bootstrap: building cdktf Java bindings from npm into $LOCAL_REPO (one-time, about 4 minutes)" >&2
rm -rf "$BUILD"
mkdir -p "$BUILD" "$LOCAL_REPO"
cp "$HERE/package.json" "$HERE/package-lock.json" "$BUILD/"
cd "$BUILD"

export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
log="$BUILD/pacmak.log"

if ! npm ci --no-audit --no-fund --loglevel=error --color=false >"$log" 2>&1 \
  || ! npx --no-install jsii-pacmak \
        node_modules/cdktf node_modules/@cdktf/provider-kubernetes node_modules/@cdktf/provider-google \
        --target java --outdir "$BUILD/dist" --maven-local-repository="$LOCAL_REPO" \
        --rosetta-unknown-snippets verbatim --mvn-define=maven.javadoc.skip=true >>"$log" 2>&1; then
  echo "bootstrap: building the cdktf bindings failed; last lines of $log:" >&2
  tail -n 40 "$log" >&2
  exit 1
fi

# dist/java is a Maven repository layout (pacmak deploys into it): merge it into the local repository.
cp -r "$BUILD/dist/java/." "$LOCAL_REPO/"
all_present || { echo "bootstrap: jsii-pacmak finished but the jars are missing from $LOCAL_REPO" >&2; exit 1; }
rm -rf "$BUILD"
echo "bootstrap: cdktf bindings installed into $LOCAL_REPO" >&2
