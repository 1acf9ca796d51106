"""What invalidates what (docs/caching.md): one test per row of the table.

Every page of a small site is cached, one change is made and committed, and then every page
is asked for again. A page the change shows on must be rendered afresh and show it (nothing
stale anywhere); every other page must come from the cache (nothing refreshed for nothing).
"""

from datetime import timedelta

from django.utils import timezone

import pytest

from articles.models import Article, Correction
from comments.models import Comment
from comments.services import comments_set_status
from consent.models import BannerText
from pages.models import Page
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CommentFactory,
    DraftFactory,
    SectionFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(settings, db):
    """Two sections; X and Y share a tag, a section and an author; W is elsewhere."""
    settings.PAGE_CACHE = True
    national, sport = SectionFactory(name="وطنية"), SectionFactory(name="رياضة")
    tag, other_tag = TagFactory(name="الماء"), TagFactory(name="الكرة")
    author, other_author = AuthorFactory(name="سلمى بناني"), AuthorFactory(name="يوسف العلوي")
    an_hour_ago = timezone.now() - timedelta(hours=1)
    x = ArticleFactory(
        title="الماء يعود إلى الحي",
        section=national,
        tags=[tag],
        bylines=[(author, "")],
        published_at=an_hour_ago,
    )
    y = ArticleFactory(
        title="سد جديد في الجهة",
        section=national,
        tags=[tag],
        bylines=[(author, "")],
        published_at=an_hour_ago - timedelta(minutes=5),
    )
    w = ArticleFactory(
        title="الوداد يفوز",
        section=sport,
        tags=[other_tag],
        bylines=[(other_author, "")],
        published_at=an_hour_ago - timedelta(minutes=10),
    )
    page = Page.objects.create(url="/about/", title="من نحن", body="<p>ديما.</p>", published=True)
    pages = {
        "home": "/",
        "X": x.get_absolute_url(),
        "Y": y.get_absolute_url(),
        "W": w.get_absolute_url(),
        "section": national.get_absolute_url(),
        "other section": sport.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "other tag": other_tag.get_absolute_url(),
        "author": author.get_absolute_url(),
        "other author": other_author.get_absolute_url(),
        "feed": "/feed/",
        "section feed": f"{national.get_absolute_url()}feed/",
        "search": "/search/?q=الماء",
        "corrections": "/corrections/",
        "about": page.get_absolute_url(),
        "story form": "/صوتكم/",
    }
    return {"x": x, "y": y, "w": w, "tag": tag, "section": national, "author": author}, pages


def warm(client, pages: dict[str, str]) -> None:
    for name, address in pages.items():
        response = client.get(address)
        assert response.status_code == 200, name
        assert client.get(address)["X-Page-Cache"] == "hit", name


def refreshed(client, pages: dict[str, str]) -> dict[str, str]:
    """Each page asked for again: name -> its text, for the ones rendered afresh."""
    fresh = {}
    for name, address in pages.items():
        response = client.get(address)
        assert response.status_code == 200, name
        if response["X-Page-Cache"] == "miss":
            fresh[name] = response.text
    return fresh


ALL = {
    "home",
    "X",
    "Y",
    "W",
    "section",
    "other section",
    "tag",
    "other tag",
    "author",
    "other author",
    "feed",
    "section feed",
    "search",
    "corrections",
    "about",
    "story form",
}
LISTS_OF_X = {"home", "section", "tag", "author", "feed", "section feed", "search"}
ARTICLE_PAGES = {"X", "Y", "W"}


def change(callbacks, make_change) -> None:
    with callbacks(execute=True):
        make_change()


def saved(instance, **fields) -> None:
    """Set these fields and save, as an editor's form does."""
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.save()


def test_approving_a_comment_refreshes_its_article_only(
    client, site, django_capture_on_commit_callbacks
):
    objects, pages = site
    warm(client, pages)
    pending = CommentFactory(article=objects["x"], status="pending", body="تعليق ينتظر")
    change(
        django_capture_on_commit_callbacks,
        lambda: comments_set_status([pending.pk], Comment.Status.APPROVED),
    )
    fresh = refreshed(client, pages)
    assert set(fresh) == {"X"}
    assert "تعليق ينتظر" in fresh["X"]


