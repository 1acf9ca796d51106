"""The old addresses a WordPress item had, taken from what the export says."""

from wordpress.addresses import category_path, item_addresses, local_address, nicename
from wordpress.wxr import Item, Term

ENCODED = "%d8%a7%d9%84%d8%a3%d9%85%d9%86"  # الأمن


def test_only_the_path_and_query_of_an_address_are_kept():
    assert local_address(f"http://old.example/{ENCODED}/") == f"/{ENCODED}/"
    assert local_address("https://old.example/?p=12") == "/?p=12"
    assert local_address("http://old.example/") is None


def test_a_post_is_known_by_its_permalink_its_id_and_its_query_guid():
    item = Item(id=12, link=f"http://old.example/{ENCODED}/", guid="http://old.example/?p=12")
    item.name = ENCODED
    assert item_addresses(item, query_key="p") == ["/?p=12", f"/{ENCODED}/"]


def test_a_renamed_post_keeps_its_old_permalink_in_any_structure():
    item = Item(id=7, link="http://old.example/2022/05/27/new-name/", name="new-name")
    item.meta["_wp_old_slug"] = ["old-name", ENCODED]
    addresses = item_addresses(item, query_key="p")
    assert "/2022/05/27/old-name/" in addresses
    assert f"/2022/05/27/{ENCODED}/" in addresses


def test_an_archive_permalink_is_taken_as_it_is():
    item = Item(id=31, link="http://old.example/archives/31", name="x")
    assert "/archives/31" in item_addresses(item, query_key="p")


def test_a_page_is_known_by_page_id():
    assert item_addresses(Item(id=3, type="page"), query_key="page_id") == ["/?page_id=3"]


def test_a_nested_category_path_names_its_ancestors():
    terms = {
        "a": Term(taxonomy="category", slug="a", name="مجتمع"),
        "b": Term(taxonomy="category", slug="b", name="تعليم", parent_slug="a"),
        "c": Term(taxonomy="category", slug="c", name="جامعات", parent_slug="b"),
    }
    assert category_path(terms["c"], terms) == "a/b/c"


def test_a_category_that_is_its_own_ancestor_does_not_loop():
    terms = {
        "a": Term(taxonomy="category", slug="a", name="A", parent_slug="b"),
        "b": Term(taxonomy="category", slug="b", name="B", parent_slug="a"),
    }
    assert category_path(terms["a"], terms) == "b/a"


def test_an_author_page_uses_wordpress_nicename():
    assert nicename("Souad.Benali") == "souad-benali"
    assert nicename("admin") == "admin"
