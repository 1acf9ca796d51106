"""wordpress.writer: WordPress 6.1's export format, written as a stream, read back as written."""

import io
import json
import re
import shutil
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wordpress.writer import WxrWriter, rfc2822, wordpress_slug
from wordpress.wxr import Author, Comment, Item, ItemTerm, Site, Term, WxrError, read_export

HERE = Path(__file__).parent
# WordPress 6.1.9's own export_wp() output, cut down to a few whole items and terms (the cut
# removes whole <item>, <wp:category>, <wp:tag> and <wp:term> blocks and keeps the rest byte
# for byte). It was exported from the WordPress anchor (../shared/anchors/wordpress) after
# adding, inside a transaction rolled back afterwards, a draft with "]]>" in its title and
# body, a scheduled post, a sticky post with a featured image, two old slugs, an approved
# comment with a pending reply and a pingback, and a category tree with descriptions.
WORDPRESS_EXPORT = HERE / "data" / "wordpress-6.1-export.xml"
CASABLANCA = ZoneInfo("Africa/Casablanca")

# The test's own statement of what XML 1.0 forbids, and of what any parser does to line ends.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def as_parsed(text: str) -> str:
    """What a parser gives back of text written in CDATA: no forbidden characters, and
    "\\r\\n" and "\\r" read as "\\n" (XML 1.0, 2.11)."""
    return FORBIDDEN.sub("", text).replace("\r\n", "\n").replace("\r", "\n")


def as_escaped(text: str) -> str:
    """What comes back of text written escaped (URLs, attributes): all but forbidden characters."""
    return FORBIDDEN.sub("", text)


def write(path: Path, *things, text_mode: bool = False, **options) -> None:
    opened = path.open("w", encoding="utf-8", newline="") if text_mode else path.open("wb")
    with opened as file, WxrWriter(file, **options) as wxr:
        for thing in things:
            if isinstance(thing, tuple):  # (term, as_term)
                wxr.term(thing[0], as_term=thing[1])
            else:
                {Site: wxr.site, Author: wxr.author, Term: wxr.term, Item: wxr.item}[type(thing)](
                    thing
                )


# --------------------------------------------------------------------------- WordPress's bytes


def test_a_real_wordpress_export_is_written_again_byte_for_byte():
    text = WORDPRESS_EXPORT.read_text(encoding="utf-8")
    exported_at = re.search(r"<pubDate>([^<]+)</pubDate>", text)[1]
    now = datetime.strptime(exported_at, "%a, %d %b %Y %H:%M:%S +0000").replace(tzinfo=UTC)
    # Which element each term came from: a <wp:term> on one line is a navigation menu.
    term_elements = iter(re.findall(r"<wp:(category|tag|term)>(\n?)", text))
    out = io.BytesIO()
    with WxrWriter(
        out,
        timezone=CASABLANCA,
        generator="WordPress/6.1.9",
        generator_url="https://wordpress.org/?v=6.1.9",
        now=now,
    ) as wxr:
        for thing in read_export(WORDPRESS_EXPORT):
            if isinstance(thing, Site):
                wxr.site(thing)
            elif isinstance(thing, Author):
                wxr.author(thing)
            elif isinstance(thing, Term):
                element, newline = next(term_elements)
                wxr.term(thing, as_term=element == "term" and newline == "\n")
            else:
                wxr.item(thing)
    assert out.getvalue().decode("utf-8") == text


