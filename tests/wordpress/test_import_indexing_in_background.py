"""An import leaves its slowest step, search indexing, to the task worker: queued in batches
once the import is done, run later, and nothing queued for a dry run."""

from django.core.management import call_command

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from articles.models import Article
from search import indexing
from search.models import SearchEntry
from tests.wordpress.conftest import run_import
from tests.workers import DATABASE_QUEUE

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queued(settings):
    settings.TASKS = DATABASE_QUEUE


def test_imported_posts_are_indexed_by_the_worker_in_batches(queued, monkeypatch):
    monkeypatch.setattr(indexing, "INDEX_BATCH", 3)
    run_import()
    imported = set(Article.objects.values_list("pk", flat=True))
    assert len(imported) > 3
    assert not SearchEntry.objects.exists()  # the import itself indexed nothing
    tasks = DBTaskResult.objects.filter(task_path="search.tasks.index_articles")
    batches = [t.args_kwargs["args"][0] for t in tasks]
    assert all(len(batch) <= 3 for batch in batches)
    assert sorted(pk for batch in batches for pk in batch) == sorted(imported)

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert set(tasks.values_list("status", flat=True)) == {TaskResultStatus.SUCCESSFUL}
    assert set(SearchEntry.objects.values_list("article_id", flat=True)) == imported


def test_a_dry_run_queues_no_indexing(queued):
    run_import(dry_run=True)
    assert not DBTaskResult.objects.exists()


def test_one_article_saved_outside_a_bulk_change_is_indexed_at_once(queued, section):
    from tests.factories import ArticleFactory

    article = ArticleFactory(section=section, title="خبر عاجل")
    assert SearchEntry.objects.filter(article=article).exists()
    assert not DBTaskResult.objects.exists()
