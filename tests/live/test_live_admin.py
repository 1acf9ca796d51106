"""Editors add entries quickly from the coverage's page in the admin, with only the
permissions the migrations give the editors' group (محرر)."""

import pytest

from live.models import LiveCoverage, LiveEntry
from live.services import coverage_start
from tests.factories import ArticleFactory
from tests.live.conftest import jpeg

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/live/liveentry/add/"


def change_url(coverage) -> str:
    return f"/admin/live/livecoverage/{coverage.pk}/change/"


def quick_add(client, coverage, **fields):
    data = {"coverage": coverage.pk, "text": "", "image_alt": "", **fields}
    return client.post(ADD_URL, data)


def test_the_editors_group_may_follow_articles_live(editor_in_group):
    for codename in ("add", "change", "view"):
        assert editor_in_group.has_perm(f"live.{codename}_livecoverage")
        assert editor_in_group.has_perm(f"live.{codename}_liveentry")
    assert editor_in_group.has_perm("live.delete_liveentry")


def test_the_coverage_page_lists_entries_under_an_add_form(client, editor_in_group, live_article):
    client.force_login(editor_in_group)
    coverage = live_article.live_coverage
    response = client.get(change_url(coverage))
    assert response.status_code == 200
    html = response.content.decode()
    form_at = html.index(f'action="{ADD_URL}"')
    assert 'enctype="multipart/form-data"' in html
    assert f'name="coverage" value="{coverage.pk}"' in html
    # Newest first under the form, pinned on top.
    positions = [html.index(text) for text in ("أهلاً بكم", "هدف أول", "انطلاق المباراة")]
    assert form_at < positions[0] < positions[1] < positions[2]
    for entry in coverage.entries.all():
        assert f"/admin/live/liveentry/{entry.pk}/change/" in html


def test_an_editor_adds_an_entry_and_comes_back_to_the_coverage(
    client, editor_in_group, live_article, django_capture_on_commit_callbacks
):
    client.force_login(editor_in_group)
    coverage = live_article.live_coverage
    with django_capture_on_commit_callbacks(execute=True):
        response = quick_add(client, coverage, text="هدف التعادل في الدقيقة 90!", pinned="on")
    assert response.status_code == 302
    assert response["Location"] == change_url(coverage)
    entry = coverage.entries.get(text="هدف التعادل في الدقيقة 90!")
    assert entry.author == editor_in_group
    assert entry.pinned
    # Readers' next poll has it.
    texts = [
        e["text"] for e in client.get(f"/live/{live_article.pk}/entries.json").json()["entries"]
    ]
    assert "هدف التعادل في الدقيقة 90!" in texts


def test_an_entry_with_an_image_is_cleaned_and_described(client, editor_in_group, live_article):
    client.force_login(editor_in_group)
    coverage = live_article.live_coverage
    response = client.post(
        ADD_URL,
        {
            "coverage": coverage.pk,
            "text": "صورة من المدرجات",
            "image": jpeg("مدرجات.jpeg"),
            "image_alt": "جماهير",
        },
    )
    assert response.status_code == 302
    entry = coverage.entries.get(text="صورة من المدرجات")
    assert entry.image.name.endswith(".jpg") and entry.image_width == 800
    html = client.get(live_article.get_absolute_url()).content.decode()
    assert f'src="{entry.image.url}" alt="جماهير" width="800" height="450" loading="lazy"' in html


def test_an_image_needs_its_description(client, editor_in_group, live_article):
    client.force_login(editor_in_group)
    response = client.post(
        ADD_URL,
        {
            "coverage": live_article.live_coverage.pk,
            "text": "صورة",
            "image": jpeg(),
            "image_alt": "",
        },
    )
    assert response.status_code == 200
    assert "image_alt" in response.context["adminform"].form.errors


