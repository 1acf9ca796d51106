"""Sections are named in the page's language: the French and English interfaces show the
names editors gave them, and the Arabic name where none was given."""

import pytest

from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def economy():
    return SectionFactory(name="اقتصاد", name_fr="Économie", name_en="Economy")


def test_the_french_and_english_menus_name_sections_in_their_language(client, economy):
    ArticleFactory(section=economy)
    section_url = economy.get_absolute_url()
    french = client.get("/fr/").text
    english = client.get("/en/").text
    arabic = client.get("/").text
    assert f'href="/fr{section_url}">Économie</a>' in french
    assert ">Economy</a>" in english
    assert ">اقتصاد</a>" in arabic
    assert "Économie" not in arabic and "Economy" not in arabic
    assert ">اقتصاد</a>" not in french


def test_a_section_without_a_french_name_shows_its_arabic_name(client):
    sport = SectionFactory(name="رياضة")
    ArticleFactory(section=sport)
    assert ">رياضة</a>" in client.get("/fr/").text


def test_the_section_page_and_the_article_kicker_use_the_local_name(client, economy):
    article = ArticleFactory(section=economy)
    section_url, article_url = economy.get_absolute_url(), article.get_absolute_url()
    section_page = client.get("/en" + section_url).text
    assert '<h1 class="list-title">Economy</h1>' in section_page
    assert "<title>Economy |" in section_page
    article_page = client.get("/fr" + article_url).text
    assert 'class="kicker" href="/fr' in article_page
    assert ">Économie</a>" in article_page


def test_renaming_a_section_in_french_refreshes_the_cached_french_pages(client, economy):
    ArticleFactory(section=economy)
    assert ">Économie</a>" in client.get("/fr/").text
    economy.name_fr = "Économie et finances"
    economy.save()
    assert ">Économie et finances</a>" in client.get("/fr/").text


def test_editors_name_a_section_in_each_language_in_the_admin(admin_client, economy):
    url = f"/admin/articles/section/{economy.pk}/change/"
    data = {"name": "اقتصاد", "name_fr": "Éco", "name_en": "Eco", "slug": economy.slug}
    response = admin_client.post(url, {**data, "description": "", "position": "0"})
    assert response.status_code == 302
    economy.refresh_from_db()
    assert (economy.name_fr, economy.name_en) == ("Éco", "Eco")
