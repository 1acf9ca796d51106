"""One cached page for every anonymous reader; what differs is added outside the cache."""

import re
import time

from django.core import signing
from django.test import Client

import pytest

from comments.models import Comment
from comments.remember import REMEMBER_COOKIE
from tests.consent.conftest import banner_of, without_banner

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = True


def reader(*, accepts: bool | None) -> Client:
    browser = Client(enforce_csrf_checks=True)
    if accepts is not None:
        token = browser.get("/cookies/status/").json()["csrftoken"]
        action = "accept" if accepts else "decline"
        browser.post(f"/cookies/{action}/", {"csrfmiddlewaretoken": token})
    return browser


def comment_from(browser: Client, html: str, article, body: str, ip: str = "203.0.113.7"):
    """Post the comment form found in `html`, as the reader's browser (with consent.js) does."""
    form_token = re.search(r'name="token" value="([^"]+)"', html)[1]
    status = browser.get("/cookies/status/").json()
    return browser.post(
        f"/comments/{article.pk}/post/",
        {
            "csrfmiddlewaretoken": status["csrftoken"],
            "token": form_token,
            "started": status["comment_form"]["started"],
            "body": body,
            "name": "قارئ",
            "email": f"reader-{ip}@example.com",
            "url": "",
            "honeypot": "",
            "remember": "on",
        },
        REMOTE_ADDR=ip,
    )


def test_two_readers_get_the_same_cached_article_and_only_the_one_who_agreed_is_remembered(
    article,
):
    accepted, undecided = reader(accepts=True), reader(accepts=None)

    first = undecided.get(article.get_absolute_url())
    second = accepted.get(article.get_absolute_url())
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    # The same bytes, but for the banner the undecided reader still needs.
    assert banner_of(first.text) is not None and banner_of(second.text) is None
    assert without_banner(first.text) == second.text
    # Nothing per reader in the shared copy: no CSRF token, no cookie, no Vary: Cookie.
    assert 'name="csrfmiddlewaretoken" value=""' in first.text
    assert re.search(r'name="csrfmiddlewaretoken" value="[^"]+"', first.text) is None
    assert not first.cookies and "Cookie" not in first.get("Vary", "")
    assert "public" in first["Cache-Control"] and "s-maxage=" in first["Cache-Control"]

    posted_by_accepted = comment_from(accepted, second.text, article, "تعليق القارئ الأول")
    posted_by_undecided = comment_from(
        undecided, first.text, article, "تعليق القارئ الثاني", ip="198.51.100.4"
    )
    assert posted_by_accepted.status_code == posted_by_undecided.status_code == 302
    assert REMEMBER_COOKIE in posted_by_accepted.cookies
    assert REMEMBER_COOKIE not in posted_by_undecided.cookies
    assert Comment.objects.count() == 2


def test_a_reader_without_javascript_keeps_the_comment_and_sends_it_again(article):
    browser = reader(accepts=None)
    html = browser.get(article.get_absolute_url()).text
    form_token = re.search(r'name="token" value="([^"]+)"', html)[1]
    fields = {
        "token": form_token,
        "body": "تعليق بلا جافاسكربت",
        "name": "قارئ",
        "email": "reader@example.com",
        "url": "",
        "honeypot": "",
    }
    refused = browser.post(f"/comments/{article.pk}/post/", {**fields, "csrfmiddlewaretoken": ""})
    assert refused.status_code == 403
    assert "تعليق بلا جافاسكربت" in refused.text
    assert "لم يُرسل تعليقك بعد" in refused.text
    assert Comment.objects.count() == 0
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', refused.text)[1]
    again = re.search(r'name="token" value="([^"]+)"', refused.text)[1]
    started = re.search(r'name="started" value="([^"]+)"', refused.text)[1]
    sent = browser.post(
        f"/comments/{article.pk}/post/",
        {**fields, "token": again, "started": started, "csrfmiddlewaretoken": csrf},
    )
    assert sent.status_code == 302 and Comment.objects.count() == 1


