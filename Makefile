# One entry point for every job. Each target sets up what it needs on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CHROMIUM := /usr/bin/chromium

.PHONY: setup generate unasync test lint typecheck spec-check unit demo fuzz bench soak docs types chromium clean redis-server

$(STAMP): pyproject.toml package.json package-lock.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	npm ci --no-audit --no-fund --loglevel=error
	touch $(STAMP)

setup: $(STAMP)

## Regenerate generated/exotel_contacts_api from openapi.yaml (warnings fail it).
generate: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" scripts/generate.sh

## Rewrite overlay/exotel_contacts/_sync/ from its async source _async/ (after editing _async/).
unasync: $(STAMP)
	$(BIN)/python scripts/unasync.py

## Lint and format checks (generated/ excluded), stale sync twins, mypy --strict on overlay/ and mock/.
lint: $(STAMP)
	$(BIN)/python scripts/unasync.py --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## redis-server for the shared-quota tests and benchmarks: Debian's package, installed when missing
## (the tests start and stop their own server; without one they skip, and fail under CI).
redis-server:
	@command -v redis-server >/dev/null 2>&1 || { \
	  echo "Installing Debian's redis-server for the shared-quota tests"; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends redis-server; } >/dev/null 2>&1 \
	  || echo "WARNING: could not install redis-server; shared-quota tests will skip (and fail under CI)"; }

## Every test: lint, types, spec checks (validator, Spectral, Prism random data, TypeScript smoke run,
## reference docs in Chromium), unit, integration, fuzzing.
test: lint redis-server chromium
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/pytest

## Start the mock in-process, import a realistic sample file through it, print the report.
demo: $(STAMP)
	$(BIN)/exotel-contacts demo

## A deeper schemathesis run, in-process and against a live server.
fuzz: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" EXOTEL_FUZZ_EXAMPLES=1000 $(BIN)/pytest tests/mock/test_fuzz.py
	PATH="$(CURDIR)/$(BIN):$$PATH" scripts/fuzz_live.sh

## Benchmarks against baselines measured in the same run; writes BENCHMARKS.md.
bench: $(STAMP) redis-server
	$(BIN)/python -m benchmarks

## The fault soak at full size.
soak: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" EXOTEL_SOAK_FULL=1 $(BIN)/pytest tests/test_soak.py -s

## HTML reference docs of openapi.yaml (Redocly CLI, self-contained, no network) into build/docs/.
docs: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" scripts/build_docs.sh

## TypeScript types of openapi.yaml (openapi-typescript, file parts as Blob) into tests/typescript/generated/.
types: $(STAMP)
	node scripts/typescript-types.mjs

## Debian's Chromium for the docs check (tests/docs), installed when missing (needs root, as in CI).
chromium: $(CHROMIUM)
$(CHROMIUM):
	apt-get install -y --no-install-recommends chromium || \
	  (apt-get update && apt-get install -y --no-install-recommends chromium)

clean:
	rm -rf $(VENV) node_modules .mypy_cache .ruff_cache .pytest_cache build tests/typescript/generated
