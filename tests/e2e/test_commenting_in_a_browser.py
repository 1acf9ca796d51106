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


def test_the_form_times_the_reader_from_when_they_start_not_from_the_cached_page(
    browser, discussion, settings
):
    settings.PAGE_CACHE = True
    # Long enough that a loaded CI machine still sends the quick post inside it.
    settings.COMMENTS_MIN_SECONDS = 3
    url, _first = discussion
    page = browser.new_page()
    page.goto(url)
    page.wait_for_timeout(3200)  # the page is now older than the minimum, and cached
    page.goto(url)
    started = page.locator('.comment-form input[name="started"]')
    assert started.input_value() == ""  # nothing per reader in the shared copy

    # A script that fills the form and sends it at once is refused, its text kept...
    page.fill("#id_name", "سلمى")
    page.fill("#id_email", "salma@example.com")
    page.fill("#id_body", "تعليق سريع")
    # Asked from /cookies/status/ when the reader first touched the form.
    page.wait_for_function("document.querySelector('.comment-form [name=started]').value")
    page.evaluate("document.querySelector('.comment-form').requestSubmit()")
    page.wait_for_load_state()
    page.wait_for_selector("#respond .form-error")
    assert "أسرع مما يكتب أي إنسان" in page.locator("#respond").inner_text()
    assert page.input_value("#id_body") == "تعليق سريع"
    assert not Comment.objects.filter(body="تعليق سريع").exists()

    # ... and a reader who takes a moment is published.
    page.wait_for_timeout(3200)
    with page.expect_navigation():
        page.click(".comment-form button[type=submit]")
    assert page.locator(".message").inner_text() == "نُشر تعليقك."
    assert Comment.objects.filter(body="تعليق سريع").exists()
    page.close()
