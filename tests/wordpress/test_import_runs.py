"""Running the import: again, after a change, dry, interrupted, on broken files, from the CLI."""

from io import StringIO

from django.core.management import CommandError, call_command

import pytest

from articles.models import Article, Author, Section, Tag
from comments.models import Comment
from pages.models import Page
from redirects.models import Redirect
from tests.wordpress.conftest import EXPORT, FIXTURES, IDS, UPLOADS, run_import
from wordpress.models import ImportRecord
from wordpress.wxr import Item, read_export

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, object]:
    """Everything the import writes, as comparable values."""
    return {
        "articles": list(
            Article.objects.order_by("pk").values_list(
                "pk", "title", "slug", "status", "published_at", "updated_at", "body", "image"
            )
        ),
        "comments": list(
            Comment.objects.order_by("pk").values_list("pk", "parent_id", "status", "body")
        ),
        "pages": list(Page.objects.order_by("pk").values_list("pk", "url", "body", "updated_at")),
        "redirects": list(
            Redirect.objects.order_by("pk").values_list("old_path", "new_path", "updated_at")
        ),
        "authors": Author.objects.count(),
        "sections": Section.objects.count(),
        "tags": Tag.objects.count(),
        "records": ImportRecord.objects.count(),
    }


def test_a_second_run_changes_nothing():
    run_import()
    before = snapshot()
    again = run_import()
    assert snapshot() == before
    assert again.redirects == 0
    assert {outcome for _status, outcome in again.posts} <= {"unchanged", "skipped"}
    assert {outcome for _status, outcome in again.comments} <= {"unchanged", "not imported"}
    assert again.images["copied"] == 0


def test_a_post_changed_in_wordpress_is_updated_on_the_next_run():
    run_import()
    renamed = IDS["posts"]["renamed"]
    before = Article.objects.get(pk=renamed)
    again = run_import(FIXTURES / "renamed-post-changed.xml")
    after = Article.objects.get(pk=renamed)
    assert again.posts["publish", "updated"] == 1
    assert after.title != before.title
    assert after.updated_at > before.updated_at
    assert Article.objects.filter(title=before.title).count() == 0


def test_the_1_1_format_imports_the_same_content():
    run_import(FIXTURES / "wxr-1.1.xml")
    assert Article.objects.filter(pk=IDS["posts"]["classic"]).exists()
    assert Comment.objects.count() > 50


def test_a_dry_run_writes_nothing_and_reports_what_a_run_would_do():
    dry = run_import(dry_run=True)
    assert not Article.objects.exists() and not Redirect.objects.exists()
    assert not ImportRecord.objects.exists()
    real = run_import()
    assert dry.posts == real.posts and dry.comments == real.comments
    assert dry.redirects == real.redirects and dry.shortcodes == real.shortcodes


class StopAfter:
    """A progress bar that is interrupted (Ctrl-C) once `items` items are done."""

    def __init__(self, items: int):
        self.left = items

    def __call__(self, **kwargs):
        bar = self

        class Bar:
            def update(self, n=1):
                if kwargs.get("unit") == "item":
                    bar.left -= n
                    if bar.left <= 0:
                        raise KeyboardInterrupt

            def close(self):
                pass

        return Bar()


def test_an_interrupted_import_leaves_no_half_item_and_the_next_run_finishes_it():
    stopped = run_import(progress=StopAfter(20))
    assert stopped.interrupted
    partial = Article.objects.count()
    assert 0 < partial < 40
    for article in Article.objects.all():
        assert ImportRecord.objects.filter(kind="post", object_id=article.pk).exists()
        assert article.comment_count == article.comments.approved().count()
    resumed = run_import()
    importable = [
        t
        for t in read_export(EXPORT)
        if isinstance(t, Item) and t.type == "post" and t.status != "trash"
    ]
    assert Article.objects.count() == len(importable)
    assert sum(n for (_s, outcome), n in resumed.posts.items() if outcome == "imported") == (
        len(importable) - partial
    )
    assert resumed.comments["approved", "imported"] > 0  # the discussed post came after


def test_without_the_uploads_folder_missing_images_are_warnings_and_the_rest_comes():
    report = run_import(uploads=None)
    assert report.images["missing"] > 0
    assert any("image not found" in w for w in report.warnings)
    assert Article.objects.filter(pk=IDS["posts"]["classic"], image="").exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("truncated.xml", "line"),
        ("bomb.xml", "refused"),
        ("external-entity.xml", "refused"),
        ("latin1.xml", "line"),
        ("not-wordpress.xml", "not a WordPress export"),
    ],
)
def test_a_broken_file_is_refused_in_one_line_and_nothing_is_imported(name, message):
    with pytest.raises(CommandError) as refused:
        call_command("import_wordpress", str(FIXTURES / name), uploads=str(UPLOADS))
    text = str(refused.value)
    assert message in text and "Nothing was imported" in text and "\n" not in text
    assert not Article.objects.exists() and not Section.objects.exists()


def test_a_missing_file_or_uploads_folder_is_refused(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_wordpress", str(tmp_path / "none.xml"))
    with pytest.raises(CommandError, match="no such folder"):
        call_command("import_wordpress", str(EXPORT), uploads=str(tmp_path / "none"))


def test_an_unreadable_image_is_a_warning(tmp_path):
    import shutil

    uploads = tmp_path / "uploads"
    shutil.copytree(UPLOADS, uploads)
    for image in uploads.rglob("*.jpg"):
        image.write_bytes(b"not a jpeg at all")
    report = run_import(uploads=uploads)
    assert report.images["refused"] > 0
    assert any("image refused" in w for w in report.warnings)
    assert Article.objects.filter(pk=IDS["posts"]["classic"]).exists()


def test_the_command_prints_the_report_table():
    out = StringIO()
    call_command("import_wordpress", str(EXPORT), uploads=str(UPLOADS), stdout=out)
    text = out.getvalue()
    for row in ("posts", "publish: imported", "comments", "approved: imported", "authors"):
        assert row in text
    for row in ("sections", "tags", "images", "redirects", "[contact-form-7]", "warnings"):
        assert row in text


def test_staff_accounts_are_made_only_when_asked_and_have_no_password(django_user_model):
    run_import(staff_accounts=True)
    souad = django_user_model.objects.get(username="souad")
    assert souad.is_staff and not souad.has_usable_password()
    assert Article.objects.filter(created_by=souad).exists()


def test_editors_can_look_up_what_each_wordpress_thing_became(admin_client):
    run_import()
    listing = admin_client.get("/admin/wordpress/importrecord/?kind=post")
    assert listing.status_code == 200
    assert str(IDS["posts"]["classic"]) in listing.text
    assert admin_client.get("/admin/wordpress/importrecord/add/").status_code == 403
