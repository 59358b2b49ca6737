#!/usr/bin/env bash
# Builds the sdist and the py3-none-any wheel into dist/, checks them with twine, then installs the wheel
# with its [cli,mock] extras in a clean venv of each Python version given (default 3.11 3.12 3.13) and runs
# `exotel-contacts demo` there (the mock in-process, a sample import through it). pip's cache is reused.
# Usage: scripts/dist.sh [X.Y ...]   (run by `make dist`, with the dev venv first on PATH)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/pythons.sh
source "$root/scripts/pythons.sh"
versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(3.11 3.12 3.13)
cd "$root"
rm -rf dist
# The sdist first, then the wheel built from the sdist: a file missing from the sdist fails here.
python -m build --no-isolation --outdir dist . >/dev/null
wheels=(dist/*.whl)
[ ${#wheels[@]} -eq 1 ] || { echo "dist: expected one wheel, found: ${wheels[*]}" >&2; exit 1; }
wheel=${wheels[0]}
case "$wheel" in
  *-py3-none-any.whl) ;;
  *) echo "dist: $wheel is not a pure py3-none-any wheel" >&2; exit 1 ;;
esac
python -m twine check --strict dist/*
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for version in "${versions[@]}"; do
  python_bin=$(find_python "$version") || { echo "dist: no Python $version on this machine" >&2; exit 1; }
  env="$tmp/venv-$version"
  "$python_bin" -m venv "$env"
  "$env/bin/python" -m pip install --quiet --disable-pip-version-check "$root/$wheel[cli,mock]" 2>&1 \
    | grep -v "^WARNING: Location" || true
  "$env/bin/python" -c 'import exotel_contacts, exotel_contacts_mock; print("dist: Python", __import__("sys").version.split()[0], "exotel-contacts", exotel_contacts.__version__, "spec", exotel_contacts.SPEC_VERSION)'
  mkdir -p "$tmp/run-$version"
  (cd "$tmp/run-$version" && "$env/bin/exotel-contacts" demo >"$tmp/demo-$version.log" 2>&1) || {
    echo "dist: exotel-contacts demo failed on Python $version:" >&2
    tail -40 "$tmp/demo-$version.log" >&2
    exit 1
  }
  echo "dist: Python $version: the wheel installs with [cli,mock] and exotel-contacts demo runs"
done
ls -l dist
