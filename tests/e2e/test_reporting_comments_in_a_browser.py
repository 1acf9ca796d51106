"""Reporting a comment in Chromium: in place with JavaScript, through a page without it."""

import pytest

from comments.models import CommentReport
from tests.factories import ArticleFactory, CommentFactory, SectionFactory


@pytest.fixture
def discussion(live_server, settings):
    settings.PAGE_CACHE = True  # the page comes from the cache, with no form token in it
    article = ArticleFactory(title="مقال للنقاش", section=SectionFactory(name="وطنية"))
    comment = CommentFactory(article=article, name="يوسف", body="تعليق فيه إساءة")
    return live_server.url + article.get_absolute_url(), comment


def test_a_report_is_sent_in_place_and_thanked(browser, discussion):
    url, comment = discussion
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(url)
    page.goto(url)  # the second visit is served from the page cache
    page.click(f"#comment-{comment.pk} .comment__report")
    form = page.locator(f"#comment-{comment.pk} form.comment-report")
    form.locator("select").select_option("abuse")
    form.locator("button").click()
    thanks = page.locator(f"#comment-{comment.pk} .comment__reported")
    thanks.wait_for()
    assert thanks.inner_text() == "شكراً، وصلنا بلاغك"
    assert page.url == url  # no page was loaded
    report = CommentReport.objects.get()
    assert (report.comment_id, report.reason) == (comment.pk, "abuse")
    page.close()


def test_a_report_without_javascript_goes_through_its_page(browser, discussion):
    url, comment = discussion
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url)
    with page.expect_navigation():
        page.click(f"#comment-{comment.pk} .comment__report")
    assert "/comments/report/" in page.url
    page.select_option("select[name=reason]", "spam")
    with page.expect_navigation():
        page.click("form.comment-report button[type=submit]")
    assert page.url.endswith("#comments")
    assert page.locator(".message--success").inner_text() == "شكراً، وصلنا بلاغك"
    assert CommentReport.objects.get().reason == "spam"
    context.close()
