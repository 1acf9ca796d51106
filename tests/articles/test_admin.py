import html
import json
import re

from django.urls import reverse

import pytest

from articles.models import Article
from tests.admin_forms import article_form
from tests.factories import AuthorFactory, TagFactory

pytestmark = pytest.mark.django_db

MODELS = ["article", "author", "section", "tag"]


@pytest.mark.parametrize("model", MODELS)
def test_admin_changelist_and_add_pages_load(admin_client, seed_like_article, model):
    assert admin_client.get(reverse(f"admin:articles_{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:articles_{model}_add")).status_code == 200


def test_admin_change_page_uses_ckeditor_and_links_to_the_site(admin_client, seed_like_article):
    response = admin_client.get(
        reverse("admin:articles_article_change", args=[seed_like_article.pk])
    )
    assert response.status_code == 200
    config = json.loads(html.unescape(re.search(r'data-config="([^"]+)"', response.text)[1]))
    assert (config["language"], config["contentsLangDirection"]) == ("ar", "rtl")
    assert "/admin/r/" in response.text  # "view on site"


def test_admin_prefills_unicode_slug_from_the_title(admin_client):
    response = admin_client.get(reverse("admin:articles_article_add"))
    fields = re.search(r'data-prepopulated-fields="([^"]+)"', response.text)[1]
    slug = next(f for f in json.loads(html.unescape(fields)) if f["name"] == "slug")
    assert slug["allowUnicode"] is True
    assert slug["dependency_list"] == ["title"]


def test_admin_searches_and_filters_articles(admin_client, seed_like_article):
    url = reverse("admin:articles_article_changelist")
    assert seed_like_article.title in admin_client.get(url, {"q": "الجعفري"}).text
    assert admin_client.get(url, {"status__exact": "draft"}).context["cl"].result_count == 0


def test_admin_autocompletes_authors(admin_client, seed_like_article):
    response = admin_client.get(
        "/admin/autocomplete/",
        {"term": "مولاي", "app_label": "articles", "model_name": "byline", "field_name": "author"},
    )
    assert response.json()["results"][0]["text"] == "مولاي احمد الجعفري"


def test_editor_adds_a_scheduled_article_with_a_labelled_byline(client, editor, section):
    client.force_login(editor)
    author, tag = AuthorFactory(name="سلمى بنعلي"), TagFactory(name="الماء")
    response = client.post(
        reverse("admin:articles_article_add"),
        article_form(
            section,
            author,
            title="سدود المملكة في أدنى مستوياتها",
            tags=[tag.pk],
            status="published",
            **{"bylines-0-label": "مراسلة"},
        ),
    )
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    article = Article.objects.get()
    assert article.slug == "سدود-المملكة-في-أدنى-مستوياتها"
    assert [(b.author, b.label) for b in article.bylines.all()] == [(author, "مراسلة")]
    assert article not in Article.objects.published()
    assert client.get(article.get_absolute_url()).status_code == 200  # staff preview


def test_editor_upload_script_loads_after_ckeditor(admin_client):
    html = admin_client.get(reverse("admin:articles_article_add")).text
    assert html.index("ckeditor/ckeditor/ckeditor.js") < html.index("js/editor-uploads.js")


@pytest.mark.parametrize("url", ["/ckeditor/upload/", "/ckeditor/browse/"])
def test_ckeditors_own_upload_and_browser_views_are_not_routed(client, db, url):
    assert client.post(url).status_code == 404
