"""Dima's content as a WordPress export (WXR 1.2) that WordPress's importer reads.

What goes where:
- each `Author` is a WordPress user: login = its slug, display name = its name;
- each `Section` is a category and each `Tag` a tag, their WordPress slugs (nicenames)
  percent-encoded in lower case as WordPress stores Arabic slugs;
- each `Article` is a post: published and public → "publish", published for later →
  "future", draft → "draft", submitted for review → "pending", returned with notes → "draft"
  (WordPress has no such status; the editorial notes stay in Dima); dc:creator is its first
  byline's author; its section is its category; its approved comments follow it, threaded
  by comment_parent (a reply under a comment that is not approved is not shown on the site,
  so it is not exported either);
  every byline with its label, the article's language and its whole slug go in post meta
  of Dima's own (`_dima_bylines`, `_dima_language`, `_dima_slug`) that WordPress keeps and
  Dima's importer reads back;
- each standing `Page` is a WordPress page at the same address;
- a featured image is an attachment item (the file's absolute URL, `_wp_attached_file`
  relative to MEDIA_ROOT, the alt text in `_wp_attachment_image_alt`, the caption as its
  excerpt, the credit as its description) and the post points to it with `_thumbnail_id`.

WordPress keeps titles, excerpts, term and display names and comments as HTML, where Dima
keeps plain text: those are written HTML-escaped ("&" as "&amp;"), as WordPress would have
stored them. Article bodies are HTML already and are written as they are.

The articles are read in chunks (`iterator(chunk_size=…)`, each chunk's bylines, tags and
comments prefetched together) and written as they come, so memory stays flat and the number
of queries depends on the number of chunks, not of articles.
"""

import json
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html import escape as html_escape
from pathlib import Path, PurePosixPath
from typing import IO
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Max, Prefetch
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article, Author, Byline, Section, Tag
from articles.slugs import arabic_slugify
from comments.models import Comment
from pages.models import Page
from wordpress.writer import WxrWriter, wordpress_slug
from wordpress.wxr import Author as WxrAuthor
from wordpress.wxr import Comment as WxrComment
from wordpress.wxr import Item, ItemTerm, Site, Term

CHUNK_SIZE = 500
# Post meta of Dima's own, read back by the importer (wordpress.services).
DIMA_BYLINES = "_dima_bylines"
DIMA_LANGUAGE = "_dima_language"
DIMA_SLUG = "_dima_slug"  # WordPress cuts post_name at 200 bytes, six to an Arabic letter
DEFAULT_BASE_URL = "http://127.0.0.1:8000"


class ExportError(Exception):
    """The export could not be written; the message is one line for a person."""


@dataclass
class ExportSummary:
    path: Path | None = None
    posts: Counter = field(default_factory=Counter)  # by WordPress status
    authors: int = 0
    categories: int = 0
    tags: int = 0
    comments: int = 0
    images: int = 0
    pages: int = 0

    def __str__(self) -> str:
        where = f" to {self.path} ({self.path.stat().st_size / 1e6:.1f} MB)" if self.path else ""
        return (
            f"Exported {sum(self.posts.values())} articles (published {self.posts['publish']}, "
            f"scheduled {self.posts['future']}, draft {self.posts['draft']}"
            + (f", pending review {self.posts['pending']}" if self.posts["pending"] else "")
            + ") with "
            f"{self.comments} approved comments and {self.images} featured images, "
            f"{self.pages} pages, "
            f"{self.authors} authors, {self.categories} sections as categories and "
            f"{self.tags} tags{where}."
        )


@dataclass(frozen=True)
class ItemIds:
    """WordPress ids for the items: one id space for posts, attachments and pages.

    Articles keep their own primary key; featured images take the range above the highest
    article. Another kind of item (pages) takes the range above that.
    """

    highest_article: int

    def article(self, pk: int) -> int:
        return pk

    def featured_image(self, article_pk: int) -> int:
        return self.highest_article + article_pk

    def page(self, pk: int) -> int:
        return 2 * self.highest_article + pk


