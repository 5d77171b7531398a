# The two set-up commands of the README, and a few more for development.
# Everything installs into .venv from the package registries, and Chromium (for the browser
# tests) from Debian's; nothing else is fetched.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test browser lint schemas serve clean bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Build the playbook site from the data into site/.
site: $(STAMP)
	$(BIN)/playbook build

## Run the whole test suite (lint, schema drift, unit, rule, build and browser tests).
test: $(STAMP) browser
	$(BIN)/ruff check scripts tests benchmarks
	$(BIN)/mypy scripts
	$(BIN)/playbook schemas --check
	$(BIN)/python -m pytest -q

## Chromium for the browser tests, from Debian's packages when it is missing (as root, or
## through sudo). Playwright drives this Chromium; it never downloads a browser of its own.
CHROMIUM := /usr/bin/chromium
browser:
	@test -x $(CHROMIUM) || { \
		sudo=; if [ "$$(id -u)" -ne 0 ] && command -v sudo >/dev/null; then sudo=sudo; fi; \
		$$sudo apt-get update && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }

lint: $(STAMP)
	$(BIN)/ruff check scripts tests benchmarks
	$(BIN)/ruff format --check scripts tests benchmarks

schemas: $(STAMP)
	$(BIN)/playbook schemas

serve: $(STAMP)
	$(BIN)/playbook serve

## Benchmarks on generated playbooks of N accounts (kept in benchmarks/out/): validation and the
## site build, a table, and benchmarks/results.json. See benchmarks/README.md.
N ?= 1000 10000
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py $(N)

clean:
	rm -rf site .pytest_cache .ruff_cache .mypy_cache