def test_a_comment_held_for_moderation_refreshes_nothing(
    client, site, django_capture_on_commit_callbacks
):
    objects, pages = site
    warm(client, pages)
    change(
        django_capture_on_commit_callbacks,
        lambda: CommentFactory(article=objects["x"], status="pending"),
    )
    assert refreshed(client, pages) == {}


def test_publishing_an_article_refreshes_its_lists_and_no_other_article(
    client, site, django_capture_on_commit_callbacks
):
    objects, pages = site
    warm(client, pages)

    def publish():
        ArticleFactory(
            title="انقطاع جديد للماء",
            section=objects["section"],
            tags=[objects["tag"]],
            bylines=[(objects["author"], "")],
        )

    change(django_capture_on_commit_callbacks, publish)
    fresh = refreshed(client, pages)
    assert set(fresh) == LISTS_OF_X
    for name in LISTS_OF_X:
        assert "انقطاع جديد للماء" in fresh[name], name


def test_saving_a_draft_refreshes_nothing(client, site, django_capture_on_commit_callbacks):
    objects, pages = site
    warm(client, pages)
    change(
        django_capture_on_commit_callbacks,
        lambda: DraftFactory(section=objects["section"], tags=[objects["tag"]]),
    )
    assert refreshed(client, pages) == {}


def test_editing_a_public_articles_title_refreshes_it_its_lists_and_related_lists(
    client, site, django_capture_on_commit_callbacks
):
    objects, pages = site
    warm(client, pages)

    change(
        django_capture_on_commit_callbacks,
        lambda: saved(objects["x"], title="الماء يعود أخيراً إلى الحي"),
    )
    fresh = refreshed(client, pages)
    assert set(fresh) == LISTS_OF_X | ARTICLE_PAGES
    for name in (LISTS_OF_X | {"X", "Y"}) - {"search"}:
        assert "الماء يعود أخيراً إلى الحي" in fresh[name], name


def test_unpublishing_an_article_removes_it_from_its_lists_and_related_lists(
    client, site, django_capture_on_commit_callbacks
):
    objects, pages = site
    warm(client, pages)

    change(
        django_capture_on_commit_callbacks, lambda: saved(objects["x"], status=Article.Status.DRAFT)
    )
    pages_now = {name: address for name, address in pages.items() if name != "X"}
    fresh = refreshed(client, pages_now)
    assert set(fresh) == (LISTS_OF_X | ARTICLE_PAGES) - {"X"}
    for name, text in fresh.items():
        assert "الماء يعود إلى الحي" not in text, name
    assert client.get(pages["X"]).status_code == 404


def test_renaming_a_tag_refreshes_its_list_and_the_articles_that_show_it(
    client, site, django_capture_on_commit_callbacks
):
    objects, pages = site
    warm(client, pages)

    change(
        django_capture_on_commit_callbacks, lambda: saved(objects["tag"], name="الماء الصالح للشرب")
    )
    fresh = refreshed(client, pages)
    assert set(fresh) == {"tag", "X", "Y"}
    for name in fresh:
        assert "الماء الصالح للشرب" in fresh[name], name


def test_renaming_an_author_refreshes_their_list_their_articles_and_lists_showing_them(
    client, site, django_capture_on_commit_callbacks
):
    objects, pages = site
    warm(client, pages)

    change(
        django_capture_on_commit_callbacks,
        lambda: saved(objects["author"], name="سلمى بناني الإدريسي"),
    )
    fresh = refreshed(client, pages)
    assert set(fresh) == LISTS_OF_X | ARTICLE_PAGES
    for name in ("X", "Y", "author", "home"):
        assert "سلمى بناني الإدريسي" in fresh[name], name


def test_renaming_a_section_refreshes_every_page(client, site, django_capture_on_commit_callbacks):
    objects, pages = site
    warm(client, pages)

    change(
        django_capture_on_commit_callbacks, lambda: saved(objects["section"], name="الشأن الوطني")
    )
    fresh = refreshed(client, pages)
    assert set(fresh) == ALL
    for name, text in fresh.items():
        assert "الشأن الوطني" in text, name  # the menu on every page


