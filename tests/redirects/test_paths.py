"""Every spelling of an old address comes down to one string."""

import re
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from redirects.paths import canonical_path, request_address

ARTICLE = "/2026/11/29/%d8%a7%d9%84%d8%a3%d9%85%d9%86/"


@pytest.mark.parametrize(
    ("address", "canonical"),
    [
        (ARTICLE, "/2026/11/29/الأمن"),
        (ARTICLE.upper(), "/2026/11/29/الأمن"),
        ("/2026/11/29/الأمن/", "/2026/11/29/الأمن"),
        ("/2026/11/29/الأمن", "/2026/11/29/الأمن"),
        ("https://dima.example.ma" + ARTICLE, "/2026/11/29/الأمن"),
        ("HTTP://old.dima.ma:8080" + ARTICLE + "#comments", "/2026/11/29/الأمن"),
        ("/category/%d9%85%d8%ac%d8%aa%d9%85%d8%b9/feed/", "/category/مجتمع/feed"),
        ("/archives/123", "/archives/123"),
        ("/archives/123/", "/archives/123"),
        ("/?p=12", "/?p=12"),
        ("https://dima.example.ma/?p=12", "/?p=12"),
        ("http://dima.example.ma", "/"),
        ("", "/"),
        ("/", "/"),
        ("///", "/"),
        ("?page_id=7", "/?page_id=7"),
        ("/?p=12&utm_source=facebook&utm_medium=social&fbclid=x", "/?p=12"),
        ("/?utm_source=facebook", "/"),
        ("/?cat=3&p=12", "/?cat=3&p=12"),
        ("/?p=12&cat=3", "/?cat=3&p=12"),
        ("/?feed=rss2&tag=%d8%a7%d9%84", "/?feed=rss2&tag=ال"),
        ("/?attachment_id=9", "/?attachment_id=9"),
        ("/?author=1", "/?author=1"),
        ("/section/?P=12", "/section"),  # PHP's query keys are case-sensitive
        ("/?tag=a+b", "/?tag=a%20b"),  # a form-encoded "+" is a space...
        ("/?tag=a%2Bb", "/?tag=a%2Bb"),  # ...and "%2B" a plus sign
        ("/?tag=a%26p%3D1", "/?tag=a%26p%3D1"),  # an encoded "&" or "=" stays encoded
        ("/feed/?p=12", "/feed?p=12"),
        ("/100%", "/100%25"),
        ("/100%25", "/100%25"),
        ("/a%3Fp=1", "/a%3Fp=1"),  # an encoded "?" belongs to the path
        ("/a%23b", "/a%23b"),
        ("/%d8", "/%D8"),  # no valid UTF-8: kept as it came
        ("/%d8%a7%d8/", "/ا%D8"),
        ("/a b", "/a%20b"),
        ("/\u202eabc", "/%E2%80%AEabc"),  # a bidi override is kept visible
        ("/\x00", "/%00"),
    ],
)
def test_canonical_path_of_real_addresses(address, canonical):
    assert canonical_path(address) == canonical


def test_request_address_keeps_an_encoded_question_mark_in_the_path():
    # Django hands the path decoded: "/a?b" here was sent as /a%3Fb.
    assert request_address("/a?b/", [("p", ["12"]), ("utm_source", ["x"])]) == "/a%3Fb?p=12"
    assert request_address("/ال/", []) == canonical_path("/%d8%a7%d9%84/")


def test_request_address_reads_django_escapes_of_broken_bytes_as_the_canonical_form_does():
    # Django's request.path_info for /%d8/ is "/%D8/" (an invalid sequence, re-escaped).
    assert request_address("/%D8/", []) == canonical_path("/%d8/")


# Characters an address may be written with when decoded: anything but the three that
# decoded text cannot hold unambiguously ("%" starts an escape, "?" a query, "#" a fragment)
# and lone surrogates (no URL can be encoded from them).
decoded_segments = st.text(
    alphabet=st.characters(blacklist_characters="%?#/", blacklist_categories=("Cs",)),
    min_size=1,
    max_size=20,
)
decoded_paths = st.lists(decoded_segments, min_size=0, max_size=5).map(
    lambda segments: "/" + "/".join(segments)
)
queries = st.lists(
    st.tuples(
        st.sampled_from(["p", "page_id", "cat", "tag", "feed", "utm_source", "fbclid", "s"]),
        st.text(max_size=8),
    ),
    max_size=4,
)


def encoded(path: str, *, lower: bool) -> str:
    escaped = quote(path, safe="/")
    return re.sub(r"%[0-9A-F]{2}", lambda m: m[0].lower(), escaped) if lower else escaped


@given(st.text())
def test_canonical_path_never_raises_and_is_idempotent(address):
    canonical = canonical_path(address)
    assert canonical.startswith("/")
    assert canonical_path(canonical) == canonical


@given(st.text(alphabet=st.sampled_from("/%?#&=+ab0fAF\u0627\x00 ")))
def test_canonical_path_is_idempotent_on_escape_heavy_text(address):
    assert canonical_path(canonical_path(address)) == canonical_path(address)


@given(decoded_paths, st.booleans())
def test_encoded_and_decoded_spellings_agree(path, lower):
    assert canonical_path(encoded(path, lower=lower)) == canonical_path(path)


@given(decoded_paths)
def test_trailing_slash_does_not_matter(path):
    assert canonical_path(path + "/") == canonical_path(path)
    assert canonical_path(encoded(path, lower=False) + "/") == canonical_path(path)


@given(decoded_paths, queries)
def test_query_order_and_tracking_parameters_do_not_matter(path, parameters):
    query = "&".join(f"{key}={quote(value, safe='')}" for key, value in parameters)
    kept = [(k, v) for k, v in parameters if k not in ("utm_source", "fbclid", "s")]
    reordered = "&".join(f"{key}={quote(value, safe='')}" for key, value in reversed(kept))
    assert canonical_path(f"{path}?{query}") == canonical_path(f"{path}/?{reordered}")


@given(decoded_paths)
def test_absolute_url_and_path_agree(path):
    assert canonical_path("https://dima.example.ma" + encoded(path, lower=True)) == (
        canonical_path(path)
    )


@given(st.text())
def test_canonical_form_shows_no_invisible_or_separating_characters(address):
    canonical = canonical_path(address)
    assert "#" not in canonical and not any(c.isspace() for c in canonical)
    assert "\u202e" not in canonical and "\x00" not in canonical
