"""deploy/nginx/dima.conf in front of Dima: one shared copy per page, per-reader requests
untouched. A real nginx (over TLS, as deployed) proxies to the live server.

Skipped when nginx is not installed (`apt-get install nginx`); DIMA_REQUIRE_NGINX=1 makes
that an error.
"""

import hashlib
import importlib
import json
import os
import re
import secrets
import shutil
import time
import zlib
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from django.test import Client
from django.utils import timezone

import pytest

from bench.nginx_server import ROOT, Nginx, Response, nginx_binary
from comments.models import Comment
from tests.consent.conftest import banner_of
from tests.factories import ArticleFactory, CommentFactory, DraftFactory, SectionFactory

pytestmark = pytest.mark.django_db(transaction=True)

REQUIRE_NGINX = os.environ.get("DIMA_REQUIRE_NGINX") == "1"
# The test's nginx listens on a free port, but Django sees the Host without it (nginx
# forwards $host): this is the Origin a browser sends when nginx is on 443, as in production.
ORIGIN = "https://localhost"
FORM = "application/x-www-form-urlencoded"


@pytest.fixture(autouse=True)
def data_from_migrations(transactional_db):
    """The cookie groups and banner texts, put back after other tests emptied the database."""
    from django.apps import apps

    importlib.import_module("consent.migrations.0002_cookie_groups_and_banner").create(apps, None)


@pytest.fixture
def static_root(tmp_path) -> Path:
    """A STATIC_ROOT as collectstatic writes it: the stylesheet by its plain and hashed names."""
    root = tmp_path / "static"
    (root / "css").mkdir(parents=True)
    css = (ROOT / "static" / "css" / "dima.css").read_bytes()
    (root / "css" / "dima.css").write_bytes(css)
    (root / "css" / f"dima.{hashlib.md5(css).hexdigest()[:12]}.css").write_bytes(css)  # noqa: S324
    return root


@pytest.fixture
def media_root(tmp_path) -> Path:
    root = tmp_path / "media"
    (root / "uploads").mkdir(parents=True)
    shutil.copy(ROOT / "static" / "img" / "logo.png", root / "uploads" / "logo.png")
    return root


@pytest.fixture
def nginx(live_server, tmp_path, static_root, media_root):
    if nginx_binary() is None or shutil.which("openssl") is None:
        missing = "nginx" if nginx_binary() is None else "openssl"
        message = f"{missing} is not installed: apt-get install --no-install-recommends {missing}"
        if REQUIRE_NGINX:
            pytest.fail(message)
        pytest.skip(f"nginx tests skipped: {message}")
    workdir = tmp_path / "nginx"
    workdir.mkdir()
    port = urlsplit(live_server.url).port
    server = Nginx(workdir, f"127.0.0.1:{port}", static_root, media_root)
    yield server
    server.stop()


@pytest.fixture
def article(db):
    return ArticleFactory(title="خبر اليوم", section=SectionFactory(name="وطنية"))


def get(nginx: Nginx, path: str, cookie: str | None = None, **headers: str) -> Response:
    if cookie:
        headers["Cookie"] = cookie
    return nginx.request("GET", path, headers=headers)


def post(nginx: Nginx, path: str, data: dict, cookie: str, **headers: str) -> Response:
    headers = {"Content-Type": FORM, "Origin": ORIGIN, "Cookie": cookie, **headers}
    return nginx.request("POST", path, headers=headers, body=urlencode(data).encode())


def form_token(nginx: Nginx) -> tuple[str, str]:
    """A CSRF token and its cookie, asked from /cookies/status/ as consent.js does."""
    token, cookie, _started = reader_status(nginx)
    return token, cookie


def reader_status(nginx: Nginx) -> tuple[str, str, str]:
    """The CSRF token, its cookie and the comment form's start time, as consent.js asks."""
    status = get(nginx, "/cookies/status/")
    data = json.loads(status.body)
    return data["csrftoken"], status.cookies_set()["csrftoken"], data["comment_form"]["started"]


