"""Views written to the database: in batches (database backend), copied from Redis by the
task, and shown to editors in the admin's "Most read" list."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from readership import tasks
from readership.counting import counter, hour_of
from readership.models import ArticleViews
from tests.factories import ArticleFactory
from tests.readership.conftest import BROWSER

pytestmark = pytest.mark.django_db


def test_the_database_backend_writes_views_in_one_statement_per_batch(settings, client):
    settings.READERSHIP_BACKEND = "database"
    settings.READERSHIP_FLUSH_VIEWS = 5
    settings.READERSHIP_FLUSH_SECONDS = 3600
    a, b = ArticleFactory.create_batch(2)
    counter().flush()  # start a new batch now
    with CaptureQueriesContext(connection) as queries:
        for article in (a, b, a, b):
            client.post(f"/r/view/{article.pk}/", HTTP_USER_AGENT=BROWSER)
    assert not ArticleViews.objects.exists()
    writes = [q["sql"] for q in queries if q["sql"].startswith(("INSERT", "UPDATE"))]
    assert writes == []
    with CaptureQueriesContext(connection) as queries:
        client.post(f"/r/view/{a.pk}/", HTTP_USER_AGENT=BROWSER)  # the fifth: the batch goes
    writes = [q["sql"] for q in queries if q["sql"].startswith(("INSERT", "UPDATE"))]
    assert len(writes) == 1
    assert dict(ArticleViews.objects.values_list("article_id", "count")) == {a.pk: 3, b.pk: 2}


def test_a_batch_adds_to_what_the_hour_already_has(database_counting):
    article = ArticleFactory()
    now = timezone.now()
    counter().record(article.pk, now)
    counter().record(article.pk, now)
    counter().record(article.pk, now - timedelta(hours=1))
    rows = dict(ArticleViews.objects.values_list("hour", "count"))
    assert rows == {hour_of(now): 2, hour_of(now) - timedelta(hours=1): 1}


def test_a_batch_skips_articles_deleted_meanwhile(settings):
    settings.READERSHIP_BACKEND = "database"
    settings.READERSHIP_FLUSH_VIEWS = 100
    kept, gone = ArticleFactory.create_batch(2)
    counter().record(kept.pk, timezone.now())
    counter().record(gone.pk, timezone.now())
    gone.delete()
    assert counter().flush() == 1
    assert list(ArticleViews.objects.values_list("article_id", "count")) == [(kept.pk, 1)]


def test_the_task_copies_redis_counts_to_the_database_and_may_run_again(redis_counting):
    a, b = ArticleFactory.create_batch(2)
    now = timezone.now()
    for _ in range(3):
        counter().record(a.pk, now)
    counter().record(a.pk, now - timedelta(hours=2))
    counter().record(b.pk, now)
    tasks.persist_views.enqueue()
    tasks.persist_views.enqueue()  # again: counts replace, never add
    rows = set(ArticleViews.objects.values_list("article_id", "hour", "count"))
    assert rows == {
        (a.pk, hour_of(now), 3),
        (a.pk, hour_of(now) - timedelta(hours=2), 1),
        (b.pk, hour_of(now), 1),
    }
    counter().record(b.pk, now)
    tasks.persist_views.enqueue()
    assert ArticleViews.objects.get(article=b, hour=hour_of(now)).count == 2


def test_the_task_does_nothing_without_redis(database_counting):
    assert tasks.persist_views.enqueue().return_value == 0


def test_editors_see_each_articles_views_of_the_last_24_hours_and_in_all(client, django_user_model):
    read_today, read_long_ago, never_read = ArticleFactory.create_batch(3)
    now = hour_of(timezone.now())
    ArticleViews.objects.bulk_create(
        [
            ArticleViews(article=read_today, hour=now, count=7),
            ArticleViews(article=read_today, hour=now - timedelta(days=3), count=100),
            ArticleViews(article=read_long_ago, hour=now - timedelta(days=30), count=500),
        ]
    )
    editor = django_user_model.objects.create_user("chief", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="محرر"))
    client.force_login(editor)
    response = client.get("/admin/readership/mostreadarticle/")
    assert response.status_code == 200
    rows = [
        (row.title, row.views_recent, row.views_total) for row in response.context["cl"].result_list
    ]
    assert rows == [(read_today.title, 7, 107), (read_long_ago.title, 0, 500)]
    html = response.content.decode()
    assert never_read.title not in html
    assert "/admin/readership/mostreadarticle/add/" not in html


def test_writers_do_not_see_the_list(client, django_user_model):
    writer = django_user_model.objects.create_user("writer", password="pw", is_staff=True)
    writer.groups.add(Group.objects.get(name="كاتب"))
    client.force_login(writer)
    assert client.get("/admin/readership/mostreadarticle/").status_code == 403
