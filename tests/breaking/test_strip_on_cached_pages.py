"""The strip reaches cached pages: at once when an item is saved, ended or deleted, and when
its time comes (no page is kept past the next start or end, PAGE_CACHE_NEXT_CHANGE)."""

from datetime import timedelta

from django.contrib.admin.sites import site as admin_site
from django.test import RequestFactory
from django.utils import timezone

import pytest

from articles.models import Article
from articles.services import articles_set_status
from breaking.admin import BreakingAdmin
from breaking.models import Breaking
from breaking.services import breaking_end_now, next_breaking_change
from pagecache.dependencies import next_change, page_lifetime
from tests.breaking.conftest import strip_of
from tests.factories import ScheduledFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def cached(client, address: str = "/") -> str:
    """The page, asked for twice: the second answer must come from the cache."""
    client.get(address)
    response = client.get(address)
    assert response["X-Page-Cache"] == "hit"
    return response.text


def fresh(client, address: str = "/") -> str:
    response = client.get(address)
    assert response["X-Page-Cache"] == "miss"
    return response.text


def test_a_saved_item_appears_on_a_cached_page_at_once(
    client, story, mark, django_capture_on_commit_callbacks
):
    assert strip_of(cached(client)) is None
    assert strip_of(cached(client, story.get_absolute_url())) is None
    with django_capture_on_commit_callbacks(execute=True):
        mark(story)
    assert story.title in strip_of(fresh(client))
    assert story.title in strip_of(fresh(client, story.get_absolute_url()))


def test_a_deleted_item_disappears_from_a_cached_page_at_once(
    client, story, mark, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = mark(story)
    assert story.title in strip_of(cached(client))
    with django_capture_on_commit_callbacks(execute=True):
        item.delete()
    assert strip_of(fresh(client)) is None


def test_an_item_ended_now_disappears_from_a_cached_page_at_once(
    client, story, mark, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mark(story)
        coming = mark(story, starts_in=30)
    assert story.title in strip_of(cached(client))
    with django_capture_on_commit_callbacks(execute=True):
        assert breaking_end_now(Breaking.objects.all()) == 2
    assert strip_of(fresh(client)) is None
    # The one still to come never showed: it is dropped; the running one is kept, ended.
    assert not Breaking.objects.filter(pk=coming.pk).exists()
    assert Breaking.objects.get().ends_at <= timezone.now()


def test_an_item_disappears_from_a_cached_page_when_its_time_is_up(client, story, mark, clock):
    item = mark(story, minutes=2)
    assert story.title in strip_of(cached(client))
    clock.move_to(item.ends_at - timedelta(seconds=1), tick=False)
    assert story.title in strip_of(cached(client))
    clock.move_to(item.ends_at + timedelta(milliseconds=1), tick=False)
    assert strip_of(fresh(client)) is None


def test_an_item_appears_on_a_cached_page_when_its_time_comes(client, story, mark, clock):
    item = mark(story, starts_in=3, minutes=10)
    assert strip_of(cached(client)) is None
    clock.move_to(item.starts_at + timedelta(milliseconds=1), tick=False)
    assert story.title in strip_of(fresh(client))


def test_after_one_item_ends_pages_are_kept_until_the_next_one_ends(
    client, section, story, mark, clock
):
    first = mark(story, minutes=1)
    second = mark(story, minutes=3, headline="خبر يستمر")
    cached(client)
    clock.move_to(first.ends_at + timedelta(seconds=10), tick=False)
    assert "خبر يستمر" in fresh(client)
    # Kept no longer than the second item's end, not one second at a time.
    assert 1 < page_lifetime() <= (second.ends_at - timezone.now()).total_seconds() + 1
    clock.move_to(second.ends_at + timedelta(milliseconds=1), tick=False)
    assert strip_of(fresh(client)) is None


def test_an_article_retitled_or_taken_down_updates_the_strip_of_cached_pages(
    client, story, mark, django_capture_on_commit_callbacks, admin_user
):
    with django_capture_on_commit_callbacks(execute=True):
        mark(story)
    cached(client)
    with django_capture_on_commit_callbacks(execute=True):
        story.title = "زلزال الحسيمة: حصيلة أولية"
        story.save()
    assert "زلزال الحسيمة: حصيلة أولية" in strip_of(fresh(client))
    with django_capture_on_commit_callbacks(execute=True):
        articles_set_status(
            Article.objects.filter(pk=story.pk), Article.Status.DRAFT, editor=admin_user
        )
    assert strip_of(fresh(client)) is None


def test_the_next_change_is_the_soonest_of_publications_and_breaking_news(
    story, mark, django_capture_on_commit_callbacks
):
    scheduled = ScheduledFactory(published_at=timezone.now() + timedelta(minutes=30))
    assert next_change() == scheduled.published_at
    with django_capture_on_commit_callbacks(execute=True):
        item = mark(story, starts_in=10, minutes=5)
    assert next_breaking_change() == item.starts_at
    assert next_change() == item.starts_at


def test_a_single_dotted_path_is_still_accepted(settings, story, mark):
    settings.PAGE_CACHE_NEXT_CHANGE = "breaking.services.next_breaking_change"
    item = mark(story, minutes=5)
    assert next_change() == item.ends_at
    settings.PAGE_CACHE_NEXT_CHANGE = []
    assert next_change() is None


def test_the_admin_end_now_action_ends_the_selected_items(
    story, mark, admin_user, django_capture_on_commit_callbacks
):
    item = mark(story)
    request = RequestFactory().post("/admin/breaking/breaking/")
    request.user = admin_user
    request._messages = type("Messages", (), {"add": lambda *args, **kwargs: None})()
    BreakingAdmin(Breaking, admin_site).end_now(request, Breaking.objects.filter(pk=item.pk))
    item.refresh_from_db()
    assert item.ends_at <= timezone.now()


def test_a_page_stored_just_after_an_item_ends_is_kept_one_second(client, story, mark, clock):
    # Its render may have begun before the end, with the item still in the strip.
    first = mark(story, minutes=1)
    mark(story, minutes=3)
    cached(client)
    clock.move_to(first.ends_at + timedelta(seconds=2), tick=False)
    assert page_lifetime() == 1