def cached_form(settings, article) -> str:
    """The article's page as the cache keeps it, rendered more than COMMENTS_MIN_SECONDS ago."""
    settings.COMMENTS_MIN_SECONDS = 1
    assert Client().get(article.get_absolute_url())["X-Page-Cache"] == "miss"
    time.sleep(1.2)
    page = Client().get(article.get_absolute_url())
    assert page["X-Page-Cache"] == "hit"
    return page.text


def bot_fields(html: str, **fields) -> dict:
    token = re.search(r'name="token" value="([^"]+)"', html)[1]
    return {
        "token": token,
        "body": "عرض خاص اليوم فقط",
        "name": "قارئ",
        "email": "bot@example.com",
        "url": "",
        "honeypot": "",
        **fields,
    }


def test_a_script_posting_at_once_from_an_old_cached_page_is_refused(settings, article):
    """The cached page's time is nobody's start: the form's time is asked per reader."""
    html = cached_form(settings, article)
    bot = Client(enforce_csrf_checks=True)
    csrf = bot.get("/cookies/status/").json()["csrftoken"]

    refused = bot.post(f"/comments/{article.pk}/post/", bot_fields(html, csrfmiddlewaretoken=csrf))

    assert refused.status_code == 400
    assert "لم يُرسل تعليقك بعد" in refused.text
    assert not Comment.objects.exists()


def test_a_script_that_asks_for_its_start_time_and_posts_at_once_is_refused(settings, article):
    html = cached_form(settings, article)
    bot = Client(enforce_csrf_checks=True)
    status = bot.get("/cookies/status/").json()

    refused = bot.post(
        f"/comments/{article.pk}/post/",
        bot_fields(
            html,
            csrfmiddlewaretoken=status["csrftoken"],
            started=status["comment_form"]["started"],
        ),
    )

    assert refused.status_code == 400
    assert "أسرع مما يكتب أي إنسان" in refused.text
    assert not Comment.objects.exists()


def test_a_reader_who_takes_the_time_to_write_posts_from_the_cached_page(settings, article):
    html = cached_form(settings, article)
    browser = Client(enforce_csrf_checks=True)
    status = browser.get("/cookies/status/").json()  # consent.js, as the reader starts writing
    time.sleep(1.2)

    sent = browser.post(
        f"/comments/{article.pk}/post/",
        bot_fields(
            html,
            body="قرأت المقال وأضيف ملاحظة",
            csrfmiddlewaretoken=status["csrftoken"],
            started=status["comment_form"]["started"],
        ),
    )

    assert sent.status_code == 302
    assert Comment.objects.get().body == "قرأت المقال وأضيف ملاحظة"


def test_every_reader_gets_a_start_time_of_their_own_whatever_they_chose(article):
    from comments.forms import STARTED_SALT

    for choice in (None, False, True):
        started = reader(accepts=choice).get("/cookies/status/").json()["comment_form"]["started"]
        assert signing.loads(started, salt=STARTED_SALT)["s"] >= int(time.time()) - 5
    # A shared page carries none.
    assert 'name="started" value' not in Client().get(article.get_absolute_url()).text


def test_a_form_that_no_view_offers_to_resend_gets_the_plain_forgery_page(article):
    """Only the comment and consent forms come back filled in; others get edge's 403 page."""
    refused = reader(accepts=None).post("/admin/login/", {"username": "x", "password": "y"})
    assert refused.status_code == 403
    assert "تعذّر التحقق من النموذج" in refused.text


def test_the_cached_page_changes_as_soon_as_an_article_is_edited(
    client, article, django_capture_on_commit_callbacks
):
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss"
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
    article.title = "عنوان مصحح"
    with django_capture_on_commit_callbacks(execute=True):
        article.save()
    response = client.get(article.get_absolute_url())
    assert response["X-Page-Cache"] == "miss" and "عنوان مصحح" in response.text


