#!/usr/bin/env bash
# Builds the Redoc page of openapi.yaml with the pinned Redocly CLI: OUTPUT_DIR/index.html.
# Usage: scripts/build_redoc.sh [OUTPUT_DIR]   (default: build/redoc)
# The docs site (scripts/build_docs.sh, mkdocs) calls it through scripts/mkdocs_hooks.py and serves the
# page as spec/redoc.html.
# Self-contained and offline: Redoc's script is inlined (--inlineBundle; without it the page loads it
# from Redocly's CDN), the CLI's telemetry and update check are off, and the one image the page would
# fetch from the network (the "API docs by Redocly" logo on cdn.redoc.ly, which no option hides) is
# replaced by an inline SVG of the same words. tests/docs checks that the page fetches nothing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/build/redoc}
mkdir -p "$out"
python "$root/scripts/docs_spec.py" "$out/openapi.docs.yaml"
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true REDOCLY_SUPPRESS_NOTIFICATIONS=true DO_NOT_TRACK=1 \
  "$root/node_modules/.bin/redocly" build-docs "$out/openapi.docs.yaml" --inlineBundle \
  --title "Exotel Contact APIs (CCM and Campaign)" -o "$out/index.html" >"$out/build.log" 2>&1 \
  || { cat "$out/build.log"; exit 1; }
logo="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='52' height='14'%3E%3Ctext x='0' y='11' font-family='sans-serif' font-size='11'%3ERedocly%3C/text%3E%3C/svg%3E"
sed -i -e "s|https://cdn.redoc.ly/redoc/logo-mini-full.svg|$logo|g" -e "s|https://cdn.redoc.ly/redoc/logo-mini.svg|$logo|g" "$out/index.html"
