"""No silent overwrites: an article's edit lock, and a save from a stale copy refused."""

from datetime import datetime, timedelta

from django.contrib.auth.models import Permission
from django.utils import timezone, translation

import pytest

from articles.admin_locks import StaleSaveRefusingForm
from articles.locks import duration, lock_holder, lock_message, lock_refresh, lock_take
from articles.models import Article, EditLock
from articles.services import articles_set_status
from tests.admin_forms import article_form
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def _staff(django_user_model, username, first_name, last_name=""):
    user = django_user_model.objects.create_user(
        username, password="pw", is_staff=True, first_name=first_name, last_name=last_name
    )
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="articles"))
    return user


@pytest.fixture
def salma(django_user_model):
    return _staff(django_user_model, "salma", "سلمى", "العلوي")


@pytest.fixture
def karim(django_user_model):
    return _staff(django_user_model, "karim", "كريم")


@pytest.fixture
def article(section):
    return ArticleFactory(
        section=section,
        title="العنوان الأول",
        excerpt="المقتطف الأول",
        published_at=timezone.make_aware(datetime(2024, 5, 1, 10, 0)),
        bylines=[(AuthorFactory(name="نادية"), "")],
    )


def change_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def change_post(article, version: str, **fields) -> dict:
    """The admin's change form for `article` as its editor posts it, with the version loaded."""
    byline = article.bylines.get()
    data = article_form(
        article.section,
        byline.author,
        title=article.title,
        slug=article.slug,
        excerpt=article.excerpt,
        body=article.body,
        status=article.status,
        published_at_0=timezone.localtime(article.published_at).strftime("%Y-%m-%d"),
        published_at_1=timezone.localtime(article.published_at).strftime("%H:%M:%S"),
        loaded_version=version,
        **{
            "bylines-INITIAL_FORMS": "1",
            "bylines-0-id": byline.pk,
            "bylines-0-article": article.pk,
        },
    )
    data.update(fields)
    return data


def loaded_version(response) -> str:
    return response.context["adminform"].form["loaded_version"].value()


def age(lock: EditLock, seconds: int) -> None:
    EditLock.objects.filter(pk=lock.pk).update(
        since=timezone.now() - timedelta(seconds=seconds),
        seen_at=timezone.now() - timedelta(seconds=seconds),
    )


# The lock itself (articles.locks).


def test_the_first_editor_takes_a_free_lock_and_the_second_does_not(article, salma, karim):
    assert lock_holder(article) is None
    assert lock_take(article=article, user=salma).user == salma
    assert lock_take(article=article, user=karim).user == salma
    assert lock_holder(article).user == salma


def test_a_lock_not_seen_for_edit_lock_seconds_is_stale_and_goes_to_the_next(
    article, salma, karim, settings
):
    settings.EDIT_LOCK_SECONDS = 150
    lock = lock_take(article=article, user=salma)
    age(lock, 149)
    assert lock_take(article=article, user=karim).user == salma
    age(lock, 151)
    assert lock_holder(article) is None
    assert lock_take(article=article, user=karim).user == karim
    assert EditLock.objects.get().since > timezone.now() - timedelta(seconds=5)


def test_taking_over_moves_a_fresh_lock(article, salma, karim):
    lock_take(article=article, user=salma)
    assert lock_take(article=article, user=karim, take_over=True).user == karim
    assert EditLock.objects.get().user == karim


def test_the_heartbeat_keeps_the_lock_fresh_and_reports_who_took_it(
    article, salma, karim, settings
):
    settings.EDIT_LOCK_SECONDS = 150
    lock = lock_take(article=article, user=salma)
    age(lock, 140)
    assert lock_refresh(article=article, user=salma).user == salma
    assert lock_holder(article).seen_at > timezone.now() - timedelta(seconds=5)
    assert lock_holder(article).since < timezone.now() - timedelta(seconds=130)  # since kept
    lock_take(article=article, user=karim, take_over=True)
    assert lock_refresh(article=article, user=salma).user == karim


