"""Arabic at /, French at /fr/, English at /en/; right-to-left only where the language is."""

import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from django.utils.timezone import make_aware

import pytest

from tests.factories import ArticleFactory

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def article(section):
    return ArticleFactory(
        section=section,
        title="الأمن المغربي في مقدمة تأمين كاس العالم",
        published_at=make_aware(datetime(2022, 5, 27, 11)),
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "lang", "direction", "home"),
    [("", "ar", "rtl", "الرئيسية"), ("/fr", "fr", "ltr", "Accueil"), ("/en", "en", "ltr", "Home")],
)
def test_each_language_has_its_own_address_and_direction(
    client, article, prefix, lang, direction, home
):
    for path in [
        "/",
        article.get_absolute_url().removeprefix(prefix) if prefix else article.get_absolute_url(),
    ]:
        response = client.get(prefix + path)
        assert response.status_code == 200
        assert f'<html lang="{lang}" dir="{direction}" ' in response.text
    assert f">{home}</a>" in client.get(prefix + "/").text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "date"), [("", "27 ماي 2022"), ("/fr", "27 mai 2022"), ("/en", "May 27, 2022")]
)
def test_dates_in_each_language(client, article, prefix, date):
    # In the page's language, laid out by its own direction even inside an Arabic story.
    language = prefix.strip("/") or "ar"
    assert (
        f'lang="{language}" dir="auto">{date}</time>'
        in client.get(prefix + article.get_absolute_url()).text
    )


@pytest.mark.django_db
def test_the_switcher_links_the_same_page_in_every_language(client, article):
    html = client.get(article.get_absolute_url()).text
    fr = "/fr" + article.get_absolute_url()
    assert f'<a href="{fr}" hreflang="fr" lang="fr">Français</a>' in html
    assert (
        f'<link rel="alternate" hreflang="en" href="http://testserver/en{article.get_absolute_url()}">'
        in html
    )


@pytest.mark.django_db
def test_a_french_article_reads_left_to_right_in_the_arabic_site(client, section):
    french = ArticleFactory(section=section, title="Le Maroc et la Coupe du monde", language="fr")
    html = client.get(french.get_absolute_url()).text
    assert '<html lang="ar" dir="rtl" ' in html
    assert '<article class="story" lang="fr" dir="ltr">' in html
    home = client.get("/").text
    assert '<div class="card__text" lang="fr" dir="ltr">' in home


@pytest.mark.django_db
def test_a_french_article_is_in_the_french_feed_only(client, section):
    ArticleFactory(section=section, title="Le Maroc et la Coupe du monde", language="fr")
    ArticleFactory(section=section, title="خبر بالعربية")
    assert b"Le Maroc et la Coupe du monde" in client.get("/fr/feed/").content
    assert "خبر بالعربية".encode() not in client.get("/fr/feed/").content
    assert b"Le Maroc" not in client.get("/feed/").content


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
def test_catalogues_are_complete(language):
    po = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(  # noqa: S603
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    )
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_moroccan_month_names_survive_makemessages(tmp_path):
    project = ["dima", "articles", "comments", "search", "consent", "pages", "redirects"]
    project += [
        "wordpress",
        "newsroom",
        "outbox",
        "staff",
        "submissions",
        "readership",
        "live",
        "breaking",
        "embeds",
        "demo",
        "templates",
        "static",
        "locale",
    ]
    for name in [*project, "manage.py"]:
        source = ROOT / name
        copy = shutil.copytree if source.is_dir() else shutil.copy
        copy(source, tmp_path / name)
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "makemessages", "-l", "ar", "--settings=dima.settings_test"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    catalogue = (tmp_path / "locale/ar/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    assert 'msgid "May"\nmsgstr "ماي"' in catalogue
    assert 'msgctxt "alt. month"\nmsgid "August"\nmsgstr "غشت"' in catalogue
    assert "#~" not in catalogue
