"""Secure headers, cookies, HTTPS behaviour, admin lockout and Django's deployment checklist."""

import importlib.util
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from django.test import override_settings

import pytest

from tests.consent.conftest import HEAD_SCRIPT, HEAD_SCRIPT_HASH
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def article(section):
    return ArticleFactory(section=section)


@pytest.mark.parametrize("page", ["home", "article", "404", "admin-login"])
def test_pages_carry_the_security_headers(client, article, page):
    url = {
        "home": "/",
        "article": article.get_absolute_url(),
        "404": "/no/such/page/",
        "admin-login": "/admin/login/",
    }[page]
    response = client.get(url)
    csp = dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
    )
    if page == "admin-login":  # CKEditor 4's toolbar needs inline handlers, for staff only
        assert csp["script-src"] == "'self' 'unsafe-inline'"
    else:
        # No 'unsafe-inline', no 'unsafe-eval': the site's own scripts, the one inline script
        # by its hash, and the analytics server configured in settings.
        assert csp["script-src"] == f"'self' {HEAD_SCRIPT_HASH} https://stats.dima.test"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_the_reader_policy_is_built_from_the_settings_in_force(client, settings):
    from csp.utils import build_policy

    assert client.get("/")["Content-Security-Policy"] == build_policy()
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "img-src": ["'none'"]}
    }
    assert "img-src 'none'" in client.get("/")["Content-Security-Policy"]


@pytest.mark.parametrize("url", ["/", "article"])
def test_pages_have_no_inline_script(client, article, url):
    html = client.get(article.get_absolute_url() if url == "article" else url).text
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
    # JSON-LD is data, never executed; the one inline script is allowed by its hash.
    executable = [body for body in inline if not body.lstrip().startswith("{")]
    assert executable == [HEAD_SCRIPT]


def test_hsts_is_sent_over_https(client, article):
    response = client.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Strict-Transport-Security" not in client.get("/")  # never over plain HTTP


@override_settings(SECURE_SSL_REDIRECT=True)
def test_https_site_redirects_plain_http_but_not_the_health_check(client, article):
    response = client.get("/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/"
    assert client.get("/healthz").status_code == 200


@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
def test_session_and_csrf_cookies_are_secure_and_http_only(client, admin_user):
    page = client.get("/admin/login/", HTTP_X_FORWARDED_PROTO="https")
    csrf = page.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"]
    response = client.post(
        "/admin/login/",
        {
            "username": admin_user.username,
            "password": "password",
            "csrfmiddlewaretoken": csrf.value,
        },
        HTTP_X_FORWARDED_PROTO="https",
    )
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]


def test_admin_login_locks_at_the_fifth_failure(client, admin_user):
    statuses = [
        client.post(
            "/admin/login/", {"username": admin_user.username, "password": "wrong"}
        ).status_code
        for _ in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    locked = client.post("/admin/login/", {"username": admin_user.username, "password": "password"})
    assert locked.status_code == 429
    assert "تسجيل الدخول مقفل" in locked.text
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username(client, admin_user, django_user_model):
    django_user_model.objects.create_superuser("other", "o@example.com", "other-password")
    for _ in range(5):
        client.post("/admin/login/", {"username": admin_user.username, "password": "wrong"})
    response = client.post("/admin/login/", {"username": "other", "password": "other-password"})
    assert response.status_code == 302


def test_deployment_checklist_passes_with_production_settings():
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}},
        "DJANGO_SETTINGS_MODULE": "dima.settings",
        "DEBUG": "0",
        "HTTPS": "1",
        "ALLOWED_HOSTS": "dima.example",
        "SECRET_KEY": secrets.token_urlsafe(50),
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def production_settings(monkeypatch, **environment: str) -> ModuleType:
    """dima/settings.py run afresh in this process under `environment`, as a server starts it.

    The module is a new one: Django's settings in force for the other tests are left alone.
    """
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.find_spec("dima.settings")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_in_production_the_consent_cookie_is_secure_and_lasts_six_months(monkeypatch):
    production = production_settings(
        monkeypatch, DEBUG="0", HTTPS="1", SECRET_KEY=secrets.token_urlsafe(50)
    )
    assert production.COOKIE_CONSENT_SECURE is True
    assert production.COOKIE_CONSENT_MAX_AGE // 86400 == 182


def test_a_forged_host_header_gets_the_arabic_400_page_not_a_server_error(client):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "evil.example" not in response.text
