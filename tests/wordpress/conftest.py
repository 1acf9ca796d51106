import json
from pathlib import Path

from django.db import transaction

import pytest

from wordpress.services import WordPressImport

FIXTURES = Path(__file__).parent / "fixtures"
EXPORT = FIXTURES / "wordpress-export.xml"
UPLOADS = FIXTURES / "uploads"
IDS = json.loads((FIXTURES / "edge-case-ids.json").read_text())


def run_import(path: Path = EXPORT, **options):
    """Import a fixture export as `manage.py import_wordpress` does; returns the report."""
    options.setdefault("uploads", UPLOADS)
    return WordPressImport(path, **options).run()


@pytest.fixture
def ids():
    return IDS


@pytest.fixture(scope="module")
def imported_once(django_db_setup, django_db_blocker):
    """The fixture export imported once for a whole test module, in a transaction rolled
    back after it; each test runs inside it and rolls back its own changes."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield run_import()
        transaction.set_rollback(True)


@pytest.fixture
def imported(imported_once, db):
    return imported_once
