import json
import re
from html.parser import HTMLParser

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from articles.sanitize import sanitize_html
from wordpress.content import (
    ConvertedBody,
    autop,
    convert_body,
    original_candidates,
    rewrite_uploads,
    strip_block_comments,
    uploads_path,
)

# As WordPress 6.1 stores them (wp_posts.post_content, so <content:encoded> in an export).
CLASSIC = "سطر أول\nسطر ثان\n\nفقرة ثانية\n<ul>\n<li>أ</li>\n</ul>\n\nنهاية"
GUTENBERG = (
    "<!-- wp:paragraph -->\n<p>نص</p>\n<!-- /wp:paragraph -->\n\n"
    '<!-- wp:image {"id":5,"sizeSlug":"large"} -->\n'
    '<figure class="wp-block-image size-large"><img src="http://127.0.0.1:8081/wp-content/'
    'uploads/2026/11/a-1024x683.jpg" alt="" class="wp-image-5"/><figcaption>تعليق</figcaption>'
    "</figure>\n<!-- /wp:image -->"
)
CAPTIONED = (
    '[caption id="attachment_12" align="alignright" width="300"]'
    '<a href="http://example.com/wp-content/uploads/2022/05/souk.jpg">'
    '<img class="size-medium wp-image-12" src="http://example.com/wp-content/uploads/2022/05/'
    'souk-300x200.jpg" alt="سوق" width="300" height="200" /></a> سوق الخميس[/caption]'
)


def no_gallery(attachment_id):
    return None


def lines(html):
    """The HTML with the whitespace between lines squeezed (left-out shortcodes leave some)."""
    return re.sub(r"\s*\n\s*", "\n", html).strip()


def converted(html, direction="rtl", gallery_image=no_gallery) -> ConvertedBody:
    return convert_body(html, direction=direction, gallery_image=gallery_image)


class Outline(HTMLParser):
    """The text a reader sees, and whether a <p> ever opens inside another."""

    VOID = {"br", "img", "hr", "wbr", "input", "meta", "link", "source", "col", "embed"}

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.text = []
        self.open = []
        self.nested_paragraph = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag == "p" and "p" in self.open:
            self.nested_paragraph = True
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]

    def handle_data(self, data):
        self.text.append(data)


def visible(html):
    return re.sub(r"\s", "", "".join(Outline(html).text))


# --- Block comments ----------------------------------------------------------------------------


def test_block_comments_go_and_the_html_between_them_stays():
    assert strip_block_comments(GUTENBERG) == (
        '\n<p>نص</p>\n\n\n\n<figure class="wp-block-image size-large"><img src="http://127.0.0.1:'
        '8081/wp-content/uploads/2026/11/a-1024x683.jpg" alt="" class="wp-image-5"/>'
        "<figcaption>تعليق</figcaption></figure>\n"
    )


@pytest.mark.parametrize(
    "comment",
    [
        '<!-- wp:latest-posts {"postsToShow":3} /-->',
        "<!-- wp:spacer /-->",
        "<!-- wp:separator -->",
        "<!-- /wp:separator -->",
        '<!-- wp:jetpack/slideshow {"ids":[1,2]} -->',
        '<!-- wp:core/paragraph {"align":"right"} -->',
        '<!-- wp:heading {\n  "level": 3,\n  "className": "x"\n} -->',
        '<!-- wp:html {"content":"a -- b"} -->',
        '<!-- wp:paragraph {"note":"an arrow --> inside"} -->',
        '<!-- wp:paragraph {"note":"a brace } -->"} -->',
        '<!-- wp:paragraph {"broken": } -->',
        "<!--wp:paragraph-->",
    ],
)
def test_every_kind_of_block_delimiter_is_removed(comment):
    assert strip_block_comments(f"<p>قبل</p>{comment}<p>بعد</p>") == "<p>قبل</p><p>بعد</p>"


def test_ordinary_comments_are_not_block_delimiters():
    html = "<p>أ</p><!--more--><p>ب</p><!-- wpx:not-a-block --><!-- wp: -->"
    assert strip_block_comments(html) == html


