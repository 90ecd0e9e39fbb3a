# The two commands the README promises: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HTMX := static/vendor/htmx.min.js
FLASK := $(BIN)/flask --app helpcentre

.PHONY: setup run test test-postgres lint bench check clean

setup: $(INSTALLED) $(HTMX)

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,lint]'
	touch $@

# htmx comes from the pinned npm package, never from a CDN; static/vendor/ is not in git.
$(HTMX): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js $@

run: setup
	$(FLASK) db upgrade
	$(FLASK) run --host 127.0.0.1 --port 5000

test: setup
	$(BIN)/python -m pytest

test-postgres: setup
	HELPCENTRE_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test $(BIN)/python -m pytest

# ruff (style, imports, bugbear, pyupgrade) and mypy --strict over helpcentre/; settings in pyproject.toml.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

check: setup
	$(FLASK) content check

# serve_bench drives gunicorn with wrk; only this target needs wrk, never the tests.
bench: setup
	@command -v wrk >/dev/null || { echo "make bench needs wrk: apt-get install -y wrk"; exit 1; }
	$(BIN)/python benchmarks/search_bench.py
	$(BIN)/python benchmarks/pages_bench.py
	$(BIN)/python benchmarks/serve_bench.py

clean:
	rm -rf $(VENV) node_modules static/vendor
