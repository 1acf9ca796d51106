"""Editors write standing pages in admin, with the same editor as articles."""

import html
import json
import re

from django.contrib.auth.models import Group
from django.urls import reverse

import pytest

from pages.models import Page

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:pages_page_changelist")
ADD = reverse("admin:pages_page_add")


def page_form(**fields) -> dict:
    return {
        "title": "من نحن",
        "url": "/من-نحن/",
        "language": "ar",
        "body": "<p>نص.</p>",
        "published": "on",
        **fields,
    }


def test_changelist_lists_and_searches_pages(admin_client, about, draft_policy):
    response = admin_client.get(CHANGELIST)
    assert response.status_code == 200
    assert response.context["cl"].result_count == 2
    found = admin_client.get(CHANGELIST, {"q": "التحريرية"})
    assert list(found.context["cl"].result_list) == [draft_policy]
    unpublished = admin_client.get(CHANGELIST, {"published__exact": "0"})
    assert list(unpublished.context["cl"].result_list) == [draft_policy]


def test_add_page_uses_the_newsroom_editor(admin_client):
    response = admin_client.get(ADD)
    assert response.status_code == 200
    config = json.loads(html.unescape(re.search(r'data-config="([^"]+)"', response.text)[1]))
    assert (config["language"], config["contentsLangDirection"]) == ("ar", "rtl")
    assert "js/editor-uploads.js" in response.text


def test_superuser_adds_a_page_at_an_encoded_address_and_its_body_is_sanitised(
    admin_client, client
):
    response = admin_client.post(
        ADD,
        page_form(
            url="%D9%85%D9%86-%D9%86%D8%AD%D9%86",
            body="<p>نص.</p><script>alert(1)</script>",
        ),
    )
    assert response.status_code == 302, response.context["errors"]
    page = Page.objects.get()
    assert (page.url, page.body) == ("/من-نحن/", "<p>نص.</p>")
    assert client.get(page.get_absolute_url()).status_code == 200


def test_superuser_changes_a_page_and_finds_the_link_to_it(admin_client, about):
    url = reverse("admin:pages_page_change", args=[about.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert f'href="{about.get_absolute_url()}"' in response.text
    response = admin_client.post(url, page_form(title="عن ديما", published=""))
    assert response.status_code == 302
    about.refresh_from_db()
    assert (about.title, about.published) == ("عن ديما", False)


def test_admin_explains_why_an_address_is_refused(admin_client):
    response = admin_client.post(ADD, page_form(url="/section/"))
    assert response.status_code == 200
    assert "هذا العنوان تابع لقسم آخر من الموقع" in response.text
    assert not Page.objects.exists()


def test_newsroom_editors_may_manage_pages(client, django_user_model):
    editor = django_user_model.objects.create_user("desk", is_staff=True)
    editor.groups.add(Group.objects.get(name="محرر"))
    client.force_login(editor)
    assert client.get(CHANGELIST).status_code == 200
    assert client.post(ADD, page_form()).status_code == 302
    assert Page.objects.get().url == "/من-نحن/"
