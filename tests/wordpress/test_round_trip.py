"""Leaving is as easy as arriving: Dima's export, imported into an empty Dima, is the same site."""

import io
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

import pytest
from PIL import Image

from articles.models import Article, Author, Section, Tag
from comments.models import Comment
from pages.models import Page
from redirects.models import Redirect
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CommentFactory,
    DraftFactory,
    ScheduledFactory,
    SectionFactory,
    TagFactory,
)
from wordpress.exporting import export_wordpress_to
from wordpress.models import ImportRecord
from wordpress.services import WordPressImport

pytestmark = pytest.mark.django_db


def jpeg(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "#8f3f3f").save(out, "JPEG")
    return out.getvalue()


def newsroom() -> None:
    national = SectionFactory(name="وطنية", description="أخبار المغرب & جهاته")
    sport = SectionFactory(name="رياضة")
    writer = AuthorFactory(name="مولاي احمد الجعفري")
    reporter = AuthorFactory(name="Souad Benali")
    cup, security = TagFactory(name="كأس العالم 2022"), TagFactory(name="الأمن & السلامة")
    seed = ArticleFactory(
        title="الأمن المغربي في مقدمة تأمين «كاس» العالم & بقطر",
        section=national,
        excerpt="ملخص <قصير>.",
        body="<p>الفقرة الأولى.</p>\n<p>الفقرة <strong>الثانية</strong>.</p>\n"
        "<ul><li>أ</li><li>ب</li></ul>",
        bylines=[(writer, "صوتكم"), (reporter, "")],
        tags=[cup, security],
        image_alt="رجال الأمن",
        image_caption="ملعب لوسيل",
        image_credit="تصوير: ديما",
    )
    seed.image = ContentFile(jpeg(900, 600), name="stade.jpg")
    seed.save()
    began = timezone.now() - timedelta(days=2)
    first = CommentFactory(article=seed, body="تعليق <أول> & أخير", created_at=began)
    reply = CommentFactory(article=seed, parent=first, created_at=began + timedelta(minutes=5))
    CommentFactory(article=seed, parent=reply, created_at=began + timedelta(minutes=9))
    CommentFactory(article=seed, status="pending", created_at=began)  # not exported
    ArticleFactory(
        title="Le Maroc en demi-finale", language="fr", section=sport, bylines=[(reporter, "")]
    )
    DraftFactory(title="مسودة", section=sport, bylines=[(writer, "")])
    ScheduledFactory(title="خبر مبرمج", section=national, bylines=[(writer, "")])
    Page.objects.create(url="/من-نحن/", title="من نحن", body="<p>جريدة مستقلة.</p>", published=True)
    Page.objects.create(url="/about/team/", title="Team", body="<p>Us.</p>", language="en")


def site() -> dict[str, object]:
    """What readers and editors see, without what an import may renumber or rename."""
    articles = {}
    for a in Article.objects.prefetch_related("tags", "bylines__author").select_related("section"):
        articles[a.pk] = (
            a.title,
            a.slug,
            a.status,
            a.published_at.replace(microsecond=0),
            a.excerpt,
            a.body,
            a.language,
            a.comments_open,
            (a.section.name, a.section.slug, a.section.description),
            sorted((t.name, t.slug) for t in a.tags.all()),
            [(b.author.name, b.author.slug, b.label) for b in a.bylines.all()],
            (a.image_width, a.image_height, a.image_alt, a.image_caption, a.image_credit),
            a.comment_count,
        )
    comments = sorted(
        (
            c.article_id,
            c.name,
            c.email,
            c.body,
            c.depth,
            c.parent.body if c.parent else None,
            c.created_at.replace(microsecond=0),
        )
        for c in Comment.objects.approved().select_related("parent")
    )
    pages = sorted(Page.objects.values_list("url", "title", "body", "published", "language"))
    return {"articles": articles, "comments": comments, "pages": pages}


def test_an_export_of_dima_imported_into_an_empty_dima_gives_the_same_site(tmp_path: Path):
    newsroom()
    before = site()
    export = tmp_path / "dima.xml"
    export_wordpress_to(export, base_url="https://dima.example.ma")
    for model in (Comment, Article, Page, Section, Tag, Author, Redirect, ImportRecord):
        model.objects.all().delete()
    report = WordPressImport(export, uploads=Path(settings.MEDIA_ROOT)).run()
    assert report.warnings == []
    assert site() == before