def normalize_base_url(value: str) -> str:
    """The address without its last slash; ExportError unless it is http(s) with a host."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ExportError(f"Not a site address (http:// or https:// and a host): {value!r}.")
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def articles_for_export():
    """Every article, oldest first, with what its item needs: section, bylines, tags, and the
    approved comments in the order they were written."""
    return (
        Article.objects.select_related("section")
        .prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("author")),
            "tags",
            Prefetch(
                "comments",
                queryset=Comment.objects.approved().order_by("pk"),
                to_attr="approved_comments",
            ),
        )
        .order_by("pk")
    )


def export_wordpress(
    file: IO[bytes],
    *,
    base_url: str = DEFAULT_BASE_URL,
    on_article: Callable[[], None] | None = None,
) -> ExportSummary:
    """Write the whole site to `file` as WXR; `on_article` is called after each article."""
    base_url = normalize_base_url(base_url)
    site_zone = ZoneInfo(settings.TIME_ZONE)
    summary = ExportSummary()
    ids = ItemIds(Article.objects.aggregate(highest=Max("pk"))["highest"] or 0)
    with translation.override(settings.LANGUAGE_CODE), WxrWriter(file, timezone=site_zone) as wxr:
        wxr.site(
            Site(
                title=settings.DIMA_SITE_NAME,
                link=base_url,
                language=settings.LANGUAGE_CODE,
                base_site_url=base_url,
                base_blog_url=base_url,
            )
        )
        for author in Author.objects.order_by("pk").iterator(chunk_size=CHUNK_SIZE):
            wxr.author(WxrAuthor(id=author.pk, login=author.slug, display_name=_html(author.name)))
            summary.authors += 1
        for section in Section.objects.order_by("pk").iterator(chunk_size=CHUNK_SIZE):
            wxr.term(section_category(section))
            summary.categories += 1
        for tag in Tag.objects.order_by("pk").iterator(chunk_size=CHUNK_SIZE):
            wxr.term(Term("post_tag", wordpress_slug(tag.slug), _html(tag.name), id=tag.pk))
            summary.tags += 1
        for article in articles_for_export().iterator(chunk_size=CHUNK_SIZE):
            for item in article_items(article, ids=ids, base_url=base_url):
                wxr.item(item)
                if item.type == "attachment":
                    summary.images += 1
                else:
                    summary.posts[item.status] += 1
                    summary.comments += len(item.comments)
            if on_article is not None:
                on_article()
        for page in Page.objects.order_by("pk").iterator(chunk_size=CHUNK_SIZE):
            wxr.item(page_item(page, ids=ids, base_url=base_url))
            summary.pages += 1
    return summary


def export_wordpress_to(
    path: Path,
    *,
    base_url: str = DEFAULT_BASE_URL,
    on_article: Callable[[], None] | None = None,
) -> ExportSummary:
    """Write the export to `path`, which appears only once it is whole (written beside it
    under a temporary name, then renamed); ExportError if it cannot be written."""
    base_url = normalize_base_url(base_url)
    path = Path(path)
    try:
        descriptor, partial = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".partial"
        )
    except OSError as error:
        raise ExportError(f"Cannot write {path}: {error.strerror or error}.") from None
    try:
        with os.fdopen(descriptor, "wb") as file:
            summary = export_wordpress(file, base_url=base_url, on_article=on_article)
        os.replace(partial, path)
    except OSError as error:
        raise ExportError(f"Cannot write {path}: {error.strerror or error}.") from None
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    summary.path = path
    return summary


def section_category(section: Section) -> Term:
    return Term(
        "category",
        wordpress_slug(section.slug),
        _html(section.name),
        id=section.pk,
        description=_html(section.description),
    )


def wordpress_status(article: Article) -> str:
    if article.is_public:
        return "publish"
    if article.is_scheduled:
        return "future"
    return "pending" if article.status == Article.Status.SUBMITTED else "draft"


def article_items(article: Article, *, ids: ItemIds, base_url: str) -> Iterator[Item]:
    """The article's post, then its featured image's attachment if it has one."""
    bylines = list(article.bylines.all())
    creator = bylines[0].author.slug if bylines else ""
    site_zone = ZoneInfo(settings.TIME_ZONE)
    post = Item(
        id=ids.article(article.pk),
        type="post",
        status=wordpress_status(article),
        title=_html(article.title),
        link=base_url + article.get_absolute_url(),
        guid=base_url + reverse("articles:short", kwargs={"pk": article.pk}),
        creator=creator,
        content=article.body,
        excerpt=_html(article.excerpt),
        date=_local(article.published_at, site_zone),
        date_gmt=article.published_at,
        modified_gmt=article.updated_at,
        comment_status="open" if article.comments_open else "closed",
        name=wordpress_slug(article.slug),
        terms=[
            ItemTerm("category", wordpress_slug(article.section.slug), _html(article.section.name)),
            *(
                ItemTerm("post_tag", wordpress_slug(tag.slug), _html(tag.name))
                for tag in article.tags.all()
            ),
        ],
        comments=approved_thread_comments(article.approved_comments, site_zone),
        meta=dima_meta(article, bylines),
    )
    if not article.image:
        yield post
        return
    image_id = ids.featured_image(article.pk)
    post.meta["_thumbnail_id"] = [str(image_id)]
    yield post
    image_url = urljoin(base_url + "/", article.image.url)
    stem = PurePosixPath(article.image.name).stem
    yield Item(
        id=image_id,
        type="attachment",
        status="inherit",
        title=_html(stem),
        link=image_url,
        guid=image_url,
        creator=creator,
        content=_html(article.image_credit),
        excerpt=_html(article.image_caption),
        date=post.date,
        date_gmt=post.date_gmt,
        modified_gmt=post.modified_gmt,
        comment_status="closed",
        name=wordpress_slug(arabic_slugify(stem) or f"image-{article.pk}"),
        parent=post.id,
        attachment_url=image_url,
        meta={
            "_wp_attached_file": [article.image.name],
            "_wp_attachment_image_alt": [article.image_alt],
        },
    )


def page_item(page: Page, *, ids: ItemIds, base_url: str) -> Item:
    """A standing page as a WordPress page at the same address (its last part the slug)."""
    site_zone = ZoneInfo(settings.TIME_ZONE)
    link = base_url + page.get_absolute_url()
    return Item(
        id=ids.page(page.pk),
        type="page",
        status="publish" if page.published else "draft",
        title=_html(page.title),
        link=link,
        guid=link,
        content=page.body,
        date=_local(page.created_at, site_zone),
        date_gmt=page.created_at,
        modified_gmt=page.updated_at,
        comment_status="closed",
        name=wordpress_slug(page.url.strip("/").rpartition("/")[2]),
        meta={DIMA_LANGUAGE: [page.language]},
    )


def dima_meta(article: Article, bylines: list[Byline]) -> dict[str, list[str]]:
    """What WXR has no element for, as post meta WordPress keeps and ignores: every byline
    with its label (dc:creator names one author), the article's own language, and its whole
    slug."""
    credits = [{"author": b.author.slug, "name": b.author.name, "label": b.label} for b in bylines]
    return {
        DIMA_BYLINES: [json.dumps(credits, ensure_ascii=False)],
        DIMA_LANGUAGE: [article.language],
        DIMA_SLUG: [article.slug],
    }


def approved_thread_comments(comments: list[Comment], site_zone: ZoneInfo) -> list[WxrComment]:
    """The approved comments that readers see: each reply's whole chain of parents approved."""
    by_pk = {comment.pk: comment for comment in comments}
    shown: dict[int, bool] = {}

    def is_shown(comment: Comment) -> bool:
        if comment.pk not in shown:
            parent = by_pk.get(comment.parent_id) if comment.parent_id else None
            shown[comment.pk] = comment.parent_id is None or (
                parent is not None and is_shown(parent)
            )
        return shown[comment.pk]

    return [
        WxrComment(
            id=comment.pk,
            author=_html(comment.name),
            author_email=comment.email,
            author_url=comment.url,
            author_ip=comment.ip_address or "",
            date=_local(comment.created_at, site_zone),
            date_gmt=comment.created_at,
            content=_html(comment.body),
            approved="1",
            type="comment",
            parent=comment.parent_id or 0,
        )
        for comment in comments
        if is_shown(comment)
    ]


def _local(moment, zone: ZoneInfo):
    return timezone.localtime(moment, zone).replace(tzinfo=None)


def _html(text: str) -> str:
    return html_escape(text, quote=False)
