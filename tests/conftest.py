import pytest

from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory


@pytest.fixture(autouse=True)
def arabic_by_default():
    """Each test starts in Arabic: a request to /fr/ leaves French active in this thread."""
    from django.utils import translation

    translation.activate("ar")
    yield
    translation.activate("ar")


@pytest.fixture(autouse=True)
def closed_cache_breaker():
    """Each test starts with Redis in use: a test that froze it leaves the breaker open."""
    from dima.cache import breaker

    breaker.close()
    yield
    breaker.close()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (the section menu is cached)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def cache_on_the_test_clock(settings):
    """A cache in this process, of this test alone: it follows the test's clock (time-machine),
    where Redis keeps its own. Each gets its own store: locmem caches of one LOCATION share
    their entries across tests, and the autouse clear above empties the site's cache only."""
    import uuid

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"test-clock-{uuid.uuid4()}",
        }
    }


def warm_site_wide_caches(client) -> None:
    """Warm what every page shares and a running site always has cached: the section menu,
    the cookie groups and the banner's text. Pages themselves stay uncached."""
    client.get("/cookies/")


@pytest.fixture
def section(db):
    return SectionFactory(name="وطنية")


@pytest.fixture
def seed_like_article(db, section):
    """An article shaped like the seed: a labelled byline, tags and several paragraphs."""
    author = AuthorFactory(name="مولاي احمد الجعفري")
    return ArticleFactory(
        title="الأمن المغربي في مقدمة تأمين كاس العالم بقطر 2022",
        section=section,
        body="<p>الفقرة الأولى.</p><p>الفقرة الثانية.</p>",
        bylines=[(author, "صوتكم")],
        tags=[TagFactory(name="الأمن"), TagFactory(name="كأس العالم 2022")],
    )


@pytest.fixture
def editor(db, django_user_model):
    """A staff member who may edit articles and moderate comments, not a superuser."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["articles", "comments"])
    )
    return user