BLOCK_NAMES = st.from_regex(r"\A[a-z][a-z0-9-]{0,8}(/[a-z][a-z0-9-]{0,8})?\Z")
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)
DELIMITERS = st.one_of(
    st.builds(lambda name: f"<!-- /wp:{name} -->", BLOCK_NAMES),
    st.builds(
        lambda name, attrs, void, space: (
            f"<!-- wp:{name}{space}{json.dumps(attrs) + ' ' if attrs else ''}"
            f"{'/' if void else ''}-->"
        ),
        BLOCK_NAMES,
        st.dictionaries(st.text(max_size=8), JSON_VALUES, max_size=3),
        st.booleans(),
        st.sampled_from([" ", "\n", "\n  "]),
    ),
)
# What stands between blocks: anything but a comment.
BETWEEN = st.text(max_size=30).filter(lambda text: "<!--" not in text)


@given(st.lists(st.tuples(BETWEEN, DELIMITERS), max_size=6), BETWEEN)
@example([("<p>a</p>", '<!-- wp:html {"content":"x --> y } -->"} -->')], "")
def test_stripping_delimiters_keeps_exactly_the_text_between_them(pairs, tail):
    body = "".join(between + delimiter for between, delimiter in pairs) + tail
    assert strip_block_comments(body) == "".join(between for between, _ in pairs) + tail


# --- Paragraphs ----------------------------------------------------------------------------------


def test_classic_text_gets_paragraphs_and_line_breaks_but_lists_stay_lists():
    assert autop(CLASSIC) == (
        "<p>سطر أول<br>\nسطر ثان</p>\n\n<p>فقرة ثانية</p>\n<ul>\n<li>أ</li>\n</ul>\n\n<p>نهاية</p>"
    )


def test_windows_line_endings_give_the_same_paragraphs():
    assert autop(CLASSIC.replace("\n", "\r\n")) == autop(CLASSIC)


def test_preformatted_text_is_left_exactly_as_written():
    code = "<pre>def f():\n\n    return 1\n</pre>"
    assert autop(f"قبل\n{code}\nبعد") == f"<p>قبل</p>\n{code}\n<p>بعد</p>"


@pytest.mark.parametrize(
    "block",
    [
        "<div>نص</div>",
        '<figure class="image-captioned"><img src="a.jpg"><figcaption>تعليق</figcaption></figure>',
        "<table><tr><td>خلية</td></tr></table>",
        "<blockquote>اقتباس</blockquote>",
        "<h2>عنوان</h2>",
        "<hr>",
        '<iframe src="https://www.youtube.com/embed/x"></iframe>',
        "<script>var a = 1;\n\nvar b = 2;</script>",
        "<style>p {\n\n color: red }</style>",
        '<form action="/x"><input name="q"></form>',
        "<ol><li>أ</li></ol>",
    ],
)
def test_block_elements_are_never_put_in_a_paragraph(block):
    assert autop(f"فقرة\n\n{block}\n\nفقرة") == f"<p>فقرة</p>\n\n{block}\n\n<p>فقرة</p>"


def test_text_inside_a_block_gets_paragraphs_only_where_a_blank_line_splits_it():
    assert autop("<div>\nسطر\nسطر آخر\n</div>") == "<div>\nسطر<br>\nسطر آخر\n</div>"
    assert autop("<div>أولى\n\nثانية</div>") == "<div><p>أولى</p>\n\n<p>ثانية</p></div>"
    assert autop("<ul>\n<li>عنصر\nتتمة</li>\n</ul>") == "<ul>\n<li>عنصر<br>\nتتمة</li>\n</ul>"


def test_a_blank_line_inside_a_heading_is_a_line_break_not_a_paragraph():
    assert autop("<h2>أ\n\nب</h2>") == "<h2>أ<br>\n<br>\nب</h2>"


def test_bold_text_across_a_blank_line_stays_in_one_paragraph():
    assert autop("<strong>أ\n\nب</strong>") == "<p><strong>أ<br>\n<br>\nب</strong></p>"


def test_an_existing_line_break_is_not_doubled():
    assert autop("أ<br />\nب\n<br>ج") == "<p>أ<br />\nب\n<br>ج</p>"


def test_the_more_marker_is_not_a_paragraph():
    assert autop("مقدمة\n\n<!--more-->\n\nتتمة") == "<p>مقدمة</p>\n\n<!--more-->\n\n<p>تتمة</p>"


