# The two commands the README promises: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HTMX := static/vendor/htmx.min.js
FLASK := $(BIN)/flask --app helpcentre
# Exact versions of every dependency, used by setup, CI and deployments; `make lock` refreshes it.
CONSTRAINTS := requirements/constraints.txt

.PHONY: setup run serve test test-postgres lint wheel-smoke bench soak check lock clean

setup: $(INSTALLED) $(HTMX)

$(INSTALLED): pyproject.toml setup.py $(CONSTRAINTS)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --constraint $(CONSTRAINTS) -e '.[test,lint]'
	touch $@

# htmx comes from the pinned npm package, never from a CDN; static/vendor/ is not in git.
$(HTMX): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js $@

run: setup
	$(FLASK) db upgrade
	$(FLASK) run --host 127.0.0.1 --port 5000

# The production stack on this machine: gunicorn with the shipped config, SQLite, https://127.0.0.1:8000.
serve: setup
	deploy/serve

test: setup
	$(BIN)/python -m pytest

test-postgres: setup
	HELPCENTRE_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test $(BIN)/python -m pytest

# ruff (style, imports, bugbear, pyupgrade) and mypy --strict over helpcentre/; settings in pyproject.toml.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

# Build the wheel, install it outside the checkout and smoke-test it on PostgreSQL (CI runs it).
wheel-smoke: setup
	.ci/wheel-smoke

# Re-resolve every dependency to its newest allowed version; review the diff, run `make test`, commit.
lock:
	[ -x $(BIN)/pip ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet pip-tools
	CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --upgrade --strip-extras --no-emit-index-url --no-emit-find-links \
		--unsafe-package helpcentre --extra production --extra test --extra lint --output-file $(CONSTRAINTS) pyproject.toml

# Two gunicorn instances on the shared PostgreSQL and a Redis of its own, under load and faults.
SOAK_SECONDS ?= 60
soak: setup
	$(BIN)/python benchmarks/soak.py --seconds $(SOAK_SECONDS)

check: setup
	$(FLASK) content check

# serve_bench drives gunicorn with wrk; only this target needs wrk, never the tests.
bench: setup
	@command -v wrk >/dev/null || { echo "make bench needs wrk: apt-get install -y wrk"; exit 1; }
	@PATH="$$PATH:/usr/sbin" command -v nginx >/dev/null || { echo "make bench needs nginx: apt-get install -y nginx"; exit 1; }
	$(BIN)/python benchmarks/search_bench.py
	$(BIN)/python benchmarks/pages_bench.py
	$(BIN)/python benchmarks/serve_bench.py
	$(BIN)/python benchmarks/anonymous_cost.py
	$(BIN)/python benchmarks/startup_bench.py

clean:
	rm -rf $(VENV) node_modules static/vendor build dist
