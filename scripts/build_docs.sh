#!/usr/bin/env bash
# Builds the docs site (mkdocs-material, mkdocstrings; mkdocs.yml) in strict mode into build/docs/.
# Usage: scripts/build_docs.sh [SITE_DIR]   (default: build/docs)
# Strict: a broken link or anchor, a nav entry without its page, or an API reference name that does not
# resolve fails the build. The Redoc page of openapi.yaml is built on the way (scripts/build_redoc.sh,
# called by scripts/mkdocs_hooks.py) and lands at spec/redoc.html. The site fetches nothing from the
# network when it is read (tests/docs opens every page in Chromium).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
site=${1:-$root/build/docs}
cd "$root"
# NO_MKDOCS_2_WARNING: mkdocs-material 9.8 prints its end-of-life notice (May 2027) on every build
# (decision 0029 says what follows from it).
NO_MKDOCS_2_WARNING=1 python -m mkdocs build --strict --clean --site-dir "$site"
