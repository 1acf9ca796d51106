"""A body paragraph holding only a supported address becomes a click-to-load figure;
everything else in the body stays as the sanitiser left it."""

import re

from django.core.exceptions import ValidationError

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.sanitize import sanitize_html
from embeds.body import embed_body, has_embeds
from embeds.providers import ORIGINS
from tests.factories import ArticleFactory

YOUTUBE = "https://www.youtube.com/watch?v=jNQXAC9IVRw"
FIGURE = re.compile(r"<figure class=\"embed embed--(\w+)\" data-embed-src=\"([^\"]+)\"")


def figures(html: str) -> list[tuple[str, str]]:
    return FIGURE.findall(html)


@pytest.mark.parametrize(
    "paragraph",
    [
        f"<p>{YOUTUBE}</p>",
        f"<p> {YOUTUBE}&nbsp;</p>",
        f'<p dir="ltr">{YOUTUBE}<br></p>',
        f'<p><a href="{YOUTUBE}">{YOUTUBE}</a></p>',
    ],
)
def test_a_paragraph_holding_only_an_address_becomes_an_embed(paragraph):
    body = sanitize_html(f"<p>قبل</p>{paragraph}<p>بعد</p>")
    html = embed_body(body).html
    assert figures(html) == [
        ("youtube", "https://www.youtube-nocookie.com/embed/jNQXAC9IVRw?autoplay=1")
    ]
    assert html.startswith("<p>قبل</p><figure") and html.endswith("</figure><p>بعد</p>")
    assert "<iframe" not in html  # the frame is made in the browser, on click
    assert f'<a class="embed__link" href="{YOUTUBE}"' in html
    assert '<button type="button" class="embed__play" hidden>' in html


@pytest.mark.parametrize(
    "paragraph",
    [
        f"<p>شاهدوا {YOUTUBE}</p>",  # an address inside a sentence
        f'<p><a href="{YOUTUBE}">شاهدوا الفيديو</a></p>',  # a link with its own words
        f'<p><a href="https://evil.example/">{YOUTUBE}</a></p>',  # text and target differ
        "<p>https://vimeo.com/76979871</p>",  # not a provider Dima embeds
        "<p>https://youtube.com.evil.com/watch?v=jNQXAC9IVRw</p>",
        f"<blockquote>{YOUTUBE}</blockquote>",
        f"<p><strong>{YOUTUBE}</strong></p>",
    ],
)
def test_anything_else_stays_as_it_was(paragraph):
    body = sanitize_html(paragraph)
    assert embed_body(body).html == body
    assert not has_embeds(body)


def test_several_embeds_and_their_origins():
    body = sanitize_html(
        "<p>https://youtu.be/jNQXAC9IVRw</p><p>نص</p><p>https://x.com/jack/status/20</p>"
        "<p>https://fb.watch/abc/</p>"
    )
    embedded = embed_body(body)
    assert [kind for kind, _src in figures(embedded.html)] == ["youtube", "x", "facebook"]
    assert embedded.origins == ORIGINS
    assert "&amp;dnt=true" in embedded.html  # the attribute is escaped


def test_the_address_in_a_figure_is_escaped_as_written_by_dima():
    hostile = YOUTUBE + '&x="><script>alert(1)</script>'
    body = sanitize_html(f"<p>{hostile}</p>")
    html = embed_body(body).html
    assert "<script" not in html
    # The figure's addresses are Dima's own spelling: nothing else of the pasted one.
    assert figures(html) == [
        ("youtube", "https://www.youtube-nocookie.com/embed/jNQXAC9IVRw?autoplay=1")
    ]
    assert f'href="{YOUTUBE}"' in html
    figure = html.split("<figure", 1)[1]
    assert "&amp;x=" not in figure and "&gt;" not in figure


def test_the_sanitiser_still_strips_an_editors_iframe():
    pasted = (
        '<iframe src="https://www.youtube.com/embed/jNQXAC9IVRw"></iframe>'
        '<p><iframe src="javascript:alert(1)"></iframe>نص</p>'
        '<figure class="embed" data-embed-src="https://evil.example/"><button>x</button></figure>'
    )
    cleaned = sanitize_html(pasted)
    assert "<iframe" not in cleaned
    assert "data-embed-src" not in cleaned and "<button" not in cleaned
    assert embed_body(cleaned).html == cleaned


def test_the_rewrite_is_kept_per_body_and_language():
    body = sanitize_html(f"<p>{YOUTUBE}</p>")
    assert embed_body(body) is embed_body(body)


def test_a_body_without_addresses_costs_no_parsing():
    body = "<p>نص بلا روابط.</p>"
    assert embed_body(body).html == body
    assert embed_body(body).embeds == ()


@given(st.text(max_size=300))
def test_any_body_comes_out_without_frames_or_unknown_origins(text):
    body = sanitize_html(f"<p>{text}</p><p>{text.strip()}</p>")
    html = embed_body(body).html
    assert "<iframe" not in html and "<script" not in html
    for _kind, src in figures(html):
        assert "/".join(src.split("/")[:3]) in ORIGINS


@pytest.mark.django_db
def test_an_article_knows_it_has_a_video_from_its_field_or_its_body():
    plain = ArticleFactory(body="<p>نص.</p>")
    in_body = ArticleFactory(body=f"<p>{YOUTUBE}</p>")
    in_field = ArticleFactory(video_url="https://x.com/jack/status/20")
    assert (plain.has_video, in_body.has_video, in_field.has_video) == (False, True, True)
    in_body.body = "<p>لم يعد هنا فيديو.</p>"
    in_body.save()
    assert not in_body.has_video
    # The stored body keeps the address, not the figure: the editor sees what they typed.
    assert ArticleFactory(body=f"<p>{YOUTUBE}</p>").body == f"<p>{YOUTUBE}</p>"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "https://vimeo.com/76979871",
        "javascript:alert(1)",
        "https://youtube.com.evil.com/watch?v=jNQXAC9IVRw",
        "https://youtu.be/jNQXAC9IVRw\u202e",
    ],
)
def test_the_video_field_refuses_other_addresses(url):
    article = ArticleFactory.build(video_url=url)
    with pytest.raises(ValidationError) as refused:
        article.full_clean(exclude=["section", "slug", "body"])
    assert "video_url" in refused.value.message_dict
