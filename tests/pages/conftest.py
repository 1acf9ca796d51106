import pytest

from pages.services import page_put


@pytest.fixture
def about(db):
    """The newsroom's "about us" page, at its Arabic address."""
    page, _created = page_put(
        url="/من-نحن/",
        title="من نحن",
        body="<p>ديما مسموع جريدة إلكترونية مغربية.</p>",
        published=True,
    )
    return page


@pytest.fixture
def draft_policy(db):
    page, _created = page_put(
        url="/السياسة-التحريرية/",
        title="السياسة التحريرية",
        body="<p>مسودة.</p>",
        published=False,
    )
    return page
