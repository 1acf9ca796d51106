"""The banner's wording in the reader's language, as editors last saved it (cached)."""

from django.core.cache import cache
from django.utils.translation import gettext, override

from consent.models import BannerText

CACHE_KEY = "consent:banner:{language}"


def default_banner(language: str) -> BannerText:
    with override(language):
        return BannerText(
            language=language,
            title=gettext("Cookies"),
            text=gettext(
                "We use cookies that the site needs to work. With your agreement we also "
                "remember your details for comments and count visits. Nothing optional is "
                "set until you choose, and you can change your mind at any time."
            ),
        )


def banner_text(language: str) -> BannerText:
    key = CACHE_KEY.format(language=language)
    text = cache.get(key)
    if text is None:
        text = BannerText.objects.filter(language=language).first() or default_banner(language)
        cache.set(key, text, timeout=None)
    return text


def forget_banner_text(language: str) -> None:
    cache.delete(CACHE_KEY.format(language=language))
