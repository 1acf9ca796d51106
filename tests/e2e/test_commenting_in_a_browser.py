"""Commenting in Chromium: post, reply through the moved form, and scripts stay text."""

import pytest

from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory, SectionFactory


@pytest.fixture
def discussion(live_server, transactional_db):
    article = ArticleFactory(title="مقال للنقاش", section=SectionFactory(name="وطنية"))
    first = CommentFactory(
        article=article,
        name="يوسف",
        email="youssef@example.com",
        body="أول تعليق",
        created_at="2020-01-01T00:00:00Z",
    )
    # Salma is a known reader, approved before under her name: published at once.
    CommentFactory(
        article=ArticleFactory(section=article.section),
        name="سلمى",
        email="salma@example.com",
        body="تعليق سابق",
        created_at="2020-01-01T00:00:00Z",
    )
    return live_server.url + article.get_absolute_url(), first


def fill_and_send(page, body: str) -> None:
    page.fill("#id_body", body)
    page.fill("#id_name", "سلمى")
    page.fill("#id_email", "salma@example.com")
    # The page may come from a cache, without a form token: consent.js fetches one first.
    with page.expect_navigation():
        page.click(".comment-form button[type=submit]")


def test_reply_moves_the_form_under_the_comment_and_nests_the_answer(browser, discussion):
    url, first = discussion
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(url)
    page.click(f"#comment-{first.pk} .comment__reply")
    assert page.evaluate("document.getElementById('respond').previousElementSibling.className") == (
        "comment__card"
    )
    assert page.locator("#reply-title").inner_text() == "رد على يوسف"
    fill_and_send(page, "ردّي على يوسف")
    assert page.locator(".message").inner_text() == "نُشر تعليقك."
    reply = Comment.objects.get(body="ردّي على يوسف")
    assert reply.parent_id == first.pk
    assert page.locator(f"#comment-{first.pk} .comment-replies #comment-{reply.pk}").count() == 1
    page.close()


def test_a_script_in_a_comment_never_runs(browser, discussion):
    url, _first = discussion
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    payload = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    page.goto(url)
    fill_and_send(page, payload)
    assert page.locator(".comment__text", has_text="<script>alert(1)</script>").count() == 1
    assert dialogs == []
    page.close()


def test_a_refused_comment_shows_its_error_in_view_with_the_text_kept(browser, discussion):
    url, _first = discussion
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(url)
    page.fill("#id_url", "javascript:alert(1)")
    page.evaluate("document.querySelector('.comment-form').noValidate = true")
    fill_and_send(page, "نص لا يضيع")
    assert page.input_value("#id_body") == "نص لا يضيع"
    assert page.locator("#respond .errorlist").is_visible()
    assert page.evaluate(
        "(() => { const r = document.getElementById('respond').getBoundingClientRect();"
        " return r.top < innerHeight && r.bottom > 0; })()"
    )
    page.close()