def test_whitespace_alone_gives_nothing():
    assert autop(" \n\r\n\t ") == ""


GUTENBERG_STORED = [
    "<p>نص <strong>غامق</strong><br>سطر</p>",
    '<h2 class="wp-block-heading">عنوان</h2>',
    "<ul>\n<li>أ</li>\n\n<li>ب</li>\n</ul>",
    '<blockquote class="wp-block-quote">\n<p>اقتباس</p>\n<cite>قائل</cite></blockquote>',
    '<pre class="wp-block-code"><code>a\n\nb</code></pre>',
    '<figure class="wp-block-table"><table><tbody><tr><td>1</td></tr></tbody></table>'
    "<figcaption>جدول</figcaption></figure>",
    '<figure class="wp-block-embed is-type-video"><div class="wp-block-embed__wrapper">\n'
    "https://youtu.be/x\n</div></figure>",
    '<figure class="wp-block-gallery has-nested-images">\n<figure class="wp-block-image">'
    '<img src="a.jpg" alt=""/></figure>\n</figure>',
    '<hr class="wp-block-separator has-alpha-channel-opacity"/>',
]


@pytest.mark.parametrize("html", GUTENBERG_STORED)
def test_block_markup_comes_out_of_autop_unchanged(html):
    assert autop(f"\n{html}\n\n") == f"\n{html}\n\n"


def test_the_stored_gutenberg_post_comes_out_of_autop_unchanged():
    assert autop(strip_block_comments(GUTENBERG)) == strip_block_comments(GUTENBERG)


# Any text, with HTML's and shortcodes' special characters and a few tags drawn often.
HTMLISH = st.lists(
    st.one_of(
        st.sampled_from(list("<>/!-=\"' \n\n\r\tpdivbrlu[]ا")),
        st.sampled_from(["<p>", "</p>", "<br>", "<div>", "</div>", "<pre>", "</pre>", "<em>"]),
        st.sampled_from(["[caption]", "[/caption]", "[gallery ids=1]", "<img src=a>", "[x]"]),
        st.characters(),
    ),
    max_size=60,
).map("".join)


def _without_added_markup(html):
    return re.sub(r"</?p>|<br>|\s", "", html)


@given(HTMLISH)
@example("<em>a\n\nb</em>\n\nc")
@example("a\n\x0b\nb")
def test_autop_only_adds_paragraphs_line_breaks_and_whitespace(text):
    assert _without_added_markup(autop(text)) == _without_added_markup(text)


@given(HTMLISH)
@example("<p\n<")
def test_autop_is_idempotent_on_any_text(text):
    once = autop(text)
    assert autop(once) == once


WORDS = st.text(st.sampled_from(list("ابتثجحخ abc.،؟\n\n\t")), max_size=25)
INLINE = st.recursive(
    WORDS | st.just("<br>") | st.just('<img src="a.jpg" alt="">'),
    lambda inner: st.builds(
        lambda tag, parts: f"<{tag}>{''.join(parts)}</{tag}>",
        st.sampled_from(["strong", "em", "a", "span"]),
        st.lists(inner, max_size=3),
    ),
    max_leaves=6,
)
LINE = st.lists(INLINE, max_size=4).map("".join)
SEPARATORS = st.sampled_from(["", "\n", "\n\n", "\r\n\r\n", " \n \n"])
BLOCKS = st.recursive(
    LINE
    | st.builds("<p>{}</p>".format, LINE)
    | st.builds("<h3>{}</h3>".format, LINE)
    | st.builds("<pre>{}</pre>".format, WORDS)
    | st.builds('<figure><img src="a.jpg"><figcaption>{}</figcaption></figure>'.format, LINE)
    | st.just("<hr>"),
    lambda inner: st.builds(
        lambda tag, parts, separator: f"<{tag}>{separator.join(parts)}</{tag}>",
        st.sampled_from(["div", "blockquote", "li", "td"]),
        st.lists(inner, max_size=3),
        SEPARATORS,
    ),
    max_leaves=8,
)
DOCUMENTS = st.builds(
    lambda parts, separator: separator.join(parts), st.lists(BLOCKS, max_size=5), SEPARATORS
)


