"""The banner: added at the edge for undecided readers, equal choices, safe without JavaScript."""

import json
import re
from pathlib import Path

from django.test import Client

import pytest
from cookie_consent.models import Cookie, CookieGroup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consent.models import BannerText
from tests.consent.conftest import HEAD_SCRIPT, banner_of

pytestmark = pytest.mark.django_db


def test_a_first_visit_shows_the_banner_and_sets_no_cookie(client, article):
    response = client.get(article.get_absolute_url())
    banner = banner_of(response.text)
    assert banner is not None
    assert 'aria-labelledby="consent-banner-title"' in banner
    assert "ملفات تعريف الارتباط" in banner
    assert not response.cookies  # nothing at all, let alone a non-essential cookie


def test_accept_and_reject_carry_the_same_weight_and_the_other_choices_are_there(client):
    banner = banner_of(client.get("/").text)
    assert '<button type="submit" class="consent-button">قبول الكل</button>' in banner
    assert '<button type="submit" class="consent-button">رفض الكل</button>' in banner
    assert "<summary>تخصيص</summary>" in banner
    assert '<a class="consent-link" href="/cookies/">قراءة المزيد</a>' in banner
    assert 'name="groups" value="functional"' in banner
    assert 'name="groups" value="analytics"' in banner


def test_the_banner_sends_the_reader_back_to_the_same_page(client, article):
    url = article.get_absolute_url()
    banner = banner_of(client.get(url).text)
    assert f'name="next" value="{url}"' in banner
    response = client.post("/cookies/accept/", {"next": url})
    assert response.status_code == 302 and response["Location"] == url


@pytest.mark.parametrize("action", ["accept", "decline", "save"])
def test_once_the_reader_has_chosen_the_banner_is_gone(client, article, action):
    client.post(f"/cookies/{action}/")
    response = client.get(article.get_absolute_url())
    assert banner_of(response.text) is None
    # Without the banner the page is this reader's own: no shared cache may keep it.
    assert "private" in response["Cache-Control"]


def test_closing_the_banner_counts_as_refusing(client):
    client.post("/cookies/decline/", {"source": "closed"})
    status = json.loads(client.get("/cookies/status/").content)
    assert status["decided"] and status["choices"] == {"functional": False, "analytics": False}


def test_the_french_and_english_pages_get_their_own_banner(client):
    assert "Tout accepter" in banner_of(client.get("/fr/").text)
    assert "Reject all" in banner_of(client.get("/en/").text)
    assert 'action="/fr/cookies/accept/"' in banner_of(client.get("/fr/").text)


def test_editors_change_the_banner_text_in_the_admin_and_readers_see_it_at_once(client):
    assert "نص تجريبي جديد" not in client.get("/").text
    text = BannerText.objects.get(language="ar")
    text.text = "نص تجريبي جديد للافتة"
    text.save()
    assert "نص تجريبي جديد للافتة" in banner_of(client.get("/").text)


def test_a_cookie_group_added_in_the_admin_is_offered_in_the_banner_at_once(client):
    assert 'value="social"' not in banner_of(client.get("/").text)
    CookieGroup.objects.create(varname="social", name="Réseaux sociaux")
    assert 'value="social"' in banner_of(client.get("/").text)


def test_the_banner_text_is_escaped(client):
    BannerText.objects.filter(language="ar").update(text="<script>alert(1)</script>")
    banner = banner_of(client.get("/").text)
    assert "<script>alert(1)" not in banner and "&lt;script&gt;" in banner


def test_admin_pages_get_no_banner(admin_client):
    assert banner_of(admin_client.get("/admin/").text) is None


def test_a_cookie_added_to_an_accepted_group_asks_the_reader_again(client):
    client.post("/cookies/accept/")
    assert banner_of(client.get("/").text) is None
    Cookie.objects.create(cookiegroup=CookieGroup.objects.get(varname="analytics"), name="_pk_new")
    assert banner_of(client.get("/").text) is not None


def test_when_the_consent_cookie_expires_the_banner_comes_back(client, settings):
    response = client.post("/cookies/accept/")
    assert response.cookies["cookie_consent"]["max-age"] == 182 * 24 * 3600
    client.cookies.pop("cookie_consent")  # what the browser does after max-age
    assert banner_of(client.get("/").text) is not None


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)"],
)
def test_next_never_leads_to_another_site(client, target):
    response = client.post("/cookies/accept/", {"next": target})
    assert response.status_code == 302 and response["Location"] == "/cookies/"


