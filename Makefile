# Fazhi — `make demo` runs the platform on SQLite with a demo county; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DJANGO_SETTINGS_MODULE ?= fazhi.settings

.PHONY: demo test lint typecheck pytest pytest-sqlite pytest-postgres browser schema venv sysdeps bench clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "需要 Python 3.11（$(PYTHON)）"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

sysdeps:
	bash scripts/system-deps.sh

demo: $(STAMP)
	FAZHI_DEBUG=1 $(BIN)/fazhi migrate --noinput
	FAZHI_DEBUG=1 $(BIN)/fazhi demo --seed 1
	FAZHI_DEBUG=1 $(BIN)/fazhi serve 127.0.0.1:8000

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy fazhi

schema: $(STAMP)
	DJANGO_SETTINGS_MODULE=fazhi.settings_test $(BIN)/python manage.py spectacular --validate --fail-on-warn --file schema/openapi.yaml

pytest-sqlite: $(STAMP)
	env -u DATABASE_URL $(BIN)/pytest -q -n 2 -m "not browser"

pytest-postgres: $(STAMP)
	bash scripts/with-postgres.sh $(BIN)/pytest -q -n 2 -m "not browser"

browser: $(STAMP) sysdeps
	env -u DATABASE_URL $(BIN)/pytest -q -m browser

test: $(STAMP) sysdeps
	$(MAKE) lint typecheck
	DJANGO_SETTINGS_MODULE=fazhi.settings_test $(BIN)/python manage.py makemigrations --check --dry-run
	$(MAKE) pytest-sqlite pytest-postgres browser

bench: $(STAMP) sysdeps
	bash scripts/with-postgres.sh $(BIN)/python -m bench

clean:
	rm -rf $(VENV) var/fazhi.sqlite3