@given(DOCUMENTS)
def test_autop_keeps_the_reader_text_never_nests_paragraphs_and_is_idempotent(document):
    once = autop(document)
    assert visible(once) == visible(document)
    assert not Outline(once).nested_paragraph
    assert autop(once) == once


# --- Shortcodes and the whole body ----------------------------------------------------------------


def test_a_caption_becomes_a_figure_with_its_link_image_and_caption():
    body = converted(CAPTIONED).html
    assert body == (
        '<figure class="image-captioned image-start">'
        '<a href="http://example.com/wp-content/uploads/2022/05/souk.jpg">'
        '<img class="size-medium wp-image-12" src="http://example.com/wp-content/uploads/2022/05/'
        'souk-300x200.jpg" alt="سوق" width="300" height="200"></a>'
        "<figcaption>سوق الخميس</figcaption></figure>"
    )


def test_an_older_caption_in_an_attribute_becomes_the_figcaption():
    body = converted(
        '[caption id="" align="alignleft" width="300" caption="المدينة القديمة"]'
        '<img src="/wp-content/uploads/2012/03/fes.jpg" alt="" />[/caption]'
    ).html
    assert body == (
        '<figure class="image-captioned image-end"><img src="/wp-content/uploads/2012/03/fes.jpg"'
        ' alt=""><figcaption>المدينة القديمة</figcaption></figure>'
    )


@pytest.mark.parametrize(
    ("align", "direction", "expected"),
    [
        ("alignright", "rtl", "image-start"),
        ("alignleft", "rtl", "image-end"),
        ("alignleft", "ltr", "image-start"),
        ("alignright", "ltr", "image-end"),
        ("aligncenter", "rtl", "image-center"),
    ],
)
def test_wordpress_left_and_right_become_the_start_and_end_of_the_writing_direction(
    align, direction, expected
):
    body = converted(f'[caption align="{align}"]<img src="a.jpg"> ن[/caption]', direction).html
    assert f'<figure class="image-captioned {expected}">' in body


def test_without_an_align_attribute_the_alignment_comes_from_the_image_class():
    body = converted('[caption]<img class="alignleft wp-image-3" src="a.jpg"> ن[/caption]').html
    assert body.startswith('<figure class="image-captioned image-end"><img class="wp-image-3"')


def test_alignment_none_gives_a_plain_captioned_figure():
    body = converted('[caption align="alignnone"]<img src="a.jpg"> ن[/caption]').html
    assert body.startswith('<figure class="image-captioned"><img')


def test_a_caption_in_classic_text_is_never_inside_a_paragraph():
    body = converted(f"قبل الصورة {CAPTIONED} بعد الصورة\nسطر").html
    assert body.startswith("<p>قبل الصورة</p> <figure")
    assert body.endswith("</figure> <p>بعد الصورة<br>\nسطر</p>")
    assert not Outline(body).nested_paragraph


def test_a_line_break_in_a_caption_stays_a_line_break():
    body = converted('[caption]<img src="a.jpg">\nسطر أول\nسطر ثان\n[/caption]').html
    assert "<figcaption>سطر أول<br>\nسطر ثان</figcaption>" in body


def test_a_caption_without_caption_text_is_its_image_aligned():
    body = converted('[caption align="alignright"]<img src="a.jpg" class="x">[/caption]').html
    assert body == '<p><img src="a.jpg" class="x image-start"></p>'


def test_a_gallery_is_the_images_the_importer_gives_for_its_ids():
    def gallery_image(attachment_id):
        return {3: '<img src="/media/3.jpg">', 5: "<figure><img src='/media/5.jpg'></figure>"}.get(
            attachment_id
        )

    result = converted('مقدمة\n\n[gallery columns="2" ids="3,4, 5"]\n\nخاتمة', "rtl", gallery_image)
    assert result.html == (
        '<p>مقدمة</p>\n\n<p><img src="/media/3.jpg"></p>\n\n'
        "<figure><img src='/media/5.jpg'></figure>\n\n<p>خاتمة</p>"
    )
    assert result.missing_gallery_ids == [4]
    assert result.shortcodes == {}


def test_an_include_gallery_works_like_an_ids_gallery():
    seen = []
    converted('[gallery include="7,8"]', "rtl", lambda i: seen.append(i) or None)
    assert seen == [7, 8]


