"""Cookies of a group the reader has not accepted never reach them, however they are set."""

from django.http import HttpResponse
from django.test import RequestFactory

import pytest

from consent.middleware import CookieConsentMiddleware

pytestmark = pytest.mark.django_db


def respond_setting(*names):
    def view(request):
        response = HttpResponse("<html><body></body></html>")
        for name in names:
            response.set_cookie(name, "value")
        return response

    return CookieConsentMiddleware(view)


def test_a_response_cannot_set_a_cookie_of_a_group_not_accepted():
    request = RequestFactory().get("/")
    response = respond_setting("dima_commenter", "_pk_id", "csrftoken", "unregistered")(request)
    assert set(response.cookies) == {"csrftoken", "unregistered"}


def test_a_response_may_set_the_cookies_of_accepted_groups(client):
    consent = client.post("/cookies/save/", {"groups": ["functional"]}).cookies["cookie_consent"]
    request = RequestFactory().get("/", HTTP_COOKIE=f"cookie_consent={consent.coded_value}")
    response = respond_setting("dima_commenter", "_pk_id")(request)
    assert set(response.cookies) == {"dima_commenter"}


def test_a_cookie_of_a_declined_group_that_came_with_the_request_is_deleted(client):
    """django-cookie-consent's own clean-up, which the middleware inherits, still runs."""
    consent = client.post("/cookies/save/", {"groups": ["analytics"]}).cookies["cookie_consent"]
    request = RequestFactory().get(
        "/", HTTP_COOKIE=f"cookie_consent={consent.coded_value}; dima_commenter=x; _pk_id=1"
    )
    response = respond_setting()(request)
    assert response.cookies["dima_commenter"].value == ""
    assert response.cookies["dima_commenter"]["max-age"] == 0
    assert "_pk_id" not in response.cookies  # its group is accepted: left alone


def test_the_response_that_records_consent_may_already_set_the_cookies_it_allows(client):
    from consent.services import consent_record

    def view(request):
        response = HttpResponse("ok")
        consent_record(request, response, accepted={"analytics"}, source="banner")
        response.set_cookie("_pk_id", "1")
        response.set_cookie("dima_commenter", "x")
        return response

    response = CookieConsentMiddleware(view)(RequestFactory().get("/"))
    assert "_pk_id" in response.cookies and "dima_commenter" not in response.cookies


def test_declining_deletes_the_cookies_of_the_group_already_set(client):
    client.post("/cookies/accept/")
    client.cookies["dima_commenter"] = "remembered"
    client.cookies["_pk_id"] = "visitor"
    response = client.post("/cookies/decline/")
    for name in ("dima_commenter", "_pk_id"):
        assert response.cookies[name].value == "" and response.cookies[name]["max-age"] == 0


def test_cookies_of_groups_never_accepted_are_deleted_on_the_next_page(client):
    client.cookies["_pk_id"] = "set-by-someone-else"
    response = client.get("/")
    assert response.cookies["_pk_id"]["max-age"] == 0


def test_withdrawing_on_the_settings_page_is_as_easy_as_agreeing(client):
    client.post("/cookies/save/", {"groups": ["functional", "analytics"], "source": "settings"})
    assert client.get("/cookies/status/").json()["choices"] == {
        "functional": True,
        "analytics": True,
    }
    response = client.post("/cookies/save/", {"source": "settings"}, follow=True)
    assert "حُفظت اختياراتك" in response.text
    assert client.get("/cookies/status/").json()["choices"] == {
        "functional": False,
        "analytics": False,
    }
