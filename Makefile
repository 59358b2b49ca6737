# One entry point for every job. Each target sets up what it needs on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CHROMIUM := /usr/bin/chromium

.PHONY: setup generate unasync test lint typecheck spec-check unit demo fuzz bench soak docs types chromium clean redis-server

# The editable install compiles the optional C accelerator in place (hatch_build.py): a changed C file
# or hook reinstalls. pip hides the build's own warning, so say here when the accelerator is missing.
$(STAMP): pyproject.toml package.json package-lock.json hatch_build.py overlay/exotel_contacts/importing/_speedups.c
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@$(BIN)/python -c 'import exotel_contacts.importing._speedups' 2>/dev/null || echo \
	  "WARNING: exotel-contacts: C accelerator not built; the pure-Python path is used (why: $(BIN)/python -m pip install -v --no-deps -e .)"
	npm ci --no-audit --no-fund --loglevel=error
	touch $(STAMP)

setup: $(STAMP)

## Regenerate generated/exotel_contacts_api from openapi.yaml (warnings fail it).
generate: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" scripts/generate.sh

## Rewrite every overlay/exotel_contacts/*/_sync/ from the _async/ beside it (after editing an _async/).
unasync: $(STAMP)
	$(BIN)/python scripts/unasync.py

## Lint and format checks (generated/ excluded), stale sync twins, mypy --strict on overlay/ and mock/,
## and the import contracts of [tool.importlinter] in pyproject.toml (the overlay's layers).
lint: $(STAMP)
	$(BIN)/python scripts/unasync.py --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

## redis-server for the shared-quota and jobs tests and benchmarks: Debian's package, installed when
## missing (the tests start and stop their own server; without one they skip, and fail under CI); and
## openssl, which makes the throw-away CA of the rediss:// test.
redis-server:
	@{ command -v redis-server && command -v openssl; } >/dev/null 2>&1 || { \
	  echo "Installing Debian's redis-server and openssl for the shared-quota and jobs tests"; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends redis-server openssl; } >/dev/null 2>&1 \
	  || echo "WARNING: could not install redis-server; shared-quota tests will skip (and fail under CI)"; }

## Every test: lint, types, spec checks (validator, Spectral, Prism random data, TypeScript smoke run,
## the docs site and the Redoc page in Chromium), unit, integration, fuzzing.
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

## The docs site into build/docs/ (mkdocs-material + mkdocstrings, strict: a broken link or reference fails),
## with the Redoc page of openapi.yaml (Redocly CLI, self-contained) as spec/redoc.html; nothing fetched.
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
	rm -f overlay/exotel_contacts/importing/_speedups.*.so overlay/exotel_contacts/importing/_speedups.*.pyd
