"""The banner's wording in the reader's language, as editors last saved it.

Not cached on its own: it is read when the banner is rendered, and that result is kept
(consent/rendering.py), and once for each receipt (consent/services.py).
"""

from django.utils.translation import gettext, override

from consent.models import BannerText


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
    return BannerText.objects.filter(language=language).first() or default_banner(language)
