import io
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import formats, timezone, translation
from django.utils.timezone import make_aware

import pytest
from PIL import Image

from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db

RTL_ARABIC = '<html lang="ar" dir="rtl" '
ROOT = Path(__file__).resolve().parent.parent.parent


def test_article_page_shows_headline_byline_label_body_and_tags(client, seed_like_article):
    response = client.get(seed_like_article.get_absolute_url())
    html = response.text
    assert RTL_ARABIC in html
    assert '<h1 class="story__title">الأمن المغربي في مقدمة تأمين كاس العالم بقطر 2022</h1>' in html
    assert '<span class="byline__label">صوتكم:</span>' in html
    author = seed_like_article.authors.get()
    assert f'href="{author.get_absolute_url()}" rel="author">مولاي احمد الجعفري</a>' in html
    assert "<p>الفقرة الأولى.</p><p>الفقرة الثانية.</p>" in html
    for tag in seed_like_article.tags.all():
        assert f'href="{tag.get_absolute_url()}" rel="tag">{tag.name}</a>' in html


def test_byline_lists_several_authors_in_their_order(client, section):
    first, second = AuthorFactory(name="سلمى"), AuthorFactory(name="يوسف")
    article = ArticleFactory(section=section, bylines=[(second, "مراسل"), (first, "")])
    html = client.get(article.get_absolute_url()).text
    assert html.index(">يوسف</a>") < html.index(">سلمى</a>")
    assert "مراسل:</span>" in html
    assert " و <span" in html


def test_article_date_uses_moroccan_month_names(client, section):
    article = ArticleFactory(section=section, published_at=make_aware(datetime(2022, 5, 27, 11)))
    html = client.get(article.get_absolute_url()).text
    assert (
        '<time class="dateline" datetime="2022-05-27T11:00:00+01:00" lang="ar" dir="auto">'
        "27 ماي 2022</time>"
    ) in html


@pytest.mark.parametrize(
    ("month", "name"),
    [(5, "ماي"), (7, "يوليوز"), (8, "غشت"), (9, "شتنبر"), (11, "نونبر"), (12, "دجنبر")],
)
def test_moroccan_month_names_in_arabic_dates(month, name):
    with translation.override("ar"):
        formatted = formats.date_format(datetime(2022, month, 3), "DATE_FORMAT")
    assert formatted == f"3 {name} 2022"


def test_admin_style_dates_use_moroccan_names_and_a_24_hour_clock():
    with translation.override("ar"):
        formatted = formats.date_format(datetime(2022, 8, 3, 17, 5), "DATETIME_FORMAT")
        short_month = formats.date_format(datetime(2022, 12, 3), "N j")
    assert formatted == "3 غشت 2022، 17:05"
    assert short_month == "دجنبر 3"


def test_home_shows_lead_story_latest_and_section_blocks(client):
    politics, sport = SectionFactory(name="وطنية"), SectionFactory(name="رياضة")
    older = [ArticleFactory(section=sport, title=f"رياضة {n}") for n in range(8)]
    lead = ArticleFactory(section=politics, title="الخبر الأهم")
    html = client.get("/").text
    assert RTL_ARABIC in html
    assert f'<a href="{lead.get_absolute_url()}">الخبر الأهم</a>' in html
    assert html.index("الخبر الأهم") < html.index("آخر الأخبار")
    assert f'href="{sport.get_absolute_url()}">رياضة</a></h2>' in html
    response = client.get("/")
    assert response.context["latest"] == older[:1:-1]  # the six newest after the lead
    assert response.context["section_blocks"] == [(sport, older[:3:-1])]
    assert "رياضة 0<" not in html


