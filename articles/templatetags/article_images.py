from functools import lru_cache

from django import template
from django.core.files.storage import Storage
from django.db.models.fields.files import ImageFieldFile

from articles.images import original_extension, rendition_name, rendition_widths, renditions_ready

register = template.Library()


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


@register.inclusion_tag("includes/picture.html")
def picture(
    image: ImageFieldFile,
    width: int | None,
    height: int | None,
    *,
    alt: str = "",
    sizes: str = "100vw",
    eager: bool = False,
) -> dict:
    """A <picture> with WebP and original-format renditions; no storage access while rendering.

    While the task worker has not made the renditions yet (`renditions_ready` on the image's
    row), the stored image itself: it is never more than STORED_PIXELS (articles.images).
    """
    if not image or not width or not height:
        return {"image": None}
    if not renditions_ready(image):
        return {
            "image": image,
            "src": image.url,
            "width": width,
            "height": height,
            "alt": alt,
            "eager": eager,
        }
    webp_srcset, fallback_srcset, src = rendition_addresses(image.storage, image.name, width)
    return {
        "image": image,
        "webp_srcset": webp_srcset,
        "srcset": fallback_srcset,
        "src": src,
        "width": width,
        "height": height,
        "alt": alt,
        "sizes": sizes,
        "eager": eager,
    }