def test_an_approved_comment_shows_at_once_on_a_cached_page(
    client, article, django_capture_on_commit_callbacks
):
    from comments.services import comments_set_status
    from tests.factories import CommentFactory

    pending = CommentFactory(article=article, body="تعليق ينتظر", status=Comment.Status.PENDING)
    assert "تعليق ينتظر" not in client.get(article.get_absolute_url()).text
    with django_capture_on_commit_callbacks(execute=True):
        comments_set_status([pending.pk], Comment.Status.APPROVED)
    assert "تعليق ينتظر" in client.get(article.get_absolute_url()).text


def test_the_thank_you_message_after_posting_is_never_served_from_or_kept_in_the_cache(
    client, article
):
    browser = reader(accepts=None)
    html = browser.get(article.get_absolute_url()).text
    posted = comment_from(browser, html, article, "تعليق للمراجعة")
    page = browser.get(posted["Location"])
    assert "بانتظار المراجعة" in page.text and "X-Page-Cache" not in page
    assert "بانتظار المراجعة" not in client.get(article.get_absolute_url()).text


def test_logged_in_editors_never_get_or_fill_the_shared_cache(admin_client, client, article):
    editor_page = admin_client.get(article.get_absolute_url())
    assert "X-Page-Cache" not in editor_page
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss"


def test_a_scheduled_article_appears_on_a_cached_home_page_when_its_time_comes(
    client, section, time_machine, cache_on_the_test_clock
):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import ScheduledFactory

    now = timezone.now()
    time_machine.move_to(now, tick=False)
    ScheduledFactory(section=section, title="خبر مبرمج", published_at=now + timedelta(seconds=90))
    assert "خبر مبرمج" not in client.get("/").text
    assert client.get("/")["X-Page-Cache"] == "hit"
    time_machine.move_to(now + timedelta(seconds=91), tick=False)
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss" and "خبر مبرمج" in response.text


def test_a_banner_edit_reaches_processes_that_kept_the_old_banner(
    client, django_capture_on_commit_callbacks
):
    from consent import rendering
    from consent.models import BannerText

    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"
    language, (version, old_html) = next(iter(rendering._banners_of_version.items()))
    with django_capture_on_commit_callbacks(execute=True):
        text = BannerText.objects.get(language="ar")
        text.text = "نص اللافتة بعد التعديل"
        text.save()
    # Another gunicorn worker still holds the banner it read under the old `site` version.
    rendering._banners_of_version[language] = (version, old_html)
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "نص اللافتة بعد التعديل" in banner_of(response.text)


def test_an_emptied_cache_never_brings_back_an_old_version(client):
    from django.core.cache import cache

    from pagecache.dependencies import SITE, version_key
    from pagecache.versions import current_version

    before = current_version(version_key(SITE))
    cache.clear()
    assert current_version(version_key(SITE)) != before


def test_a_feed_is_served_in_one_piece_not_as_it_was_written(client):
    # The server writes each piece of a response to the socket on its own.
    for url in ("/feed/", "/feed/atom/"):
        fresh = client.get(url)
        cached = client.get(url)
        assert cached["X-Page-Cache"] == "hit"
        assert len(list(fresh)) == len(list(cached)) == 1


@pytest.mark.parametrize("action", ["unpublish", "publish"])
def test_the_admin_bulk_actions_show_at_once_on_cached_pages(
    admin_client, client, section, action, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from tests.factories import ArticleFactory, DraftFactory

    factory = ArticleFactory if action == "unpublish" else DraftFactory
    article = factory(section=section, title="خبر يتغير من لوحة التحرير")
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:articles_article_changelist"),
            {"action": action, "_selected_action": [article.pk]},
        )
    home = client.get("/")
    assert home["X-Page-Cache"] == "miss"
    assert ("خبر يتغير من لوحة التحرير" in home.text) is (action == "publish")
