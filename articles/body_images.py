"""Give images in an article's body their renditions, dimensions and lazy loading."""

import re

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils.html import escape

from articles.images import rendition_name, rendition_widths

IMG_TAG = re.compile(r"<img\b([^>]*)>")
SRC = re.compile(r'\bsrc="([^"]+)"')
BODY_SIZES = "(min-width: 48rem) 46rem, 100vw"


def responsive_body_images(html: str) -> str:
    """Add srcset (WebP renditions), sizes, width, height and lazy loading to uploaded images.

    Runs on sanitised HTML (attributes double-quoted); images from elsewhere, and images whose
    renditions the task worker has not made yet, are left alone.
    """
    from articles.models import EditorImage

    media = settings.MEDIA_URL.rstrip("/") + "/"
    sources = {
        match[1].removeprefix(media)
        for match in (SRC.search(attrs) for attrs in IMG_TAG.findall(html))
        if match and match[1].startswith(media + "editor/")
    }
    if not sources:
        return html
    known = {image.image.name: image for image in EditorImage.objects.filter(image__in=sources)}

    def enhance(tag: re.Match) -> str:
        attrs = tag[1]
        src = SRC.search(attrs)
        image = (
            known.get(src[1].removeprefix(settings.MEDIA_URL.rstrip("/") + "/")) if src else None
        )
        if image is None or not image.width or not image.renditions_ready:
            return tag[0]
        srcset = ", ".join(
            f"{default_storage.url(rendition_name(image.image.name, w, 'webp'))} {w}w"
            for w in rendition_widths(image.width)
        )
        attrs = re.sub(r'\s(width|height)="[^"]*"', "", attrs)
        extra = (
            f' width="{image.width}" height="{image.height}" srcset="{escape(srcset)}"'
            f' sizes="{BODY_SIZES}" loading="lazy" decoding="async"'
        )
        return f"<img{attrs}{extra}>"

    return IMG_TAG.sub(enhance, html)
