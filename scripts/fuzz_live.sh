#!/usr/bin/env bash
# Fuzz openapi.yaml against a live mock over loopback with schemathesis's own CLI.
# Starts the mock with uvicorn on a free port (no rate limit, instant processing), runs `st run`
# with schemathesis.toml, stops the server. EXOTEL_FUZZ_EXAMPLES sets examples per operation.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
ST="${SCHEMATHESIS:-$ROOT/.venv/bin/schemathesis}"
EXAMPLES="${EXOTEL_FUZZ_EXAMPLES:-100}"
LOG="$(mktemp)"

# The demo account's credentials must match schemathesis.toml's [auth.basic] and [parameters].
export EXOTEL_ACCOUNT_SID=demo EXOTEL_API_KEY=demo-key EXOTEL_API_TOKEN=demo-token
"$PY" -m exotel_contacts_mock --host 127.0.0.1 --port 0 --rate-limit 0 --processing-rate 0 >"$LOG" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -f "$LOG"' EXIT

BASE=""
for _ in $(seq 1 100); do
  BASE="$(grep -o 'http://127.0.0.1:[0-9]*' "$LOG" | head -n1 || true)"
  if [ -n "$BASE" ] && curl -fsS "$BASE/_mock/health" >/dev/null 2>&1; then break; fi
  BASE=""
  sleep 0.1
done
if [ -z "$BASE" ]; then echo "the mock did not start:" >&2; cat "$LOG" >&2; exit 1; fi
echo "mock at $BASE"

"$ST" --config-file "$ROOT/schemathesis.toml" run "$ROOT/openapi.yaml" \
  --url "$BASE" --max-examples "$EXAMPLES" --checks all --workers 2
