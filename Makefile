# One entry point for every job. Each target sets up what it needs on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Three stamps, so each target sets up only what it uses: the Python dev environment, the Node tools
# (the spec checks, TypeScript types, reference docs) and the demo's own (the package and its mock).
STAMP := $(VENV)/.installed-stamp
NODE_STAMP := node_modules/.installed-stamp
DEMO_STAMP := $(VENV)/.demo-stamp
CHROMIUM := /usr/bin/chromium
# Debian's Go and kin-openapi for the second-ecosystem check (tests/go), GOPATH mode, nothing fetched.
GO_PACKAGES := golang-go golang-github-getkin-kin-openapi-dev
KIN_OPENAPI := /usr/share/gocode/src/github.com/getkin/kin-openapi/openapi3

.PHONY: setup generate unasync test lint typecheck spec-check unit demo fuzz bench soak docs types chromium clean \
	redis-server go-tools spec-diff dist other-pythons

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP) $(DEMO_STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# What `make demo` needs and no more: the package with its [cli,mock] extras (no dev tools, no Node). The dev
# environment above includes it, so either stamp serves the demo.
$(DEMO_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[cli,mock]'
	touch $(DEMO_STAMP)

setup: $(STAMP) $(NODE_STAMP)

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

## Debian's Go and kin-openapi for tests/go (the spec and the mock checked from a second ecosystem),
## installed when missing (needs root, as in CI); without them that test skips, and fails under CI.
go-tools:
	@{ command -v go >/dev/null 2>&1 && test -d $(KIN_OPENAPI); } || { \
	  echo "Installing Debian's $(GO_PACKAGES) for the Go check"; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends $(GO_PACKAGES); } >/dev/null 2>&1 \
	  || echo "WARNING: could not install $(GO_PACKAGES); the Go check will skip (and fail under CI)"; }

## The spec's breaking-change gate alone: openapi.yaml against the last spec/releases/*.yaml, with the
## version and CHANGELOG.md checks (docs/guides/releases.md lists the rules).
spec-diff: $(STAMP)
	$(BIN)/python scripts/spec_diff.py

## Every test: lint, types, spec checks (validator, Spectral, Prism random data, TypeScript smoke run,
## the docs site and the Redoc page in Chromium, the breaking-change gate, the Go check), unit, integration,
## fuzzing; then a subset of the unit tests on Python 3.12 and 3.13.
test: lint redis-server chromium go-tools $(NODE_STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/pytest
	$(MAKE) other-pythons

## The unit tests that need no server, Node or Go (tests/overlay, tests/importing, tests/scripts) on
## Python 3.12 and 3.13 (pyenv's or the system's), each in its own .venv-3.X; pip's cache is reused.
other-pythons:
	scripts/other_pythons.sh 3.12 3.13

## sdist + py3-none-any wheel into dist/, twine check, then the wheel with its [cli,mock] extras in a clean
## venv of each of Python 3.11, 3.12 and 3.13, where `exotel-contacts demo` must run.
dist: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" scripts/dist.sh 3.11 3.12 3.13

## Start the mock in-process, import a realistic sample file through it, print the report.
demo: $(DEMO_STAMP)
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
docs: $(STAMP) $(NODE_STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" scripts/build_docs.sh

## TypeScript types of openapi.yaml (openapi-typescript, file parts as Blob) into tests/typescript/generated/.
types: $(STAMP) $(NODE_STAMP)
	node scripts/typescript-types.mjs

## Debian's Chromium for the docs check (tests/docs), installed when missing (needs root, as in CI).
chromium: $(CHROMIUM)
$(CHROMIUM):
	apt-get install -y --no-install-recommends chromium || \
	  (apt-get update && apt-get install -y --no-install-recommends chromium)

clean:
	rm -rf $(VENV) .venv-3.* node_modules .mypy_cache .ruff_cache .pytest_cache build dist tests/typescript/generated
