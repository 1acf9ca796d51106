"""bench/make_wxr.py: a WordPress export in WordPress's own format, with its uploads, read back."""

import hashlib
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image

from bench.make_wxr import (
    EXPORT_NAME,
    EXPORTED_AT,
    MAX_DEPTH,
    SITE_URL,
    SITE_ZONE,
    generate,
    is_generated,
)
from wordpress.wxr import Author, Item, Site, Term, read_export

ROOT = Path(__file__).resolve().parent.parent
POSTS, COMMENTS, IMAGES = 20, 100, 5


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("wxr")
    stats = generate(out, posts=POSTS, comments=COMMENTS, images=IMAGES, progress=False)
    return out, stats, list(read_export(out / EXPORT_NAME))


def of_type(things, kind):
    return [thing for thing in things if isinstance(thing, kind)]


def posts_of(things) -> list[Item]:
    return [item for item in of_type(things, Item) if item.type == "post"]


def test_the_export_has_what_was_asked_for(generated):
    _out, stats, things = generated
    site, *_ = things
    assert isinstance(site, Site) and site.wxr_version == "1.2" and site.base_site_url == SITE_URL
    assert len(of_type(things, Author)) == 3
    assert all(re.search("[\u0600-\u06ff]", a.display_name) for a in of_type(things, Author))
    assert len(posts_of(things)) == POSTS
    attachments = [item for item in of_type(things, Item) if item.type == "attachment"]
    assert len(attachments) == IMAGES == stats.attachments
    assert sum(len(item.comments) for item in of_type(things, Item)) == COMMENTS
    ids = [item.id for item in of_type(things, Item)]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)  # in id order, as WordPress writes


def test_terms_are_listed_twice_as_wordpress_6_1_does_with_arabic_slugs_encoded(generated):
    _out, stats, things = generated
    terms = of_type(things, Term)
    categories = {t.slug: t for t in terms if t.taxonomy == "category"}
    tags = {t.slug for t in terms if t.taxonomy == "post_tag"}
    assert (len(categories), len(tags)) == (stats.categories, stats.tags) == (30, 500)
    assert len(terms) == 2 * (30 + 500)
    nested = [t for t in categories.values() if t.parent_slug]
    assert nested and all(t.parent_slug in categories for t in nested)
    assert any(categories[t.parent_slug].parent_slug for t in nested)  # three levels
    for slug in [*categories, *tags]:
        assert re.fullmatch(r"[a-z0-9%-]+", slug), slug
    assert sum("%d8" in slug or "%d9" in slug for slug in tags) > 450


def test_posts_have_every_status_and_wordpress_links(generated):
    _out, _stats, things = generated
    posts = posts_of(things)
    by_status = Counter(post.status for post in posts)
    assert set(by_status) == {"publish", "draft", "future", "private", "trash"}
    assert by_status["publish"] >= 0.8 * POSTS
    for post in posts:
        assert post.guid == f"{SITE_URL}/?p={post.id}"
        assert re.search("[\u0600-\u06ff]", post.title)
        if post.status == "draft":  # never published: no GMT date, no slug
            assert (post.date_gmt, post.name, post.link) == (None, "", post.guid)
            continue
        local = post.date_gmt.astimezone(SITE_ZONE).replace(tzinfo=None)
        assert post.date == local
        if post.status == "trash":
            assert post.name.endswith("__trashed")
            assert post.meta_value("_wp_trash_meta_status") == "publish"
        else:
            assert post.link == f"{SITE_URL}/{local:%Y/%m/%d}/{post.name}/"
        assert (post.date_gmt > EXPORTED_AT) == (post.status == "future")
    years = {post.date.year for post in posts if post.date}
    assert len(years) >= 10
    assert len({post.name for post in posts if post.name}) == len([p for p in posts if p.name])
    renamed = [post for post in posts if post.meta_value("_wp_old_slug")]
    assert renamed and all(post.meta_value("_wp_old_slug") != post.name for post in renamed)
    assert all(post.terms_of("category") for post in posts)


