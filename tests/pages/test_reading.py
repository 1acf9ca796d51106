"""Readers find a standing page at its address; editors preview it before it is published."""

from django.contrib.auth.models import Group, Permission

import pytest

from pages.services import page_put
from tests import budgets
from tests.conftest import warm_site_wide_caches

pytestmark = pytest.mark.django_db

ENCODED = "/%D9%85%D9%86-%D9%86%D8%AD%D9%86/"


@pytest.mark.parametrize("address", ["/من-نحن/", ENCODED, ENCODED.lower()])
def test_page_is_served_at_its_arabic_address_decoded_or_encoded(client, about, address):
    response = client.get(address)
    assert response.status_code == 200
    assert "pages/page.html" in [t.name for t in response.templates]
    assert '<h1 class="story__title">من نحن</h1>' in response.text
    assert "ديما مسموع جريدة إلكترونية مغربية." in response.text
    assert "X-Robots-Tag" not in response.headers


def test_page_address_without_the_slash_gets_it(client, about):
    response = client.get("/من-نحن")
    assert (response.status_code, response["Location"]) == (301, ENCODED)


def test_get_absolute_url_is_the_address_as_reverse_gives_it(about):
    assert about.url == "/من-نحن/"
    assert about.get_absolute_url() == ENCODED


def test_the_pages_language_sets_its_direction(client):
    page, _created = page_put(
        url="/a-propos/",
        title="À propos",
        body="<p>Qui sommes-nous.</p>",
        published=True,
        language="fr",
    )
    html = client.get(page.get_absolute_url()).text
    assert '<html lang="ar" dir="rtl"' in html  # the Arabic site around it
    assert '<article class="story standing-page" lang="fr" dir="ltr">' in html


def test_the_french_site_shows_the_page_under_its_prefix(client, about):
    response = client.get("/fr" + ENCODED)
    assert response.status_code == 200
    assert '<html lang="fr" dir="ltr"' in response.text
    assert 'lang="ar" dir="rtl">' in response.text


def test_unpublished_page_is_not_shown_to_readers(client, draft_policy, django_user_model):
    assert client.get(draft_policy.get_absolute_url()).status_code == 404
    client.force_login(django_user_model.objects.create_user("reader"))
    assert client.get(draft_policy.get_absolute_url()).status_code == 404


def test_staff_who_may_view_pages_preview_an_unpublished_page(
    client, draft_policy, django_user_model
):
    staff = django_user_model.objects.create_user("desk", is_staff=True)
    client.force_login(staff)
    assert client.get(draft_policy.get_absolute_url()).status_code == 404  # no permission yet
    staff.user_permissions.add(Permission.objects.get(codename="view_page"))
    response = client.get(draft_policy.get_absolute_url())
    assert response.status_code == 200
    assert response.headers["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in response.text


def test_newsroom_editors_preview_unpublished_pages(client, draft_policy, django_user_model):
    editor = django_user_model.objects.create_user("desk", is_staff=True)
    editor.groups.add(Group.objects.get(name="محرر"))
    client.force_login(editor)
    assert client.get(draft_policy.get_absolute_url()).status_code == 200


def test_an_unknown_address_ending_in_slash_gets_the_sites_404_page(client, about):
    response = client.get("/لا-توجد-صفحة/هنا/")
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]


def test_other_addresses_still_get_their_slash_added(client, seed_like_article):
    section = seed_like_article.section.get_absolute_url()
    response = client.get(section.rstrip("/"))
    assert (response.status_code, response["Location"]) == (301, section)


def test_a_post_to_a_page_is_not_allowed_and_to_no_page_is_not_found(client, about):
    assert client.post(about.get_absolute_url()).status_code == 405
    assert client.post("/لا-توجد-صفحة/").status_code == 404


def test_page_costs_a_fixed_number_of_queries(client, about, django_assert_max_num_queries):
    warm_site_wide_caches(client)
    with django_assert_max_num_queries(budgets.PAGE):
        assert client.get(about.get_absolute_url()).status_code == 200


def test_a_very_long_address_is_not_found_without_asking_the_database(
    client, about, django_assert_num_queries
):
    warm_site_wide_caches(client)
    with django_assert_num_queries(0):
        assert client.get("/" + "ا" * 3000 + "/").status_code == 404


def test_meta_description_is_the_bodys_first_words_as_plain_text(client):
    page, _created = page_put(
        url="/اتصل-بنا/",
        title="اتصل بنا",
        body="<p>الهاتف &amp; البريد <b>هنا</b></p>",
        published=True,
    )
    html = client.get(page.get_absolute_url()).text
    assert '<meta name="description" content="الهاتف &amp; البريد هنا">' in html


def test_head_request_for_a_page_is_answered(client, about):
    response = client.head(about.get_absolute_url())
    assert response.status_code == 200 and response.content == b""
