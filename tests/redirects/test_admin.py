"""Editors see the redirects table in admin and extend it."""

from django.contrib.auth.models import Group
from django.urls import reverse

import pytest

from redirects.models import Redirect
from redirects.services import redirect_set

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:redirects_redirect_changelist")
ADD = reverse("admin:redirects_redirect_add")


@pytest.fixture
def wordpress_redirects(db):
    return [
        redirect_set(
            old="/2026/11/29/%d8%a7%d9%84%d8%a3%d9%85%d9%86/", new="/a/", note="WordPress"
        ),
        redirect_set(old="/?p=12", new="/b/", note="WordPress"),
        redirect_set(old="/old-campaign/", new="/c/", note="حملة"),
    ]


def test_changelist_lists_searches_and_filters_redirects(admin_client, wordpress_redirects):
    response = admin_client.get(CHANGELIST)
    assert response.status_code == 200
    assert response.context["cl"].result_count == 3
    assert "/2026/11/29/الأمن" in response.text
    by_note = admin_client.get(CHANGELIST, {"note": "WordPress"})
    assert by_note.context["cl"].result_count == 2
    found = admin_client.get(CHANGELIST, {"q": "الأمن"})
    assert list(found.context["cl"].result_list) == [wordpress_redirects[0]]


def test_search_finds_a_redirect_by_its_address_pasted_percent_encoded(
    admin_client, wordpress_redirects
):
    response = admin_client.get(CHANGELIST, {"q": "/2026/11/29/%D8%A7%D9%84%D8%A3%D9%85%D9%86/"})
    assert list(response.context["cl"].result_list) == [wordpress_redirects[0]]


def test_superuser_adds_a_redirect_pasted_as_a_full_encoded_address(admin_client):
    long_encoded = "https://old.dima.ma/" + "%D8%A7" * 120 + "/"  # 740 characters, 122 decoded
    response = admin_client.post(ADD, {"old_path": long_encoded, "new_path": "/new/", "note": ""})
    assert response.status_code == 302, response.context["errors"]
    assert Redirect.objects.get().old_path == "/" + "ا" * 120


def test_superuser_changes_a_redirect(admin_client, wordpress_redirects):
    redirect = wordpress_redirects[2]
    url = reverse("admin:redirects_redirect_change", args=[redirect.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url, {"old_path": "/old-campaign", "new_path": "https://example.com/", "note": "حملة"}
    )
    assert response.status_code == 302
    redirect.refresh_from_db()
    assert redirect.new_path == "https://example.com/"


def test_admin_refuses_a_javascript_address_with_the_message(admin_client):
    response = admin_client.post(
        ADD,
        {"old_path": "/old/", "new_path": "javascript:alert(1)", "note": ""},
    )
    assert response.status_code == 200
    assert "العناوين «javascript:» مرفوضة" in response.text
    assert not Redirect.objects.exists()


def test_admin_refuses_a_second_spelling_of_an_address_already_redirected(
    admin_client, wordpress_redirects
):
    response = admin_client.post(
        ADD, {"old_path": "/2026/11/29/الأمن/", "new_path": "/other/", "note": ""}
    )
    assert response.status_code == 200
    assert "old_path" in response.context["adminform"].form.errors
    assert Redirect.objects.count() == 3


def test_newsroom_editors_may_manage_redirects(client, django_user_model):
    editor = django_user_model.objects.create_user("desk", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="محرر"))
    client.force_login(editor)
    assert client.get(CHANGELIST).status_code == 200
    response = client.post(ADD, {"old_path": "/old/", "new_path": "/new/", "note": ""})
    assert response.status_code == 302
    assert Redirect.objects.get().old_path == "/old"