def test_wordpress_slugs_are_percent_encoded_in_lower_case_and_cut_at_200_characters():
    # Both from the WordPress anchor's export: a tag and a post whose slug WordPress cut.
    assert wordpress_slug("الأمن-الوطني") == (
        "%d8%a7%d9%84%d8%a3%d9%85%d9%86-%d8%a7%d9%84%d9%88%d8%b7%d9%86%d9%8a"
    )
    title_slug = "ميناء-طنجة-المتوسط-يحقق-أرقاما-قياسية-في-حركة-الحاويات"
    assert wordpress_slug(title_slug) == (
        "%d9%85%d9%8a%d9%86%d8%a7%d8%a1-%d8%b7%d9%86%d8%ac%d8%a9-%d8%a7%d9%84%d9%85%d8%aa%d9%88"
        "%d8%b3%d8%b7-%d9%8a%d8%ad%d9%82%d9%82-%d8%a3%d8%b1%d9%82%d8%a7%d9%85%d8%a7-%d9%82%d9%8a"
        "%d8%a7%d8%b3%d9%8a%d8%a9"
    )
    assert wordpress_slug("Qatar-2022") == "qatar-2022"


def test_pub_dates_are_rfc_2822_in_english_and_empty_without_a_date():
    expected = "Mon, 23 May 2022 21:06:22 +0000"
    assert rfc2822(datetime(2022, 5, 23, 21, 6, 22, tzinfo=UTC)) == expected
    assert rfc2822(datetime(2022, 5, 23, 22, 6, 22, tzinfo=CASABLANCA)) == expected
    assert rfc2822(None) == ""


def test_a_draft_never_dated_is_written_with_wordpress_zero_dates(tmp_path):
    path = tmp_path / "export.xml"
    write(path, Site(), Item(id=7, status="draft"))
    text = path.read_text(encoding="utf-8")
    assert "<wp:post_date_gmt><![CDATA[0000-00-00 00:00:00]]></wp:post_date_gmt>" in text
    assert "<pubDate></pubDate>" in text
    *_, item = read_export(path)
    assert (item.date, item.date_gmt, item.modified_gmt) == (None, None, None)


def test_the_local_modification_time_is_written_in_the_site_time_zone(tmp_path):
    path = tmp_path / "export.xml"
    modified = datetime(2022, 7, 1, 11, 0, tzinfo=UTC)
    write(path, Site(), Item(id=1, modified_gmt=modified), timezone=CASABLANCA)
    text = path.read_text(encoding="utf-8")
    assert "<wp:post_modified><![CDATA[2022-07-01 12:00:00]]></wp:post_modified>" in text
    assert "<wp:post_modified_gmt><![CDATA[2022-07-01 11:00:00]]></wp:post_modified_gmt>" in text


# --------------------------------------------------------------------------- the stream


def test_an_export_with_nothing_in_it_still_reads_as_a_wordpress_export(tmp_path):
    path = tmp_path / "export.xml"
    write(path)
    assert list(read_export(path)) == [Site(wxr_version="1.2")]


def test_parts_out_of_wordpress_order_are_refused(tmp_path):
    with (tmp_path / "x.xml").open("wb") as file, WxrWriter(file) as wxr:
        wxr.site(Site())
        wxr.term(Term(taxonomy="post_tag", slug="a", name="a"))
        with pytest.raises(ValueError, match="categories cannot come after tags"):
            wxr.term(Term(taxonomy="category", slug="b", name="b"))
        wxr.item(Item(id=1))
        with pytest.raises(ValueError, match="authors cannot come after items"):
            wxr.author(Author(id=1, login="a"))
        with pytest.raises(ValueError, match="the site comes once"):
            wxr.site(Site())


def test_a_failed_export_is_left_unfinished_so_no_parser_takes_it_for_a_whole_one(tmp_path):
    path = tmp_path / "export.xml"
    with pytest.raises(RuntimeError), path.open("wb") as file, WxrWriter(file) as wxr:
        wxr.site(Site(title="ديما"))
        wxr.item(Item(id=1, title="خبر"))
        raise RuntimeError("the database went away")
    assert "</rss>" not in path.read_text(encoding="utf-8")
    with pytest.raises(WxrError, match="no element found"):
        list(read_export(path))


def test_a_text_file_in_another_encoding_than_utf_8_is_refused(tmp_path):
    with (tmp_path / "x.xml").open("w", encoding="cp1256") as file:
        with pytest.raises(ValueError, match="UTF-8"):
            WxrWriter(file)


