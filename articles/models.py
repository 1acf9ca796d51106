import operator
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from articles.body_images import responsive_body_images
from articles.editor import RichTextEditorField
from articles.images import CleanedImageField
from articles.sanitize import sanitize_html
from articles.slugs import arabic_slugify
from embeds.body import has_embeds
from embeds.providers import validate_supported_url


def unique_slug(instance: models.Model, source: str, max_length: int) -> str:
    """Slugify `source` and add -2, -3… until no other row of the model uses it."""
    base = arabic_slugify(source, max_length=max_length - 6) or instance._meta.model_name
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    taken = set(others.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


class SluggedModel(models.Model):
    """A model whose Unicode slug is derived from its name when left empty, and kept clean."""

    slug_source = "name"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        max_length = self._meta.get_field("slug").max_length
        self.slug = arabic_slugify(self.slug, max_length=max_length)
        others = type(self)._default_manager.exclude(pk=self.pk)
        if not self.slug or others.filter(slug=self.slug).exists():
            self.slug = unique_slug(self, self.slug or getattr(self, self.slug_source), max_length)
        super().save(*args, **kwargs)


class Section(SluggedModel):
    name = models.CharField(_("name"), max_length=80, unique=True)
    # The name the French and English pages show; left empty, they show the Arabic name.
    name_fr = models.CharField(_("name in French"), max_length=80, blank=True)
    name_en = models.CharField(_("name in English"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Sections are listed in this order.")
    )

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:section", kwargs={"slug": self.slug})

    @property
    def local_name(self) -> str:
        """The name in the language of the page being shown, or the Arabic name."""
        return getattr(self, f"name_{get_language()}", "") or self.name


class Tag(SluggedModel):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=True, blank=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:tag", kwargs={"slug": self.slug})


class Author(SluggedModel):
    name = models.CharField(_("display name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True, blank=True)
    bio = models.TextField(_("biography"), blank=True)
    photo = CleanedImageField(_("photo"), upload_to="authors/", blank=True)

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:author", kwargs={"slug": self.slug})


# How many of the newest articles of each tag (and of the section) compete to be related.
RELATED_CANDIDATES = 20


def public_lookups() -> dict[str, object]:
    """What readers may see, as field lookups: published, and not scheduled for later.

    The one definition of "published": `ArticleQuerySet.published()` filters with it, and
    `Article.is_public` checks an article in memory against the same lookups.
    """
    return {"status": Article.Status.PUBLISHED, "published_at__lte": timezone.now()}


def scheduled_lookups() -> dict[str, object]:
    """Published, with a time still to come: the article goes public by itself then."""
    return {"status": Article.Status.PUBLISHED, "published_at__gt": timezone.now()}


def next_publication_time():
    """When the next scheduled article goes public, or None (PAGE_CACHE_NEXT_CHANGE)."""
    return (
        Article.objects.scheduled()
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )


_COMPARISONS = {"exact": operator.eq, "lte": operator.le, "gt": operator.gt}


def matches_lookups(instance: models.Model, lookups: dict[str, object]) -> bool:
    """Whether `instance` would be selected by `.filter(**lookups)` (exact, lte, gt only)."""
    for lookup, value in lookups.items():
        field, _sep, comparison = lookup.partition("__")
        if not _COMPARISONS[comparison or "exact"](getattr(instance, field), value):
            return False
    return True


class ArticleQuerySet(models.QuerySet):
    def published(self) -> "ArticleQuerySet":
        """Articles readers may see (`public_lookups`)."""
        return self.filter(**public_lookups())

    def scheduled(self) -> "ArticleQuerySet":
        """Articles that will go public by themselves when their time comes."""
        return self.filter(**scheduled_lookups())

    def visible_to(self, user) -> "ArticleQuerySet":
        """Everything for staff who may view articles (draft preview), else `published()`."""
        if user.is_active and user.is_staff and user.has_perm("articles.view_article"):
            return self.all()
        return self.published()

    def with_bylines(self) -> "ArticleQuerySet":
        return self.prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("author"))
        )

    def for_listing(self) -> "ArticleQuerySet":
        """What a list of article cards shows: section and byline, no body."""
        return self.select_related("section").with_bylines().defer("body")

    def for_detail(self) -> "ArticleQuerySet":
        """What an article's page shows. Its corrections are read only when it has some
        (`has_corrections`, in the same query): most articles have none. Apps above articles
        name the one-to-one rows the page also shows (ARTICLE_PAGE_JOINS), joined here."""
        return (
            self.select_related("section", *settings.ARTICLE_PAGE_JOINS)
            .with_bylines()
            .prefetch_related("tags")
            .annotate(has_corrections=Exists(Correction.objects.filter(article=OuterRef("pk"))))
        )

    # A section's, a tag's and an author's articles: one definition for their pages and feeds.
    def in_section(self, section: Section) -> "ArticleQuerySet":
        return self.filter(section=section)

    def tagged(self, tag: Tag) -> "ArticleQuerySet":
        return self.filter(tags=tag)

    def by_author(self, author: Author) -> "ArticleQuerySet":
        return self.filter(authors=author)

    def newest(self) -> "ArticleQuerySet":
        return self.order_by("-published_at", "-pk")

    def older_than(self, article: "Article") -> "ArticleQuerySet":
        """What comes after `article` in `newest()` order."""
        moment = article.published_at
        return self.filter(published_at__lte=moment).filter(
            Q(published_at__lt=moment) | Q(published_at=moment, pk__lt=article.pk)
        )

    def newest_of_each(self, groups: list["ArticleQuerySet"], per_group: int):
        """The newest `per_group` articles of each queryset in `groups`, as one subquery of ids.

        Each part is a short walk down an index, so the cost follows `per_group`, not the
        archive. SQLite cannot limit the parts of a UNION: there it answers None and the
        caller uses a query that reads more rows, which is fine at SQLite's scale.
        """
        if not groups or not connections[self.db].features.supports_slicing_ordering_in_compound:
            return None
        parts = [group.newest().values("pk")[:per_group] for group in groups]
        return parts[0].union(*parts[1:], all=True)

    def latest_per_section(self, section_ids: list[int], per_section: int) -> "ArticleQuerySet":
        """The newest `per_section` articles of each section, in a single query."""
        in_sections = self.filter(section_id__in=section_ids)
        groups = [self.filter(section_id=pk) for pk in section_ids]
        newest = self.newest_of_each(groups, per_section)
        if newest is not None:
            chosen = in_sections.filter(pk__in=newest)
        else:
            ranked = in_sections.annotate(
                section_rank=Window(
                    RowNumber(), partition_by=F("section_id"), order_by=F("published_at").desc()
                )
            )
            chosen = ranked.filter(section_rank__lte=per_section)
        return chosen.for_listing()

    def related_to(self, article: "Article", limit: int = 4) -> "ArticleQuerySet":
        """Articles sharing the most tags with `article`, then its section, newest first.

        The candidates are the newest few of each of its tags and of its section, so the
        page costs the same in a small archive and in a large one.
        """
        tag_ids = [tag.pk for tag in article.tags.all()]
        others = self.exclude(pk=article.pk)
        groups = [others.filter(tags=pk) for pk in tag_ids]
        groups.append(others.filter(section_id=article.section_id))
        candidates = self.newest_of_each(groups, RELATED_CANDIDATES)
        if candidates is not None:
            others = others.filter(pk__in=candidates)
        else:
            others = others.filter(Q(tags__in=tag_ids) | Q(section_id=article.section_id))
        return (
            others.annotate(shared_tags=Count("tags", filter=Q(tags__in=tag_ids), distinct=True))
            .order_by("-shared_tags", "-published_at", "-pk")
            .select_related("section")
            .defer("body")[:limit]
        )


class Article(SluggedModel):
    slug_source = "title"

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        # Review: a writer submits a draft, an editor publishes it or returns it with a note.
        SUBMITTED = "submitted", _("Submitted for review")
        RETURNED = "returned", _("Returned with notes")

    title = models.CharField(_("headline"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text=_("The readable part of the address; filled in from the headline."),
    )
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, related_name="articles", verbose_name=_("section")
    )
    authors = models.ManyToManyField(
        Author, through="Byline", related_name="articles", verbose_name=_("authors")
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles", verbose_name=_("tags"))
    excerpt = models.TextField(
        _("excerpt"), blank=True, help_text=_("A sentence or two shown in lists and previews.")
    )
    body = RichTextEditorField(_("body"))
    image = CleanedImageField(
        _("featured image"),
        upload_to="articles/%Y/%m/",
        blank=True,
        width_field="image_width",
        height_field="image_height",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # False while the task worker makes the image's renditions: pages show the image itself.
    renditions_ready = models.BooleanField(default=True, editable=False)
    image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=255,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it. Required with an image."),
    )
    image_caption = models.CharField(_("image caption"), max_length=255, blank=True)
    image_credit = models.CharField(_("image credit"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication time"),
        default=timezone.now,
        help_text=_("A time in the future schedules the article."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default="ar",
        help_text=_("The language the article is written in: it sets the text direction."),
    )
    video_url = models.URLField(
        _("video"),
        max_length=500,
        blank=True,
        validators=[validate_supported_url],
        help_text=_(
            "The address of a YouTube or Facebook video, or of a post on X: shown above the "
            "text, loaded only when a reader clicks it."
        ),
    )
    # Kept on save: a video above the text or in the body (the video page lists these).
    has_video = models.BooleanField(default=False, editable=False)
    comments_open = models.BooleanField(_("comments open"), default=True)
    comment_count = models.PositiveIntegerField(_("approved comments"), default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("last edited by"),
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        permissions = [("publish_article", _("Can publish and schedule articles"))]
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="article_published_idx"),
            models.Index(
                fields=["section", "status", "-published_at", "-id"], name="article_section_idx"
            ),
            # The video page's walk: only the few articles with a video are in it.
            models.Index(
                fields=["status", "-published_at", "-id"],
                condition=Q(has_video=True),
                name="article_video_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.body = responsive_body_images(sanitize_html(self.body))
        self.has_video = bool(self.video_url) or has_embeds(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", kwargs={"pk": self.pk, "slug": self.slug})

    def clean(self) -> None:
        if self.image and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Describe the featured image for readers who cannot see it.")}
            )

    @property
    def is_public(self) -> bool:
        return matches_lookups(self, public_lookups())

    @property
    def is_scheduled(self) -> bool:
        return matches_lookups(self, scheduled_lookups())

    @cached_property
    def corrections_for_readers(self) -> list["Correction"]:
        """The article's corrections and updates, newest first; no query when `for_detail`
        found none."""
        if getattr(self, "has_corrections", True) is False:
            return []
        return list(self.corrections.all())

    @property
    def modified_at(self):
        """When readers last saw the article change: an edit or its newest note."""
        notes = self.corrections_for_readers
        return max(self.updated_at, notes[0].created_at) if notes else self.updated_at


class Byline(models.Model):
    """One author's credit on an article, in order, with an optional label such as "صوتكم"."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(
        Author, on_delete=models.PROTECT, related_name="bylines", verbose_name=_("author")
    )
    label = models.CharField(
        _("label"),
        max_length=60,
        blank=True,
        help_text=_("Shown before the name, e.g. “صوتكم” or “مراسلة”."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="byline_unique_author"),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.author}" if self.label else str(self.author)


# --- Corrections and updates, shown to readers -------------------------------------------


class CorrectionQuerySet(models.QuerySet):
    def public(self) -> "CorrectionQuerySet":
        """Notes on articles readers may see."""
        lookups = {f"article__{lookup}": value for lookup, value in public_lookups().items()}
        return self.filter(**lookups)

    def newest(self) -> "CorrectionQuerySet":
        return self.order_by("-created_at", "-pk")

    def older_than(self, note: "Correction") -> "CorrectionQuerySet":
        """What comes after `note` in `newest()` order."""
        moment = note.created_at
        return self.filter(created_at__lte=moment).filter(
            Q(created_at__lt=moment) | Q(created_at=moment, pk__lt=note.pk)
        )


class Correction(models.Model):
    """A note on a published article that readers see: the newsroom's public record."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        UPDATE = "update", _("Update")
        CLARIFICATION = "clarification", _("Clarification")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("article")
    )
    kind = models.CharField(_("kind"), max_length=13, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(
        _("text"),
        max_length=2000,
        help_text=_(
            "Plain text, shown to readers on the article and at /corrections/. "
            "Notes are for published articles."
        ),
    )
    created_at = models.DateTimeField(
        _("time"), default=timezone.now, help_text=_("When the note was made, as readers see it.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("correction or update")
        verbose_name_plural = _("corrections and updates")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["-created_at", "-id"], name="correction_newest_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#correction-{self.pk}"


def editor_upload_to(instance: "EditorImage", filename: str) -> str:
    """Each staff member's uploads in a folder of their own, under a name nobody can guess."""
    folder = f"editor/{instance.uploaded_by_id or 'imported'}/{timezone.now():%Y/%m}"
    extension = PurePosixPath(filename).suffix.lower() or ".jpg"
    return f"{folder}/{uuid.uuid4().hex}{extension}"


class EditorImage(models.Model):
    """An image uploaded into an article's body from the editor."""

    image = CleanedImageField(
        _("image"), upload_to=editor_upload_to, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    # False while the task worker makes the image's renditions (articles.images).
    renditions_ready = models.BooleanField(default=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("editor image")
        verbose_name_plural = _("editor images")

    def __str__(self) -> str:
        return self.image.name


class EditLock(models.Model):
    """Who is editing an article now, as WordPress's post lock: one holder at a time.

    The editor's page renews `seen_at` with a heartbeat; a lock not seen for
    EDIT_LOCK_SECONDS is stale and anyone opening the article takes it (articles.locks).
    """

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, related_name="edit_lock", verbose_name=_("article")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("editor"),
    )
    since = models.DateTimeField(_("editing since"))
    seen_at = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("edit lock")
        verbose_name_plural = _("edit locks")

    def __str__(self) -> str:
        return f"{self.article_id}: {self.user}"


class EditorialNote(models.Model):
    """A note between the newsroom's staff about an article: never shown to readers."""

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="editorial_notes",
        verbose_name=_("article"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("written by"),
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("editorial note")
        verbose_name_plural = _("editorial notes")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]
