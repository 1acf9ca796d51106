"""Moving a WordPress site into Dima: `wordpress_import`, the one entry point.

The export is read twice, as a stream both times. The first pass checks the whole file
(nothing is written from a file that does not parse to the end) and gathers what is small
and needed early: the authors, the terms and where each attachment's file is. The second
pass brings the items in, each in its own transaction: a crash or Ctrl-C loses at most the
item being written, and the next run carries on, because every WordPress thing is matched
to what it became (`ImportRecord`) and is skipped when unchanged.
"""

import hashlib
import html
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

import nh3

from articles.models import Article, Author, Byline, Section, Tag
from articles.services import article_revision, article_save
from articles.slugs import arabic_slugify
from comments.models import Comment
from comments.services import ImportedComment, comment_counts_recount, comments_import
from pagecache.dependencies import bulk_change
from pages.services import page_put
from redirects.paths import canonical_path
from redirects.services import redirects_set_many
from search.indexing import indexing_in_background
from wordpress.addresses import (
    category_path,
    decoded,
    item_addresses,
    local_address,
    nicename,
)
from wordpress.content import convert_body, rewrite_uploads, uploads_path
from wordpress.exporting import DIMA_BYLINES, DIMA_LANGUAGE, DIMA_SLUG
from wordpress.media import Uploads
from wordpress.models import ImportRecord, record_key
from wordpress.report import ImportReport
from wordpress.wxr import Author as WxrAuthor
from wordpress.wxr import Comment as WxrComment
from wordpress.wxr import Item, Site, Term, read_export

# Part of every fingerprint: when the mapping rules change, a run brings everything again.
RULES_VERSION = "1"
SKIPPED_STATUSES = {"trash", "auto-draft", "inherit"}
REDIRECT_NOTE = "WordPress"
UNCATEGORIZED = "غير مصنف"


class Progress:
    """What the caller's progress bar needs (tqdm fits): a total, then steps."""

    def __init__(self, total: int = 0, desc: str = "", unit: str = "it", **kwargs):
        pass

    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


@dataclass
class Attachment:
    id: int
    file: str  # path inside the uploads folder
    link: str = ""
    parent: int = 0
    alt: str = ""
    caption: str = ""
    title: str = ""
    credit: str = ""  # the attachment's description


@dataclass
class ExportIndex:
    """The first pass's findings: small things the second pass needs before the items."""

    site: Site = field(default_factory=Site)
    authors: dict[str, WxrAuthor] = field(default_factory=dict)
    terms: list[Term] = field(default_factory=list)
    attachments: dict[int, Attachment] = field(default_factory=dict)
    items: int = 0
    comments: int = 0


class _CountedFile:
    """A binary file whose reads advance a progress bar (iterparse reads in chunks)."""

    def __init__(self, handle, progress):
        self.handle, self.progress = handle, progress

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.progress.update(len(data))
        return data


def export_index(path: Path, progress: Callable[..., Progress] = Progress) -> ExportIndex:
    """Read the whole export once (raising WxrError if it is not sound) and index it."""
    index = ExportIndex()
    seen_terms: set[tuple[str, str]] = set()
    bar = progress(total=path.stat().st_size, desc="Reading", unit="B", unit_scale=True)
    try:
        with path.open("rb") as handle:
            for thing in read_export(_CountedFile(handle, bar), name=path.name):
                if isinstance(thing, Site):
                    index.site = thing
                elif isinstance(thing, WxrAuthor):
                    index.authors[thing.login] = thing
                elif isinstance(thing, Term):
                    # WordPress lists each category and tag twice: as wp:category or
                    # wp:tag, and again as wp:term.
                    if (thing.taxonomy, thing.slug) not in seen_terms:
                        seen_terms.add((thing.taxonomy, thing.slug))
                        index.terms.append(thing)
                else:
                    index.items += 1
                    index.comments += len(thing.comments)
                    if thing.type == "attachment":
                        index.attachments[thing.id] = _attachment(thing)
    finally:
        bar.close()
    return index


