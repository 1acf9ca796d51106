# Dima — the two commands: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The local servers answer on plain http://127.0.0.1 (production sets HTTPS=1, the default).
run serve: export HTTPS ?= 0
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/dima
REDIS_TEST_URL ?= redis://127.0.0.1:6379/15

.PHONY: run serve test test-postgres test-browser browser nginx lint check deploy-check messages clean \
	cluster cluster-stop test-cluster

# The virtualenv is rebuilt whenever pyproject.toml changes.
$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# A secret key generated once, kept out of git.
.env:
	$(PYTHON) -c "import secrets; print('SECRET_KEY=' + secrets.token_urlsafe(50))" > $@
	chmod 600 $@

messages: $(BIN)/.installed
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0 --settings=dima.settings_test

run: $(BIN)/.installed .env messages
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py load_demo_comments
	$(BIN)/python manage.py load_demo_stories
	$(BIN)/python manage.py load_demo_live
	$(BIN)/python manage.py make_renditions
	@echo "Dima is on http://127.0.0.1:$(PORT)/  (editors: $(BIN)/python manage.py createsuperuser, then /admin/)"
	$(BIN)/honcho start -f Procfile.dev -p $(PORT)

# Production-like: DEBUG off, hashed and compressed static files, gunicorn. Both start the task
# worker and the scheduler beside the web server (Procfile, Procfile.dev); Ctrl-C stops all.
serve: $(BIN)/.installed .env messages
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/honcho start -f Procfile -p $(PORT)

# The whole suite; the browser tests run when Debian's Chromium is installed and are skipped
# with a message when it is not (DIMA_REQUIRE_BROWSER=1, as in CI, makes that an error).
test: $(BIN)/.installed messages
	$(BIN)/pytest

# The same suite on PostgreSQL with the Redis cache; refuses to run if either is down.
test-postgres: $(BIN)/.installed messages
	DATABASE_URL=$(PG_TEST_URL) REDIS_URL=$(REDIS_TEST_URL) $(BIN)/python deploy/check_services.py
	DATABASE_URL=$(PG_TEST_URL) REDIS_URL=$(REDIS_TEST_URL) $(BIN)/pytest -m "not e2e"

# Installs Debian's Chromium if needed (Playwright's own browser downloads are not used) and
# runs only the browser tests. `make nginx` installs nginx for the shared-cache tests.
browser: /usr/bin/chromium node_modules/axe-core/axe.min.js
nginx: /usr/sbin/nginx
test-browser: $(BIN)/.installed messages /usr/bin/chromium node_modules/axe-core/axe.min.js
	DIMA_REQUIRE_BROWSER=1 $(BIN)/pytest -m e2e

# The shape of several machines on this one (deploy/cluster.py, docs/deploy.md): two gunicorn
# app servers, a task worker, nginx with the shipped cache configuration, PostgreSQL (database
# CLUSTER_DATABASE_URL, default dima_cluster), its own Redis and an S3 object store (moto).
# In the foreground on https://localhost:8204/ (CLUSTER_PORT=8200); Ctrl-C or
# `make cluster-stop` stops it all.
cluster: $(BIN)/.installed .env messages /usr/sbin/nginx /usr/bin/redis-server
	$(BIN)/python deploy/cluster.py up

cluster-stop: $(BIN)/.installed
	$(BIN)/python deploy/cluster.py stop

# The five end-to-end tests against a cluster of their own (ports 8251-8259, database
# dima_cluster_test, CLUSTER_TEST_PORT / CLUSTER_TEST_DATABASE_URL); never skipped here.
# CLUSTER_REPORT=docs/bench/<date>-cluster.txt keeps the figures they measured.
test-cluster: $(BIN)/.installed messages /usr/sbin/nginx /usr/bin/redis-server
	DIMA_REQUIRE_CLUSTER=1 $(if $(CLUSTER_REPORT),DIMA_CLUSTER_REPORT=$(CLUSTER_REPORT)) \
		$(BIN)/pytest -m cluster tests/cluster

/usr/bin/redis-server:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends redis-server; \
	else \
		echo "The cluster needs redis-server: sudo apt-get install redis-server" >&2; exit 1; \
	fi

