"""The cookie groups and cookies, created by migration and explained on the policy page."""

import pytest
from cookie_consent.models import Cookie, CookieGroup

pytestmark = pytest.mark.django_db


def test_the_migration_creates_the_three_groups_and_their_cookies():
    groups = {group.varname: group for group in CookieGroup.objects.all()}
    assert list(groups) == ["necessary", "functional", "analytics"]
    assert groups["necessary"].is_required and not groups["necessary"].is_deletable
    assert not groups["functional"].is_required and groups["functional"].is_deletable
    cookies = {
        varname: set(
            Cookie.objects.filter(cookiegroup__varname=varname).values_list("name", flat=True)
        )
        for varname in groups
    }
    assert cookies == {
        "necessary": {"cookie_consent", "csrftoken", "django_language", "messages", "sessionid"},
        "functional": {"dima_commenter"},
        "analytics": {"_pk_id", "_pk_ses"},
    }


@pytest.mark.parametrize(
    ("prefix", "words"),
    [
        ("", ["إعدادات ملفات تعريف الارتباط", "ضرورية", "وظيفية", "إحصائية"]),
        ("/fr", ["Paramètres des cookies", "Nécessaires", "Fonctionnels", "Mesure d’audience"]),
        ("/en", ["Cookie settings", "Necessary", "Functional", "Analytics"]),
    ],
)
def test_the_policy_page_lists_every_group_and_cookie_in_the_readers_language(
    client, prefix, words
):
    html = client.get(f"{prefix}/cookies/").text
    for word in words:
        assert word in html
    for cookie in Cookie.objects.all():
        assert f"<code>{cookie.name}</code>" in html


def test_a_cookie_added_in_the_admin_appears_on_the_policy_page(client):
    group = CookieGroup.objects.get(varname="analytics")
    Cookie.objects.create(cookiegroup=group, name="_pk_ref", description="مصدر الزيارة")
    html = client.get("/cookies/").text
    assert "<code>_pk_ref</code>" in html and "مصدر الزيارة" in html


@pytest.mark.parametrize("url", ["/", "/fr/", "article", "/no-such-page/"])
def test_every_page_links_to_the_cookie_settings_in_its_footer(client, article, url):
    html = client.get(article.get_absolute_url() if url == "article" else url).text
    footer = html[html.index('<footer class="site-footer">') :]
    if url == "/fr/":
        assert '<a href="/fr/cookies/">Paramètres des cookies</a>' in footer
    else:
        assert '<a href="/cookies/">إعدادات ملفات تعريف الارتباط</a>' in footer


def test_the_policy_page_shows_the_readers_current_choice(client):
    client.post("/cookies/save/", {"groups": ["analytics"]})
    html = client.get("/cookies/").text
    assert 'value="analytics" id="choice-analytics" checked' in html
    assert 'value="functional" id="choice-functional">' in html
