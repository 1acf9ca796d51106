"""What the articles app's pages depend on, by name (pagecache.dependencies), and which of
those names a change to an article moves on. docs/caching.md has the whole table.

- an article's page: `article:<id>` (its text, bylines, tags' and section's names, its
  comments, corrections) and `related` (the related list shows other articles);
- a list, its feeds and pagination: `list:all` (home, the main feeds, search, sitemaps),
  `list:section:<slug>`, `list:tag:<slug>`, `list:author:<slug>`;
- the corrections page and feed: `list:corrections`;
- the video page (`/فيديو/`, articles with a video): `list:video`.

A list shows each article's card: title, excerpt, image, date, section and bylines, never
its comments. So a comment changes one article page; an article that is or was public
changes its own page and the lists it is in; a new article joins lists but leaves other
articles' pages (and their related lists) alone; a public article edited or taken down
moves `related` on, so no related list keeps its old title or a link to a page now gone.
"""

from collections.abc import Iterable

from articles.models import Article, Author, Byline, Correction, Tag
from pagecache.dependencies import changed, describe_pages

LIST_ALL = "list:all"
RELATED = "related"
CORRECTIONS = "list:corrections"
VIDEO_LIST = "list:video"


def article_page(article_id: int) -> str:
    return f"article:{article_id}"


def section_list(slug: str) -> str:
    return f"list:section:{slug}"


def tag_list(slug: str) -> str:
    return f"list:tag:{slug}"


def author_list(slug: str) -> str:
    return f"list:author:{slug}"


def lists_showing(article_ids: Iterable[int]) -> set[str]:
    """The lists the cards of these articles appear in (four small queries)."""
    ids = list(article_ids)
    if not ids:
        return set()
    names = {LIST_ALL}
    sections = Article.objects.filter(pk__in=ids).values_list("section__slug", "has_video")
    for slug, has_video in sections:
        names.add(section_list(slug))
        if has_video:
            names.add(VIDEO_LIST)
    tags = Tag.objects.filter(articles__pk__in=ids).values_list("slug", flat=True)
    names |= {tag_list(slug) for slug in tags}
    authors = Byline.objects.filter(article_id__in=ids).values_list("author__slug", flat=True)
    names |= {author_list(slug) for slug in authors}
    if Correction.objects.filter(article_id__in=ids).exists():
        # The corrections page lists each note with its public article's title and link.
        names.add(CORRECTIONS)
    return names


def articles_changed(article_ids: Iterable[int], *, listed: bool, related: bool = False) -> None:
    """These articles' pages changed; with `listed`, so did their cards in every list they
    are in; with `related`, the related lists that may show them."""
    ids = set(article_ids)
    names = {article_page(pk) for pk in ids}
    if listed:
        names |= lists_showing(ids)
    if related:
        names.add(RELATED)
    if names:
        changed(*names)


def public_ids(article_ids: Iterable[int]) -> set[int]:
    published = Article.objects.published().filter(pk__in=list(article_ids))
    return set(published.values_list("pk", flat=True))


def author_changed(author: Author) -> None:
    """An author's name, photo or biography: their list, and every public article (and the
    lists) that credits them."""
    ids = list(author.bylines.values_list("article_id", flat=True))
    public = bool(public_ids(ids))
    articles_changed(ids, listed=public, related=public)
    changed(author_list(author.slug))


def tag_changed(tag: Tag, *, old_slug: str | None = None) -> None:
    """A tag's name: its list, and the pages of the articles that show it."""
    ids = list(tag.articles.values_list("pk", flat=True))
    names = {tag_list(tag.slug), *(article_page(pk) for pk in ids)}
    if old_slug:
        names.add(tag_list(old_slug))
    changed(*names)


def register() -> None:
    """Tell the page cache what each of the app's pages depends on."""
    describe_pages("articles:home", lambda match: [LIST_ALL])
    describe_pages("articles:detail", lambda match: [article_page(match.kwargs["pk"]), RELATED])
    for name in ("feed", "feed-atom"):
        describe_pages(f"articles:{name}", lambda match: [LIST_ALL])
    for kind, version in (("section", section_list), ("tag", tag_list), ("author", author_list)):
        for suffix in ("", "-feed", "-feed-atom"):
            describe_pages(
                f"articles:{kind}{suffix}",
                lambda match, version=version: [version(match.kwargs["slug"])],
            )
    for name in ("corrections", "corrections-feed"):
        describe_pages(f"articles:{name}", lambda match: [CORRECTIONS])
    describe_pages("articles:video", lambda match: [VIDEO_LIST])
