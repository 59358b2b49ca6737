#!/usr/bin/env bash
# Regenerates generated/exotel_contacts_api from openapi.yaml with the pinned openapi-python-client,
# then the overlay's per-operation client methods and rules (scripts/generate_operations.py) and their
# sync twin (scripts/unasync.py). Everything is taken from, and written into, the tree this script is in.
# Usage: scripts/generate.sh [OUTPUT_DIR]   (default: generated/exotel_contacts_api and the overlay;
#        with OUTPUT_DIR, only the generated package, there: the drift test)
# Any warning from the generator fails the run: a warning means the spec says something the
# generator did not turn into code.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/generated/exotel_contacts_api}
overlay=$([ $# -eq 0 ] && echo yes || echo no)
bin=$(dirname "$(command -v python)")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
log="$tmp/log"
(cd "$root" && PATH="$bin:$PATH" openapi-python-client generate \
  --path openapi.yaml --config openapi-python-client.yaml \
  --custom-template-path scripts/generator-templates \
  --output-path "$tmp/pkg" --meta none --overwrite) >"$log" 2>&1 || { cat "$log"; exit 1; }
if grep -qiE 'warning|error' "$log"; then
  cat "$log"
  echo "generate: the generator reported warnings; fix the spec or the generator config" >&2
  exit 1
fi
rm -rf "$out"
mkdir -p "$(dirname "$out")"
mv "$tmp/pkg" "$out"
touch "$out/py.typed"
# The package carries the spec it was generated from (see spec_file() in its __init__.py): the
# mock routes from it and the overlay's error catalog reads it, without depending on each other.
cp "$root/openapi.yaml" "$out/openapi.yaml"
if [ "$overlay" = yes ]; then
  # The methods mirror the endpoints just generated: import those, not an installed copy.
  PYTHONPATH="$(dirname "$out")" python "$root/scripts/generate_operations.py" --root "$root"
  python "$root/scripts/unasync.py"
fi
