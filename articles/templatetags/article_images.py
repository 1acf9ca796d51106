from django import template
from django.db.models.fields.files import ImageFieldFile

from dima.images import original_extension, rendition_name, rendition_widths

register = template.Library()


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
    """A <picture> with WebP and original-format renditions; no storage access while rendering."""
    if not image or not width or not height:
        return {"image": None}
    widths = rendition_widths(width)

    def srcset(extension: str) -> str:
        return ", ".join(
            f"{image.storage.url(rendition_name(image.name, w, extension))} {w}w" for w in widths
        )

    extension = original_extension(image.name)
    fallback = min(widths, key=lambda w: abs(w - 800))
    return {
        "image": image,
        "webp_srcset": srcset("webp"),
        "srcset": srcset(extension),
        "src": image.storage.url(rendition_name(image.name, fallback, extension)),
        "width": width,
        "height": height,
        "alt": alt,
        "sizes": sizes,
        "eager": eager,
    }
