# Dima — the two commands: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test test-browser lint check messages clean

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
	@echo "Dima is on http://127.0.0.1:$(PORT)/  (editors: $(BIN)/python manage.py createsuperuser, then /admin/)"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(BIN)/.installed messages
	$(BIN)/pytest

# Browser tests drive Debian's Chromium (Playwright's own browser downloads are not used).
test-browser: $(BIN)/.installed messages /usr/bin/chromium
	$(BIN)/pytest -m e2e

/usr/bin/chromium:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium; \
	else \
		echo "Browser tests need Debian's chromium: sudo apt-get install chromium" >&2; exit 1; \
	fi

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: $(BIN)/.installed .env messages
	$(BIN)/python manage.py check --fail-level ERROR
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles *.egg-info
