"""manage.py export_wordpress: Dima's content as a WordPress export, read back field by field."""

import io
import subprocess
import sys
from datetime import timedelta
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.utils import timezone

import pytest
from PIL import Image

from articles.models import Article
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CommentFactory,
    DraftFactory,
    ScheduledFactory,
    SectionFactory,
    TagFactory,
)
from wordpress.exporting import export_wordpress, export_wordpress_to
from wordpress.wxr import Author, Item, ItemTerm, Site, Term, read_export

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent.parent
BASE = "https://dima.example"
CASABLANCA = ZoneInfo("Africa/Casablanca")
# As WordPress stores the slug of the category "وطنية" (the WordPress anchor's own export).
WATANIYA = "%d9%88%d8%b7%d9%86%d9%8a%d8%a9"
SECURITY = "%d8%a7%d9%84%d8%a3%d9%85%d9%86-%d8%a7%d9%84%d9%88%d8%b7%d9%86%d9%8a"  # الأمن-الوطني
CUP = "%d9%83%d8%a3%d8%b3-%d8%a7%d9%84%d8%b9%d8%a7%d9%84%d9%85-2022"  # كأس-العالم-2022


def jpeg(width: int = 120, height: int = 80) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "#3f6f8f").save(out, "JPEG")
    return out.getvalue()


def export(tmp_path: Path) -> tuple[Site, list[Author], list[Term], dict[int, Item], str]:
    path = tmp_path / "dima.xml"
    summary = export_wordpress_to(path, base_url=BASE + "/")
    site, *rest = read_export(path)
    authors = [thing for thing in rest if isinstance(thing, Author)]
    terms = [thing for thing in rest if isinstance(thing, Term)]
    items = {thing.id: thing for thing in rest if isinstance(thing, Item)}
    return site, authors, terms, items, str(summary)


def seconds(moment):
    return moment.replace(microsecond=0)


@pytest.fixture
def newsroom(db):
    """A published article with two bylines, tags, a featured image and a comment thread; a
    draft; a scheduled article."""
    section = SectionFactory(name="وطنية", description="أخبار المغرب & <جهاته>")
    writer = AuthorFactory(name="مولاي احمد الجعفري")
    second = AuthorFactory(name="سعاد & شركاؤها")
    security, cup = TagFactory(name="الأمن الوطني"), TagFactory(name="كأس العالم 2022")
    article = ArticleFactory(
        title="الأمن المغربي & <كأس> العالم",
        section=section,
        excerpt="ملخص الخبر <مهم>.",
        body="<p>الفقرة الأولى.</p><p>الفقرة الثانية.</p>",
        bylines=[(writer, "صوتكم"), (second, "")],
        tags=[security, cup],
        image_alt="رجال الأمن في الملعب",
        image_caption="ملعب لوسيل & جمهوره",
        image_credit="تصوير: ديما",
        comments_open=False,
    )
    article.image = ContentFile(jpeg(), name="ملعب.jpg")
    article.save()
    began = timezone.now() - timedelta(hours=3)
    first = CommentFactory(article=article, body="تعليق <أول> & أخير", created_at=began)
    reply = CommentFactory(article=article, parent=first, created_at=began + timedelta(minutes=5))
    deeper = CommentFactory(article=article, parent=reply, created_at=began + timedelta(minutes=9))
    pending = CommentFactory(article=article, status="pending", created_at=began)
    under_pending = CommentFactory(article=article, parent=pending, created_at=began)
    spam = CommentFactory(article=article, status="spam", created_at=began)
    draft = DraftFactory(title="مسودة لم تكتمل", section=section, bylines=[(second, "")])
    scheduled = ScheduledFactory(title="خبر مجدول", section=section, bylines=[(writer, "")])
    article.refresh_from_db()
    return {
        "article": article,
        "draft": draft,
        "scheduled": scheduled,
        "writer": writer,
        "second": second,
        "tags": (security, cup),
        "thread": (first, reply, deeper),
        "hidden": (pending, under_pending, spam),
    }


def test_the_site_authors_sections_and_tags_are_exported(newsroom, tmp_path):
    site, authors, terms, _items, _summary = export(tmp_path)
    assert site == Site(
        title=settings.DIMA_SITE_NAME,
        link=BASE,
        language="ar",
        base_site_url=BASE,
        base_blog_url=BASE,
        wxr_version="1.2",
    )
    writer, second = newsroom["writer"], newsroom["second"]
    assert authors == [
        Author(id=writer.pk, login=writer.slug, display_name="مولاي احمد الجعفري"),
        Author(id=second.pk, login=second.slug, display_name="سعاد &amp; شركاؤها"),
    ]
    section = newsroom["article"].section
    security, cup = newsroom["tags"]
    assert terms == [
        Term(
            "category",
            WATANIYA,
            "وطنية",
            id=section.pk,
            description="أخبار المغرب &amp; &lt;جهاته&gt;",
        ),
        Term("post_tag", SECURITY, "الأمن الوطني", id=security.pk),
        Term("post_tag", CUP, "كأس العالم 2022", id=cup.pk),
    ]


