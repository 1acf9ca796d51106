"""Articles with a video: the click-to-load figure, the frames their page's CSP allows (and
only theirs, from the cache too), the video page and the menu's link to it."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

import pytest

from articles.models import Article
from tests import budgets
from tests.conftest import warm_site_wide_caches
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

YOUTUBE = "https://www.youtube.com/watch?v=jNQXAC9IVRw"
NOCOOKIE = "https://www.youtube-nocookie.com"
VIDEO_PAGE = "/فيديو/"


def frame_src(response) -> list[str]:
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    return policy["frame-src"].split()


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE = True


def test_the_video_above_the_text_waits_for_a_click(client):
    article = ArticleFactory(video_url=YOUTUBE)
    response = client.get(article.get_absolute_url())
    html = response.text
    assert f'data-embed-src="{NOCOOKIE}/embed/jNQXAC9IVRw?autoplay=1"' in html
    assert '<button type="button" class="embed__play" hidden>' in html
    assert f'<a class="embed__link" href="{YOUTUBE}"' in html
    assert "/static/js/embeds.js" in html
    # Nothing of the other site's before the click: no frame, no thumbnail from its servers.
    assert "<iframe" not in html
    assert "ytimg" not in html and "youtube.com/embed" not in html
    assert frame_src(response) == ["'self'", NOCOOKIE]


def test_the_articles_own_image_is_the_videos_poster(client, settings, tmp_path):
    from articles.images import clean_upload
    from demo.illustrations import illustration

    settings.MEDIA_ROOT = tmp_path
    article = ArticleFactory(video_url=YOUTUBE, image_alt="رسم")
    article.image = clean_upload(SimpleUploadedFile("poster.jpg", illustration("فيديو", 0)))
    article.save()
    html = client.get(article.get_absolute_url()).text
    figure = html.split('<figure class="embed embed--youtube embed--lead"', 1)[1].split(
        "</figure>", 1
    )[0]
    assert 'class="embed__poster"' in figure
    assert settings.MEDIA_URL in figure  # our own picture, not the provider's


def test_a_body_embed_opens_its_providers_frame_and_no_other(client):
    article = ArticleFactory(body="<p>نص.</p><p>https://x.com/jack/status/20</p>")
    response = client.get(article.get_absolute_url())
    assert 'data-embed-src="https://platform.twitter.com/embed/Tweet.html?id=20&amp;dnt=true"' in (
        response.text
    )
    assert "/static/js/embeds.js" in response.text
    assert frame_src(response) == ["'self'", "https://platform.twitter.com"]
    # The stored body is untouched: the figure is made for the page only.
    assert Article.objects.get(pk=article.pk).body == article.body


def test_a_page_without_embeds_keeps_frames_to_the_site_itself(client):
    article = ArticleFactory(body="<p>https://vimeo.com/1</p>")
    response = client.get(article.get_absolute_url())
    assert frame_src(response) == ["'self'"]
    assert "embeds.js" not in response.text and "data-embed-src" not in response.text
    assert frame_src(client.get("/")) == ["'self'"]


def test_a_cached_article_with_a_video_still_allows_its_frame(client, page_cache_on):
    article = ArticleFactory(video_url=YOUTUBE, body="<p>https://fb.watch/abc/</p>")
    plain = ArticleFactory()
    first = client.get(article.get_absolute_url())
    again = client.get(article.get_absolute_url())
    assert (first["X-Page-Cache"], again["X-Page-Cache"]) == ("miss", "hit")
    assert frame_src(again) == ["'self'", "https://www.facebook.com", NOCOOKIE]
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    client.get(plain.get_absolute_url())
    cached_plain = client.get(plain.get_absolute_url())
    assert cached_plain["X-Page-Cache"] == "hit"
    assert frame_src(cached_plain) == ["'self'"]


def test_an_article_with_videos_stays_within_its_query_budget(
    client, django_assert_max_num_queries
):
    article = ArticleFactory(
        video_url=YOUTUBE, body="<p>https://youtu.be/jNQXAC9IVRw</p><p>https://x.com/a/status/1</p>"
    )
    warm_site_wide_caches(client)
    with django_assert_max_num_queries(budgets.ARTICLE):
        assert client.get(article.get_absolute_url()).status_code == 200


# --- The video page -------------------------------------------------------------------------


def test_the_video_page_lists_public_articles_with_a_video_newest_first(client):
    older = ArticleFactory(
        title="فيديو أقدم", video_url=YOUTUBE, published_at=timezone.now() - timedelta(days=2)
    )
    newer = ArticleFactory(title="تدوينة في النص", body="<p>https://x.com/a/status/1</p>")
    ArticleFactory(title="خبر بلا فيديو")
    ArticleFactory(title="مسودة بفيديو", video_url=YOUTUBE, status=Article.Status.DRAFT)
    ArticleFactory(
        title="فيديو مجدول", video_url=YOUTUBE, published_at=timezone.now() + timedelta(days=1)
    )
    response = client.get(VIDEO_PAGE)
    assert response.status_code == 200
    assert [a.pk for a in response.context["articles"]] == [newer.pk, older.pk]
    assert response.context["article_count"] == 2
    assert "خبر بلا فيديو" not in response.text and "مسودة" not in response.text
    assert "مجدول" not in response.text


def test_the_video_page_goes_on_a_page_at_a_time(client):
    articles = [
        ArticleFactory(video_url=YOUTUBE, published_at=timezone.now() - timedelta(hours=n))
        for n in range(1, 15)
    ]
    first = client.get(VIDEO_PAGE)
    assert len(first.context["articles"]) == 12
    assert f'href="?before={articles[11].pk}"' in first.text
    second = client.get(VIDEO_PAGE, {"before": articles[11].pk})
    assert [a.pk for a in second.context["articles"]] == [articles[12].pk, articles[13].pk]
    assert client.get(VIDEO_PAGE, {"before": "1\x00"}).status_code == 400
    assert client.get(VIDEO_PAGE, {"before": "abc"}).status_code == 404


@pytest.mark.parametrize("prefix", ["", "/fr", "/en"])
def test_the_video_page_answers_in_each_language_and_the_menu_links_to_it(client, prefix):
    ArticleFactory(video_url=YOUTUBE)
    assert client.get(f"{prefix}{VIDEO_PAGE}").status_code == 200
    home = client.get(f"{prefix}/").text
    assert f'<li><a href="{prefix}/%D9%81%D9%8A%D8%AF%D9%8A%D9%88/">' in home
    on_page = client.get(f"{prefix}{VIDEO_PAGE}").text
    assert (
        'href="' + f"{prefix}/%D9%81%D9%8A%D8%AF%D9%8A%D9%88/" + '" aria-current="page"' in on_page
    )


def test_the_video_page_stays_within_a_lists_budget(client, django_assert_max_num_queries):
    for n in range(20):
        ArticleFactory(video_url=YOUTUBE, published_at=timezone.now() - timedelta(hours=n + 1))
    warm_site_wide_caches(client)
    with django_assert_max_num_queries(budgets.SECTION):
        assert client.get(VIDEO_PAGE).status_code == 200


def test_the_cached_video_page_follows_articles_with_video_only(
    client, section, page_cache_on, django_capture_on_commit_callbacks
):
    video = ArticleFactory(title="فيديو أول", section=section, video_url=YOUTUBE)
    client.get(VIDEO_PAGE)
    assert client.get(VIDEO_PAGE)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(title="خبر بلا فيديو", section=section)
    assert client.get(VIDEO_PAGE)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(
            title="فيديو جديد", section=section, body="<p>https://youtu.be/jNQXAC9IVRw</p>"
        )
    response = client.get(VIDEO_PAGE)
    assert response["X-Page-Cache"] == "miss" and "فيديو جديد" in response.text
    with django_capture_on_commit_callbacks(execute=True):
        video.title = "فيديو أول، بعنوان جديد"
        video.save()
    assert "بعنوان جديد" in client.get(VIDEO_PAGE).text


def test_an_article_whose_video_is_removed_leaves_the_cached_video_page(
    client, section, page_cache_on, django_capture_on_commit_callbacks
):
    video = ArticleFactory(title="فيديو سيحذف", section=section, video_url=YOUTUBE)
    client.get(VIDEO_PAGE)
    with django_capture_on_commit_callbacks(execute=True):
        video.video_url = ""
        video.save()
    assert "فيديو سيحذف" not in client.get(VIDEO_PAGE).text


# --- Where the click is explained, and where editors paste the address ----------------------


def test_the_cookie_page_says_what_a_click_on_a_video_loads(client):
    html = client.get("/en/cookies/").text
    for origin in ("youtube-nocookie.com", "facebook.com", "platform.twitter.com"):
        assert origin in html


def test_editors_find_the_video_field_in_the_articles_form(admin_client):
    article = ArticleFactory(video_url=YOUTUBE)
    response = admin_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert 'name="video_url"' in response.text
    assert f'value="{YOUTUBE}"' in response.text