def test_a_correction_refreshes_its_article_and_the_corrections_page(
    client, site, django_capture_on_commit_callbacks
):
    objects, pages = site
    warm(client, pages)
    change(
        django_capture_on_commit_callbacks,
        lambda: Correction.objects.create(article=objects["x"], text="صُحح تاريخ الانقطاع."),
    )
    fresh = refreshed(client, pages)
    assert set(fresh) == {"X", "corrections"}
    assert "صُحح تاريخ الانقطاع." in fresh["X"] and "صُحح تاريخ الانقطاع." in fresh["corrections"]


def test_editing_a_standing_page_refreshes_it_only(
    client, site, django_capture_on_commit_callbacks
):
    _objects, pages = site
    warm(client, pages)

    def edit():
        page = Page.objects.get()
        page.body = "<p>ديما مسموع، منذ 2020.</p>"
        page.save()

    change(django_capture_on_commit_callbacks, edit)
    fresh = refreshed(client, pages)
    assert set(fresh) == {"about"}
    assert "منذ 2020" in fresh["about"]


def test_editing_the_banner_refreshes_every_page(client, site, django_capture_on_commit_callbacks):
    _objects, pages = site
    warm(client, pages)

    def edit():
        text = BannerText.objects.get(language="ar")
        text.text = "نص جديد للافتة"
        text.save()

    change(django_capture_on_commit_callbacks, edit)
    assert set(refreshed(client, pages)) == ALL


def test_publishing_in_bulk_from_the_admin_refreshes_the_lists_it_joins(
    client, site, django_capture_on_commit_callbacks, django_user_model
):
    from articles.services import articles_set_status

    objects, pages = site
    draft = DraftFactory(
        title="مقال ينشر دفعة واحدة",
        section=objects["section"],
        tags=[objects["tag"]],
        bylines=[(objects["author"], "")],
    )
    warm(client, pages)
    editor = django_user_model.objects.create_user("desk")
    change(
        django_capture_on_commit_callbacks,
        lambda: articles_set_status(
            Article.objects.filter(pk=draft.pk), Article.Status.PUBLISHED, editor=editor
        ),
    )
    fresh = refreshed(client, pages)
    assert set(fresh) == LISTS_OF_X
    missing = {name for name, text in fresh.items() if "مقال ينشر دفعة واحدة" not in text}
    assert missing == {"search"}  # refreshed, but the search is for "الماء"


def test_deleting_a_comment_refreshes_its_article_only(
    client, site, django_capture_on_commit_callbacks
):
    from comments.services import comments_delete

    objects, pages = site
    comment = CommentFactory(article=objects["y"], body="تعليق سيحذف")
    warm(client, pages)
    change(django_capture_on_commit_callbacks, lambda: comments_delete([comment.pk]))
    fresh = refreshed(client, pages)
    assert set(fresh) == {"Y"}
    assert "تعليق سيحذف" not in fresh["Y"]


def test_renditions_made_for_an_image_refresh_its_article_and_the_lists_showing_it(
    client, site, django_capture_on_commit_callbacks
):
    import io

    from django.core.files.base import ContentFile

    from PIL import Image

    from articles.tasks import make_renditions_for

    objects, pages = site
    out = io.BytesIO()
    Image.new("RGB", (1000, 600), "teal").save(out, "JPEG")
    x = objects["x"]
    x.image.save("x.jpg", ContentFile(out.getvalue()), save=False)
    x.image_alt = "صورة"
    x.renditions_ready = False
    Article.objects.filter(pk=x.pk).update(
        image=x.image.name, image_alt="صورة", renditions_ready=False
    )
    warm(client, pages)
    change(
        django_capture_on_commit_callbacks,
        lambda: make_renditions_for.call("articles.Article", x.pk, x.image.name),
    )
    fresh = refreshed(client, pages)
    assert set(fresh) == LISTS_OF_X | ARTICLE_PAGES
    assert "srcset" in fresh["X"] and "-480.webp" in fresh["home"]