def test_a_gallery_of_all_attached_images_is_counted_as_left_out():
    result = converted("[gallery]")
    assert result.html == ""
    assert result.shortcodes == {"gallery": 1}


def test_other_shortcodes_go_but_what_they_enclose_stays_and_they_are_counted():
    result = converted(
        'اتصلوا بنا [contact-form-7 id="1" title="اتصال"]\n\n'
        "[embed]https://www.youtube.com/watch?v=x[/embed]\n\n"
        '[audio mp3="/wp-content/uploads/a.mp3"][/audio]\n\n'
        "[su_highlight]كلمة[/su_highlight] في جملة"
    )
    assert lines(result.html) == (
        "<p>اتصلوا بنا</p>\n<p>https://www.youtube.com/watch?v=x</p>\n<p>كلمة في جملة</p>"
    )
    assert result.shortcodes == {"contact-form-7": 1, "embed": 1, "audio": 1, "su_highlight": 1}


def test_page_builder_columns_stay_separate_paragraphs():
    result = converted(
        "[vc_row][vc_column][vc_column_text]العمود الأول[/vc_column_text]"
        "[vc_column_text]العمود الثاني[/vc_column_text][/vc_column][/vc_row]"
    )
    assert lines(result.html) == "<p>العمود الأول</p>\n<p>العمود الثاني</p>"
    assert result.shortcodes == {"vc_row": 1, "vc_column": 1, "vc_column_text": 2}


def test_escaped_shortcodes_are_written_as_text():
    body = converted("اكتب [[escaped]] أو [[gallery ids='1']] أو [[caption]نص[/caption]]").html
    assert body == "<p>اكتب [escaped] أو [gallery ids='1'] أو [caption]نص[/caption]</p>"


def test_brackets_that_are_not_shortcodes_stay():
    body = converted("قال [sic] في الهامش [1] و[ملاحظة] و[see above]").html
    assert body == "<p>قال [sic] في الهامش [1] و[ملاحظة] و[see above]</p>"


def test_a_shortcode_inside_an_html_attribute_is_left_alone():
    body = converted('<a href="/x" title="[foo id=1]">رابط</a>').html
    assert body == '<p><a href="/x" title="[foo id=1]">رابط</a></p>'


def test_a_caption_without_an_image_keeps_its_text():
    assert converted('[caption caption="تعليق"]نص بلا صورة[/caption]').html == (
        "<p>تعليق نص بلا صورة</p>"
    )


def test_a_shortcode_in_a_paragraph_block_goes_without_new_paragraphs():
    body = '<!-- wp:paragraph -->\n<p>راسلونا [contact-form-7 id="9"]</p>\n<!-- /wp:paragraph -->'
    result = converted(body)
    assert result.html == "\n<p>راسلونا </p>\n"
    assert result.shortcodes == {"contact-form-7": 1}


def test_a_writing_direction_other_than_rtl_or_ltr_is_refused():
    with pytest.raises(ValueError, match="direction"):
        converted("نص", "right")


def test_a_block_post_is_not_given_paragraphs_but_its_classic_parts_are():
    body = (
        GUTENBERG
        + '\n\n<!-- wp:html -->\n<div class="x">\n<span>أ</span>\n<span>ب</span>\n</div>\n'
        "<!-- /wp:html -->\n\nنص كلاسيكي\nبسطرين\n\n"
        '<!-- wp:shortcode -->\n[gallery ids="9"]\n<!-- /wp:shortcode -->'
    )
    result = converted(body, "rtl", lambda i: f'<img src="/media/{i}.jpg">')
    assert '<div class="x">\n<span>أ</span>\n<span>ب</span>\n</div>' in result.html
    assert "<p>نص كلاسيكي<br>\nبسطرين</p>" in result.html
    assert '<p><img src="/media/9.jpg"></p>' in result.html
    assert "wp:" not in result.html


def test_the_stored_gutenberg_image_keeps_its_figure_and_gets_dimas_caption_class():
    assert converted(GUTENBERG).html == (
        '\n<p>نص</p>\n\n<figure class="wp-block-image size-large image-captioned"><img src="http:'
        '//127.0.0.1:8081/wp-content/uploads/2026/11/a-1024x683.jpg" alt="" class="wp-image-5"/>'
        "<figcaption>تعليق</figcaption></figure>\n"
    )


