"""Rich previews of an article: Open Graph, Twitter card and schema.org NewsArticle (or
what ARTICLE_STRUCTURED_DATA makes of it)."""

import json

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString

from articles.images import original_extension, rendition_name, rendition_widths, renditions_ready
from articles.models import Article
from articles.templatetags.article_lines import absolute_url

register = template.Library()

OG_LOCALES = {"ar": "ar_AR", "fr": "fr_FR", "en": "en_US"}
# As django.utils.html.json_script escapes: the JSON can never close its <script> element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def share_image(article: Article, request) -> dict | None:
    """The largest rendition in the original format, which every previewer understands."""
    if not article.image or not article.image_width:
        return None
    if not renditions_ready(article.image):  # the stored image, until its renditions exist
        return {
            "url": request.build_absolute_uri(article.image.url),
            "width": article.image_width,
            "height": article.image_height,
        }
    width = rendition_widths(article.image_width)[-1]
    name = rendition_name(article.image.name, width, original_extension(article.image.name))
    return {
        "url": request.build_absolute_uri(article.image.storage.url(name)),
        "width": width,
        "height": round(article.image_height * width / article.image_width),
    }


@register.inclusion_tag("articles/includes/article_meta.html", takes_context=True)
def article_meta(context, article: Article) -> dict:
    request = context["request"]
    url = request.build_absolute_uri(absolute_url(article))
    image = share_image(article, request)
    authors = [byline.author for byline in article.bylines.all()]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.excerpt,
        "inLanguage": article.language,
        "mainEntityOfPage": url,
        "datePublished": article.published_at.isoformat(),
        "dateModified": article.modified_at.isoformat(),
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": request.build_absolute_uri(absolute_url(author)),
            }
            for author in authors
        ],
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": settings.DIMA_SITE_NAME,
            "url": request.build_absolute_uri("/"),
            "logo": {
                "@type": "ImageObject",
                "url": request.build_absolute_uri(static("img/logo.png")),
                "width": 512,
                "height": 512,
            },
        },
    }
    if image:
        data["image"] = {"@type": "ImageObject", **image}
    if article.corrections_for_readers:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": note.text,
                "datePublished": note.created_at.isoformat(),
            }
            for note in article.corrections_for_readers
        ]
    # Apps above articles add to the same object (live coverage makes it a LiveBlogPosting).
    for path in settings.ARTICLE_STRUCTURED_DATA:
        data = import_string(path)(article, data, request)
    return {
        "article": article,
        "og_locale": OG_LOCALES.get(article.language, "ar_AR"),
        "url": url,
        "image": image,
        "site_name": settings.DIMA_SITE_NAME,
        "json_ld": json_ld(data),
    }


def json_ld(data: dict) -> SafeString:
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', SafeString(text))
