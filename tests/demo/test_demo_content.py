import html
from io import StringIO
from pathlib import Path

from django.core.management import call_command

import pytest
from PIL import Image

from articles.models import Article, Author, Section, Tag
from demo.loader import SEED_FILE, parse_seed

pytestmark = pytest.mark.django_db

SHARED_SEED = Path(__file__).resolve().parents[3] / "shared/seed/000_6d43d9a535c6ec82.txt"
SEED_TITLE = "الأمن المغربي في مقدمة تأمين كاس العالم بقطر 2022"


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=StringIO())


def test_seed_parser_reads_headline_byline_and_seven_paragraphs():
    site_name, seed = parse_seed(SEED_FILE.read_text(encoding="utf-8"))
    assert site_name == "ديما مسموع"
    assert seed.title == SEED_TITLE
    assert seed.byline == [{"author": "مولاي احمد الجعفري", "label": "صوتكم"}]
    assert len(seed.paragraphs) == 7
    assert seed.paragraphs[0].startswith("قام السيد عبد اللطيف حموشي")
    assert "اترك رد" not in seed.paragraphs
    assert not any("ملفات تعريف الارتباط" in p for p in seed.paragraphs)


@pytest.mark.skipif(
    not SHARED_SEED.exists(), reason="the shared seed folder is not beside the repo"
)
def test_shipped_seed_is_the_shared_seed_page():
    assert SEED_FILE.read_bytes() == SHARED_SEED.read_bytes()


def test_demo_loads_the_seed_article_as_written(demo, client):
    _, seed = parse_seed(SEED_FILE.read_text(encoding="utf-8"))
    article = Article.objects.published().get(title=SEED_TITLE)
    assert [(b.label, b.author.name) for b in article.bylines.all()] == [
        ("صوتكم", "مولاي احمد الجعفري")
    ]
    page = html.unescape(client.get(article.get_absolute_url()).text)
    for paragraph in seed.paragraphs:
        assert f"<p>{paragraph}</p>" in page


def test_demo_looks_like_a_working_news_site(demo, client):
    assert Section.objects.count() >= 4
    assert Author.objects.count() >= 4
    assert Tag.objects.count() >= 8
    assert Article.objects.published().count() >= 21
    home = client.get("/").text
    assert SEED_TITLE in home
    assert all(s.articles.exists() for s in Section.objects.all())


def test_demo_images_are_real_jpegs(demo):
    for article in Article.objects.all():
        with Image.open(article.image.path) as image:
            image.verify()
            assert image.format == "JPEG"
        assert (article.image_width, article.image_height) == (1200, 675)


def test_loading_the_demo_twice_adds_nothing(demo, tmp_path):
    counts = [m.objects.count() for m in (Article, Author, Section, Tag)]
    images = sorted(p.name for p in tmp_path.rglob("*.jpg"))
    call_command("load_demo", stdout=StringIO())
    assert [m.objects.count() for m in (Article, Author, Section, Tag)] == counts
    assert sorted(p.name for p in tmp_path.rglob("*.jpg")) == images


def test_demo_discussion_is_added_once_under_the_seed_article(demo, client):
    from comments.models import Comment

    call_command("load_demo_comments", stdout=StringIO())
    call_command("load_demo_comments", stdout=StringIO())
    article = Article.objects.get(title=SEED_TITLE)
    assert article.comments.count() == 4
    assert article.comment_count == 4
    assert Comment.objects.filter(depth=1).count() == 1
    html = client.get(article.get_absolute_url()).text
    assert "4 تعليقات" in html
    assert "المقال يذكر 6000 رجل أمن ودرك ملكي." in html


def test_demo_stories_fill_the_editors_queue_once(settings, tmp_path):
    from submissions.models import Submission, SubmissionPhoto

    out = StringIO()
    call_command("load_demo_stories", stdout=out)
    assert "3 added" in out.getvalue()
    assert Submission.objects.received().count() == 3
    assert SubmissionPhoto.objects.count() == 3
    assert Submission.objects.filter(anonymous=True, name="").count() == 1
    call_command("load_demo_stories", stdout=out)
    assert Submission.objects.count() == 3