def test_aligned_block_images_and_classic_images_get_logical_classes():
    body = converted(
        '<!-- wp:image {"align":"left"} -->\n<figure class="wp-block-image alignleft"><img src='
        '"a.jpg"/></figure>\n<!-- /wp:image -->\n\n<img class="aligncenter size-full" src="b.jpg">'
    ).html
    assert '<figure class="wp-block-image image-end">' in body
    assert '<img class="image-center size-full" src="b.jpg">' in body


def test_what_the_sanitiser_keeps_of_a_converted_classic_post():
    body = converted(
        "مقدمة <script>alert(1)</script>\n\n"
        + CAPTIONED
        + '\n\n<img class="alignleft wp-image-4" src="/wp-content/uploads/b.jpg" alt="ب">'
        + '\n\n[contact-form-7 id="1"]'
    ).html
    # nh3 leaves an empty class attribute where it removed every class (WordPress's own).
    assert lines(sanitize_html(body)) == (
        "<p>مقدمة</p>\n"
        '<figure class="image-captioned image-start">'
        '<a href="http://example.com/wp-content/uploads/2022/05/souk.jpg" '
        'rel="noopener noreferrer"><img class="" '
        'src="http://example.com/wp-content/uploads/2022/05/souk-300x200.jpg" '
        'alt="سوق" width="300" height="200"></a><figcaption>سوق الخميس</figcaption></figure>\n'
        '<p><img class="image-end" src="/wp-content/uploads/b.jpg" alt="ب"></p>'
    )


def test_what_the_sanitiser_keeps_of_the_stored_gutenberg_post():
    assert sanitize_html(converted(GUTENBERG).html) == (
        '\n<p>نص</p>\n\n<figure class="image-captioned"><img src="http://127.0.0.1:8081/'
        'wp-content/uploads/2026/11/a-1024x683.jpg" alt="" class=""><figcaption>تعليق</figcaption>'
        "</figure>\n"
    )


@given(HTMLISH)
@example("[[a][/a]")
@example("[caption][gallery ids=1][/caption]")
def test_converting_any_body_never_fails(text):
    result = converted(text, "rtl", lambda i: f"<img src='/{i}.jpg'>")
    assert isinstance(result.html, str)


LAYOUT_NAMES = st.sampled_from(["vc_row", "vc_column_text", "su_note", "contact-form-7", "x"])
PROSE = st.text(st.sampled_from(list("ابتث جحخ abc.،\n")), max_size=20)
SHORTCODE_BODIES = st.lists(
    st.one_of(
        PROSE,
        st.builds(lambda name: f'[{name} id="1"]', LAYOUT_NAMES),
        st.builds(lambda name, inner: f"[{name} a='b']{inner}[/{name}]", LAYOUT_NAMES, PROSE),
    ),
    max_size=6,
).map("".join)


@given(SHORTCODE_BODIES)
def test_no_reader_text_is_lost_with_the_shortcodes_left_out(body):
    result = converted(body)
    assert visible(result.html) == re.sub(r"\[[^\]]*\]|\s", "", body)


# --- Uploaded files -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("src", "relative"),
    [
        ("http://127.0.0.1:8081/wp-content/uploads/2026/11/a-10x6.jpg", "2026/11/a-10x6.jpg"),
        ("https://old.example.ma/wp-content/uploads/2020/01/a.jpg?ver=2#x", "2020/01/a.jpg"),
        ("//cdn.example.ma/wp-content/uploads/2020/01/a.jpg", "2020/01/a.jpg"),
        ("/wp-content/uploads/2020/01/a.jpg", "2020/01/a.jpg"),
        ("https://example.ma/blog/wp-content/uploads/2020/01/a.jpg", "2020/01/a.jpg"),
        ("https://i0.wp.com/example.ma/wp-content/uploads/2020/01/a.jpg?w=300", "2020/01/a.jpg"),
        ("/wp-content/uploads/sites/2/2020/01/a.jpg", "sites/2/2020/01/a.jpg"),
        ("/wp-content/uploads/2020/01/%D8%B5%D9%88%D8%B1%D8%A9.jpg", "2020/01/صورة.jpg"),
        ("/wp-content/uploads/2020/01/صورة.jpg", "2020/01/صورة.jpg"),
        ("/wp-content/uploads/2020/01/a%20b.jpg", "2020/01/a b.jpg"),
        ("  /wp-content/uploads/a.jpg\n", "a.jpg"),
        ("/wp-content/uploads/caf%E9.jpg", "café.jpg"),
    ],
)
def test_uploads_path_finds_the_file_under_uploads(src, relative):
    assert uploads_path(src) == relative


