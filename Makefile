# LAPOR! Desk: `make run` starts the demo, `make test` runs every test. Both install what they need first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export LANG ?= C.UTF-8

.PHONY: install run test lint bench dist clean system-deps translations

install: $(STAMP)

$(STAMP): pyproject.toml scripts/system-deps.sh
	bash scripts/system-deps.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	$(MAKE) --no-print-directory translations
	touch $(STAMP)

system-deps:
	bash scripts/system-deps.sh

translations:
	$(PY) scripts/build_translations.py

run: install
	bash scripts/run-demo.sh

test: install
	bash scripts/run-tests.sh

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

dist: install
	bash build/build.sh

bench: install
	$(PY) -m bench.initial_sync --complaints 10000

clean:
	rm -rf $(VENV) build/dist build/work .pytest_cache .mypy_cache .ruff_cache