@pytest.mark.parametrize(
    "data",
    [
        {"groups": ["tracking"]},
        {"groups": ["functional\x00"]},
        {"groups": ["\u202efunctional"]},
        {"source": "<script>"},
        {"next": "/" * 5000},
    ],
)
def test_bad_input_gets_a_clear_arabic_error_and_changes_nothing(client, data):
    response = client.post("/cookies/save/", data)
    assert response.status_code == 400
    assert "لم يُحفظ اختيارك" in response.text
    assert "cookie_consent" not in response.cookies
    json_response = client.post("/cookies/save/", data, HTTP_ACCEPT="application/json")
    assert json_response.status_code == 400 and json_response.json()["errors"]


def test_choosing_is_a_post(client):
    assert client.get("/cookies/accept/").status_code == 405


def test_without_a_form_token_the_choice_comes_back_to_confirm(article):
    """No JavaScript and a cached page: the banner's forms carry no token."""
    reader = Client(enforce_csrf_checks=True)
    url = article.get_absolute_url()
    response = reader.post("/cookies/save/", {"groups": ["functional"], "next": url})
    assert response.status_code == 403
    assert "cookie_consent" not in response.cookies
    assert "أكّد اختيارك" in response.text
    assert 'name="groups" value="functional"' in response.text
    # The confirming form's token (the banner before it carries an empty one, for consent.js).
    (token,) = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)
    confirmed = reader.post(
        "/cookies/save/", {"groups": ["functional"], "next": url, "csrfmiddlewaretoken": token}
    )
    assert confirmed.status_code == 302 and confirmed["Location"] == url
    assert "functional=" in confirmed.cookies["cookie_consent"].value


def test_with_javascript_the_choice_is_saved_in_place(client):
    response = client.post(
        "/cookies/save/", {"groups": ["analytics"]}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200 and response.json() == {"accepted": ["analytics"]}
    assert "no-store" in response["Cache-Control"]


def test_the_status_endpoint_is_never_kept_by_a_shared_cache(client):
    response = client.get("/cookies/status/")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    status = response.json()
    assert status["csrftoken"] and status["decided"] is False


def test_the_banner_text_admin_saves_a_new_wording(admin_client):
    text = BannerText.objects.get(language="fr")
    response = admin_client.post(
        f"/admin/consent/bannertext/{text.pk}/change/",
        {"language": "fr", "title": "Vos cookies", "text": "Nouveau texte du bandeau."},
    )
    assert response.status_code == 302
    assert "Nouveau texte du bandeau." in banner_of(Client().get("/fr/").text)
    assert admin_client.get("/admin/consent/consentreceipt/").status_code == 200


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    action=st.sampled_from(["accept", "decline", "save"]),
    groups=st.lists(st.one_of(st.sampled_from(["functional", "analytics"]), st.text()), max_size=4),
    source=st.one_of(st.sampled_from(["banner", "closed", "settings"]), st.text(max_size=30)),
    target=st.text(max_size=300),
)
def test_no_choice_however_strange_gets_a_server_error(client, action, groups, source, target):
    response = client.post(
        f"/cookies/{action}/", {"groups": groups, "source": source, "next": target}
    )
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        location = response["Location"]
        assert location.startswith("/") and not location.startswith(("//", "/\\"))


def test_pages_name_the_version_of_each_group_a_choice_must_cover(client):
    versions = {
        group.varname: group.get_version()
        for group in CookieGroup.objects.exclude(varname="necessary")
    }
    expected = " ".join(f"{varname}={version}" for varname, version in versions.items())
    assert f'data-consent="{expected}"' in client.get("/").text


def test_the_consent_cookie_is_read_in_the_browser_by_the_head_script_alone(client):
    scripts = (Path(__file__).resolve().parents[2] / "static" / "js").glob("*.js")
    readers = {path.name for path in scripts if "document.cookie" in path.read_text()}
    assert readers == {"consent-head.js"}
    assert f"<script>{HEAD_SCRIPT}</script>" in client.get("/").text


def test_the_banner_kept_for_a_generation_reads_no_article(db):
    """Only a new generation changes the banner: keeping it must not ask when the next
    scheduled article goes public (a query the page cache makes once, if at all)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from consent.rendering import shared_banner

    with CaptureQueriesContext(connection) as queries:
        shared_banner("ar")
    assert queries.captured_queries, "the banner was rendered"
    assert not [q["sql"] for q in queries.captured_queries if "articles_article" in q["sql"]]