@pytest.mark.parametrize(
    "src",
    [
        "https://example.ma/images/a.jpg",
        "/wp-content/themes/x/logo.png",
        "/wp-content/uploads/",
        "/wp-content/uploads/2020/",
        "/wp-content/uploads/../../wp-config.php",
        "/wp-content/uploads/2020/%2e%2e/x.jpg",
        "/wp-content/uploads/a%2Fb.jpg",
        "data:image/png;base64,wp-content/uploads/a.jpg",
        "javascript:/wp-content/uploads/a.jpg",
        "http://[::1/wp-content/uploads/a.jpg",
        "",
    ],
)
def test_uploads_path_is_none_outside_uploads(src):
    assert uploads_path(src) is None


@given(st.text())
def test_uploads_path_never_fails(src):
    relative = uploads_path(src)
    assert relative is None or ".." not in relative.split("/")


SEGMENTS = st.lists(
    st.text(st.sampled_from(list("abcصورةمغرب-_ 1٢")), min_size=1, max_size=8).filter(
        lambda s: s.strip() == s and s not in (".", "..")
    ),
    min_size=1,
    max_size=4,
)


@given(SEGMENTS, st.sampled_from(["https://a.ma", "http://127.0.0.1:8081", "", "//cdn.x"]))
def test_uploads_path_reads_back_any_file_name_encoded_or_not(segments, host):
    from urllib.parse import quote

    relative = "/".join(segments)
    assert uploads_path(f"{host}/wp-content/uploads/{relative}") == relative
    assert uploads_path(f"{host}/wp-content/uploads/{quote(relative)}") == relative


@pytest.mark.parametrize(
    ("relative", "candidates"),
    [
        ("2020/01/photo-300x200.jpg", ["2020/01/photo-300x200.jpg", "2020/01/photo.jpg",
                                       "2020/01/photo-scaled.jpg"]),
        ("2020/01/photo-scaled.jpg", ["2020/01/photo-scaled.jpg", "2020/01/photo.jpg"]),
        ("2020/01/photo-rotated-1024x768.png", ["2020/01/photo-rotated-1024x768.png",
                                                "2020/01/photo-rotated.png", "2020/01/photo.png"]),
        ("2020/01/photo.jpg", ["2020/01/photo.jpg"]),
        ("صورة-150x150.jpeg", ["صورة-150x150.jpeg", "صورة.jpeg", "صورة-scaled.jpeg"]),
        ("2020/01/map-1x1-big.jpg", ["2020/01/map-1x1-big.jpg"]),
        ("2020/01/noext-10x10", ["2020/01/noext-10x10", "2020/01/noext", "2020/01/noext-scaled"]),
    ],
)  # fmt: skip
def test_original_candidates_lead_from_a_size_variant_to_its_original(relative, candidates):
    assert list(original_candidates(relative)) == candidates


OLD = "http://127.0.0.1:8081/wp-content/uploads/2026/11"


def dima_has(*paths):
    return lambda relative: f"/media/editor/{relative}" if relative in paths else None


def test_an_image_found_points_at_dimas_copy_and_loses_its_srcset():
    html, missing = rewrite_uploads(
        f'<img src="{OLD}/a-1024x683.jpg" alt="أ" class="wp-image-5" width="1024" height="683" '
        f'srcset="{OLD}/a-300x200.jpg 300w, {OLD}/a-1024x683.jpg 1024w" sizes="(max-width: 1024px)'
        ' 100vw, 1024px">',
        dima_has("2026/11/a.jpg"),
    )
    assert html == (
        '<img src="/media/editor/2026/11/a.jpg" alt="أ" class="wp-image-5" width="1024" '
        'height="683">'
    )
    assert missing == []


