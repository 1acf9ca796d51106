import importlib
import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
# Without the networking flags Debian's Chromium keeps trying to reach the internet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# CI sets it: there, a missing browser is an error, not a skip.
REQUIRE_BROWSER = os.environ.get("DIMA_REQUIRE_BROWSER") == "1"


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(item.path).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.e2e)
            # The live server needs real commits.
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(autouse=True)
def data_from_migrations(transactional_db):
    """The cookie groups and banner texts of the data migration, put back: tests that really
    commit (these, the concurrency tests) empty the database when they end."""
    from django.apps import apps

    importlib.import_module("consent.migrations.0002_cookie_groups_and_banner").create(apps, None)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: `make test-browser` installs Debian's chromium"
        if REQUIRE_BROWSER:
            pytest.fail(message)
        pytest.skip(f"browser tests skipped: {message}")
    # Playwright's sync API runs an event loop in this thread; the ORM must be allowed under it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def screenshots_dir():
    """Where to keep screenshots for a person to look at (SCREENSHOTS_DIR), if anywhere."""
    path = os.environ.get("SCREENSHOTS_DIR")
    if path:
        Path(path).mkdir(parents=True, exist_ok=True)
    return Path(path) if path else None


AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@pytest.fixture(scope="session")
def axe():
    """Runs axe-core (npm `axe-core`, installed by `make browser`) on a page opened with
    `bypass_csp=True` (the site's CSP refuses the checker's own script) and answers its
    violations: [{"id", "impact", "nodes": [...]}, ...]."""
    if not AXE_JS.exists():
        message = f"{AXE_JS} is missing: `make browser` installs axe-core"
        if REQUIRE_BROWSER:
            pytest.fail(message)
        pytest.skip(message)

    def run(page) -> list[dict]:
        page.add_script_tag(path=str(AXE_JS))
        result = page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            AXE_TAGS,
        )
        return result["violations"]

    return run