/usr/sbin/nginx:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends nginx openssl; \
	else \
		echo "The shared-cache tests need nginx: sudo apt-get install nginx" >&2; exit 1; \
	fi

# axe-core, the accessibility checker the browser tests inject into pages (npm registry).
node_modules/axe-core/axe.min.js:
	npm install --no-save --no-package-lock --no-audit --no-fund axe-core@4.14.1
	@test -f $@

/usr/bin/chromium:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium; \
	else \
		echo "Browser tests need Debian's chromium: sudo apt-get install chromium" >&2; exit 1; \
	fi

# ruff, then the import contracts of pyproject.toml (docs/architecture.md draws them).
lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

check: $(BIN)/.installed .env messages
	$(BIN)/python manage.py check --fail-level WARNING
	$(BIN)/python manage.py makemigrations --check --dry-run

# Django's deployment checklist with production settings (HTTPS on, a real key).
deploy-check: $(BIN)/.installed
	DEBUG=0 HTTPS=1 ALLOWED_HOSTS=dima.example \
	SECRET_KEY=$$($(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))") \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) staticfiles *.egg-info

# Throughput and latency of the reader pages on a generated archive (docs/performance.md):
#   make bench SIZE=100000 COMMENTS=1000000 BENCH_SECONDS=15 BENCH_MODE=uncached|app-cached|proxy-cached|all
#   BENCH_JSON=docs/bench/<name>.json keeps the figures; bench/compare.py sets runs side by side.
# One PostgreSQL database per size (BENCH_DATABASE_URL, default dima_bench_$(SIZE)), the cache
# in Redis database 14 (BENCH_REDIS_URL); a second run at the same size skips the generation.
# BENCH_MODE=busy (bench/busy.py): readers, a publishing newsroom and freshness checks against
# Dima behind nginx, Dima's app cache alone and the WordPress anchor; BENCH_SECONDS defaults to 120.
.PHONY: bench
SIZE ?= 1000
COMMENTS ?= $(shell expr $(SIZE) \* 10)
BENCH_SECONDS ?= 15
BENCH_MODE ?= uncached
bench: $(BIN)/.installed messages /usr/bin/wrk
ifeq ($(BENCH_MODE),busy)
	$(if $(filter-out file,$(origin BENCH_SECONDS)),BENCH_SECONDS=$(BENCH_SECONDS)) \
	$(BIN)/python bench/busy.py --size $(SIZE) --comments $(COMMENTS) \
		$(if $(BENCH_JSON),--json $(BENCH_JSON))
else
	BENCH_SECONDS=$(BENCH_SECONDS) $(BIN)/python bench/run.py \
		--size $(SIZE) --comments $(COMMENTS) --mode $(BENCH_MODE) \
		$(if $(BENCH_JSON),--json $(BENCH_JSON))
endif

# The WordPress import at scale (bench/import_run.py): bench/make_wxr.py's export of
# IMPORT_POSTS posts, IMPORT_COMMENTS comments and IMPORT_IMAGES images (generated once, then
# reused from ~/.cache/dima-bench), imported twice into a database dropped and created again
# (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/dima_bench_import): wall time
# and peak memory of each run; BENCH_JSON=docs/bench/<name>.json keeps them.
.PHONY: bench-import
IMPORT_POSTS ?= 20000
IMPORT_COMMENTS ?= 200000
IMPORT_IMAGES ?= 200
bench-import: $(BIN)/.installed messages /usr/bin/time
	$(BIN)/python bench/import_run.py \
		--posts $(IMPORT_POSTS) --comments $(IMPORT_COMMENTS) --images $(IMPORT_IMAGES) \
		$(if $(BENCH_JSON),--json $(BENCH_JSON))

/usr/bin/time:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends time; \
	else \
		echo "make bench-import needs GNU time: sudo apt-get install time" >&2; exit 1; \
	fi

/usr/bin/wrk:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends wrk; \
	else \
		echo "make bench needs wrk: sudo apt-get install wrk" >&2; exit 1; \
	fi
