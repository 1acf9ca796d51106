"""Where a redirect may send readers: this site, or a full http(s) address; nowhere else."""

from django.core.exceptions import ValidationError
from django.utils import translation

import pytest

from redirects.models import Redirect

pytestmark = pytest.mark.django_db


def errors_of(**fields) -> dict[str, list[str]]:
    """The messages full_clean() gives, in English."""
    redirect = Redirect(**{"old_path": "/old/", "new_path": "/new/", **fields})
    with translation.override("en"):
        try:
            redirect.full_clean()
        except ValidationError as error:
            return error.message_dict
    return {}


@pytest.mark.parametrize(
    "new_path",
    [
        "/articles/12/الأمن/",
        "/%D8%A7/",
        "/?p=3",
        "https://archive.dima.example.ma/2016/",
        "http://example.com",
        "https://مثال.المغرب/صفحة/",
    ],
)
def test_site_paths_and_full_http_addresses_are_accepted(new_path):
    assert errors_of(new_path=new_path) == {}


@pytest.mark.parametrize(
    "new_path", ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)"]
)
def test_a_javascript_address_is_refused_with_a_message(new_path):
    assert errors_of(new_path=new_path)["new_path"] == [
        "A redirect cannot run a script: “javascript:” addresses are refused."
    ]


@pytest.mark.parametrize(
    ("new_path", "says"),
    [
        ("//evil.example.com/", "beginning with “/”"),
        ("evil.example.com", "beginning with “/”"),
        ("data:text/html,<script>", "beginning with “/”"),
        ("ftp://example.com/file", "beginning with “/”"),
        ("/\\evil.example.com", "backslash"),
        ("/\t/evil.example.com", "spaces or control characters"),
        ("/\x00", "spaces or control characters"),
        ("https://", "complete"),
    ],
)
def test_addresses_that_leave_the_site_unsafely_are_refused(new_path, says):
    messages = errors_of(new_path=new_path)["new_path"]
    assert len(messages) == 1 and says in messages[0]


def test_a_redirect_to_its_own_address_is_refused():
    errors = errors_of(old_path="/%d8%a7%d9%84/", new_path="/ال/")
    assert errors["new_path"] == ["A redirect cannot send readers to the address they came from."]


def test_save_stores_the_old_address_in_its_canonical_spelling():
    redirect = Redirect.objects.create(old_path="/%D8%A7%D9%84/?utm_source=x", new_path="/n/")
    assert redirect.old_path == "/ال"
    assert str(redirect) == "/ال → /n/"


def test_two_spellings_of_one_old_address_cannot_both_be_stored():
    Redirect.objects.create(old_path="/ال/", new_path="/a/")
    duplicate = Redirect(old_path="/%d8%a7%d9%84", new_path="/b/")
    with pytest.raises(ValidationError) as refused:
        duplicate.full_clean()
    assert "old_path" in refused.value.message_dict
