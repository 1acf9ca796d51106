"""An article's revisions (django-reversion): what each holds, how many are kept, and the
readable difference between two of them that the admin's history shows."""

import difflib
from dataclasses import dataclass
from html.parser import HTMLParser

from django.conf import settings
from django.dispatch import receiver
from django.utils import formats, timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

import reversion
from reversion.models import Revision, Version
from reversion.signals import post_revision_commit

from articles.models import Article, Author, Byline, Section, Tag

# What a revision of an article holds besides the article's own row: each name is a relation
# of Article, whose rows are saved with it and restored with it. Add new related models here.
ARTICLE_FOLLOWS = ["bylines", "tags"]

for model, follow in ((Article, ARTICLE_FOLLOWS), (Byline, ()), (Tag, ())):
    if not reversion.is_registered(model):
        reversion.register(model, follow=follow)


# -- keeping at most ARTICLE_REVISIONS_MAX -------------------------------------------------


def article_revisions_prune(article_id) -> int:
    """Delete an article's revisions beyond ARTICLE_REVISIONS_MAX (0: keep them all), always
    keeping the first and the newest ones. Answers how many revisions were deleted."""
    cap = settings.ARTICLE_REVISIONS_MAX
    if cap <= 0:
        return 0
    revision_ids = list(
        Version.objects.get_for_object_reference(Article, article_id)
        .order_by("pk")
        .values_list("revision_id", flat=True)
    )
    keep_newest = max(cap, 2) - 1
    doomed = revision_ids[1:-keep_newest]
    if doomed:
        Revision.objects.filter(pk__in=doomed).delete()
    return len(doomed)


@receiver(post_revision_commit)
def prune_after_revision(versions, **kwargs) -> None:
    for version in versions:
        if version._model is Article:
            article_revisions_prune(version.object_id)


# -- the difference between two bodies, word by word ----------------------------------------

BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figure",
    "figcaption", "pre", "tr", "br", "hr", "ul", "ol", "table", "section", "article",
}  # fmt: skip


class _BlockText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._words: list[str] = []

    def _close_block(self) -> None:
        if self._words:
            self.blocks.append(" ".join(self._words))
            self._words = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self._close_block()
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self._words.extend(f"[{alt}]".split())

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self._close_block()

    def handle_data(self, data):
        self._words.extend(data.split())

    def close(self):
        super().close()
        self._close_block()


def text_blocks(html: str) -> list[str]:
    """The text of each paragraph (or heading, list item…) of `html`, tags stripped and
    spaces collapsed: a change of markup alone is no change of text."""
    parser = _BlockText()
    parser.feed(html or "")
    parser.close()
    return parser.blocks


def _words_diff(old: str, new: str) -> str:
    old_words, new_words = old.split(), new.split()
    parts = []
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(escape(" ".join(old_words[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            parts.append(f"<del>{escape(' '.join(old_words[i1:i2]))}</del>")
        if tag in ("insert", "replace"):
            parts.append(f"<ins>{escape(' '.join(new_words[j1:j2]))}</ins>")
    return " ".join(parts)


def body_diff(old_html: str, new_html: str) -> SafeString:
    """The two bodies' text, paragraph by paragraph, word by word: removed words in <del>,
    added ones in <ins>, everything from the articles escaped."""
    old, new = text_blocks(old_html), text_blocks(new_html)
    paragraphs = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            paragraphs += [escape(block) for block in old[i1:i2]]
        elif tag == "delete":
            paragraphs += [f"<del>{escape(block)}</del>" for block in old[i1:i2]]
        elif tag == "insert":
            paragraphs += [f"<ins>{escape(block)}</ins>" for block in new[j1:j2]]
        else:
            olds, news = old[i1:i2], new[j1:j2]
            paired = min(len(olds), len(news))
            paragraphs += [_words_diff(a, b) for a, b in zip(olds, news, strict=False)]
            paragraphs += [f"<del>{escape(block)}</del>" for block in olds[paired:]]
            paragraphs += [f"<ins>{escape(block)}</ins>" for block in news[paired:]]
    return mark_safe("".join(f"<p>{paragraph}</p>" for paragraph in paragraphs))  # noqa: S308


# -- the other fields, before and after -----------------------------------------------------


@dataclass
class FieldChange:
    label: str
    before: SafeString
    after: SafeString


def _bylines_of(version: Version) -> list[tuple[int, int, str]]:
    """(position, author id, label) of the article's bylines saved in the same revision."""
    bylines = []
    for byline in version.revision.version_set.get_for_model(Byline):
        fields = byline.field_dict
        if str(fields["article_id"]) == version.object_id:
            bylines.append((fields["position"], fields["author_id"], fields["label"]))
    return sorted(bylines)


def _tag_names(version: Version) -> dict[int, str]:
    return {
        int(tag.object_id): tag.field_dict["name"]
        for tag in version.revision.version_set.get_for_model(Tag)
    }


def _moment(value) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT") if value else "—"


def field_changes(old: Version, new: Version) -> list[FieldChange]:
    """What differs between two revisions of an article, apart from its body."""
    before, after = old.field_dict, new.field_dict
    old_bylines, new_bylines = _bylines_of(old), _bylines_of(new)
    old_tags, new_tags = _tag_names(old), _tag_names(new)
    section_ids = {before["section_id"], after["section_id"]}
    author_ids = {author for _p, author, _l in old_bylines + new_bylines}
    sections = dict(Section.objects.filter(pk__in=section_ids).values_list("pk", "name"))
    authors = dict(Author.objects.filter(pk__in=author_ids).values_list("pk", "name"))
    statuses = dict(Article.Status.choices)
    separator = pgettext("list separator", ", ")

    def bylines(rows):
        return separator.join(
            f"{label}: {authors.get(author, author)}" if label else str(authors.get(author, author))
            for _position, author, label in rows
        )

    def tags(ids, names):
        return separator.join(sorted(names.get(int(pk), str(pk)) for pk in ids))

    shown = [
        (_("headline"), before["title"], after["title"]),
        (_("excerpt"), before["excerpt"], after["excerpt"]),
        (_("section"), sections.get(before["section_id"]), sections.get(after["section_id"])),
        (
            _("tags"),
            tags(before.get("tags", []), old_tags),
            tags(after.get("tags", []), new_tags),
        ),
        (_("bylines"), bylines(old_bylines), bylines(new_bylines)),
        (_("status"), statuses.get(before["status"]), statuses.get(after["status"])),
        (_("publication time"), _moment(before["published_at"]), _moment(after["published_at"])),
        (_("featured image"), str(before["image"] or "—"), str(after["image"] or "—")),
        (_("image description (alt text)"), before["image_alt"], after["image_alt"]),
    ]
    return [
        FieldChange(label, format_html("{}", was or "—"), format_html("{}", now or "—"))
        for label, was, now in shown
        if (was or "") != (now or "")
    ]