def test_bodies_are_unique_classic_without_paragraph_tags_or_gutenberg(generated):
    _out, _stats, things = generated
    bodies = [post.content for post in posts_of(things)]
    assert len(set(bodies)) == len(bodies)
    gutenberg = [body for body in bodies if "<!-- wp:paragraph -->" in body]
    classic = [body for body in bodies if body not in gutenberg]
    assert gutenberg and classic
    assert all("<p>" not in body and "\n\n" in body for body in classic)
    captions = [body for body in classic if "[caption" in body]
    assert captions
    for body in captions:
        src = re.search(r'src="([^"]+)"', body)[1]
        assert src.startswith(f"{SITE_URL}/wp-content/uploads/") and src.endswith("-1024x683.jpg")


def test_comments_are_threaded_up_to_four_deep_mostly_approved(generated):
    _out, _stats, things = generated
    kinds: Counter = Counter()
    deepest = 0
    for post in posts_of(things):
        if post.status != "publish":
            assert not post.comments
        seen, depth = {}, {}
        for comment in post.comments:
            kinds["pingback" if comment.type == "pingback" else comment.approved] += 1
            if comment.parent:
                parent = seen[comment.parent]  # an earlier comment of the same post
                assert (parent.approved, parent.type) == ("1", "comment")
                assert comment.approved == "1"
            depth[comment.id] = depth[comment.parent] + 1 if comment.parent else 1
            deepest = max(deepest, depth[comment.id])
            assert comment.date_gmt > post.date_gmt
            assert comment.date_gmt < EXPORTED_AT
            seen[comment.id] = comment
        texts = [comment.content for comment in post.comments]
        assert len(set(texts)) == len(texts)
    assert deepest == MAX_DEPTH == 4
    assert kinds["1"] >= 0.85 * COMMENTS
    assert kinds["0"] and kinds["spam"] and kinds["pingback"]


def test_featured_images_are_attachments_with_their_files_on_disk(generated):
    out, _stats, things = generated
    items = {item.id: item for item in of_type(things, Item)}
    featured = [post for post in posts_of(things) if post.meta_value("_thumbnail_id")]
    assert len(featured) >= POSTS // 2
    digests = set()
    for post in featured:
        attachment = items[int(post.meta_value("_thumbnail_id"))]
        assert attachment.type == "attachment" and attachment.status == "inherit"
        relative = attachment.meta_value("_wp_attached_file")
        assert attachment.attachment_url == f"{SITE_URL}/wp-content/uploads/{relative}"
        assert items[attachment.parent].type == "post"
        assert f'"{relative}"' in attachment.meta_value("_wp_attachment_metadata")
        original = out / "uploads" / relative
        with Image.open(original) as image:
            assert (image.format, image.size) == ("JPEG", (1200, 800))
        for width, height in [(300, 200), (1024, 683)]:
            variant = original.with_name(f"{original.stem}-{width}x{height}.jpg")
            with Image.open(variant) as image:
                assert image.size == (width, height)
        digests.add(hashlib.sha256(original.read_bytes()).hexdigest())
    assert len(digests) == IMAGES  # every image of the pool is used, and each is distinct
    assert len(list((out / "uploads").rglob("*.jpg"))) == 3 * IMAGES


def test_the_same_parameters_give_the_same_bytes_and_the_manifest_says_so(generated, tmp_path):
    out, _stats, _things = generated
    generate(tmp_path, posts=POSTS, comments=COMMENTS, images=IMAGES, progress=False)
    assert (tmp_path / EXPORT_NAME).read_bytes() == (out / EXPORT_NAME).read_bytes()
    assert is_generated(tmp_path, posts=POSTS, comments=COMMENTS, images=IMAGES)
    assert not is_generated(tmp_path, posts=POSTS + 1, comments=COMMENTS, images=IMAGES)
    (tmp_path / EXPORT_NAME).unlink()
    assert not is_generated(tmp_path, posts=POSTS, comments=COMMENTS, images=IMAGES)


def test_the_script_prints_a_summary(tmp_path):
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "bench" / "make_wxr.py"), "--posts", "3", "--comments",
         "5", "--images", "1", "--out", str(tmp_path / "wxr")],
        capture_output=True, text=True, check=False, timeout=120, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Wrote 3 posts (")
    assert "5 comments" in result.stdout and "1 attachments" in result.stdout
    assert "Posts" in result.stderr  # the progress bar
    assert len(list(read_export(tmp_path / "wxr" / EXPORT_NAME))) > 3
