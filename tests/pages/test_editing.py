"""What saving a page does: a clean body, fresh cached pages, a place in the sitemap."""

import re

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from pages.models import Page
from pages.services import page_put

pytestmark = pytest.mark.django_db


def test_page_put_creates_then_updates_the_page_at_an_address():
    page, created = page_put(url="/من-نحن/", title="من نحن", body="<p>أ</p>", published=False)
    assert created and page.pk
    again, created = page_put(
        url="/%D9%85%D9%86-%D9%86%D8%AD%D9%86",
        title="عن ديما",
        body="<p>ب</p>",
        published=True,
        language="fr",
    )
    assert not created and again.pk == page.pk
    stored = Page.objects.get()
    assert (stored.title, stored.body, stored.published, stored.language) == (
        "عن ديما",
        "<p>ب</p>",
        True,
        "fr",
    )


def test_page_put_refuses_an_address_of_the_site_or_an_unknown_language():
    with pytest.raises(ValidationError) as refused:
        page_put(url="/articles/", title="x", body="", published=True)
    assert "url" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        page_put(url="/x/", title="x", body="", published=True, language="de")
    assert "language" in refused.value.message_dict
    assert not Page.objects.exists()


def test_body_is_sanitised_on_save(client):
    page, _created = page_put(
        url="/اتصل-بنا/",
        title="اتصل بنا",
        body='<p onclick="steal()">راسلونا</p><script>alert(1)</script>'
        '<a href="javascript:alert(1)">رابط</a><iframe src="https://evil.example"></iframe>',
        published=True,
    )
    assert page.body == '<p>راسلونا</p><a rel="noopener noreferrer">رابط</a>'
    html = client.get(page.get_absolute_url()).text
    assert "alert(1)" not in html and "steal()" not in html and "<iframe" not in html


def test_saving_or_deleting_a_page_makes_cached_pages_stale_once_committed(
    client, settings, about, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE = True
    assert client.get(about.get_absolute_url())["X-Page-Cache"] == "miss"
    assert client.get(about.get_absolute_url())["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks() as on_commit:
        page_put(url=about.url, title="من نحن اليوم", body=about.body, published=True)
    assert client.get(about.get_absolute_url())["X-Page-Cache"] == "hit"  # not committed yet
    for callback in on_commit:
        callback()
    response = client.get(about.get_absolute_url())
    assert response["X-Page-Cache"] == "miss" and "من نحن اليوم" in response.text

    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get().delete()
    # No menu or footer shows standing pages: the home page stays as it was cached.
    assert client.get("/")["X-Page-Cache"] == "hit"
    assert client.get(about.get_absolute_url()).status_code == 404


def test_sitemap_lists_published_pages_only(client, about, draft_policy):
    index = client.get(reverse("sitemap")).text
    assert "sitemap-pages.xml" in index
    sitemap = client.get("/sitemap-pages.xml")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap.text)
    assert locations == ["http://testserver" + about.get_absolute_url()]
    assert "<lastmod>" in sitemap.text


def test_page_put_refuses_a_nul_in_the_title_and_drops_it_from_the_body():
    with pytest.raises(ValidationError) as refused:
        page_put(url="/x/", title="a\x00b", body="", published=True)
    assert "title" in refused.value.message_dict
    page, _created = page_put(url="/x/", title="س", body="<p>a\x00b</p>", published=True)
    assert page.body == "<p>ab</p>"
