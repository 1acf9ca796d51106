"""What each WordPress thing becomes, proved on a real WordPress 6.1 export (fixtures/).

The export is imported once for the module (the `imported` fixture).
"""

from datetime import UTC, datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage

import pytest
from PIL import Image

from articles.images import rendition_name
from articles.models import Article, Author, Section, Tag
from articles.tasks import make_renditions_for
from comments.models import Comment
from pages.models import Page
from tests.wordpress.conftest import EXPORT, IDS
from wordpress.wxr import Item, read_export

POSTS = IDS["posts"]
COMMENTS = IDS["comments"]


def wordpress_item(post_id: int) -> Item:
    return next(t for t in read_export(EXPORT) if isinstance(t, Item) and t.id == post_id)


def test_published_posts_keep_their_wordpress_id_as_the_article_id(imported):
    published = [
        t.id
        for t in read_export(EXPORT)
        if isinstance(t, Item) and t.type == "post" and t.status == "publish" and not t.password
    ]
    assert len(published) > 30
    assert set(published) <= set(Article.objects.published().values_list("pk", flat=True))


def test_title_dates_excerpt_and_last_change_come_over(imported):
    item = wordpress_item(POSTS["classic"])
    article = Article.objects.get(pk=item.id)
    assert article.title == item.title
    assert article.published_at == item.date_gmt
    assert article.updated_at == item.modified_gmt
    assert article.status == Article.Status.PUBLISHED


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("draft", Article.Status.DRAFT),
        ("pending", Article.Status.SUBMITTED),
        ("private", Article.Status.DRAFT),
        ("password", Article.Status.DRAFT),
    ],
)
def test_drafts_pending_private_and_password_posts_are_not_public(imported, client, name, status):
    article = Article.objects.get(pk=POSTS[name])
    assert article.status == status
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_scheduled_post_is_scheduled_at_its_time(imported):
    article = Article.objects.get(pk=POSTS["future"])
    assert article.is_scheduled
    assert article.published_at.year == 2030


def test_trashed_posts_and_menu_items_are_not_imported(imported):
    assert not Article.objects.filter(pk=POSTS["trashed"]).exists()
    assert imported.posts["trash", "skipped"] == 1
    assert imported.other_items["nav_menu_item"] == 3


def test_sticky_posts_are_counted(imported):
    assert imported.sticky == 1


def test_authors_keep_their_display_names_and_get_no_login(imported):
    names = set(Author.objects.values_list("name", flat=True))
    assert {"سعاد بنعلي", "Karim Benjelloun"} <= names
    assert Author.objects.get(name="سعاد بنعلي").slug == "souad"
    assert not get_user_model().objects.exists()


def test_each_article_is_credited_to_its_wordpress_author(imported):
    for item in read_export(EXPORT):
        if isinstance(item, Item) and item.type == "post" and item.status == "publish":
            article = Article.objects.get(pk=item.id)
            expected = "souad" if item.creator == "souad" else None
            if expected:
                assert [a.slug for a in article.authors.all()] == [expected]


def test_nested_arabic_categories_become_sections_and_the_first_is_the_article_s(imported):
    assert {"مجتمع", "تعليم", "جامعات", "Opinion"} <= set(
        Section.objects.values_list("name", flat=True)
    )
    assert Section.objects.get(name="جامعات").slug == "جامعات"
    item = wordpress_item(POSTS["two_categories"])
    first = item.terms_of("category")[0].name
    assert Article.objects.get(pk=item.id).section.name == first


def test_tags_come_through_with_decoded_arabic_slugs(imported):
    tag = Tag.objects.get(name="كأس العالم")
    assert tag.slug == "كأس-العالم"
    assert Article.objects.filter(tags=tag).exists()


def test_classic_content_gets_its_paragraphs_captions_as_figures_and_no_script(imported):
    body = Article.objects.get(pk=POSTS["classic"]).body
    assert body.count("<p>") >= 3
    assert "<figure" in body and "<figcaption>" in body
    assert "[caption" not in body and "[gallery" not in body and "[contact-form-7" not in body
    assert "<script" not in body and "alert(1)" not in body
    assert imported.shortcodes["contact-form-7"] == 2  # the classic post and the contact page


