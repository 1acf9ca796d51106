"""What readers see of articles changed: move on the versions of the pages that show it
(articles/freshness.py), once the change is committed."""

from functools import wraps

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from articles import freshness
from articles.models import Article, Author, Byline, Correction, Section, Tag
from articles.navigation import forget_navigation_sections
from pagecache.dependencies import changed, in_bulk, pages_changed_on_commit

# What readers see of an article, besides its body: a change to one of these on a public
# article reaches the related lists that show it.
CARD_FIELDS = (
    "title",
    "slug",
    "excerpt",
    "image",
    "image_width",
    "image_height",
    "section_id",
    "published_at",
    "language",
)


def unless_in_bulk(receiver_function):
    """Skip the queries that find what a change touches inside a bulk change (an import):
    every page is rendered again once it is committed (pagecache.dependencies.bulk_change)."""

    @wraps(receiver_function)
    def receive(*args, **kwargs):
        if not in_bulk():
            receiver_function(*args, **kwargs)

    return receive


@receiver([post_save, post_delete], sender=Section)
def section_changed(**kwargs) -> None:
    # Every page shows the menu of sections.
    forget_navigation_sections()
    pages_changed_on_commit()


@receiver(pre_save, sender=Article)
@unless_in_bulk
def remember_what_readers_saw(instance: Article, raw: bool = False, **kwargs) -> None:
    """The article as it was, for the lists it leaves (one query, on an editor's save)."""
    if raw or instance.pk is None:
        instance._before_save = None
        return
    instance._before_save = (
        Article.objects.filter(pk=instance.pk)
        .select_related("section")
        .only("status", "published_at", "has_video", "section__slug", *CARD_FIELDS)
        .first()
    )


@receiver(post_save, sender=Article)
@unless_in_bulk
def article_saved(instance: Article, raw: bool = False, **kwargs) -> None:
    before = getattr(instance, "_before_save", None)
    was_public = before is not None and before.is_public
    names = {freshness.article_page(instance.pk)}
    if instance.is_public or was_public:
        names |= freshness.lists_showing([instance.pk])
        if before is not None and before.section_id != instance.section_id:
            names.add(freshness.section_list(before.section.slug))
        if was_public and before.has_video and not instance.has_video:
            names.add(freshness.VIDEO_LIST)  # the video page it leaves
    if was_public and (
        not instance.is_public
        or any(getattr(before, field) != getattr(instance, field) for field in CARD_FIELDS)
    ):
        names.add(freshness.RELATED)
    changed(*names)


@receiver(pre_delete, sender=Article)
@unless_in_bulk
def article_deleted(instance: Article, **kwargs) -> None:
    # Before the delete: its tags and bylines are still there to say which lists held it.
    freshness.articles_changed([instance.pk], listed=True, related=True)


@receiver(pre_save, sender=Byline)
@unless_in_bulk
def remember_credited_author(instance: Byline, raw: bool = False, **kwargs) -> None:
    """The author the byline credited before (a byline moved to another author)."""
    before = Byline.objects.filter(pk=instance.pk).values_list("author__slug", flat=True)
    instance._author_slug_before_save = before.first() if instance.pk and not raw else None


@receiver([post_save, post_delete], sender=Byline)
@unless_in_bulk
def byline_changed(instance: Byline, **kwargs) -> None:
    listed = bool(freshness.public_ids([instance.article_id]))
    freshness.articles_changed([instance.article_id], listed=listed)
    if listed:
        names = {freshness.author_list(instance.author.slug)}
        if old_slug := getattr(instance, "_author_slug_before_save", None):
            names.add(freshness.author_list(old_slug))
        changed(*names)


@receiver(m2m_changed, sender=Article.tags.through)
@unless_in_bulk
def tags_of_article_changed(instance, action: str, pk_set, reverse: bool, **kwargs) -> None:
    if action == "pre_clear":
        # clear() names nothing afterwards: what it is about to remove, kept for post_clear.
        related = instance.articles if reverse else instance.tags
        instance._cleared_pks = set(related.values_list("pk", flat=True))
        return
    if not action.startswith("post_"):
        return
    touched = set(pk_set or ()) | getattr(instance, "_cleared_pks", set())
    if reverse:  # tag.articles.add/remove/clear: the tag's list, and those articles' pages
        freshness.tag_changed(instance)
        changed(*(freshness.article_page(pk) for pk in touched))
        return
    names = {freshness.article_page(instance.pk)}
    if instance.is_public:
        tags = Tag.objects.filter(pk__in=touched).values_list("slug", flat=True)
        names |= {freshness.tag_list(slug) for slug in tags}
    changed(*names)


@receiver(pre_save, sender=Tag)
@receiver(pre_save, sender=Author)
@unless_in_bulk
def remember_slug(instance, raw: bool = False, **kwargs) -> None:
    old = type(instance).objects.filter(pk=instance.pk).values_list("slug", flat=True)
    instance._slug_before_save = old.first() if instance.pk and not raw else None


@receiver(post_save, sender=Tag)
@receiver(pre_delete, sender=Tag)  # before the delete, while its articles are known
@unless_in_bulk
def tag_saved(instance: Tag, **kwargs) -> None:
    freshness.tag_changed(instance, old_slug=getattr(instance, "_slug_before_save", None))


@receiver(post_save, sender=Author)
@receiver(pre_delete, sender=Author)
@unless_in_bulk
def author_saved(instance: Author, **kwargs) -> None:
    freshness.author_changed(instance)
    if old_slug := getattr(instance, "_slug_before_save", None):
        changed(freshness.author_list(old_slug))


@receiver([post_save, post_delete], sender=Correction)
@unless_in_bulk
def correction_changed(instance: Correction, **kwargs) -> None:
    changed(freshness.article_page(instance.article_id), freshness.CORRECTIONS)