def test_each_item_is_written_when_it_is_given_not_at_the_end():
    out = io.BytesIO()
    with WxrWriter(out) as wxr:
        wxr.item(Item(id=1, title="الأول"))
        assert "الأول".encode() in out.getvalue()
        assert b"</rss>" not in out.getvalue()
    assert out.getvalue().endswith(b"</channel>\n</rss>\n\t")


# --------------------------------------------------------------------------- hostile round trip

HOSTILE = [
    "]]>", "]]]]>", "<![CDATA[", "]]", ">", "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f",
    "\ufffe", "\uffff", "\ud800", "\udfff", "\x7f", "\x85", "\u2028", "\u202e", "\u2067",
    "\u200f", "\u061c", "<script>alert(1)</script>", "&", "&amp;", "&#0;", "<", '"', "'", "--",
    "\r\n", "\r", "\n", "\t", " ", "خبر عاجل", "الأمن الوطني", "ـــ", "ﷲ", "🇲🇦", "%d8%a7",
]  # fmt: skip
text = st.lists(st.sampled_from(HOSTILE) | st.text(max_size=6), max_size=6).map("".join)
ids = st.integers(min_value=1, max_value=2**31 - 1)
naive_dates = st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2100, 1, 1)).map(
    lambda moment: moment.replace(microsecond=0)
)
utc_dates = naive_dates.map(lambda moment: moment.replace(tzinfo=UTC))

sites = st.builds(
    Site,
    title=text,
    link=text,
    description=text,
    language=text,
    base_site_url=text,
    base_blog_url=text,
)
authors = st.builds(
    Author,
    id=st.none() | ids,
    login=text,
    email=text,
    display_name=text,
    first_name=text,
    last_name=text,
)
terms = st.tuples(
    st.builds(
        Term,
        taxonomy=st.sampled_from(["category", "post_tag", "genre", "nav_menu"]) | text,
        slug=text,
        name=text,
        id=st.none() | ids,
        parent_slug=text,
        description=text,
    ),
    st.booleans(),  # as_term
)
comments = st.builds(
    Comment,
    id=ids,
    author=text,
    author_email=text,
    author_url=text,
    author_ip=text,
    date=st.none() | naive_dates,
    date_gmt=st.none() | utc_dates,
    content=text,
    approved=st.sampled_from(["1", "0", "spam", "trash"]),
    type=st.sampled_from(["", "comment", "pingback", "trackback"]),
    parent=st.integers(0, 2**31 - 1),
    user_id=st.integers(0, 2**31 - 1),
)
items = st.builds(
    Item,
    id=ids,
    type=st.sampled_from(["post", "page", "attachment"]) | text,
    status=st.sampled_from(["publish", "draft", "future", "private", "inherit"]) | text,
    title=text,
    link=text,
    guid=text,
    creator=text,
    content=text,
    excerpt=text,
    date=st.none() | naive_dates,
    date_gmt=st.none() | utc_dates,
    modified_gmt=st.none() | utc_dates,
    comment_status=text,
    name=text,
    parent=st.integers(0, 2**31 - 1),
    menu_order=st.integers(-100, 10_000),
    password=text,
    is_sticky=st.booleans(),
    attachment_url=text,
    terms=st.lists(st.builds(ItemTerm, domain=text, nicename=text, name=text), max_size=3),
    meta=st.dictionaries(text, st.lists(text, min_size=1, max_size=2), max_size=3),
    comments=st.lists(comments, max_size=3),
)


def wordpress_part(term_and_flag: tuple[Term, bool]) -> int:
    """Where WordPress puts a term: categories, tags, other terms, navigation menus."""
    term, as_term = term_and_flag
    return 2 if as_term else {"category": 0, "post_tag": 1, "nav_menu": 3}.get(term.taxonomy, 2)


