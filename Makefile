# The front door. `make run` and `make test` are all a newcomer needs; `make help` lists the rest.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
SUDO := $(shell [ "$$(id -u)" = "0" ] || command -v sudo >/dev/null && [ "$$(id -u)" != "0" ] && echo sudo)
BASE_STAMP := $(VENV)/.base-installed
TEST_STAMP := $(VENV)/.test-installed
BENCH_STAMP := $(VENV)/.bench-installed

.PHONY: help run serve install system-deps install-test nginx test test-fast lint format check messages compilemessages admin bench bench-help bench-scale bench-load bench-render lock chromium wrk clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

run: install compilemessages ## Install, migrate, load the starter content and serve on http://127.0.0.1:8000
	$(MANAGE) migrate --noinput
	$(MANAGE) load_starter_content
	$(MANAGE) runserver 127.0.0.1:8000

serve: ## Serve without installing or migrating
	$(MANAGE) runserver 127.0.0.1:8000

$(BASE_STAMP): requirements/base.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/base.txt
	touch $@

install: $(BASE_STAMP) system-deps ## Create .venv and install the locked dependencies

system-deps: ## Debian libraries WeasyPrint needs for PDFs (Pango, DejaVu fonts with every Slovak and Romanian letter)
	@if ldconfig -p | grep -q libpangoft2-1.0 && fc-list 2>/dev/null | grep -qi "DejaVu Sans"; then exit 0; fi; \
	if command -v apt-get >/dev/null; then \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fontconfig >/dev/null; \
	else echo "Install Pango and the DejaVu fonts for PDF output (see README)."; fi

$(TEST_STAMP): $(BASE_STAMP) requirements/test.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/test.txt
	touch $@

install-test: $(TEST_STAMP) chromium nginx ## Install what the tests need (Python packages, Debian's Chromium and nginx)

nginx: ## Install Debian's nginx, to check deploy/nginx with `nginx -t` (where apt-get is available); not started
	@if [ -x /usr/sbin/nginx ]; then exit 0; fi; \
	if command -v apt-get >/dev/null; then \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends nginx >/dev/null; \
		$(SUDO) systemctl disable --now nginx >/dev/null 2>&1 || $(SUDO) service nginx stop >/dev/null 2>&1 || true; \
	else echo "Install nginx and set NGINX_PATH to check deploy/nginx."; fi

chromium: ## Install Debian's Chromium for the browser tests (where apt-get is available)
	@if [ -x /usr/bin/chromium ]; then exit 0; fi; \
	if command -v apt-get >/dev/null; then \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; \
	else echo "Install Chromium and set CHROMIUM_PATH to run the browser tests."; fi

wrk:
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk >/dev/null; }

compilemessages: install ## Compile locale/*.po into .mo files
	$(MANAGE) compile_translations

messages: install ## Extract interface strings into locale/sk and locale/ro
	$(MANAGE) makemessages --no-location --no-obsolete -l sk -l ro --ignore=.venv --ignore=bench --ignore=tests

test: install-test compilemessages ## Run every check and the whole test suite (unit, browser, accessibility, security)
	DJANGO_ENV=test $(MANAGE) check --fail-level WARNING
	DJANGO_ENV=test $(MANAGE) makemigrations --check --dry-run --verbosity 0
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

test-fast: install-test compilemessages ## The suite without the browser tests
	$(BIN)/python -m pytest -m "not browser"

lint: install-test ## Ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install ## Django's system checks, including the production deployment checks
	$(MANAGE) check
	DJANGO_ENV=production SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))') ALLOWED_HOSTS=hub.example.org REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} $(MANAGE) check --deploy --fail-level WARNING

admin: install ## Create an editor account (asks for a password; none exists by default)
	$(MANAGE) migrate --noinput
	$(MANAGE) create_editor

bench: install-test wrk compilemessages ## Measure throughput, latency and page weight (see bench/README.md)
	$(BIN)/python bench/run.py

bench-help: install-test wrk compilemessages ## Posting the help form at 10 connections, its weight and the workspace script's (see bench/README.md)
	$(BIN)/python bench/help_requests.py

bench-render: install-test compilemessages ## An uncached render of home, section and guide in three languages: time and queries (see bench/README.md)
	$(BIN)/python bench/render.py

bench-scale: install-test wrk compilemessages ## Search and the ORUK API with 1,000, 10,000 and 50,000 synthetic services (see bench/README.md)
	$(BIN)/python bench/scale.py $(BENCH_SCALE_ARGS)

$(BENCH_STAMP): $(TEST_STAMP) requirements/bench.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/bench.txt
	touch $@

bench-load: $(BENCH_STAMP) nginx compilemessages ## Locust, headless, 75 s: readers, searches, the planner, PDFs and councils on two servers behind nginx (see bench/README.md)
	$(BIN)/python bench/load.py $(BENCH_LOAD_ARGS)

lock: ## Re-pin requirements/*.txt from requirements/*.in (needs uv)
	$(BIN)/python -m pip install --quiet uv
	cd requirements && ../$(BIN)/uv pip compile base.in -o base.txt --python-version 3.11 --no-header -q
	cd requirements && ../$(BIN)/uv pip compile test.in -o test.txt --python-version 3.11 --no-header -q
	cd requirements && ../$(BIN)/uv pip compile bench.in -o bench.txt --python-version 3.11 --no-header -q

clean: ## Remove the virtual environment and local data (var/)
	rm -rf $(VENV) var static_collected