def decided_reader_cookie(nginx: Nginx) -> str:
    """The Cookie header of a reader who pressed "accept all" in the banner, through nginx."""
    token, csrf_cookie = form_token(nginx)
    accepted = post(
        nginx,
        "/cookies/accept/",
        {"csrfmiddlewaretoken": token, "next": "/"},
        cookie=f"csrftoken={csrf_cookie}",
        Accept="application/json",
    )
    assert accepted.status == 200, accepted.text
    # A POST is no candidate for the cache at all (no X-Cache-Status).
    assert accepted.cache_status is None
    return f"csrftoken={csrf_cookie}; cookie_consent={accepted.cookies_set()['cookie_consent']}"


def test_an_anonymous_article_is_stored_once_and_served_to_every_reader(nginx, article):
    url = article.get_absolute_url()

    first, second = get(nginx, url), get(nginx, url)

    assert first.status == second.status == 200
    assert (first.cache_status, second.cache_status) == ("MISS", "HIT")
    assert second.body == first.body
    assert banner_of(second.text) is not None
    assert article.title in second.text
    # Stored because Dima said so, for as long as it said.
    cache_control = second.headers["Cache-Control"]
    assert "public" in cache_control and "s-maxage=10" in cache_control
    assert "Cookie" not in second.headers.get("Vary", "")
    assert second.headers.get_all("Set-Cookie") is None
    # X-Forwarded-Proto reached Django: it sees an HTTPS request and says so with HSTS.
    assert "max-age=" in second.headers["Strict-Transport-Security"]


def test_a_decided_reader_gets_the_copy_every_reader_gets(nginx, article):
    url = article.get_absolute_url()
    anonymous = get(nginx, url)
    decided = decided_reader_cookie(nginx)

    again = get(nginx, url, cookie=decided)

    assert again.cache_status == "HIT"
    assert again.body == anonymous.body
    # The banner is in it; the head script hides it in the reader's browser.
    assert banner_of(again.text) is not None


def test_a_readers_cookies_never_reach_dima_on_a_shared_page(nginx, live_server, article):
    decided = decided_reader_cookie(nginx)
    cookie = f"{decided}; dima_commenter=someone"
    url = article.get_absolute_url()

    # The first reader of this address has chosen and is remembered as a commenter...
    first = get(nginx, url, cookie=cookie)

    # ...yet Dima rendered (and nginx stored) the page of a reader it knows nothing about:
    # with the banner, public, and no cookie set or deleted.
    assert first.cache_status == "MISS"
    assert banner_of(first.text) is not None
    assert "public" in first.headers["Cache-Control"]
    assert first.headers.get_all("Set-Cookie") is None
    assert get(nginx, url).cache_status == "HIT"
    # Had the cookie reached Dima, the page would have been this reader's own.
    direct = Client().get(url, HTTP_COOKIE=decided)
    assert banner_of(direct.text) is None
    assert "private" in direct["Cache-Control"]


def test_an_editor_bypasses_the_cache_and_what_they_see_is_never_stored(nginx, article, editor):
    browser = Client()
    browser.force_login(editor)
    session = f"sessionid={browser.cookies['sessionid'].value}"
    draft = DraftFactory(title="مسودة لم تنشر", section=article.section)
    url = article.get_absolute_url()
    anonymous = get(nginx, url)

    for_editor = get(nginx, url, cookie=session)
    preview = get(nginx, draft.get_absolute_url(), cookie=session)

    assert for_editor.cache_status == preview.cache_status == "BYPASS"
    assert "private" in for_editor.headers["Cache-Control"]
    # The session reached Dima: the editor sees the draft.
    assert preview.status == 200 and draft.title in preview.text
    # Neither is kept: readers still get the anonymous copy, and no draft.
    after = get(nginx, url)
    assert after.cache_status == "HIT" and after.body == anonymous.body
    hidden = get(nginx, draft.get_absolute_url())
    assert hidden.status == 404 and draft.title not in hidden.text


def test_a_reader_with_a_notice_bypasses_the_cache(nginx, article):
    get(nginx, article.get_absolute_url())

    response = get(nginx, article.get_absolute_url(), cookie="messages=anything")

    assert response.cache_status == "BYPASS"


