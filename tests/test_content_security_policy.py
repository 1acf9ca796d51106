"""The CSP header from django-csp's public hook: the settings' policy for plain reader pages
(built once per process), the tailored one wherever django-csp's hook reports a change.

These fail if django-csp stops reporting its decorators or the nonce through
`CSPMiddleware.get_policy_parts`, which edge.middleware relies on.
"""

from django.http import HttpResponse

import pytest
from csp.constants import NONCE, SELF
from csp.decorators import csp, csp_replace, csp_update
from csp.exceptions import CSPNonceError
from csp.utils import build_policy

from edge.middleware import ContentSecurityPolicyMiddleware, settings_policy

pytestmark = pytest.mark.django_db


def page(request):
    return HttpResponse("<p>صفحة</p>")


def header_of(view, request) -> str | None:
    return ContentSecurityPolicyMiddleware(view)(request).get("Content-Security-Policy")


def directives(header: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


def test_a_reader_page_carries_the_settings_policy(client):
    assert client.get("/")["Content-Security-Policy"] == build_policy()


def test_the_settings_policy_is_built_once_per_process(rf):
    settings_policy.cache_clear()
    for _ in range(3):
        header_of(page, rf.get("/"))
    assert settings_policy.cache_info().misses == 1


def test_a_view_decorated_with_csp_update_gets_its_tailored_policy(rf):
    view = csp_update({"img-src": ["https://maps.dima.test"]})(page)
    header = header_of(view, rf.get("/map/"))
    assert header == build_policy(update={"img-src": ["https://maps.dima.test"]})
    assert "https://maps.dima.test" in directives(header)["img-src"]


def test_a_view_decorated_with_csp_replace_or_csp_gets_its_own_policy(rf):
    replaced = header_of(csp_replace({"frame-src": ["https://video.dima.test"]})(page), rf.get("/"))
    assert directives(replaced)["frame-src"] == "https://video.dima.test"
    own = header_of(csp({"default-src": ["'none'"]})(page), rf.get("/"))
    assert own == "default-src 'none'"


def test_a_nonce_used_by_the_page_is_in_its_policy(rf, settings):
    directives_in_force = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**directives_in_force, "script-src": [SELF, NONCE]}
    }
    seen = {}

    def view(request):
        seen["nonce"] = str(request.csp_nonce)
        return page(request)

    header = header_of(view, rf.get("/"))
    assert directives(header)["script-src"] == f"'self' 'nonce-{seen['nonce']}'"


def test_a_nonce_asked_for_after_the_header_is_an_error(rf):
    request = rf.get("/")
    header_of(page, request)
    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)


def test_admin_pages_allow_inline_script_and_reader_pages_do_not(client, rf):
    admin = directives(client.get("/admin/login/")["Content-Security-Policy"])
    assert admin["script-src"] == "'self' 'unsafe-inline'"
    assert "blob:" in admin["img-src"]
    reader = directives(header_of(page, rf.get("/")))
    assert "'unsafe-inline'" not in reader["script-src"]
    assert "blob:" not in reader["img-src"]


def test_an_excluded_address_gets_no_policy(rf, settings):
    settings.CONTENT_SECURITY_POLICY = {
        **settings.CONTENT_SECURITY_POLICY,
        "EXCLUDE_URL_PREFIXES": ["/embed/"],
    }
    assert header_of(page, rf.get("/embed/video/")) is None
    assert header_of(page, rf.get("/")) == build_policy()


def test_a_report_only_policy_is_sent_beside_the_enforced_one(rf, settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    response = ContentSecurityPolicyMiddleware(page)(rf.get("/"))
    assert response["Content-Security-Policy"] == build_policy()
    assert response["Content-Security-Policy-Report-Only"] == "default-src 'none'"
