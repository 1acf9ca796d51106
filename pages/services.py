from pages.addresses import page_address
from pages.models import Page


def page_put(
    *, url: str, title: str, body: str, published: bool, language: str = "ar"
) -> tuple[Page, bool]:
    """Create the page at `url` or update the one there; return it and whether it is new.

    Raises ValidationError for an address the site cannot give a page, or an unknown language.
    """
    address = page_address(url)
    page = Page.objects.filter(url=address).first()
    created = page is None
    if created:
        page = Page(url=address)
    page.title, page.body, page.published, page.language = title, body, published, language
    page.full_clean()
    page.save()
    return page, created