def test_an_article_is_a_post_with_every_field_as_wordpress_keeps_it(newsroom, tmp_path):
    *_, items, _summary = export(tmp_path)
    article = newsroom["article"]
    post = items[article.pk]
    image_id = int(post.meta_value("_thumbnail_id"))
    local = timezone.localtime(article.published_at, CASABLANCA).replace(tzinfo=None)
    assert post == Item(
        id=article.pk,
        type="post",
        status="publish",
        title="الأمن المغربي &amp; &lt;كأس&gt; العالم",
        link=BASE + article.get_absolute_url(),
        guid=f"{BASE}/articles/{article.pk}/",
        creator=newsroom["writer"].slug,
        content=article.body,
        excerpt="ملخص الخبر &lt;مهم&gt;.",
        date=seconds(local),
        date_gmt=seconds(article.published_at),
        modified_gmt=seconds(article.updated_at),
        comment_status="closed",
        name=post.name,
        terms=[
            ItemTerm("category", WATANIYA, "وطنية"),
            ItemTerm("post_tag", SECURITY, "الأمن الوطني"),
            ItemTerm("post_tag", CUP, "كأس العالم 2022"),
        ],
        meta={
            "_thumbnail_id": [str(image_id)],
            "_dima_bylines": [
                '[{"author": "مولاي-احمد-الجعفري", "name": "مولاي احمد الجعفري", "label": "صوتكم"},'
                ' {"author": "سعاد-شركاؤها", "name": "سعاد & شركاؤها", "label": ""}]'
            ],
            "_dima_language": ["ar"],
            "_dima_slug": [article.slug],
        },
        comments=post.comments,
    )  # fmt: skip
    assert post.date_gmt - post.date.replace(tzinfo=post.date_gmt.tzinfo) in (
        timedelta(hours=-1),
        timedelta(0),  # Casablanca's Ramadan hours
    )
    assert post.link.startswith(f"{BASE}/articles/{article.pk}/%D8%A7%D9%84")


def test_an_arabic_slug_is_percent_encoded_in_lower_case_as_wordpress_stores_it(newsroom, tmp_path):
    *_, items, _summary = export(tmp_path)
    article = newsroom["article"]
    assert article.slug == "الأمن-المغربي-كأس-العالم"
    assert items[article.pk].name == (
        "%d8%a7%d9%84%d8%a3%d9%85%d9%86-%d8%a7%d9%84%d9%85%d8%ba%d8%b1%d8%a8%d9%8a-"
        "%d9%83%d8%a3%d8%b3-%d8%a7%d9%84%d8%b9%d8%a7%d9%84%d9%85"
    )


def test_the_featured_image_is_an_attachment_the_post_points_to(newsroom, tmp_path):
    *_, items, _summary = export(tmp_path)
    article = newsroom["article"]
    post = items[article.pk]
    attachment = items[int(post.meta_value("_thumbnail_id"))]
    image_url = BASE + article.image.url  # /media/…, percent-encoded by the storage
    assert article.image.name.startswith("articles/") and article.image.name.endswith(".jpg")
    assert attachment == Item(
        id=attachment.id,
        type="attachment",
        status="inherit",
        title=Path(article.image.name).stem,
        link=image_url,
        guid=image_url,
        creator=newsroom["writer"].slug,
        content="تصوير: ديما",
        excerpt="ملعب لوسيل &amp; جمهوره",
        date=post.date,
        date_gmt=post.date_gmt,
        modified_gmt=post.modified_gmt,
        comment_status="closed",
        name=attachment.name,
        parent=article.pk,
        attachment_url=image_url,
        meta={
            "_wp_attached_file": [article.image.name],
            "_wp_attachment_image_alt": ["رجال الأمن في الملعب"],
        },
    )
    assert attachment.id not in {newsroom["draft"].pk, newsroom["scheduled"].pk, article.pk}
    assert (Path(settings.MEDIA_ROOT) / attachment.meta_value("_wp_attached_file")).is_file()


def test_drafts_and_scheduled_articles_keep_their_status(newsroom, tmp_path):
    *_, items, summary = export(tmp_path)
    draft, scheduled = items[newsroom["draft"].pk], items[newsroom["scheduled"].pk]
    assert (draft.status, draft.title, draft.creator) == (
        "draft",
        "مسودة لم تكتمل",
        newsroom["second"].slug,
    )
    assert scheduled.status == "future"
    assert scheduled.date_gmt == seconds(newsroom["scheduled"].published_at)
    assert "Exported 3 articles (published 1, scheduled 1, draft 1)" in summary