def test_resolve_is_asked_for_the_size_variant_first_then_its_originals():
    asked = []
    rewrite_uploads(f'<img src="{OLD}/a-1024x683.jpg">', lambda path: asked.append(path))
    assert asked == ["2026/11/a-1024x683.jpg", "2026/11/a.jpg", "2026/11/a-scaled.jpg"]


def test_an_image_not_found_is_removed_and_listed_once():
    html, missing = rewrite_uploads(
        f'<p>أ <img src="{OLD}/gone.jpg" alt="x"> ب</p><p><img src="{OLD}/gone.jpg"></p>',
        dima_has(),
    )
    assert html == "<p>أ  ب</p><p></p>"
    assert missing == ["2026/11/gone.jpg"]


def test_images_from_elsewhere_are_left_alone():
    html = '<img src="https://cdn.example.com/x.jpg" srcset="https://cdn.example.com/y.jpg 2x">'
    assert rewrite_uploads(html, dima_has()) == (html, [])


def test_a_link_around_an_image_follows_it_to_dimas_copy():
    html, missing = rewrite_uploads(
        f'<a href="{OLD}/a.jpg"><img src="{OLD}/a-300x200.jpg"></a>', dima_has("2026/11/a.jpg")
    )
    assert html == (
        '<a href="/media/editor/2026/11/a.jpg"><img src="/media/editor/2026/11/a.jpg"></a>'
    )
    assert missing == []


def test_a_link_to_a_missing_file_around_an_image_is_unwrapped():
    html, missing = rewrite_uploads(
        f'<a href="{OLD}/big.jpg" title="t"><img src="{OLD}/small.jpg"></a>',
        dima_has("2026/11/small.jpg"),
    )
    assert html == '<img src="/media/editor/2026/11/small.jpg">'
    assert missing == ["2026/11/big.jpg"]


def test_a_link_whose_only_image_is_missing_goes_with_it():
    html, missing = rewrite_uploads(
        f'<p>أ<a href="{OLD}/a.jpg"> <img src="{OLD}/a.jpg"> </a>ب</p>', dima_has()
    )
    assert html == "<p>أ  ب</p>"
    assert missing == ["2026/11/a.jpg"]


def test_links_without_images_and_links_elsewhere_are_left_alone():
    html = (
        f'<a href="{OLD}/report.pdf">التقرير</a> '
        f'<a href="https://example.com/"><img src="{OLD}/a.jpg"></a>'
    )
    rewritten, missing = rewrite_uploads(html, dima_has("2026/11/a.jpg"))
    assert rewritten == (
        f'<a href="{OLD}/report.pdf">التقرير</a> '
        '<a href="https://example.com/"><img src="/media/editor/2026/11/a.jpg"></a>'
    )
    assert missing == []


def test_a_converted_caption_is_rewritten_and_sanitised():
    body = converted(CAPTIONED).html
    html, missing = rewrite_uploads(body, dima_has("2022/05/souk.jpg"))
    assert sanitize_html(html) == (
        '<figure class="image-captioned image-start">'
        '<a href="/media/editor/2022/05/souk.jpg" rel="noopener noreferrer">'
        '<img class="" src="/media/editor/2022/05/souk.jpg" alt="سوق" width="300" height="200">'
        "</a><figcaption>سوق الخميس</figcaption></figure>"
    )
    assert missing == []


@given(HTMLISH)
def test_rewriting_any_html_never_fails(text):
    html, missing = rewrite_uploads(text, lambda relative: None)
    assert isinstance(missing, list)


@given(DOCUMENTS, st.sets(st.sampled_from(["2020/a.jpg", "2020/b.jpg"])))
def test_rewriting_uploads_keeps_the_reader_text_and_leaves_no_old_image(document, present):
    document = document.replace('src="a.jpg"', 'src="/wp-content/uploads/2020/a.jpg"').replace(
        "<a>", '<a href="/wp-content/uploads/2020/b.jpg">'
    )
    html, missing = rewrite_uploads(document, lambda p: f"/media/{p}" if p in present else None)
    assert visible(html) == visible(document)
    assert 'src="/wp-content' not in html
    assert set(missing) <= {"2020/a.jpg", "2020/b.jpg"} - present
