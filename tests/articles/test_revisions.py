"""Every save of an article is a revision, with who saved it and why; any revision can be
restored (as a new one), and two of them compared word by word."""

import re
from datetime import timedelta
from pathlib import Path

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reversion.models import Revision, Version

from articles.history import body_diff, text_blocks
from articles.models import Article, Byline
from articles.services import article_save
from tests import budgets
from tests.admin_forms import article_form
from tests.factories import ArticleFactory, AuthorFactory, TagFactory
from wordpress.services import WordPressImport

CHANGELIST = reverse("admin:articles_article_changelist")
EXPORT = Path(__file__).parents[1] / "wordpress" / "fixtures" / "wordpress-export.xml"


def versions_of(article) -> list[Version]:
    return list(Version.objects.get_for_object(article).select_related("revision").order_by("pk"))


def change_form(article, **fields) -> dict:
    """The admin's change form for `article` as it is, with `fields` changed."""
    bylines = list(article.bylines.all())
    form = article_form(
        article.section,
        bylines[0].author,
        title=article.title,
        body=article.body,
        excerpt=article.excerpt,
        status=article.status,
        tags=[tag.pk for tag in article.tags.all()],
        **{"bylines-INITIAL_FORMS": "1", "bylines-0-id": bylines[0].pk},
        **{"bylines-0-article": article.pk, "bylines-0-label": bylines[0].label},
    )
    form.update(fields)
    return form