def test_per_reader_addresses_are_never_cached_and_get_the_cookies(nginx):
    for path in ("/healthz", "/admin/login/", "/cookies/", "/fr/cookies/", "/en/cookies/"):
        responses = [get(nginx, path), get(nginx, path)]
        assert [r.cache_status for r in responses] == ["BYPASS", "BYPASS"], path

    first, second = get(nginx, "/cookies/status/"), get(nginx, "/cookies/status/")

    assert (first.cache_status, second.cache_status) == ("BYPASS", "BYPASS")
    assert "private" in first.headers["Cache-Control"]
    tokens = [json.loads(r.body)["csrftoken"] for r in (first, second)]
    assert tokens[0] != tokens[1]
    assert first.cookies_set()["csrftoken"] != second.cookies_set()["csrftoken"]
    assert json.loads(first.body)["decided"] is False
    decided = get(nginx, "/cookies/status/", cookie=decided_reader_cookie(nginx))
    assert json.loads(decided.body)["decided"] is True


def test_a_comment_posted_through_nginx_shows_once_the_shared_copy_expires(
    nginx, article, settings
):
    # Short lifetimes (read by Dima on each response) so the test waits seconds, not 40.
    settings.PAGE_CACHE_SHARED_SECONDS = 1
    settings.PAGE_CACHE_SHARED_STALE_SECONDS = 1
    settings.TRUSTED_PROXY_COUNT = 1
    known = CommentFactory(article=article, email="known@example.com", name="قارئ معروف")
    Comment.objects.filter(pk=known.pk).update(created_at=timezone.now() - timedelta(hours=1))
    url = article.get_absolute_url()
    page = get(nginx, url)
    stored_at = time.monotonic()
    assert page.cache_status == "MISS"
    assert "s-maxage=1" in page.headers["Cache-Control"]
    assert 'name="csrfmiddlewaretoken" value=""' in page.text  # no reader's token in a shared page

    token, csrf_cookie, started = reader_status(nginx)
    sent = post(
        nginx,
        f"/comments/{article.pk}/post/",
        {
            "csrfmiddlewaretoken": token,
            "token": re.search(r'name="token" value="([^"]+)"', page.text)[1],
            "started": started,
            "body": "تعليق عبر الخادم الوسيط",
            "name": "قارئ معروف",
            "email": "known@example.com",
            "url": "",
            "honeypot": "",
        },
        cookie=f"csrftoken={csrf_cookie}",
        # Forged by the client; nginx appends the address it saw, the one Dima keeps.
        **{"X-Forwarded-For": "198.51.100.66"},
    )

    assert sent.status == 302, sent.text
    assert sent.cache_status is None
    comment = Comment.objects.get(body="تعليق عبر الخادم الوسيط")
    assert comment.status == Comment.Status.APPROVED
    assert comment.ip_address == "127.0.0.1"
    # The commenter comes back with a one-time notice: their own fresh page.
    notice = sent.cookies_set()["messages"]
    own = get(nginx, sent.headers["Location"].split("#")[0], cookie=f"messages={notice}")
    assert own.cache_status == "BYPASS"
    assert comment.body in own.text
    # Other readers may get the stored copy until s-maxage + stale-while-revalidate have
    # passed (nginx counts whole seconds), never longer.
    time.sleep(max(0, stored_at + 3.2 - time.monotonic()))
    later = get(nginx, url)
    assert comment.body in later.text, later.cache_status


def test_static_files_and_media_are_served_from_disk(nginx, static_root):
    css = (static_root / "css" / "dima.css").read_bytes()
    hashed = next(path.name for path in (static_root / "css").iterdir() if path.name != "dima.css")

    compressed = get(nginx, f"/static/css/{hashed}", **{"Accept-Encoding": "gzip"})
    plain = get(nginx, "/static/css/dima.css")
    image = get(nginx, "/media/uploads/logo.png")

    assert compressed.status == 200
    assert compressed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed.headers["Vary"]
    assert zlib.decompress(compressed.body, 16 + zlib.MAX_WBITS) == css
    assert compressed.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert plain.body == css and "Content-Encoding" not in plain.headers
    assert plain.headers["Cache-Control"] == "public, max-age=3600"
    assert image.status == 200 and image.headers["Content-Type"] == "image/png"
    assert image.headers["X-Content-Type-Options"] == "nosniff"
    # Straight from disk: Django and the page cache never see them.
    assert compressed.cache_status is None and image.cache_status is None