def test_home_without_articles_says_so(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "لم تُنشر أي مقالات بعد." in response.text


@pytest.mark.parametrize(
    ("count", "phrase"),
    [(1, "مقال واحد"), (2, "مقالان"), (3, "3 مقالات"), (11, "11 مقالاً")],
)
def test_author_page_counts_articles_with_arabic_plurals(client, section, count, phrase):
    author = AuthorFactory(name="خديجة")
    for _ in range(count):
        ArticleFactory(section=section, bylines=[(author, "")])
    html = client.get(author.get_absolute_url()).text
    assert f'<p class="list-count">{phrase}</p>' in html


def test_section_page_continues_from_its_oldest_article(client, section):
    articles = ArticleFactory.create_batch(14, section=section)
    newest_first = sorted(articles, key=lambda a: (a.published_at, a.pk), reverse=True)
    first = client.get(section.get_absolute_url())
    assert first.context["articles"] == newest_first[:12]
    assert f'rel="next" href="?before={newest_first[11].pk}"' in first.text
    assert "الأحدث" not in first.text

    second = client.get(section.get_absolute_url(), {"before": newest_first[11].pk})
    assert second.context["articles"] == newest_first[12:]
    assert 'rel="next"' not in second.text
    assert f'<a href="{section.get_absolute_url()}">الأحدث</a>' in second.text


def test_articles_published_at_the_same_second_are_neither_repeated_nor_skipped(client, section):
    moment = timezone.now() - timedelta(hours=1)
    articles = ArticleFactory.create_batch(30, section=section, published_at=moment)
    seen, before = [], None
    while True:
        response = client.get(section.get_absolute_url(), {"before": before} if before else {})
        seen += response.context["articles"]
        before = response.context["page"].next_before
        if before is None:
            break
    assert sorted(a.pk for a in seen) == sorted(a.pk for a in articles)
    assert len(seen) == len(set(seen))


def test_a_deep_page_starts_from_its_article_not_from_an_offset(client, section):
    """The page after article X is found from X's date (an index seek), so going 500 pages
    deep reads 12 rows, not 6,000; the query says so."""
    articles = ArticleFactory.create_batch(5, section=section)
    oldest_kept = sorted(articles, key=lambda a: (a.published_at, a.pk))[2]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(section.get_absolute_url(), {"before": oldest_kept.pk})
    assert len(response.context["articles"]) == 2
    assert not any("OFFSET" in query["sql"] for query in queries.captured_queries)


def test_tag_page_lists_its_articles(client, section):
    tag = TagFactory(name="الجفاف")
    tagged = ArticleFactory(section=section, title="موسم فلاحي صعب", tags=[tag])
    ArticleFactory(section=section, title="خبر بلا وسم")
    html = client.get(tag.get_absolute_url()).text
    assert tagged.title in html
    assert "خبر بلا وسم" not in html


def test_related_articles_prefer_shared_tags(client, section):
    tag = TagFactory(name="الماء")
    article = ArticleFactory(section=section, tags=[tag])
    other_section = SectionFactory(name="اقتصاد")
    sharing = ArticleFactory(section=other_section, title="يشارك الوسم", tags=[tag])
    same_section = ArticleFactory(section=section, title="من القسم نفسه")
    related = list(client.get(article.get_absolute_url()).context["related"])
    assert related == [sharing, same_section]


def test_every_page_links_sections_in_the_menu(client, seed_like_article):
    html = client.get(seed_like_article.get_absolute_url()).text
    section = seed_like_article.section
    assert f'<a href="{section.get_absolute_url()}">{section.name}</a>' in html


def test_robots_and_favicon_are_served(client, db):
    assert client.get("/robots.txt").headers["Content-Type"].startswith("text/plain")
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/x-icon"
    icon = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    icon.load()  # decodes, not just a header
    assert icon.format == "ICO"
    # Tabs and bookmarks ask for 16 and 32 pixels; a square picture at each size.
    assert {(16, 16), (32, 32)} <= icon.info["sizes"]
    assert all(width == height <= 256 for width, height in icon.info["sizes"])


def test_pages_link_the_scalable_icon(client, db):
    html = client.get("/").text
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
    svg = ET.parse(ROOT / "static" / "img" / "favicon.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"


def test_menu_shows_a_renamed_section_at_once(client, section):
    client.get("/")  # fills the menu cache
    section.name = "أخبار وطنية"
    section.save()
    assert '">أخبار وطنية</a>' in client.get("/").text


def test_section_missing_from_a_stale_menu_cache_still_opens(client, section):
    from django.core.cache import cache

    from articles.navigation import CACHE_KEY

    client.get("/")
    stale_menu = cache.get(CACHE_KEY)
    new_section = SectionFactory(name="رياضة")  # saved by another process, say
    cache.set(CACHE_KEY, stale_menu)
    assert client.get(new_section.get_absolute_url()).status_code == 200


def test_list_count_follows_a_new_publication(client, section, django_capture_on_commit_callbacks):
    ArticleFactory(section=section)
    assert client.get(section.get_absolute_url()).context["article_count"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(section=section)
    assert client.get(section.get_absolute_url()).context["article_count"] == 2


def test_list_count_follows_a_scheduled_article_going_public(
    client, section, time_machine, cache_on_the_test_clock
):
    from tests.factories import ScheduledFactory

    now = timezone.now()
    time_machine.move_to(now, tick=False)
    ArticleFactory(section=section)
    ScheduledFactory(section=section, published_at=now + timedelta(seconds=90))
    assert client.get(section.get_absolute_url()).context["article_count"] == 1
    time_machine.move_to(now + timedelta(seconds=91), tick=False)
    assert client.get(section.get_absolute_url()).context["article_count"] == 2