def term_as_read(term: Term, as_term: bool) -> Term:
    part = wordpress_part((term, as_term))
    return Term(
        taxonomy={0: "category", 1: "post_tag"}.get(part, as_parsed(term.taxonomy)),
        slug=as_parsed(term.slug),
        name=as_parsed(term.name),
        id=term.id,
        parent_slug=as_parsed(term.parent_slug) if part in (0, 2) else "",
        description=as_parsed(term.description) if part < 3 else "",
    )


def item_as_read(item: Item) -> Item:
    meta: dict[str, list[str]] = {}
    for key, values in item.meta.items():
        meta.setdefault(as_parsed(key), []).extend(as_parsed(value) for value in values)
    return Item(
        id=item.id,
        type=as_parsed(item.type),
        status=as_parsed(item.status),
        title=as_parsed(item.title),
        link=as_escaped(item.link),
        guid=as_escaped(item.guid),
        creator=as_parsed(item.creator),
        content=as_parsed(item.content),
        excerpt=as_parsed(item.excerpt),
        date=item.date,
        date_gmt=item.date_gmt,
        modified_gmt=item.modified_gmt,
        comment_status=as_parsed(item.comment_status),
        name=as_parsed(item.name),
        parent=item.parent,
        menu_order=item.menu_order,
        password=as_parsed(item.password),
        is_sticky=item.is_sticky,
        attachment_url=as_parsed(item.attachment_url) if item.type == "attachment" else "",
        terms=[
            ItemTerm(as_escaped(term.domain), as_escaped(term.nicename), as_parsed(term.name))
            for term in item.terms
        ],
        meta=meta,
        comments=[
            Comment(
                id=comment.id,
                author=as_parsed(comment.author),
                author_email=as_parsed(comment.author_email),
                author_url=as_escaped(comment.author_url),
                author_ip=as_parsed(comment.author_ip),
                date=comment.date,
                date_gmt=comment.date_gmt,
                content=as_parsed(comment.content),
                approved=comment.approved,
                type=comment.type,
                parent=comment.parent,
                user_id=comment.user_id,
            )
            for comment in item.comments
        ],
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    site=sites,
    authors=st.lists(authors, max_size=3),
    terms=st.lists(terms, max_size=6),
    items=st.lists(items, max_size=4),
    text_mode=st.booleans(),
)
def test_what_is_written_reads_back_equal_whatever_the_text(site, authors, terms, items, text_mode):
    terms = sorted(terms, key=wordpress_part)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.xml"
        write(path, site, *authors, *terms, *items, text_mode=text_mode, timezone=CASABLANCA)
        read = list(read_export(path))
    site_fields = ("title", "link", "description", "language", "base_site_url", "base_blog_url")
    expected_site = Site(
        **{name: as_escaped(getattr(site, name)).strip() for name in site_fields},
        wxr_version="1.2",
    )
    expected_authors = [
        Author(
            id=author.id,
            login=as_parsed(author.login),
            email=as_parsed(author.email),
            display_name=as_parsed(author.display_name),
            first_name=as_parsed(author.first_name),
            last_name=as_parsed(author.last_name),
        )
        for author in authors
    ]
    expected_terms = [term_as_read(term, as_term) for term, as_term in terms]
    expected_items = [item_as_read(item) for item in items]
    assert read == [expected_site, *expected_authors, *expected_terms, *expected_items]


# --------------------------------------------------------------------------- PHP's SimpleXML

WATANIYA = "%d9%88%d8%b7%d9%86%d9%8a%d8%a9"  # وطنية
HOSTILE_TITLE = "خبر ]]> عاجل\x00 <script>alert('x')</script> \u202eمعكوس\u202c & تمام\x1b"