def test_articles_in_review_are_pending_and_returned_ones_drafts(db, tmp_path):
    submitted = DraftFactory(title="في انتظار المراجعة", status=Article.Status.SUBMITTED)
    returned = DraftFactory(title="أعيد بملاحظات", status=Article.Status.RETURNED)
    *_, items, summary = export(tmp_path)
    assert items[submitted.pk].status == "pending"
    assert items[returned.pk].status == "draft"
    assert "Exported 2 articles (published 0, scheduled 0, draft 1, pending review 1)" in summary


def test_approved_comments_are_exported_with_their_threads(newsroom, tmp_path):
    *_, items, _summary = export(tmp_path)
    comments = items[newsroom["article"].pk].comments
    first, reply, deeper = newsroom["thread"]
    assert [(c.id, c.parent) for c in comments] == [
        (first.pk, 0),
        (reply.pk, first.pk),
        (deeper.pk, reply.pk),
    ]
    exported = comments[0]
    assert (exported.author, exported.author_email, exported.content) == (
        first.name,
        first.email,
        "تعليق &lt;أول&gt; &amp; أخير",
    )
    assert (exported.approved, exported.type) == ("1", "comment")
    assert exported.date_gmt == seconds(first.created_at)
    assert exported.date == seconds(timezone.localtime(first.created_at, CASABLANCA)).replace(
        tzinfo=None
    )
    hidden = {comment.pk for comment in newsroom["hidden"]}
    assert not hidden & {c.id for item in items.values() for c in item.comments}


def articles_with_everything(count: int) -> None:
    section = SectionFactory(name="رياضة")
    author = AuthorFactory()
    tag = TagFactory(name="كرة القدم")
    for n in range(count):
        article = ArticleFactory(section=section, bylines=[(author, "")], tags=[tag])
        if n % 2:
            article.image = ContentFile(jpeg(40, 30), name=f"n{n}.jpg")
            article.image_alt = "صورة"
            article.save()
        parent = CommentFactory(article=article)
        CommentFactory(article=article, parent=parent)


@pytest.mark.parametrize("count", [5, 30])
def test_the_export_costs_the_same_queries_for_5_or_30_articles(
    count, django_assert_max_num_queries
):
    articles_with_everything(count)
    out = io.BytesIO()
    # The highest id, authors, sections, tags, then the articles and their bylines, tags and
    # comments, then the pages: one query each, whatever the number of articles (up to
    # CHUNK_SIZE).
    with django_assert_max_num_queries(9):
        summary = export_wordpress(out, base_url=BASE)
    assert sum(summary.posts.values()) == count
    assert summary.comments == 2 * count


def test_the_command_writes_the_file_and_a_summary(newsroom, tmp_path):
    stdout, stderr = StringIO(), StringIO()
    path = tmp_path / "export.xml"
    call_command("export_wordpress", str(path), "--base-url", BASE, stdout=stdout, stderr=stderr)
    assert path.is_file()
    assert not list(tmp_path.glob("*.partial"))
    summary = stdout.getvalue()
    assert summary.count("\n") == 1
    assert "Exported 3 articles (published 1, scheduled 1, draft 1)" in summary
    assert "3 approved comments and 1 featured images, 0 pages, 2 authors" in summary
    assert f"to {path}" in summary


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["/no/such/folder/x.xml"], "there is no folder /no/such/folder"),
        (["{tmp}"], "it is a folder"),
        (["{tmp}/x.xml", "--base-url", "dima.example"], "Not a site address"),
    ],
)
def test_a_bad_destination_is_one_line_of_error(arguments, message, tmp_path):
    arguments = [argument.format(tmp=tmp_path) for argument in arguments]
    with pytest.raises(CommandError, match=message) as error:
        call_command("export_wordpress", *arguments)
    assert "\n" not in str(error.value)
    assert not list(tmp_path.iterdir())


def test_the_command_exits_non_zero_with_the_error_on_one_line():
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "export_wordpress", "/no/such/folder/x.xml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={"DJANGO_SETTINGS_MODULE": "dima.settings_test", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "CommandError: Cannot write /no/such/folder/x.xml: there is no folder /no/such/folder."
    ]
    assert result.stdout == ""


def test_an_article_without_a_byline_has_no_creator(tmp_path):
    article = ArticleFactory(bylines=[])
    *_, items, _summary = export(tmp_path)
    assert items[article.pk].creator == ""
    assert Article.objects.count() == 1
