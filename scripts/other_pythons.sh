#!/usr/bin/env bash
# Runs the unit tests that need no server, Node or Go on other Python versions (make test: 3.12 3.13),
# so that a syntax or typing change another interpreter refuses fails CI. Each version gets its own
# .venv-X.Y (reinstalled when pyproject.toml changes; pip's cache is reused) with the package, its
# cli, mock and redis extras and the test extra. The subset: tests/overlay (less the mypy run of test_options,
# which needs the dev tools, and the response fuzzing, the slowest third), the batch rules and the reader
# of tests/importing, and the spec gate's tests (tests/scripts/test_spec_diff.py; the unasync test needs
# ruff, a dev tool, and runs on the main interpreter).
# Usage: scripts/other_pythons.sh X.Y [X.Y ...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/pythons.sh
source "$root/scripts/pythons.sh"
cd "$root"
subset=(
  tests/overlay tests/importing/test_import_batch_rules.py tests/importing/test_import_reader.py tests/scripts/test_spec_diff.py
  --deselect tests/overlay/test_options.py::test_mypy_rejects_unknown_keywords_and_accepts_known_ones
  --ignore tests/overlay/test_response_fuzz.py
)
for version in "$@"; do
  python_bin=$(find_python "$version") || { echo "other-pythons: no Python $version on this machine" >&2; exit 1; }
  env=".venv-$version"
  stamp="$env/.installed-stamp"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    rm -rf "$env"
    "$python_bin" -m venv "$env"
    "$env/bin/python" -m pip install --quiet --disable-pip-version-check -e '.[cli,mock,redis,test]' 2>&1 \
      | grep -v "^WARNING: Location" || true
    touch "$stamp"
  fi
  echo "other-pythons: Python $("$env/bin/python" -c 'import sys; print(sys.version.split()[0])'): ${subset[*]}"
  "$env/bin/python" -m pytest -q -p no:cacheprovider "${subset[@]}"
done
