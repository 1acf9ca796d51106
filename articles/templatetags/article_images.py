from functools import lru_cache

from django import template
from django.core.files.storage import Storage
from django.db.models.fields.files import ImageFieldFile
from django.utils.html import format_html
from django.utils.safestring import SafeString

from articles.images import original_extension, rendition_name, rendition_widths, renditions_ready

register = template.Library()

# The first image of a page is its largest paint: fetched first; the others when scrolled to.
LOADING = {
    True: SafeString(' fetchpriority="high"'),
    False: SafeString(' loading="lazy" decoding="async"'),
}


@lru_cache(maxsize=4096)
def rendition_addresses(storage: Storage, name: str, width: int) -> tuple[str, str, str]:
    """The WebP srcset, the original-format srcset and the fallback address of an image.

    They depend on its name and width only, and every card of every page asks for them.
    """
    widths = rendition_widths(width)

    def srcset(extension: str) -> str:
        return ", ".join(f"{storage.url(rendition_name(name, w, extension))} {w}w" for w in widths)

    extension = original_extension(name)
    fallback = min(widths, key=lambda w: abs(w - 800))
    return srcset("webp"), srcset(extension), storage.url(rendition_name(name, fallback, extension))


@register.simple_tag
def picture(
    image: ImageFieldFile,
    width: int | None,
    height: int | None,
    *,
    alt: str = "",
    sizes: str = "100vw",
    eager: bool = False,
) -> SafeString:
    """A <picture> with WebP and original-format renditions; no storage access while rendering.

    While the task worker has not made the renditions yet (`renditions_ready` on the image's
    row), the stored image itself: it is never more than STORED_PIXELS (articles.images).
    Built here rather than by an inclusion tag: every card of a list has one, and rendering
    a template for each cost more than the rest of the card.
    """
    if not image or not width or not height:
        return SafeString("")
    return _picture(
        image.storage, image.name, renditions_ready(image), width, height, alt, sizes, bool(eager)
    )


# A list shows the same pictures on every request: each is written once.
@lru_cache(maxsize=4096)
def _picture(
    storage: Storage,
    name: str,
    ready: bool,
    width: int,
    height: int,
    alt: str,
    sizes: str,
    eager: bool,
) -> SafeString:
    if not ready:
        return format_html(
            '<img src="{}" alt="{}" width="{}" height="{}"{}>',
            storage.url(name),
            alt,
            width,
            height,
            LOADING[eager],
        )
    webp_srcset, fallback_srcset, src = rendition_addresses(storage, name, width)
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" alt="{}" width="{}" height="{}"{}></picture>',
        webp_srcset,
        sizes,
        src,
        fallback_srcset,
        sizes,
        alt,
        width,
        height,
        LOADING[eager],
    )
