import html

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from articles.editor import RichTextEditorField
from articles.sanitize import sanitize_html
from pages.addresses import address_errors, page_address

URL_MAX_LENGTH = 255


class PageQuerySet(models.QuerySet):
    def published(self) -> "PageQuerySet":
        return self.filter(published=True)

    def visible_to(self, user) -> "PageQuerySet":
        """Everything for staff who may view pages (preview), else `published()`."""
        if user.is_active and user.is_staff and user.has_perm("pages.view_page"):
            return self.all()
        return self.published()


class Page(models.Model):
    title = models.CharField(
        _("title"), max_length=200, validators=[ProhibitNullCharactersValidator()]
    )
    url = models.CharField(
        _("address"),
        max_length=URL_MAX_LENGTH,
        unique=True,
        help_text=_(
            "Where readers find the page, e.g. /من-نحن/ or /about/team/. The French and "
            "English sites show it under /fr/ and /en/."
        ),
    )
    body = RichTextEditorField(_("body"), blank=True)
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default="ar",
        help_text=_("The language the page is written in: it sets the text direction."),
    )
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Readers see only published pages.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["url"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.url = page_address(self.url)
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("pages:detail", kwargs={"url": self.url.removeprefix("/")})

    @property
    def summary(self) -> str:
        """The body's first words as plain text, for the page's meta description."""
        return Truncator(html.unescape(strip_tags(self.body))).words(30) or self.title

    def clean(self) -> None:
        self.url = page_address(self.url)
        errors = address_errors(self.url)
        if errors:
            raise ValidationError({"url": errors})
