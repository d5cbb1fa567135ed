# Fazhi — `make demo` runs the platform on SQLite with a demo county; `make test` runs every check.
# Other targets: venv, sysdeps, lint, format, typecheck, migrations-check, pytest-sqlite,
# pytest-postgres, browser, fuzz, schema, bench, clean.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST := bash scripts/pytest.sh
# pytest-xdist workers for the unit/integration stages (the browser stage never uses xdist).
XDIST ?= -n 2
# Where `make demo` serves (e.g. `make demo DEMO_ADDR=0.0.0.0:8080`).
DEMO_ADDR ?= 127.0.0.1:8000
# No DJANGO_SETTINGS_MODULE export: pytest takes fazhi.settings_test from pyproject.toml (an
# environment variable would override it), manage.py and `fazhi` default to fazhi.settings.
unexport DJANGO_SETTINGS_MODULE
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo test lint format typecheck migrations-check pytest-sqlite pytest-postgres browser fuzz \
	schema venv sysdeps bench clean

# The virtualenv, rebuilt whenever pyproject.toml changes. Finds a Python 3.11 (PYTHON=… to choose).
$(STAMP): pyproject.toml
	@if [ -x $(BIN)/python ] && ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then \
	  echo "$(VENV) is not Python 3.11; recreating"; rm -rf $(VENV); fi
	@if [ ! -x $(BIN)/python ]; then py=$$(bash scripts/find-python.sh); echo "python: $$py"; "$$py" -m venv $(VENV); fi
	@mkdir -p var
	@echo "pip install -e '.[dev]' (log: var/pip-install.log)"
	@{ $(BIN)/python -m pip install --upgrade pip && $(BIN)/python -m pip install -e '.[dev]'; } \
	  >var/pip-install.log 2>&1 || { tail -n 40 var/pip-install.log; exit 1; }
	touch $(STAMP)

venv: $(STAMP)

sysdeps:
	bash scripts/system-deps.sh

demo: $(STAMP)
	@mkdir -p var
	@bash scripts/system-deps.sh demo || echo "警告：缺少 CJK 字体或 pango，演示年度报告的 PDF 可能无法生成（见上）。"
	FAZHI_DEBUG=1 $(BIN)/fazhi migrate --noinput
	FAZHI_DEBUG=1 $(BIN)/fazhi demo --seed 1
	@echo "Fazhi: http://$(DEMO_ADDR)/  (演示账号见上方输出；Ctrl-C 停止)"
	FAZHI_DEBUG=1 FAZHI_ALLOWED_HOSTS="$${FAZHI_ALLOWED_HOSTS:-*}" bash scripts/demo-serve.sh $(BIN) $(DEMO_ADDR)

test:
	MAKE="$(MAKE)" bash scripts/test.sh

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: $(STAMP)
	$(BIN)/mypy fazhi

migrations-check: $(STAMP)
	DJANGO_SETTINGS_MODULE=fazhi.settings_test $(BIN)/python manage.py makemigrations --check --dry-run

pytest-sqlite: $(STAMP)
	env -u DATABASE_URL $(PYTEST) -q $(XDIST) -m "not browser"

pytest-postgres: $(STAMP)
	bash scripts/with-postgres.sh $(PYTEST) -q $(XDIST) -m "not browser"

browser: $(STAMP)
	@test -x /usr/bin/chromium || bash scripts/system-deps.sh
	env -u DATABASE_URL FAZHI_REQUIRE_TESTS=1 $(PYTEST) -q -m browser -p no:xdist

# Bounded schemathesis run over every operation of schema/openapi.yaml on a throw-away server; fails on any 5xx.
fuzz: $(STAMP)
	PYTHON=$(BIN)/python bash scripts/fuzz-api.sh

# Regenerates the committed OpenAPI schema (tests/test_schema.py fails when it is stale). Always on
# a fresh, migrated, empty SQLite database, like the test, so the result never depends on local data.
schema: $(STAMP)
	@mkdir -p schema
	@tmp=$$(mktemp -d /tmp/fazhi-schema.XXXXXX); trap 'rm -rf "$$tmp"' EXIT; \
	  export FAZHI_VAR_DIR=$$tmp DJANGO_SETTINGS_MODULE=fazhi.settings_test; unset DATABASE_URL; \
	  $(BIN)/python manage.py migrate -v 0 && \
	  $(BIN)/python manage.py spectacular --validate --file schema/openapi.yaml
	@echo "schema/openapi.yaml regenerated"

# Ratio benchmarks on a throw-away PostgreSQL: `make bench` or `make bench BENCH=workdays`.
bench: $(STAMP)
	bash scripts/with-postgres.sh $(BIN)/python -m bench $(BENCH)

clean:
	rm -rf $(VENV) var/fazhi.sqlite3 test-results
