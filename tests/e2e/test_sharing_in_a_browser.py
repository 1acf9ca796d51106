"""Sharing in Chromium: the copy button copies the article's address and says so; the
share links stay plain links, and no request leaves for the sharing sites."""

from tests.factories import ArticleFactory


def test_copy_link_puts_the_articles_address_on_the_clipboard(browser, live_server):
    article = ArticleFactory(title="مقال للمشاركة")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(live_server.url + article.get_absolute_url())
    copy = page.get_by_role("button", name="نسخ الرابط")
    copy.click()
    assert page.evaluate("navigator.clipboard.readText()") == (
        f"{live_server.url}/articles/{article.pk}/"
    )
    page.locator("[data-share-status]").filter(has_text="تم نسخ الرابط").wait_for()
    whatsapp = page.get_by_role("link", name="WhatsApp")
    assert whatsapp.get_attribute("href").startswith("https://wa.me/?text=")
    assert all(url.startswith(live_server.url) for url in requests), requests
    context.close()
