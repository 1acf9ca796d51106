"""An article's dateline, byline and card: on its page, and on every card of a list.

Built in Python rather than by templates: a list page shows dozens of cards, and rendering a
template (an include, an inclusion tag) for each card, its picture, dateline and byline cost
several times the rest of the page (bench/render_time.py, docs/bench/2026-11-30-profile-*).
The markup is the one the templates had; every value goes through format_html's escaping.
"""

from collections.abc import Iterable
from datetime import datetime, tzinfo
from functools import lru_cache

from django import template
from django.urls import get_script_prefix, get_urlconf
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.timezone import get_current_timezone
from django.utils.translation import get_language, gettext, pgettext

from articles.models import Article, Author, Byline, Section, Tag
from articles.templatetags.article_images import picture
from languages.templatetags.languages import text_direction

register = template.Library()

# Per kind of card: the picture's `sizes`, whether it is the page's first image (fetched
# first), whether the excerpt shows. "compact" cards have no byline.
CARD_VARIANTS = {
    "": {"sizes": "(min-width: 48rem) 18rem, 100vw", "eager": False, "excerpt": False},
    "lead": {"sizes": "(min-width: 48rem) 50rem, 100vw", "eager": True, "excerpt": True},
    "list": {"sizes": "(min-width: 48rem) 18rem, 100vw", "eager": False, "excerpt": True},
    "compact": {"sizes": "7.5rem", "eager": False, "excerpt": False},
}

CARD = """<article class="card{variant}">{image}
  <div class="card__text" lang="{language}" dir="{direction}">
    {kicker}<h{level} class="card__title"><a href="{url}">{title}</a></h{level}>
    {excerpt}<div class="card__meta">{dateline}{byline}</div>
  </div>
</article>"""


@register.filter
def absolute_url(instance: Article | Section | Tag | Author) -> str:
    """`instance.get_absolute_url()`, reversed once per object, language and URL prefix.

    Reversing is the dearest part of a card; these addresses depend on the pk and slug alone.
    """
    return _absolute_url(
        type(instance),
        instance.pk,
        instance.slug,
        get_language(),
        get_script_prefix(),
        get_urlconf(),
    )


@lru_cache(maxsize=8192)
def _absolute_url(model, pk: int, slug: str, *_request_urls) -> str:
    return model(pk=pk, slug=slug).get_absolute_url()


@register.simple_tag
def article_card(
    article: Article, *, variant: str = "", level: int = 3, show_section: bool = False
) -> SafeString:
    """A card of a list: picture, section (`show_section`), linked title, excerpt ("lead" and
    "list" cards), dateline and byline (not on "compact" cards)."""
    kind = CARD_VARIANTS[variant]
    url = absolute_url(article)
    image = ""
    if article.image:
        image = format_html(
            '\n    <a class="card__image" href="{}" tabindex="-1" aria-hidden="true">{}</a>',
            url,
            picture(
                article.image,
                article.image_width,
                article.image_height,
                sizes=kind["sizes"],
                eager=kind["eager"],
            ),
        )
    kicker = ""
    if show_section:
        section = article.section
        kicker = format_html(
            '<a class="kicker" href="{}">{}</a>\n    ', absolute_url(section), section.local_name
        )
    excerpt = ""
    if kind["excerpt"] and article.excerpt:
        excerpt = format_html('<p class="card__excerpt">{}</p>\n    ', article.excerpt)
    return format_html(
        CARD,
        variant=f" card--{variant}" if variant else "",
        image=image,
        language=article.language,
        direction=text_direction(article.language),
        kicker=kicker,
        level=int(level),
        url=url,
        title=article.title,
        excerpt=excerpt,
        dateline=dateline(article.published_at),
        byline="" if variant == "compact" else byline(article.bylines.all()),
    )


@register.simple_tag
def dateline(date: datetime | None) -> SafeString:
    """<time class="dateline">: the day in the page's language (Moroccan month names in
    Arabic, dima/formats/), the exact moment in local time for machines."""
    return _dateline(date, get_current_timezone(), get_language())


# Formatting a date is the dearest part of a card, and a list shows the same articles on every
# request: each date is formatted once per time zone and language.
@lru_cache(maxsize=4096)
def _dateline(date: datetime | None, timezone: tzinfo, language: str) -> SafeString:
    local = date.astimezone(timezone) if date else None
    return format_html(
        '<time class="dateline" datetime="{}" lang="{}" dir="auto">{}</time>',
        local.isoformat() if local else "",
        language,
        date_format(local, "DATE_FORMAT") if local else "",
    )


@register.simple_tag
def byline(bylines: Iterable[Byline], *, link: bool = False) -> SafeString:
    """<p class="byline">: "A, B and C", each with its label ("صوتكم: A"); linked to the
    authors' pages on the article itself, plain on cards (one link per card is enough)."""
    credits = tuple(
        (line.label, line.author.name, absolute_url(line.author) if link else None)
        for line in bylines
    )
    return _byline(credits, get_language())


@lru_cache(maxsize=4096)
def _byline(credits: tuple[tuple[str, str, str | None], ...], language: str) -> SafeString:
    last = len(credits) - 1
    parts = []
    for number, (label, name, url) in enumerate(credits):
        if number:
            parts.append(
                format_html(" {} ", gettext("and"))
                if number == last
                else format_html("{}", pgettext("list separator", ", "))
            )
        parts.append(
            format_html(
                '<span class="byline__credit">{}{}</span>',
                format_html('<span class="byline__label">{}:</span> ', label) if label else "",
                format_html('<a class="byline__author" href="{}" rel="author">{}</a>', url, name)
                if url
                else format_html('<span class="byline__author">{}</span>', name),
            )
        )
    return format_html('<p class="byline">{}</p>', SafeString("".join(parts)))