def member_of(django_user_model, group: str, username: str):
    user = django_user_model.objects.create_user(username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def writer(django_user_model):
    return member_of(django_user_model, "كاتب", "writer")


@pytest.fixture
def desk_editor(django_user_model):
    return member_of(django_user_model, "محرر", "desk")


@pytest.fixture
def saved_twice(client, desk_editor, section):
    """An article added through the admin, then changed: new headline, byline, tag and body."""
    client.force_login(desk_editor)
    first_author, first_tag = AuthorFactory(name="سلمى بنعلي"), TagFactory(name="الماء")
    client.post(
        reverse("admin:articles_article_add"),
        article_form(
            section,
            first_author,
            title="سدود المملكة في أدنى مستوياتها",
            body="<p>انخفض منسوب السدود هذا الأسبوع.</p><p>وتدعو الوزارة إلى الاقتصاد.</p>",
            tags=[first_tag.pk],
            **{"bylines-0-label": "مراسلة"},
        ),
    )
    article = Article.objects.get()
    form = change_form(
        article,
        title="سدود المملكة تستعيد بعض مستوياتها",
        body="<p>ارتفع منسوب السدود <strong>قليلا</strong> هذا الأسبوع.</p>"
        "<p>وتدعو الوزارة إلى الاقتصاد.</p>",
        tags=[TagFactory(name="الأمطار").pk],
        **{"bylines-0-author": AuthorFactory(name="يوسف العلوي").pk, "bylines-0-label": ""},
    )
    response = client.post(reverse("admin:articles_article_change", args=[article.pk]), form)
    assert response.status_code == 302, response.context and response.context["errors"]
    article.refresh_from_db()
    return article


# -- a revision per save path ---------------------------------------------------------------


@pytest.mark.django_db
def test_admin_add_and_change_each_make_a_revision_with_who_and_why(saved_twice, desk_editor):
    first, second = versions_of(saved_twice)
    assert first.revision.user == second.revision.user == desk_editor
    assert first.revision.get_comment() and second.revision.get_comment()
    assert first.field_dict["title"] == "سدود المملكة في أدنى مستوياتها"
    assert second.field_dict["title"] == "سدود المملكة تستعيد بعض مستوياتها"


@pytest.mark.django_db
def test_a_revision_holds_the_bylines_with_their_labels_and_the_tags(saved_twice):
    first = versions_of(saved_twice)[0]
    bylines = [v.field_dict for v in first.revision.version_set.get_for_model(Byline)]
    assert [(b["label"], b["position"]) for b in bylines] == [("مراسلة", 0)]
    assert [
        v.field_dict["name"]
        for v in first.revision.version_set.get_for_model(type(saved_twice.tags.get()))
    ] == ["الماء"]


@pytest.mark.django_db
def test_article_save_outside_the_admin_makes_a_revision(editor, section):
    article = ArticleFactory.build(section=section, title="خبر من خدمة")
    article_save(article=article, editor=editor)
    article.title = "خبر معدل من خدمة"
    article_save(article=article, editor=editor)
    first, second = versions_of(article)
    assert (first.revision.user, second.revision.user) == (editor, editor)
    assert second.field_dict["title"] == "خبر معدل من خدمة"


@pytest.mark.django_db
def test_the_publish_action_makes_one_revision_per_article(client, desk_editor, section):
    drafts = ArticleFactory.create_batch(3, section=section, status=Article.Status.DRAFT)
    client.force_login(desk_editor)
    client.post(CHANGELIST, {"action": "publish", "_selected_action": [d.pk for d in drafts]})
    for draft in drafts:
        (version,) = versions_of(draft)
        assert version.field_dict["status"] == Article.Status.PUBLISHED
        assert version.revision.user == desk_editor
        assert version.revision.version_set.get_for_model(Article).count() == 1


@pytest.mark.django_db
def test_the_wordpress_importer_makes_revisions_with_the_bylines(tmp_path, settings):
    WordPressImport(EXPORT).run()
    article = Article.objects.filter(bylines__isnull=False).first()
    (version,) = versions_of(article)
    saved_bylines = version.revision.version_set.get_for_model(Byline)
    assert {v.field_dict["author_id"] for v in saved_bylines} == {
        b.author_id for b in article.bylines.all()
    }


# -- restore ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_restoring_brings_back_bylines_and_tags_as_a_new_revision(client, saved_twice):
    first = versions_of(saved_twice)[0]
    old_byline = first.revision.version_set.get_for_model(Byline).get()
    form = change_form(
        saved_twice,
        title=first.field_dict["title"],
        body=first.field_dict["body"],
        tags=first.field_dict["tags"],
        **{
            "bylines-0-id": old_byline.object_id,
            "bylines-0-author": old_byline.field_dict["author_id"],
            "bylines-0-label": "مراسلة",
        },
    )
    url = reverse("admin:articles_article_revision", args=[saved_twice.pk, first.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, form)
    assert response.status_code == 302, response.context and response.context["errors"]
    saved_twice.refresh_from_db()
    assert saved_twice.title == "سدود المملكة في أدنى مستوياتها"
    assert [(str(b.author), b.label) for b in saved_twice.bylines.all()] == [
        ("سلمى بنعلي", "مراسلة")
    ]
    assert [tag.name for tag in saved_twice.tags.all()] == ["الماء"]
    assert len(versions_of(saved_twice)) == 3  # nothing lost: the restore is a revision too


@pytest.mark.django_db
def test_a_writer_restoring_a_published_revision_does_not_publish(
    client, writer, desk_editor, section
):
    client.force_login(writer)
    client.post(reverse("admin:articles_article_add"), article_form(section, AuthorFactory()))
    article = Article.objects.get()
    client.force_login(desk_editor)
    then = timezone.now() - timedelta(days=3)
    form = change_form(article, status="published")
    form.update(published_at_0=then.strftime("%Y-%m-%d"), published_at_1="08:00:00")
    client.post(reverse("admin:articles_article_change", args=[article.pk]), form)
    client.post(CHANGELIST, {"action": "unpublish", "_selected_action": [article.pk]})
    article.refresh_from_db()
    kept_time = article.published_at
    published = next(v for v in versions_of(article) if v.field_dict["status"] == "published")

    client.force_login(writer)
    url = reverse("admin:articles_article_revision", args=[article.pk, published.pk])
    assert client.get(url).status_code == 200
    crafted = change_form(article, status="published", published_at_0="2020-01-01")
    response = client.post(url, crafted)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.published_at == kept_time
    assert article not in Article.objects.published()
    assert versions_of(article)[-1].revision.user == writer


# -- history and compare ------------------------------------------------------------------


@pytest.mark.django_db
def test_history_lists_revisions_with_who_and_a_compare_link(client, saved_twice):
    response = client.get(reverse("admin:articles_article_history", args=[saved_twice.pk]))
    assert response.status_code == 200
    assert response.text.count('name="from"') == 2
    assert "desk" in response.text
    assert reverse("admin:articles_article_compare", args=[saved_twice.pk]) in response.text


@pytest.mark.django_db
def test_compare_shows_an_arabic_word_diff_right_to_left(client, saved_twice):
    first, second = versions_of(saved_twice)
    url = reverse("admin:articles_article_compare", args=[saved_twice.pk])
    response = client.get(url, {"from": first.pk, "to": second.pk})
    assert response.status_code == 200
    diff = re.search(r'<div class="revision-diff" dir="rtl"[^>]*>(.*?)</div>', response.text, re.S)
    assert "<del>انخفض</del>" in diff[1] and "<ins>ارتفع</ins>" in diff[1]
    assert "<ins>قليلا</ins>" in diff[1] and "<strong>" not in diff[1]
    assert "وتدعو الوزارة إلى الاقتصاد." in diff[1]  # unchanged paragraph, unmarked
    for changed in ("الماء", "الأمطار", "مراسلة: سلمى بنعلي", "يوسف العلوي"):
        assert changed in response.text
    assert client.get(url).status_code == 200  # the newest against the one before


@pytest.mark.django_db
@pytest.mark.parametrize("query", [{"from": "x"}, {"to": "999999"}])
def test_compare_refuses_revisions_of_nothing_with_a_400(client, saved_twice, query):
    url = reverse("admin:articles_article_compare", args=[saved_twice.pk])
    assert client.get(url, query).status_code == 400


@pytest.mark.django_db
def test_compare_refuses_a_revision_of_another_article(client, saved_twice, editor, section):
    other = ArticleFactory.build(section=section)
    article_save(article=other, editor=editor)
    url = reverse("admin:articles_article_compare", args=[saved_twice.pk])
    assert client.get(url, {"from": versions_of(other)[0].pk}).status_code == 400


# -- the cap ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_cap_keeps_the_first_and_the_newest_revisions(settings, editor, section):
    settings.ARTICLE_REVISIONS_MAX = 3
    article = ArticleFactory.build(section=section, title="النسخة 0")
    article_save(article=article, editor=editor)
    for n in range(1, 6):
        article.title = f"النسخة {n}"
        article_save(article=article, editor=editor)
    kept = [v.field_dict["title"] for v in versions_of(article)]
    assert kept == ["النسخة 0", "النسخة 4", "النسخة 5"]
    assert not Revision.objects.filter(version__isnull=True).exists()


@pytest.mark.django_db
def test_no_cap_keeps_every_revision(settings, editor, section):
    settings.ARTICLE_REVISIONS_MAX = 0
    article = ArticleFactory.build(section=section)
    for _n in range(4):
        article_save(article=article, editor=editor)
    assert len(versions_of(article)) == 4


# -- what a save costs ------------------------------------------------------------------------


@pytest.mark.django_db
def test_saving_through_the_admin_stays_within_its_budget_plus_the_revision(
    client, saved_twice, django_assert_max_num_queries
):
    form = change_form(saved_twice, title="عنوان ثالث")
    url = reverse("admin:articles_article_change", args=[saved_twice.pk])
    with django_assert_max_num_queries(budgets.ADMIN_ARTICLE_SAVE + budgets.ARTICLE_REVISION):
        assert client.post(url, form).status_code == 302
    assert len(versions_of(saved_twice)) == 3


# -- the diff itself --------------------------------------------------------------------------

arabic_words = st.lists(
    st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهوي<>&\"'", min_size=1, max_size=8),
    min_size=1,
    max_size=12,
)


@given(arabic_words)
def test_a_text_compared_with_itself_shows_no_change(words):
    html = f"<p>{' '.join(words).replace('<', '&lt;').replace('>', '&gt;')}</p>"
    assert "<ins>" not in body_diff(html, html) and "<del>" not in body_diff(html, html)


@given(arabic_words, st.integers(min_value=0, max_value=12), arabic_words)
def test_inserted_words_appear_inside_ins(words, at, inserted):
    at = min(at, len(words))
    changed = [*words[:at], "جديد", *words[at:]]
    diff = body_diff(f"<p>{' '.join(words)}</p>", f"<p>{' '.join(changed)}</p>")
    assert "<ins>" in diff and "جديد" in " ".join(re.findall(r"<ins>(.*?)</ins>", diff))


@given(st.text(max_size=40))
def test_nothing_from_the_article_text_reaches_the_page_unescaped(text):
    diff = body_diff("<p>قبل</p>", f"<p>{text}</p><script>alert(1)</script>")
    assert "<script" not in diff
    markup = re.sub(r"</?(p|ins|del)>", "", diff)
    assert "<" not in markup


def test_markup_alone_is_no_change_of_text():
    before = "<p>وزير <b>الماء</b> يزور السد</p>"
    after = '<p>وزير <a href="/x">الماء</a>  يزور\nالسد</p>'
    assert text_blocks(before) == text_blocks(after) == ["وزير الماء يزور السد"]
    assert "<ins>" not in body_diff(before, after)


def test_a_removed_paragraph_is_deleted_whole():
    diff = body_diff("<p>الأولى</p><p>الثانية</p>", "<p>الأولى</p>")
    assert diff == "<p>الأولى</p><p><del>الثانية</del></p>"