@pytest.mark.skipif(shutil.which("php") is None, reason="php is not installed")
def test_wordpress_importer_reads_the_export_with_php_simplexml(tmp_path):
    path = tmp_path / "export.xml"
    posted = datetime(2024, 3, 1, 9, 30, tzinfo=UTC)
    write(
        path,
        Site(title="ديما & مسموع", link="http://127.0.0.1:8000", language="ar"),
        Author(id=3, login="كاتب]]>", display_name="كاتب\x07 الموقع"),
        Term(taxonomy="category", slug=WATANIYA, name="وطنية ]]>"),
        Term(taxonomy="category", slug="child", name="فرع", parent_slug=WATANIYA),
        Term(taxonomy="post_tag", slug="tag-&-co", name='وسم "مقتبس"'),
        Term(taxonomy="genre", slug="g", name="نوع"),
        Item(
            id=10,
            title=HOSTILE_TITLE,
            link="http://127.0.0.1:8000/articles/10/خبر/?a=1&b=2",
            guid="http://127.0.0.1:8000/articles/10/",
            creator="كاتب]]>",
            content="<p>فقرة ]]]]> أولى</p>\n\n<p>\x0cثانية</p>",
            excerpt="ملخص ]]>",
            date=datetime(2024, 3, 1, 10, 30),
            date_gmt=posted,
            name="%d8%ae%d8%a8%d8%b1",
            terms=[ItemTerm("category", WATANIYA, "وطنية ]]>")],
            meta={"_thumbnail_id": ["11"], "مفتاح]]>": ["قيمة\x00"]},
            comments=[
                Comment(id=1, author="قارئ ]]>", author_url="http://x.test/?a=1&b=<2>",
                        content="تعليق\x1f ]]> <b>", date_gmt=posted),
                Comment(id=2, author="رد", content="رد على التعليق", parent=1, date_gmt=posted),
            ],
        ),
        Item(
            id=11,
            type="attachment",
            status="inherit",
            title="صورة",
            parent=10,
            attachment_url="http://127.0.0.1:8000/media/articles/2024/03/صورة.jpg",
            excerpt="تعليق الصورة ]]>",
        ),
    )  # fmt: skip
    result = subprocess.run(  # noqa: S603
        [shutil.which("php"), str(HERE / "wxr_simplexml.php"), str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)
    assert parsed["version"] == "1.2"
    assert parsed["authors"] == [{"login": "كاتب]]>", "display_name": "كاتب الموقع"}]
    assert parsed["categories"] == [
        {"slug": WATANIYA, "name": "وطنية ]]>", "parent": "", "description": ""},
        {"slug": "child", "name": "فرع", "parent": WATANIYA, "description": ""},
    ]  # fmt: skip
    assert parsed["tags"] == [{"slug": "tag-&-co", "name": 'وسم "مقتبس"'}]
    assert parsed["terms"] == [{"taxonomy": "genre", "slug": "g", "name": "نوع"}]
    post, attachment = parsed["posts"]
    assert post["title"] == as_parsed(HOSTILE_TITLE)
    assert "\x00" not in post["title"] and "]]>" in post["title"] and "\u202e" in post["title"]
    assert post["link"] == "http://127.0.0.1:8000/articles/10/خبر/?a=1&b=2"
    assert post["creator"] == "كاتب]]>"
    assert post["content"] == "<p>فقرة ]]]]> أولى</p>\n\n<p>ثانية</p>"
    assert post["excerpt"] == "ملخص ]]>"
    assert (post["id"], post["date"], post["date_gmt"]) == (
        10,
        "2024-03-01 10:30:00",
        "2024-03-01 09:30:00",
    )
    assert post["terms"] == [{"domain": "category", "slug": WATANIYA, "name": "وطنية ]]>"}]
    assert post["meta"] == [["_thumbnail_id", "11"], ["مفتاح]]>", "قيمة"]]
    assert post["comments"] == [
        {"id": 1, "author": "قارئ ]]>", "url": "http://x.test/?a=1&b=<2>",
         "content": "تعليق ]]> <b>", "approved": "1", "parent": 0},
        {"id": 2, "author": "رد", "url": "", "content": "رد على التعليق", "approved": "1",
         "parent": 1},
    ]  # fmt: skip
    assert attachment["type"] == "attachment"
    assert attachment["attachment_url"] == "http://127.0.0.1:8000/media/articles/2024/03/صورة.jpg"
    assert attachment["excerpt"] == "تعليق الصورة ]]>"
