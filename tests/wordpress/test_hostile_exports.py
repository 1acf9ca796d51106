"""Whatever text a WordPress export carries, the import stores it safely or reports it:
never a traceback, never a script for readers, never a NUL for PostgreSQL."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article
from comments.models import Comment
from wordpress.services import WordPressImport
from wordpress.writer import WxrWriter
from wordpress.wxr import Author, Item, ItemTerm, Site, Term
from wordpress.wxr import Comment as WxrComment

pytestmark = pytest.mark.django_db

HOSTILE = st.sampled_from(
    [
        "\x00",
        "%00",
        "\u202e",
        "\u200f",
        "<script>alert(1)</script>",
        "]]>",
        "&amp;&#0;&#x202e;",
        "javascript:alert(1)",
        "ا" * 3000,
        "\n\n",
        "[caption]",
        '[gallery ids="9999"]',
        '<img src="/wp-content/uploads/../../etc/passwd">',
        "%d8%a7%",
    ]
)
TEXT = st.lists(st.one_of(HOSTILE, st.text(max_size=40)), max_size=6).map("".join)


def write_export(path: Path, *, title, body, slug, name, comment, term, url) -> None:
    moment = datetime(2024, 5, 1, 12, tzinfo=UTC)
    with path.open("wb") as file, WxrWriter(file) as wxr:
        wxr.site(Site(title="ديما", link="http://old.example", language="ar"))
        wxr.author(Author(id=1, login=name or "x", display_name=name))
        wxr.term(Term("category", slug or "c", term, id=1))
        wxr.term(Term("post_tag", slug or "t", term, id=2))
        wxr.item(
            Item(
                id=1,
                title=title,
                link=f"http://old.example/{slug}/",
                guid="http://old.example/?p=1",
                creator=name or "x",
                content=body,
                excerpt=body[:200],
                date=moment.replace(tzinfo=None),
                date_gmt=moment,
                modified_gmt=moment,
                name=slug,
                terms=[
                    ItemTerm("category", slug or "c", term),
                    ItemTerm("post_tag", slug or "t", term),
                ],
                meta={"_thumbnail_id": ["9999"], "_wp_old_slug": [slug]},
                comments=[
                    WxrComment(
                        id=1,
                        author=name,
                        author_email=f"{name}@example.com",
                        author_url=url,
                        author_ip="203.0.113.9",
                        date_gmt=moment,
                        content=comment,
                        parent=1,
                    ),
                    WxrComment(id=2, author=name, content=comment + "2", parent=1, date_gmt=moment),
                ],
            )
        )


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(title=TEXT, body=TEXT, slug=TEXT, name=TEXT, comment=TEXT, term=TEXT, url=TEXT)
def test_hostile_text_is_imported_safely_or_reported(
    tmp_path_factory, title, body, slug, name, comment, term, url
):
    path = tmp_path_factory.mktemp("hostile") / "export.xml"
    write_export(
        path, title=title, body=body, slug=slug, name=name, comment=comment, term=term, url=url
    )
    report = WordPressImport(path).run()  # a run that raised would fail the test
    article = Article.objects.get(pk=1)
    assert article.title.strip()
    assert "<script" not in article.body and "\x00" not in article.slug + article.title
    for stored in Comment.objects.filter(article=article):
        assert "<script" not in stored.body and "\x00" not in stored.body
        assert not stored.url or stored.url.startswith(("http://", "https://"))
    assert (
        report.posts["publish", "imported"]
        + report.posts["publish", "unchanged"]
        + (report.posts["publish", "updated"])
        == 1
    )
