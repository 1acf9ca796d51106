"""The language cookie: flagged like the session cookie, and named on the cookie policy page."""

import secrets

from django.test import override_settings

import pytest
from cookie_consent.models import Cookie

from tests.test_security import production_settings

pytestmark = pytest.mark.django_db


def switch_language(client, language: str = "fr", **extra):
    return client.post("/i18n/setlang/", {"language": language, "next": "/"}, **extra)


def test_the_language_switch_sets_an_http_only_lax_cookie(client):
    response = switch_language(client)
    assert response.status_code == 302
    cookie = response.cookies["django_language"]
    assert cookie.value == "fr"
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    header = cookie.output()
    assert "HttpOnly" in header and "SameSite=Lax" in header


@pytest.mark.parametrize(("https", "secure"), [("1", True), ("0", False)])
def test_the_language_cookie_is_secure_exactly_when_the_site_runs_on_https(
    monkeypatch, https, secure
):
    production = production_settings(
        monkeypatch, DEBUG="0", HTTPS=https, SECRET_KEY=secrets.token_urlsafe(50)
    )
    assert production.LANGUAGE_COOKIE_SECURE is secure
    assert production.LANGUAGE_COOKIE_SECURE == production.SESSION_COOKIE_SECURE
    assert production.LANGUAGE_COOKIE_HTTPONLY is True
    assert production.LANGUAGE_COOKIE_SAMESITE == "Lax"


def test_under_https_the_language_switch_sends_a_secure_cookie(client, monkeypatch):
    production = production_settings(
        monkeypatch, DEBUG="0", HTTPS="1", SECRET_KEY=secrets.token_urlsafe(50)
    )
    with override_settings(LANGUAGE_COOKIE_SECURE=production.LANGUAGE_COOKIE_SECURE):
        response = switch_language(client, secure=True)
    assert "Secure" in response.cookies["django_language"].output()


def test_the_language_cookie_is_a_necessary_cookie():
    cookie = Cookie.objects.get(name="django_language")
    assert cookie.cookiegroup.varname == "necessary"


@pytest.mark.parametrize(
    ("prefix", "purpose"),
    [
        ("", "لغة الموقع التي اخترتها، حتى تغلق المتصفح."),
        ("/fr", "La langue du site que vous avez choisie, jusqu’à la fermeture du navigateur."),
        ("/en", "The site language you chose, until you close the browser."),
    ],
)
def test_the_policy_page_names_the_language_cookie_among_the_necessary_ones(
    client, prefix, purpose
):
    html = client.get(f"{prefix}/cookies/").text
    start = html.index('aria-labelledby="group-necessary"')
    necessary = html[start : html.index("</section>", start)]
    assert "<code>django_language</code>" in necessary
    assert purpose in necessary