def test_a_file_that_is_not_an_image_is_refused_with_a_message(
    client, editor_in_group, live_article
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(editor_in_group)
    fake = SimpleUploadedFile("x.jpg", b"<svg onload=alert(1)>", "image/jpeg")
    response = client.post(
        ADD_URL,
        {
            "coverage": live_article.live_coverage.pk,
            "text": "صورة",
            "image": fake,
            "image_alt": "x",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["image"]
    assert not LiveEntry.objects.filter(text="صورة").exists()


@pytest.mark.parametrize(
    "text",
    ["نص\x00مع حرف فارغ", "\x00", "ا" * 2001, "   \n\n  ", "\u202e\u2066"],
    ids=["nul-inside", "nul-alone", "too-long", "blank", "only-bidi-controls"],
)
def test_bad_text_comes_back_with_a_message_and_saves_nothing(
    client, editor_in_group, live_article, text
):
    client.force_login(editor_in_group)
    before = LiveEntry.objects.count()
    response = quick_add(client, live_article.live_coverage, text=text)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["text"]
    assert LiveEntry.objects.count() == before


def test_bidi_overrides_are_removed_on_save(client, editor_in_group, live_article):
    client.force_login(editor_in_group)
    response = quick_add(client, live_article.live_coverage, text="\u202eالنتيجة 2-1\u202c")
    assert response.status_code == 302
    assert LiveEntry.objects.filter(text="النتيجة 2-1").exists()


def test_editing_an_entry_can_set_its_time(client, editor_in_group, live_article):
    client.force_login(editor_in_group)
    entry = live_article.live_coverage.entries.get(text="انطلاق المباراة.")
    response = client.post(
        f"/admin/live/liveentry/{entry.pk}/change/",
        {
            "coverage": entry.coverage_id,
            "text": "انطلاق المباراة!",
            "image_alt": "",
            "created_at_0": "2026-11-29",
            "created_at_1": "20:00:00",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == change_url(entry.coverage)
    entry.refresh_from_db()
    assert entry.text == "انطلاق المباراة!"
    assert entry.created_at.hour == 19  # 20:00 in Casablanca (UTC+1)


def test_deleting_an_entry_comes_back_to_the_coverage(client, editor_in_group, live_article):
    client.force_login(editor_in_group)
    entry = live_article.live_coverage.entries.first()
    response = client.post(f"/admin/live/liveentry/{entry.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert response["Location"] == change_url(entry.coverage)
    assert not LiveEntry.objects.filter(pk=entry.pk).exists()


def test_the_articles_live_link_opens_its_coverage_or_starts_one(
    client, editor_in_group, live_article, section
):
    client.force_login(editor_in_group)
    response = client.get(f"/admin/live/livecoverage/for-article/{live_article.pk}/")
    assert response["Location"] == change_url(live_article.live_coverage)
    other = ArticleFactory(section=section)
    response = client.get(f"/admin/live/livecoverage/for-article/{other.pk}/")
    assert response["Location"] == f"/admin/live/livecoverage/add/?article={other.pk}"
    response = client.get(response["Location"])
    assert response.status_code == 200
    assert client.get("/admin/live/livecoverage/for-article/999999/").status_code == 404


def test_an_editor_starts_and_ends_a_coverage(client, editor_in_group, section):
    client.force_login(editor_in_group)
    article = ArticleFactory(section=section)
    response = client.post(
        "/admin/live/livecoverage/add/",
        {"article": article.pk, "started_at_0": "2026-11-29", "started_at_1": "18:00:00"},
    )
    assert response.status_code == 302
    coverage = LiveCoverage.objects.get(article=article)
    assert coverage.is_live
    response = client.post(
        change_url(coverage),
        {
            "started_at_0": "2026-11-29",
            "started_at_1": "18:00:00",
            "ended_at_0": "2026-11-29",
            "ended_at_1": "21:00:00",
        },
    )
    assert response.status_code == 302
    coverage.refresh_from_db()
    assert not coverage.is_live


@pytest.mark.parametrize(
    ("end_date", "message_field"),
    [("2099-01-01", "ended_at"), ("2026-11-29", "ended_at")],
    ids=["in-the-future", "before-the-start"],
)
def test_an_impossible_end_is_refused(
    client, editor_in_group, live_article, end_date, message_field
):
    client.force_login(editor_in_group)
    coverage = live_article.live_coverage
    response = client.post(
        change_url(coverage),
        {
            "started_at_0": "2026-11-29",
            "started_at_1": "18:00:00",
            "ended_at_0": end_date,
            "ended_at_1": "17:00:00",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors[message_field]


def test_a_writer_cannot_add_entries(client, django_user_model, live_article):
    from django.contrib.auth.models import Group

    writer = django_user_model.objects.create_user("katib", password="pw", is_staff=True)
    writer.groups.add(Group.objects.get(name="كاتب"))
    client.force_login(writer)
    response = quick_add(client, live_article.live_coverage, text="محاولة")
    assert response.status_code == 403
    assert not LiveEntry.objects.filter(text="محاولة").exists()


def test_a_coverage_page_in_the_list_counts_its_entries(client, editor_in_group, live_article):
    client.force_login(editor_in_group)
    coverage_start(article=ArticleFactory(section=live_article.section))
    response = client.get("/admin/live/livecoverage/")
    assert response.status_code == 200
    assert live_article.title in response.content.decode()


def test_the_article_form_links_to_its_live_coverage(client, editor_in_group, live_article):
    client.force_login(editor_in_group)
    html = client.get(f"/admin/articles/article/{live_article.pk}/change/").content.decode()
    assert f'href="/admin/live/livecoverage/for-article/{live_article.pk}/"' in html