def test_block_editor_comments_are_gone_and_its_markup_kept(imported):
    body = Article.objects.get(pk=POSTS["blocks"]).body
    assert "wp:" not in body
    assert "<figcaption>" in body


def test_body_images_are_brought_into_dima_media(imported):
    body = Article.objects.get(pk=POSTS["classic"]).body
    assert "127.0.0.1:8081" not in body and "wp-content" not in body
    assert f'src="{settings.MEDIA_URL}editor/imported/' in body
    assert 'srcset="' in body


def test_the_featured_image_is_cleaned_with_its_alt_caption_and_renditions(imported):
    article = Article.objects.get(pk=POSTS["classic"])
    assert article.image and article.image_alt
    assert article.image_caption
    assert (article.image_width, article.image_height) == (1200, 800)
    # Queued for the task worker once the import commits; what the worker then does:
    assert article.renditions_ready is False
    make_renditions_for.call("articles.Article", article.pk, article.image.name)
    assert default_storage.exists(rendition_name(article.image.name, 480, "webp"))
    assert Article.objects.get(pk=article.pk).renditions_ready


def test_a_rotated_photo_arrives_upright_without_its_exif(imported):
    article = Article.objects.get(pk=POSTS["sticky"])
    with article.image.open("rb") as stored, Image.open(stored) as image:
        assert not image.getexif()
        assert image.height > image.width  # orientation 6: a portrait once turned


def test_pages_are_served_at_their_old_addresses(imported, client):
    about = Page.objects.get(pk__isnull=False, title="من نحن")
    assert about.published
    assert client.get("/من-نحن/").status_code == 200
    assert client.get("/%d9%85%d9%86-%d9%86%d8%ad%d9%86/").status_code == 200
    assert Page.objects.filter(published=False).count() == 1


def test_threads_are_rebuilt_and_the_deepest_reply_hangs_at_the_deepest_level(imported):
    article = Article.objects.get(pk=POSTS["discussed"])
    by_name = {c.body[:40]: c for c in Comment.objects.filter(article=article)}
    depths = sorted(c.depth for c in by_name.values())
    assert max(depths) == settings.COMMENTS_MAX_DEPTH - 1
    deepest = [c for c in by_name.values() if c.depth == settings.COMMENTS_MAX_DEPTH - 1]
    assert len(deepest) == 2  # the third and the fourth level, side by side
    assert deepest[0].parent_id == deepest[1].parent_id


def test_pending_comments_wait_and_trash_and_pingbacks_are_not_comments(imported):
    article = Article.objects.get(pk=POSTS["discussed"])
    assert Comment.objects.filter(article=article, status=Comment.Status.PENDING).count() == 1
    assert imported.comments["trash", "not imported"] == 1
    assert imported.comments["pingback", "not imported"] == 1
    assert not Comment.objects.filter(body__contains="pingback").exists()


def test_every_article_s_comment_count_is_exact(imported):
    for article in Article.objects.all():
        assert article.comment_count == article.comments.approved().count()


def test_comment_author_url_and_date_are_kept_and_an_old_ip_is_not(imported):
    wordpress = {c.id: c for c in wordpress_item(POSTS["discussed"]).comments}
    old = wordpress[COMMENTS["thread_1"]]
    comment = Comment.objects.get(created_at=old.date_gmt)
    assert (comment.name, comment.email, comment.url) == (
        old.author,
        old.author_email,
        old.author_url,
    )
    assert old.date_gmt < datetime(2020, 1, 1, tzinfo=UTC)
    assert old.author_ip and comment.ip_address is None


def test_a_script_in_a_comment_is_plain_text(imported):
    wordpress = {c.id: c for c in wordpress_item(POSTS["discussed"]).comments}
    comment = Comment.objects.get(created_at=wordpress[COMMENTS["script"]].date_gmt)
    assert "<script" not in comment.body and "<a" not in comment.body
    assert "alert" not in comment.body  # what the script said goes with it


def test_the_next_article_an_editor_writes_gets_a_new_id(imported, section):
    from tests.factories import ArticleFactory

    assert ArticleFactory(section=section).pk > max(
        Article.objects.exclude(section=section).values_list("pk", flat=True)
    )