def test_a_hit_costs_one_cache_round_trip_for_the_page_and_all_its_versions(
    client, site, monkeypatch
):
    """The versions a page depends on come from its address: they are read with the page.

    Calls made from inside another call are not counted (the in-memory cache of the tests
    answers get_many with one get per key; Redis answers it with one MGET)."""
    from django.core.cache import cache

    _objects, pages = site
    warm(client, pages)
    calls, depth = [], [0]
    for method in ("get", "get_many", "set", "set_many", "incr", "get_or_set"):
        original = getattr(cache, method)

        def spy(*args, _method=method, _original=original, **kwargs):
            if not depth[0]:
                calls.append(_method)
            depth[0] += 1
            try:
                return _original(*args, **kwargs)
            finally:
                depth[0] -= 1

        monkeypatch.setattr(cache, method, spy)
    for name in ("X", "home", "tag", "search"):
        calls.clear()
        response = client.get(pages[name])
        assert response["X-Page-Cache"] == "hit"
        assert calls == ["get_many"], (name, calls)


def test_unpublishing_an_article_with_a_correction_refreshes_the_corrections_page(
    client, site, django_capture_on_commit_callbacks
):
    objects, pages = site
    Correction.objects.create(article=objects["x"], text="صُحح تاريخ الانقطاع.")
    warm(client, pages)

    change(
        django_capture_on_commit_callbacks, lambda: saved(objects["x"], status=Article.Status.DRAFT)
    )
    pages_now = {name: address for name, address in pages.items() if name != "X"}
    fresh = refreshed(client, pages_now)
    assert "corrections" in fresh
    assert "صُحح تاريخ الانقطاع." not in fresh["corrections"]


def test_a_byline_moved_to_another_author_refreshes_both_authors_lists(
    client, site, django_capture_on_commit_callbacks
):
    from articles.models import Byline

    objects, pages = site
    other = AuthorFactory(name="حسن الإدريسي")
    pages = {**pages, "new author": other.get_absolute_url()}
    warm(client, {k: v for k, v in pages.items() if k != "new author"})

    def move():
        byline = Byline.objects.get(article=objects["y"], author=objects["author"])
        byline.author = other
        byline.save()

    change(django_capture_on_commit_callbacks, move)
    fresh = refreshed(client, {k: v for k, v in pages.items() if k != "new author"})
    assert {"author", "Y"} <= set(fresh)
    assert "سد جديد في الجهة" not in fresh["author"]
    assert "سد جديد في الجهة" in client.get(pages["new author"]).text


def test_clearing_an_articles_tags_refreshes_the_lists_of_the_tags_it_had(
    client, site, django_capture_on_commit_callbacks
):
    objects, pages = site
    warm(client, pages)
    change(django_capture_on_commit_callbacks, lambda: objects["y"].tags.clear())
    fresh = refreshed(client, pages)
    assert {"tag", "Y"} <= set(fresh)
    assert "سد جديد في الجهة" not in fresh["tag"]


def test_removing_an_article_from_a_tag_refreshes_that_articles_page(
    client, site, django_capture_on_commit_callbacks
):
    objects, pages = site
    warm(client, pages)
    assert f'href="{pages["tag"]}"' in client.get(pages["Y"]).text
    change(django_capture_on_commit_callbacks, lambda: objects["tag"].articles.remove(objects["y"]))
    fresh = refreshed(client, pages)
    assert {"tag", "Y"} <= set(fresh)
    assert f'href="{pages["tag"]}"' not in fresh["Y"]  # its tag link is gone


def test_a_bulk_change_refreshes_every_page_once_committed(
    client, site, django_capture_on_commit_callbacks
):
    from pagecache.dependencies import bulk_change

    objects, pages = site
    warm(client, pages)

    def import_like():
        with bulk_change():
            saved(objects["w"], title="الوداد يفوز بالبطولة")

    change(django_capture_on_commit_callbacks, import_like)
    fresh = refreshed(client, pages)
    assert set(fresh) == ALL
    assert "الوداد يفوز بالبطولة" in fresh["W"]
