#!/usr/bin/env bash
# Lints the OpenAPI document with Spectral (.spectral.yaml: the spectral:oas rules) and fails on any error.
#   scripts/lint-openapi.sh                      the document the tests wrote (.data/openapi/swagger.json; scripts/test.sh)
#   scripts/lint-openapi.sh FILE                 a document on disk
#   scripts/lint-openapi.sh http://127.0.0.1:8080/swagger/v1/swagger.json   a running API's
#   scripts/lint-openapi.sh --install-only      installs Spectral and lints nothing (test.sh runs it beside the build)
# Spectral is installed with npm into .data/tools (git-ignored) the first time, pinned to one version.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=6.16.3
tools="$root/.data/tools"
spectral="$tools/node_modules/.bin/spectral"

log() { printf '[policyapi] %s\n' "$*" >&2; }

if [ ! -x "$spectral" ] || [ "$("$spectral" --version 2>/dev/null)" != "$version" ]; then
  command -v npm >/dev/null 2>&1 || { log "npm is needed to install Spectral (Node.js 18 or later)."; exit 2; }
  log "installing @stoplight/spectral-cli@$version into .data/tools"
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error "@stoplight/spectral-cli@$version" >&2
fi
[ "${1:-}" != "--install-only" ] || exit 0

source=${1:-$root/.data/openapi/swagger.json}
case "$source" in
  http://* | https://*)
    document="$root/.data/openapi/fetched.json"
    mkdir -p "$(dirname "$document")"
    curl -fsS "$source" -o "$document"
    ;;
  *) document=$source ;;
esac

if [ ! -s "$document" ]; then
  log "no OpenAPI document at $document: run scripts/test.sh (its tests write it) or pass the URL of a running API."
  exit 2
fi

log "Spectral $version: linting $source"
"$spectral" lint --ruleset "$root/.spectral.yaml" --fail-severity=error "$document"