def test_pages_are_compressed_for_clients_that_ask(nginx, article):
    plain = get(nginx, article.get_absolute_url())

    compressed = get(nginx, article.get_absolute_url(), **{"Accept-Encoding": "gzip"})

    assert compressed.cache_status == "HIT"
    assert compressed.headers["Content-Encoding"] == "gzip"
    assert zlib.decompress(compressed.body, 16 + zlib.MAX_WBITS) == plain.body


def test_plain_http_is_sent_to_https(nginx):
    response = nginx.request("GET", "/articles/1/?x=1", https=False)

    assert response.status == 301
    assert response.headers["Location"] == "https://localhost/articles/1/?x=1"


def test_tracking_parameters_share_the_copy_of_the_page_without_them(nginx, article):
    url = article.get_absolute_url()
    assert get(nginx, url).cache_status == "MISS"
    for value in (secrets.token_hex(8) for _ in range(10)):
        tracked = get(nginx, f"{url}?utm_source={value}&fbclid={value}")
        assert tracked.cache_status == "HIT"
        assert value not in tracked.text
    # A query that is not only tracking keeps a copy of its own.
    assert get(nginx, f"{url}?utm_source=a&comments-page=1").cache_status == "MISS"


def stored_pages(nginx: Nginx) -> list[Path]:
    return [path for path in (nginx.workdir / "cache").rglob("*") if path.is_file()]


def test_random_unknown_and_tracking_parameters_leave_one_stored_page(nginx, article):
    url = article.get_absolute_url()
    assert get(nginx, url).cache_status == "MISS"
    for _ in range(20):
        value = secrets.token_urlsafe(8)
        name = f"x{secrets.token_hex(4)}"
        answered = get(nginx, f"{url}?{name}={value}&utm_campaign={value}&gclid={value}")
        assert answered.status == 200
        assert answered.cache_status == "HIT"
        assert value not in answered.text
    assert len(stored_pages(nginx)) == 1


def test_read_parameters_keep_their_own_copy_whatever_else_comes_with_them(nginx, article):
    assert get(nginx, "/?page=2").cache_status == "MISS"
    assert get(nginx, "/?page=2&utm_source=x").cache_status == "HIT"
    assert get(nginx, f"/?junk={secrets.token_hex(4)}&page=2").cache_status == "HIT"
    # Absent and empty are different queries to Dima, so different copies.
    assert get(nginx, "/?page=").cache_status == "MISS"
    assert get(nginx, "/").cache_status == "MISS"
    assert len(stored_pages(nginx)) == 3


@pytest.mark.parametrize(
    "query",
    ["page=2&page=3", "pa%67e=2", "PAGE=2&x=1", "page&x=1", "a+b=1", "before=1&&q=x"],
)
def test_a_query_django_could_read_otherwise_never_touches_the_shared_copy(nginx, query):
    """Duplicates, encoded or odd names: the key could disagree with what Dima renders."""
    if query.startswith("PAGE"):
        # Case matters to Django: PAGE is not page, so this is the home page's copy.
        assert get(nginx, "/").cache_status == "MISS"
        assert get(nginx, f"/?{query}").cache_status == "HIT"
        return
    assert get(nginx, f"/?{query}").cache_status == "BYPASS"
    assert get(nginx, f"/?{query}").cache_status == "BYPASS"
    assert stored_pages(nginx) == []


def test_the_parameters_nginx_keys_on_are_the_ones_dima_keys_on(settings):
    conf = (ROOT / "deploy" / "nginx" / "dima.conf").read_text()
    names = set(re.findall(r"map \$args \$dima_arg_\w+ \{\s*\"~\(\?:\^\|&\)\(([\w-]+)=", conf))
    assert names == set(settings.PAGE_CACHE_QUERY_KEYS)
    odd = re.search(r"\(\?:\^\|&\)\(([\w|-]+)\)\(\?:=\|&\|\$\)\.\*", conf)[1]
    assert set(odd.split("|")) == set(settings.PAGE_CACHE_QUERY_KEYS)
    key_line = re.search(r"proxy_cache_key (.*);", conf)[1]
    assert key_line == "$scheme$host$dima_request_path?$dima_cache_args"
