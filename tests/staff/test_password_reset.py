"""Password reset for staff: emailed by the task worker, revealing nothing, removing nothing."""

import re

from django.core import mail

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.staff.door import sign_in_password, staff_member

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def door_enforced(settings):
    settings.STAFF_SECOND_FACTOR_ENFORCED = True


def ask_reset(client, email, **extra):
    return client.post("/admin/password_reset/", {"email": email}, **extra)


def test_the_reset_email_is_sent_by_the_task_with_a_working_link(client, django_user_model):
    staff_member(django_user_model, "desk", "محرر")
    response = ask_reset(client, "desk@dima.test")
    assert response["Location"] == "/admin/password_reset/done/"
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["desk@dima.test"]
    link = re.search(r"http://testserver(/admin/reset/\S+/)", email.body).group(1)
    response = client.get(link)
    assert response.status_code == 302  # to the link without its token, as Django does
    response = client.post(
        response["Location"],
        {"new_password1": "a-new-door-4471", "new_password2": "a-new-door-4471"},
    )
    assert response["Location"] == "/admin/reset/done/"
    assert django_user_model.objects.get(username="desk").check_password("a-new-door-4471")


def test_the_reset_email_is_queued_as_a_task(client, django_user_model, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    staff_member(django_user_model, "desk", "محرر")
    ask_reset(client, "desk@dima.test")
    assert mail.outbox == []  # nothing sent in the request itself
    queued = [result.task.name for result in default_task_backend.results]
    assert queued == ["password_reset_send"]


def test_an_unknown_address_gets_the_same_answer_and_the_same_work(
    client, django_user_model, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    staff_member(django_user_model, "desk", "محرر")
    known = ask_reset(client, "desk@dima.test")
    unknown = ask_reset(client, "nobody@dima.test")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert client.get(known["Location"]).text == client.get(unknown["Location"]).text
    # The request did the same thing for both: it queued one task; the worker looks.
    assert len(default_task_backend.results) == 2


def test_an_unknown_or_reader_address_gets_no_email(client, django_user_model):
    django_user_model.objects.create_user("reader", email="reader@dima.test", password="pw")
    ask_reset(client, "nobody@dima.test")
    ask_reset(client, "reader@dima.test")
    assert mail.outbox == []


def test_requests_are_limited_per_address(client, django_user_model, settings):
    staff_member(django_user_model, "desk", "محرر")
    for _ in range(settings.STAFF_RESET_PER_HOUR + 3):
        response = ask_reset(client, "desk@dima.test")
        assert response["Location"] == "/admin/password_reset/done/"
    assert len(mail.outbox) == settings.STAFF_RESET_PER_HOUR


def test_a_reset_keeps_the_second_factor(client, django_user_model):
    user = staff_member(django_user_model, "desk", "محرر")
    TOTPDevice.objects.create(user=user, name="default", key="5" * 40, confirmed=True)
    ask_reset(client, "desk@dima.test")
    link = re.search(r"http://testserver(/admin/reset/\S+/)", mail.outbox[0].body).group(1)
    response = client.get(link)
    client.post(
        response["Location"],
        {"new_password1": "a-new-door-4471", "new_password2": "a-new-door-4471"},
    )
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1
    # The new password alone does not open the admin: the code is still asked for.
    response = sign_in_password(client, "desk", "a-new-door-4471")
    assert 'name="token-otp_token"' in response.text
    assert client.get("/admin/").status_code == 302


def test_the_reset_link_never_enters_the_task_table(client, django_user_model, settings):
    """Editors may read the task queue in admin: a link there would let one take over an
    account. The worker's task writes the email and sends it itself."""
    import json

    from django.core.management import call_command

    from django_tasks_db.models import DBTaskResult

    from tests.workers import DATABASE_QUEUE

    settings.TASKS = DATABASE_QUEUE
    staff_member(django_user_model, "desk", "محرر")
    ask_reset(client, "desk@dima.test")
    assert mail.outbox == []
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    [email] = mail.outbox
    link = re.search(r"/admin/reset/\S+/", email.body).group(0)
    stored = json.dumps(list(DBTaskResult.objects.values_list("args_kwargs", flat=True)))
    assert link not in stored and "/reset/" not in stored
    assert list(DBTaskResult.objects.values_list("task_path", "status")) == [
        ("staff.tasks.password_reset_send", "SUCCESSFUL")
    ]
