#!/usr/bin/env bash
# Runs every ```bash block of README.md that calls curl, exactly as written, against a running PolicyApi, and fails
# when a command fails or any request is answered with an error status (curl's --fail-with-body).
#   scripts/readme-examples.sh [BASE_URL]        BASE_URL defaults to http://127.0.0.1:8080 (scripts/run.sh)
# It starts nothing: run it against scripts/run.sh's service, whose demo data the examples expect (the four seed
# documents). The integration test ReadmeExamplesTests runs it against a Kestrel-hosted instance in CI.
# Needs bash, curl (7.84 or later) and jq; the blocks mint tokens with scripts/dev-token.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
base=${1:-http://127.0.0.1:8080}
base=${base%/}
readme="$root/README.md"
documented=http://127.0.0.1:8080

log() { printf '[readme] %s\n' "$*" >&2; }

for tool in curl jq; do
  command -v "$tool" >/dev/null 2>&1 || { log "$tool is needed to run the README's examples"; exit 2; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Every ```bash block that calls curl, one file each, in README order.
awk -v dir="$work" '
  /^```bash[[:space:]]*$/ { inside = 1; n++; file = sprintf("%s/block-%02d.sh", dir, n); next }
  /^```[[:space:]]*$/ && inside { inside = 0; close(file); next }
  inside { print > file }
' "$readme"

ran=0
blocks=0
for block in "$work"/block-*.sh; do
  [ -e "$block" ] || continue
  grep -Eq '(^|[^[:alnum:]_-])curl[[:space:]]' "$block" || continue
  blocks=$((blocks + 1))
  expected=$(grep -Eo '(^|[^[:alnum:]_-])curl[[:space:]]' "$block" | wc -l)
  calls="$block.calls"
  : > "$calls"
  {
    printf 'set -euo pipefail\nshopt -s inherit_errexit\ncd %q\n' "$root"
    # Each request: an error status fails the command (and so the block); its status goes to the log.
    printf 'curl() { echo >> %q; command curl --fail-with-body --show-error --write-out '"'"'%%{stderr}[readme]   %%{http_code} %%{method} %%{url_effective}\\n'"'"' "$@"; }\n' "$calls"
    sed "s#$documented#$base#g" "$block"
  } > "$block.run"

  log "block $blocks: $(head -n 1 "$block")"
  if ! bash "$block.run" > "$block.out"; then
    log "FAILED: README block $blocks (its output follows)"
    cat "$block.out" >&2
    exit 1
  fi

  made=$(wc -l < "$calls")
  if [ "$made" -lt "$expected" ]; then
    log "FAILED: README block $blocks ran $made of its $expected curl commands"
    exit 1
  fi
  ran=$((ran + made))
done

if [ "$blocks" -eq 0 ]; then
  log "README.md has no bash block that calls curl"
  exit 1
fi
log "ran $ran curl commands from $blocks README blocks against $base: all answered without an error"