@pytest.mark.parametrize(
    ("seconds", "arabic"),
    [
        (20, "لحظات"),
        (60, "دقيقة"),
        (150, "دقيقتين"),
        (5 * 60, "5 دقائق"),
        (11 * 60, "11 دقيقة"),
        (3600, "ساعة"),
        (2 * 3600, "ساعتين"),
        (4 * 3600, "4 ساعات"),
    ],
)
def test_durations_take_the_arabic_plural_forms(seconds, arabic):
    now = timezone.now()
    with translation.override("ar"):
        assert duration(now - timedelta(seconds=seconds), now=now) == arabic


def test_the_lock_says_who_edits_and_since_when_in_each_language(article, salma):
    lock = lock_take(article=article, user=salma)
    age(lock, 130)
    lock.refresh_from_db()
    with translation.override("ar"):
        assert lock_message(lock) == "سلمى العلوي يحرر هذا المقال منذ دقيقتين."
    with translation.override("fr"):
        assert lock_message(lock) == "سلمى العلوي modifie cet article depuis 2 minutes."
    with translation.override("en"):
        assert lock_message(lock) == "سلمى العلوي has been editing this article for 2 minutes."


# The lock in the admin.


def test_opening_the_article_takes_its_lock_and_the_second_editor_sees_who_has_it(
    client, article, salma, karim
):
    client.force_login(salma)
    response = client.get(change_url(article))
    assert response.context["edit_lock"]["mine"]
    assert 'src="/static/js/edit-lock.js"' in response.text
    assert EditLock.objects.get().user == salma

    client.force_login(karim)
    response = client.get(change_url(article))
    assert not response.context["edit_lock"]["mine"]
    assert "سلمى العلوي يحرر هذا المقال منذ لحظات." in response.text
    assert f'action="/admin/articles/article/{article.pk}/lock/take-over/"' in response.text
    assert EditLock.objects.get().user == salma


def test_taking_over_in_the_admin_moves_the_lock_and_the_heartbeat_tells_the_first(
    client, article, salma, karim
):
    client.force_login(salma)
    client.get(change_url(article))
    heartbeat = f"/admin/articles/article/{article.pk}/lock/heartbeat/"
    assert client.post(heartbeat).json() == {"held": True}

    client.force_login(karim)
    response = client.post(f"/admin/articles/article/{article.pk}/lock/take-over/")
    assert response.status_code == 302
    assert response["Location"] == change_url(article)
    assert EditLock.objects.get().user == karim

    client.force_login(salma)
    state = client.post(heartbeat).json()
    assert state["held"] is False
    assert state["taken_over"].startswith("تولّى كريم تحرير هذا المقال.")
    assert state["message"] == "كريم يحرر هذا المقال منذ لحظات."
    assert EditLock.objects.get().user == karim


def test_lock_views_take_no_get_and_need_csrf(article, salma, client):
    from django.test import Client

    client.force_login(salma)
    for action in ["heartbeat", "take-over"]:
        url = f"/admin/articles/article/{article.pk}/lock/{action}/"
        assert client.get(url).status_code == 405
        strict = Client(enforce_csrf_checks=True)
        strict.force_login(salma)
        assert strict.post(url).status_code == 403
    assert not EditLock.objects.exists()


def test_lock_views_are_for_staff_who_may_edit_the_article(
    client, article, django_user_model, salma
):
    heartbeat = f"/admin/articles/article/{article.pk}/lock/heartbeat/"
    reader = django_user_model.objects.create_user("reader", password="pw")
    client.force_login(reader)
    assert client.post(heartbeat).status_code == 302  # to the admin's login
    # A writer may edit only their own drafts.
    writer = _staff(django_user_model, "writer", "كاتب")
    writer.user_permissions.remove(Permission.objects.get(codename="publish_article"))
    client.force_login(writer)
    assert client.post(heartbeat).status_code == 403
    client.force_login(salma)
    missing = "/admin/articles/article/999999/lock/heartbeat/"
    assert client.post(missing).status_code == 404
    assert not EditLock.objects.exists()


