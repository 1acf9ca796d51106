"""redirect_set and redirect_find: the importer's entry points, cheap enough to call 10⁴ times."""

from django.core.exceptions import ValidationError

import pytest

from redirects.models import Redirect
from redirects.services import redirect_find, redirect_set, redirects_set_many

pytestmark = pytest.mark.django_db

OLD = "/2026/11/29/%d8%a7%d9%84%d8%a3%d9%85%d9%86/"


def test_redirect_set_creates_a_redirect_under_the_canonical_old_address():
    redirect = redirect_set(old=OLD, new="/articles/7/الأمن/", note="WordPress")
    assert redirect.pk is not None
    stored = Redirect.objects.get()
    assert (stored.pk, stored.old_path, stored.new_path, stored.note) == (
        redirect.pk,
        "/2026/11/29/الأمن",
        "/articles/7/الأمن/",
        "WordPress",
    )


def test_redirect_set_updates_the_redirect_of_any_spelling_of_the_address():
    first = redirect_set(old=OLD, new="/a/")
    second = redirect_set(old="https://old.example.ma/2026/11/29/الأمن", new="/b/", note="x")
    assert second.pk == first.pk
    assert Redirect.objects.values_list("new_path", "note").get() == ("/b/", "x")


def test_redirect_set_costs_two_queries_for_a_new_or_changed_address_and_one_otherwise(
    django_assert_num_queries,
):
    with django_assert_num_queries(2):
        redirect_set(old=OLD, new="/a/")
    with django_assert_num_queries(2):
        redirect_set(old=OLD, new="/b/")
    with django_assert_num_queries(1):
        unchanged = redirect_set(old=OLD.upper(), new="/b/")
    assert unchanged.new_path == "/b/"


def test_redirect_set_refuses_an_unsafe_new_address_and_stores_nothing():
    with pytest.raises(ValidationError) as refused:
        redirect_set(old="/old/", new="javascript:alert(1)")
    assert "new_path" in refused.value.message_dict
    assert not Redirect.objects.exists()


def test_redirect_set_refuses_an_old_address_too_long_to_store():
    with pytest.raises(ValidationError) as refused:
        redirect_set(old="/" + "ا" * 600, new="/new/")
    assert "old_path" in refused.value.message_dict


def test_redirect_find_matches_every_spelling():
    redirect = redirect_set(old="/?p=12", new="/articles/12/")
    redirect_set(old=OLD, new="/articles/7/")
    assert redirect_find("/?utm_source=x&p=12") == redirect
    assert redirect_find("https://old.example.ma/?p=12#top") == redirect
    assert redirect_find("/2026/11/29/الأمن").new_path == "/articles/7/"
    assert redirect_find("/?p=13") is None
    assert redirect_find("/") is None


def test_redirect_find_asks_nothing_for_an_address_no_redirect_can_have(
    django_assert_num_queries,
):
    with django_assert_num_queries(0):
        assert redirect_find("/" + "x" * 10_000) is None


def test_redirect_set_trims_the_new_address_and_refuses_a_nul_in_the_note():
    assert redirect_set(old="/old/", new=" /new/\n").new_path == "/new/"
    with pytest.raises(ValidationError) as refused:
        redirect_set(old="/old/", new="/newer/", note="Word\x00Press")
    assert "note" in refused.value.message_dict
    assert Redirect.objects.get().new_path == "/new/"


def test_redirect_set_stores_hostile_old_addresses_visibly():
    redirect = redirect_set(old="/\x00\u202eevil\u2066/", new="/safe/")
    assert Redirect.objects.get(pk=redirect.pk).old_path == "/%00%E2%80%AEevil%E2%81%A6"


def test_many_redirects_are_set_in_two_queries_and_only_changes_are_counted(
    django_assert_num_queries,
):
    pairs = [(f"/?p={n}", f"/articles/{n}/") for n in range(1, 40)]
    with django_assert_num_queries(2):
        changed, refused = redirects_set_many(pairs, note="WordPress")
    assert (changed, refused) == (39, [])
    with django_assert_num_queries(1):
        assert redirects_set_many(pairs, note="WordPress") == (0, [])
    moved = [("/?p=1", "/articles/1/new/"), ("/old/", "javascript:alert(1)")]
    changed, refused = redirects_set_many(moved, note="WordPress")
    assert changed == 1 and [old for old, _reason in refused] == ["/old/"]
    assert Redirect.objects.get(old_path="/?p=1").new_path == "/articles/1/new/"