def _attachment(item: Item) -> Attachment:
    file = item.meta_value("_wp_attached_file") or uploads_path(item.attachment_url) or ""
    return Attachment(
        id=item.id,
        file=file,
        link=item.link,
        parent=item.parent,
        alt=item.meta_value("_wp_attachment_image_alt") or "",
        caption=plain_text(item.excerpt),
        title=plain_text(item.title),
        credit=plain_text(item.content),
    )


def text_of(value: str) -> str:
    """The text of WordPress HTML, as a reader would read it: tags gone, a script's or a
    style's content gone with them, entities decoded."""
    return html.unescape(nh3.clean(value, tags=set())).strip()


def plain_text(value: str) -> str:
    """WordPress titles and excerpts may hold tags and entities; Dima's are plain text."""
    return " ".join(text_of(value).split())


def fingerprint(*parts) -> str:
    text = json.dumps([RULES_VERSION, *parts], ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _clip(value: str, length: int, what: str, report: ImportReport) -> str:
    if len(value) <= length:
        return value
    report.warn(f"{what} cut to {length} characters: {value[:40]}…")
    return value[:length]


class WordPressImport:
    """One run of the import. Build it, then call `run()`; `report` says what happened."""

    def __init__(
        self,
        path: Path,
        *,
        uploads: Path | None = None,
        dry_run: bool = False,
        staff_accounts: bool = False,
        progress: Callable[..., Progress] = Progress,
    ):
        self.path = path
        self.report = ImportReport(dry_run=dry_run)
        self.uploads = Uploads(uploads, self.report, dry_run=dry_run)
        self.dry_run = dry_run
        self.staff_accounts = staff_accounts
        self.progress = progress
        self.authors: dict[str, Author] = {}
        self.users: dict[str, object] = {}  # staff accounts by login (--staff-accounts)
        self.sections: dict[str, Section] = {}  # by WordPress slug (as exported)
        self.tags: dict[str, Tag] = {}
        self.language = settings.LANGUAGE_CODE
        self.keep_ids = False
        self.redirects: list[tuple[str, str]] = []

    # -- the run ---------------------------------------------------------------------------

    def run(self) -> ImportReport:
        self.index = export_index(self.path, self.progress)
        self.language = self._language(self.index.site.language)
        # The slow part of each post, its search indexing, is left to the task worker: queued
        # in batches once the import is done (nothing for a dry run, which is rolled back).
        # Bylines and comments go in by bulk_create and update(), without signals: every
        # cached page is rendered again once the import is committed, not worked out per post.
        with indexing_in_background(), bulk_change():
            if self.dry_run:
                with transaction.atomic():
                    self._import()
                    transaction.set_rollback(True)
            else:
                self._import()
        return self.report

    def _import(self) -> None:
        imported_posts = ImportRecord.objects.filter(kind=ImportRecord.Kind.POST).count()
        self.keep_ids = Article.objects.count() == imported_posts
        try:
            with transaction.atomic():
                self._authors()
                self._terms()
                self._redirects_flush()
            bar = self.progress(total=self.index.items, desc="Importing", unit="item")
            try:
                for thing in read_export(self.path):
                    if isinstance(thing, Item):
                        self._item(thing)
                        bar.update()
            except KeyboardInterrupt:
                self.report.interrupted = True
            finally:
                bar.close()
            if not self.report.interrupted:
                self._attachment_pages()
        finally:
            if not self.dry_run:
                self._reset_sequences()

    def _language(self, code: str) -> str:
        known = {c for c, _ in settings.LANGUAGES}
        short = code.split("-")[0].lower()
        return short if short in known else settings.LANGUAGE_CODE

    def _reset_sequences(self) -> None:
        """Articles made with WordPress's ids: the next one an editor writes must not collide."""
        statements = connection.ops.sequence_reset_sql(no_style(), [Article])
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)

    def _redirect(self, old: str, new: str) -> None:
        """Keep `old` working: written with the others of the same item (`_redirects_flush`)."""
        if canonical_path(old) != canonical_path(new):
            self.redirects.append((old, new))

    def _redirects_flush(self) -> None:
        changed, refused = redirects_set_many(self.redirects, note=REDIRECT_NOTE)
        self.redirects = []
        self.report.redirects += changed
        for old, reason in refused:
            self.report.warn(f"no redirect from {old}: {reason}")

    def _record(self, kind: str, key: str) -> ImportRecord | None:
        return ImportRecord.objects.filter(kind=kind, key=record_key(key)).first()

    # -- authors and terms -----------------------------------------------------------------

    def _authors(self) -> None:
        for login, wp_author in self.index.authors.items():
            self.authors[login] = self._author(wp_author)

    def _author(self, wp_author: WxrAuthor) -> Author:
        name = wp_author.display_name.strip() or wp_author.login
        record = self._record(ImportRecord.Kind.AUTHOR, wp_author.login)
        author = Author.objects.filter(pk=record.object_id).first() if record else None
        if author is not None:
            self.report.authors["already imported"] += 1
        else:
            slug = arabic_slugify(decoded(wp_author.login), max_length=120)
            author = (
                Author.objects.filter(slug=slug).first() or Author.objects.filter(name=name).first()
            )
            if author is not None:
                self.report.authors["matched an existing author"] += 1
            else:
                author = Author.objects.create(name=_clip(name, 120, "author name", self.report))
                if slug:
                    author.slug = slug
                    author.save()
                self.report.authors["created"] += 1
            ImportRecord.objects.update_or_create(
                kind=ImportRecord.Kind.AUTHOR,
                key=record_key(wp_author.login),
                defaults={"object_id": author.pk},
            )
        if self.staff_accounts:
            self.users[wp_author.login] = self._staff_account(wp_author, name)
        for author_slug in {wp_author.login, nicename(wp_author.login)} - {""}:
            base = f"/author/{author_slug}/"
            self._redirect(base, author.get_absolute_url())
            self._redirect(f"{base}feed/", reverse("articles:author-feed", args=[author.slug]))
        if wp_author.id:
            self._redirect(f"/?author={wp_author.id}", author.get_absolute_url())
        return author

    def _staff_account(self, wp_author: WxrAuthor, name: str):
        """A staff login for the author, without a password (WordPress's are never taken):
        an administrator sets one, or the author resets it."""
        from django.contrib.auth import get_user_model

        user, created = get_user_model().objects.get_or_create(
            username=_clip(wp_author.login, 150, "login", self.report),
            defaults={
                "email": wp_author.email[:254],
                "first_name": wp_author.first_name[:150],
                "last_name": wp_author.last_name[:150],
                "is_staff": True,
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            self.report.authors["staff accounts created"] += 1
        return user

    def _credits_for(self, item: Item) -> list[tuple[Author, str]]:
        """The post's bylines: its WordPress author, or every byline with its label when the
        export came from Dima (`_dima_bylines`)."""
        try:
            credits = json.loads(item.meta_value(DIMA_BYLINES) or "[]")
            bylines = [(str(c["author"]), str(c["name"]), str(c["label"])[:60]) for c in credits]
        except (ValueError, TypeError, KeyError):
            self.report.warn(f"post {item.id}: {DIMA_BYLINES} is not Dima's; its author is used")
            bylines = []
        if not bylines:
            return [(self._author_for(item.creator), "")]
        found: dict[int, tuple[Author, str]] = {}
        for slug, name, label in bylines:
            author = self.authors.get(slug) or Author.objects.filter(slug=slug).first()
            if author is None:
                author = Author.objects.create(name=_clip(name or slug, 120, "author", self.report))
                self.report.authors["created"] += 1
            found.setdefault(author.pk, (author, label))
        return list(found.values())

    def _author_for(self, login: str) -> Author:
        if login not in self.authors:
            self.report.warn(f"author {login!r} is not in the export's author list: created")
            self.authors[login] = self._author(WxrAuthor(id=None, login=login or "wordpress"))
        return self.authors[login]

    def _terms(self) -> None:
        categories = {t.slug: t for t in self.index.terms if t.taxonomy == "category"}
        # Parents before children, so a child's name can say whose it is when names clash.
        for term in sorted(categories.values(), key=lambda t: category_path(t, categories)):
            self._section(term, categories)
        for term in self.index.terms:
            if term.taxonomy == "post_tag":
                self._tag(term)

    def _section(self, term: Term, categories: dict[str, Term]) -> Section:
        name = _clip(plain_text(term.name) or decoded(term.slug), 80, "section", self.report)
        record = self._record(ImportRecord.Kind.TERM, f"category:{term.slug}")
        section = Section.objects.filter(pk=record.object_id).first() if record else None
        if section is None:
            slug = arabic_slugify(decoded(term.slug), max_length=80)
            section = Section.objects.filter(slug=slug).first() if slug else None
            section = section or Section.objects.filter(name=name).first()
            parent = categories.get(term.parent_slug)
            if section is not None and section.slug != slug and parent is not None:
                # The same name under another parent ("محلية" of two cities) is another section.
                name = _clip(f"{name} ({plain_text(parent.name)})", 80, "section", self.report)
                section = Section.objects.filter(name=name).first()
            if section is None:
                section = Section.objects.create(
                    name=name, slug=slug, description=plain_text(term.description)
                )
                self.report.sections["created"] += 1
            else:
                self.report.sections["matched an existing section"] += 1
            ImportRecord.objects.update_or_create(
                kind=ImportRecord.Kind.TERM,
                key=record_key(f"category:{term.slug}"),
                defaults={"object_id": section.pk},
            )
        else:
            self.report.sections["already imported"] += 1
        self.sections[term.slug] = section
        path = category_path(term, categories)
        self._redirect(f"/category/{path}/", section.get_absolute_url())
        self._redirect(
            f"/category/{path}/feed/", reverse("articles:section-feed", args=[section.slug])
        )
        if term.id:
            self._redirect(f"/?cat={term.id}", section.get_absolute_url())
        return section

    def _tag(self, term: Term) -> Tag:
        name = _clip(plain_text(term.name) or decoded(term.slug), 80, "tag", self.report)
        record = self._record(ImportRecord.Kind.TERM, f"post_tag:{term.slug}")
        tag = Tag.objects.filter(pk=record.object_id).first() if record else None
        if tag is None:
            tag = Tag.objects.filter(name=name).first()
            if tag is None:
                tag = Tag.objects.create(
                    name=name, slug=arabic_slugify(decoded(term.slug), max_length=80)
                )
                self.report.tags["created"] += 1
            else:
                self.report.tags["matched an existing tag"] += 1
            ImportRecord.objects.update_or_create(
                kind=ImportRecord.Kind.TERM,
                key=record_key(f"post_tag:{term.slug}"),
                defaults={"object_id": tag.pk},
            )
            self._redirect(f"/tag/{term.slug}/", tag.get_absolute_url())
            self._redirect(f"/tag/{term.slug}/feed/", reverse("articles:tag-feed", args=[tag.slug]))
            self._redirect(f"/?tag={term.slug}", tag.get_absolute_url())
        else:
            self.report.tags["already imported"] += 1
        self.tags[term.slug] = tag
        return tag

    def _section_for(self, item: Item) -> Section:
        """A post's section is its first category, in the order the export lists them."""
        for term in item.terms_of("category"):
            if term.nicename not in self.sections:
                self.sections[term.nicename] = self._section(
                    Term(taxonomy="category", slug=term.nicename, name=term.name), {}
                )
            return self.sections[term.nicename]
        if "" not in self.sections:
            self.sections[""] = Section.objects.get_or_create(name=UNCATEGORIZED)[0]
        return self.sections[""]

    def _tags_for(self, item: Item) -> list[Tag]:
        tags = []
        for term in item.terms_of("post_tag"):
            if term.nicename not in self.tags:
                self._tag(Term(taxonomy="post_tag", slug=term.nicename, name=term.name))
            tags.append(self.tags[term.nicename])
        return list({tag.pk: tag for tag in tags}.values())

    # -- items -----------------------------------------------------------------------------

    def _item(self, item: Item) -> None:
        if item.type == "attachment":
            return  # brought in where posts show them
        if item.type not in ("post", "page"):
            self.report.other_items[item.type] += 1
            return
        if item.status in SKIPPED_STATUSES:
            counter = self.report.posts if item.type == "post" else self.report.pages
            counter[item.status, "skipped"] += 1
            self._comments_not_imported(item, reason=f"{item.type} not imported")
            return
        with transaction.atomic():
            if item.type == "post":
                self._post(item)
            else:
                self._page(item)
            self._redirects_flush()

    def _moment(self, item: Item) -> datetime:
        if item.date_gmt:
            return item.date_gmt
        if item.date:
            return timezone.make_aware(item.date)
        return item.modified_gmt or timezone.now()

    def _post_fingerprint(self, item: Item) -> str:
        data = asdict(item)
        data.pop("comments")
        return fingerprint(data)

    def _post_record(self, item: Item) -> ImportRecord | None:
        """What the post became before: by WordPress ID, else by GUID (a site re-created in
        WordPress gives its posts new IDs but keeps their GUIDs)."""
        matches = ImportRecord.objects.filter(kind=ImportRecord.Kind.POST).filter(
            Q(key=str(item.id)) | Q(guid=item.guid[:255]) if item.guid else Q(key=str(item.id))
        )
        found = sorted(matches[:2], key=lambda record: record.key != str(item.id))
        return found[0] if found else None

    def _post(self, item: Item) -> None:
        record = self._post_record(item)
        article = Article.objects.filter(pk=record.object_id).first() if record else None
        digest = self._post_fingerprint(item)
        if article is not None and record.fingerprint == digest:
            self.report.posts[item.status, "unchanged"] += 1
            self._comments(item, article)
            return
        outcome = "updated" if article is not None else "imported"
        if article is None:
            article = Article()
            if self.keep_ids and not Article.objects.filter(pk=item.id).exists():
                article.pk = item.id
        self._fill_article(article, item)
        if outcome == "imported" and item.creator in self.users:
            article.created_by = self.users[item.creator]
        image_file, image_new = self._featured_image(article, item)
        with article_revision(article, comment=_("Imported from WordPress.")):
            article_save(article=article, image_changed=image_new)
            if image_file and image_new and not self.dry_run:
                self.uploads.featured_stored(image_file, article.image.name)
            # auto_now and auto_now_add would date the article today.
            Article.objects.filter(pk=article.pk).update(
                updated_at=item.modified_gmt or self._moment(item),
                created_at=self._moment(item),
            )
            credits = self._credits_for(item)
            tags = self._tags_for(item)
            if outcome == "updated":
                article.bylines.all().delete()
                article.tags.set(tags)
            else:
                article.tags.add(*tags)
            Byline.objects.bulk_create(
                Byline(article=article, author=author, label=label, position=n)
                for n, (author, label) in enumerate(credits)
            )
        if item.is_sticky:
            self.report.sticky += 1
        fields = {"object_id": article.pk, "guid": item.guid[:255], "fingerprint": digest}
        if record is not None:
            ImportRecord.objects.filter(pk=record.pk).update(**fields, updated_at=timezone.now())
        else:
            ImportRecord.objects.create(kind=ImportRecord.Kind.POST, key=str(item.id), **fields)
        for address in item_addresses(item, query_key="p"):
            self._redirect(address, article.get_absolute_url())
        self.report.posts[item.status, outcome] += 1
        self._comments(item, article)

    def _fill_article(self, article: Article, item: Item) -> None:
        report = self.report
        title = plain_text(item.title)
        if not title:
            title = f"بدون عنوان ({item.id})"
            report.warn(f"post {item.id} has no title: called {title!r}")
        article.title = _clip(title, 255, "title", report)
        slug = item.meta_value(DIMA_SLUG) or (decoded(item.name) if item.name else "")
        article.slug = slug[:255]
        article.section = self._section_for(item)
        article.excerpt = plain_text(item.excerpt)
        language = item.meta_value(DIMA_LANGUAGE)
        article.language = language if language in dict(settings.LANGUAGES) else self.language
        article.body = self._body(item, article.language)
        article.comments_open = item.comment_status == "open"
        article.published_at = self._moment(item)
        published = item.status in ("publish", "future")
        if published and item.password:
            published = False
            report.warn(
                f"post {item.id} is password-protected in WordPress: imported as a draft "
                "(Dima has no password-protected articles)"
            )
        if published:
            article.status = Article.Status.PUBLISHED
        elif item.status == "pending" and not item.password:
            article.status = Article.Status.SUBMITTED  # WordPress's "pending review"
        else:
            article.status = Article.Status.DRAFT

    def _body(self, item: Item, language: str) -> str:
        direction = "rtl" if language == "ar" else "ltr"
        converted = convert_body(
            item.content, direction=direction, gallery_image=self._gallery_image
        )
        self.report.shortcodes.update(converted.shortcodes)
        for missing in converted.missing_gallery_ids:
            self.report.warn(f"post {item.id}: gallery image {missing} is not in the export")
        body, missing = rewrite_uploads(converted.html, self.uploads.body_url)
        for relative in missing:
            self.uploads.missing(relative)
        return body

    def _gallery_image(self, attachment_id: int) -> str | None:
        attachment = self.index.attachments.get(attachment_id)
        if attachment is None or not attachment.file:
            return None
        alt = html.escape(attachment.alt or attachment.title)
        src = html.escape(f"/wp-content/uploads/{attachment.file}")
        image = f'<img src="{src}" alt="{alt}">'
        if attachment.caption:
            caption = f"<figcaption>{html.escape(attachment.caption)}</figcaption>"
            return f'<figure class="image-captioned">{image}{caption}</figure>'
        return image

    def _featured_image(self, article: Article, item: Item) -> tuple[str | None, bool]:
        thumbnail = item.meta_value("_thumbnail_id")
        attachment = self.index.attachments.get(int(thumbnail)) if thumbnail else None
        if thumbnail and thumbnail.isdigit() and attachment is None:
            self.report.warn(f"post {item.id}: featured image {thumbnail} is not in the export")
        if attachment is None or not attachment.file:
            article.image = None
            article.image_alt = article.image_caption = article.image_credit = ""
            return None, False
        value, key = self.uploads.featured(attachment.file)
        if value is None and key is None:
            article.image = None
            return None, False
        if value is not None:
            article.image = value
        article.image_alt = _clip(
            attachment.alt or attachment.title or article.title, 255, "alt text", self.report
        )
        article.image_caption = _clip(attachment.caption, 255, "caption", self.report)
        article.image_credit = _clip(attachment.credit, 120, "image credit", self.report)
        return key, key is not None

    def _page(self, item: Item) -> None:
        record = self._record(ImportRecord.Kind.PAGE, str(item.id))
        digest = self._post_fingerprint(item)
        if record is not None and record.fingerprint == digest:
            self.report.pages[item.status, "unchanged"] += 1
            self._comments_not_imported(item, reason="on a page")
            return
        link = local_address(item.link) if item.link else None
        if link and "?" not in link:
            url = urlsplit(link).path
        else:
            url = f"/{decoded(item.name) or f'page-{item.id}'}/"
        url = decoded(url if url.endswith("/") else f"{url}/")
        title = plain_text(item.title) or decoded(item.name) or f"page {item.id}"
        language = item.meta_value(DIMA_LANGUAGE)
        language = language if language in dict(settings.LANGUAGES) else self.language
        try:
            page, created = page_put(
                url=url,
                title=_clip(title, 200, "page title", self.report),
                body=self._body(item, language),
                published=item.status == "publish" and not item.password,
                language=language,
            )
        except ValidationError as error:
            self.report.pages[item.status, "not imported"] += 1
            self.report.warn(f"page {item.id} ({url}): {'; '.join(error.messages)}")
            return
        ImportRecord.objects.update_or_create(
            kind=ImportRecord.Kind.PAGE,
            key=str(item.id),
            defaults={"object_id": page.pk, "guid": item.guid[:255], "fingerprint": digest},
        )
        for address in item_addresses(item, query_key="page_id"):
            self._redirect(address, page.get_absolute_url())
        self.report.pages[item.status, "updated" if record else "imported"] += 1
        self._comments_not_imported(item, reason="on a page")

    # -- comments --------------------------------------------------------------------------

    def _comments_not_imported(self, item: Item, *, reason: str) -> None:
        for comment in item.comments:
            self.report.comments[self._comment_status(comment), f"not imported ({reason})"] += 1

    @staticmethod
    def _comment_status(comment: WxrComment) -> str:
        if comment.type in ("pingback", "trackback"):
            return comment.type
        return {"1": "approved", "0": "pending"}.get(comment.approved, comment.approved)

    def _comments(self, item: Item, article: Article) -> None:
        if not item.comments:
            return
        keys = [str(c.id) for c in item.comments]
        records = {
            r.key: r
            for r in ImportRecord.objects.filter(kind=ImportRecord.Kind.COMMENT, key__in=keys)
        }
        wanted: list[ImportedComment] = []
        digests: dict[str, str] = {}
        changed: dict[int, ImportedComment] = {}
        for comment in item.comments:
            status = self._comment_status(comment)
            if status not in ("approved", "pending"):
                self.report.comments[status, "not imported"] += 1
                continue
            imported = self._imported_comment(comment, status)
            key, digest = imported.key, fingerprint(asdict(imported))
            record = records.get(key)
            if record is not None and record.object_id:
                if record.fingerprint == digest:
                    self.report.comments[status, "unchanged"] += 1
                else:
                    changed[record.object_id] = imported
                    digests[key] = digest
                continue
            wanted.append(imported)
            digests[key] = digest
        if changed:
            self._update_comments(changed, article)
        if wanted:
            # Replies to comments a past run stored: their parents, in one query (with theirs,
            # for a reply that must hang one level up).
            parent_ids = {
                records[key].object_id: key
                for key in {c.parent_key for c in wanted} & records.keys()
            }
            stored = {
                parent_ids[c.pk]: c
                for c in Comment.objects.filter(pk__in=parent_ids).select_related("parent")
            }
            new = comments_import(article=article, comments=wanted, stored=stored)
            for imported in wanted:
                outcome = "imported" if imported.key in new else "left out (duplicate)"
                self.report.comments[imported.status, outcome] += 1
            ImportRecord.objects.bulk_create(
                [
                    ImportRecord(
                        kind=ImportRecord.Kind.COMMENT,
                        key=key,
                        object_id=comment.pk,
                        fingerprint=digests[key],
                    )
                    for key, comment in new.items()
                ]
            )
        for key, digest in digests.items():
            if key in records and records[key].fingerprint != digest:
                ImportRecord.objects.filter(pk=records[key].pk).update(fingerprint=digest)

    def _imported_comment(self, comment: WxrComment, status: str) -> ImportedComment:
        url = comment.author_url.strip()
        if not url.startswith(("http://", "https://")) or len(url) > 200:
            url = ""
        moment = comment.date_gmt or (
            timezone.make_aware(comment.date) if comment.date else timezone.now()
        )
        return ImportedComment(
            key=str(comment.id),
            parent_key=str(comment.parent) if comment.parent else None,
            name=plain_text(comment.author)[:80] or "مجهول",
            email=comment.author_email.strip()[:254],
            url=url,
            body=text_of(comment.content),
            created_at=moment,
            status=Comment.Status.APPROVED if status == "approved" else Comment.Status.PENDING,
            ip_address=comment.author_ip.strip() or None,
        )

    def _update_comments(self, changed: dict[int, ImportedComment], article: Article) -> None:
        """Comments changed in WordPress since the last run (approved since, edited)."""
        for pk, imported in changed.items():
            Comment.objects.filter(pk=pk).update(
                status=imported.status, body=imported.body, name=imported.name
            )
            self.report.comments[
                "approved" if imported.status == Comment.Status.APPROVED else "pending", "updated"
            ] += 1
        comment_counts_recount([article.pk])

    # -- attachment pages ------------------------------------------------------------------

    def _attachment_pages(self) -> None:
        """Each attachment's page leads to the article that shows it."""
        posts = dict(
            ImportRecord.objects.filter(kind=ImportRecord.Kind.POST).values_list("key", "object_id")
        )
        articles = {
            a.pk: a for a in Article.objects.filter(pk__in=posts.values()).only("pk", "slug")
        }
        for attachment in self.index.attachments.values():
            article = articles.get(posts.get(str(attachment.parent)))
            if article is None:
                continue
            addresses = [f"/?attachment_id={attachment.id}"]
            link = local_address(attachment.link) if attachment.link else None
            if link:
                addresses.append(link)
            for address in addresses:
                self._redirect(address, article.get_absolute_url())
        with transaction.atomic():
            self._redirects_flush()


def wordpress_import(path: Path, **options) -> ImportReport:
    """Import a WordPress export (see WordPressImport for the options)."""
    return WordPressImport(path, **options).run()