# A save from a stale copy.


def test_the_form_refuses_a_stale_version_and_then_carries_the_new_one(article, salma, karim):
    form_class = type(
        "Form",
        (StaleSaveRefusingForm,),
        {"Meta": type("Meta", (), {"model": Article, "fields": ["title", "excerpt"]})},
    )
    opened = form_class(instance=article)["loaded_version"].value()
    Article.objects.filter(pk=article.pk).update(
        title="عنوان كريم", last_edited_by=karim, updated_at=timezone.now()
    )
    data = {"title": "عنوان سلمى", "excerpt": "المقتطف الأول", "loaded_version": opened}
    form = form_class(data, instance=Article.objects.get(pk=article.pk))
    assert not form.is_valid()
    errors = form.non_field_errors()
    assert errors[0].startswith("حفظ شخص آخر هذا المقال منذ فتحته: كريم")
    assert "تغيّر في الأثناء: العنوان." in errors
    assert "العنوان المحفوظ في الأثناء: عنوان كريم" in errors
    assert form["title"].value() == "عنوان سلمى"  # her text stays

    again = form_class(
        {**data, "loaded_version": form["loaded_version"].value()},
        instance=Article.objects.get(pk=article.pk),
    )
    assert again.is_valid(), again.errors
    again.save()
    assert Article.objects.get(pk=article.pk).title == "عنوان سلمى"


def test_a_stale_save_in_the_admin_is_refused_with_the_editors_text_kept(
    client, article, salma, karim
):
    client.force_login(salma)
    salmas_version = loaded_version(client.get(change_url(article)))

    client.force_login(karim)
    karims_version = loaded_version(client.get(change_url(article)))
    response = client.post(
        change_url(article),
        change_post(article, karims_version, title="عنوان كريم", excerpt="مقتطف كريم"),
    )
    assert response.status_code == 302

    client.force_login(salma)
    response = client.post(
        change_url(article),
        change_post(article, salmas_version, title="عنوان سلمى", body="<p>نص سلمى الطويل.</p>"),
    )
    assert response.status_code == 200
    html = response.text
    assert "حفظ شخص آخر هذا المقال منذ فتحته: كريم" in html
    assert "تغيّر في الأثناء: العنوان، المقتطف." in html
    assert (
        "العنوان المحفوظ في الأثناء: عنوان كريم" in html
        and "المقتطف المحفوظ في الأثناء: مقتطف كريم" in html
    )
    assert 'value="عنوان سلمى"' in html and "نص سلمى الطويل." in html
    saved = Article.objects.get(pk=article.pk)
    assert (saved.title, saved.excerpt, saved.last_edited_by) == ("عنوان كريم", "مقتطف كريم", karim)

    # Saving again, on purpose, from the refused form keeps her version.
    response = client.post(
        change_url(article),
        change_post(article, loaded_version(response), title="عنوان سلمى"),
    )
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).title == "عنوان سلمى"


def test_a_bulk_status_change_makes_an_open_form_stale(client, article, salma, karim):
    client.force_login(salma)
    opened = loaded_version(client.get(change_url(article)))
    articles_set_status(Article.objects.filter(pk=article.pk), "draft", editor=karim)
    response = client.post(change_url(article), change_post(article, opened, title="جديد"))
    assert response.status_code == 200
    assert "تغيّر في الأثناء: الحالة." in response.text
    assert Article.objects.get(pk=article.pk).title == "العنوان الأول"


def test_a_save_from_a_fresh_copy_goes_through(client, article, salma):
    client.force_login(salma)
    opened = loaded_version(client.get(change_url(article)))
    response = client.post(change_url(article), change_post(article, opened, title="جديد"))
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).title == "جديد"


def test_a_damaged_version_is_refused_with_a_clear_message(client, article, salma):
    client.force_login(salma)
    response = client.post(change_url(article), change_post(article, "{not json", title="جديد"))
    assert response.status_code == 200
    assert "أعد فتح المقال" in response.text
    assert Article.objects.get(pk=article.pk).title == "العنوان الأول"
