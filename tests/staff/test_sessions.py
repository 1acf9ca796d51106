"""Staff see their sessions and end the others; a new password ends them too."""

from django.test import Client

import pytest

from staff.models import StaffSession
from tests.staff.door import PASSWORD, sign_in_password, staff_member

pytestmark = pytest.mark.django_db


def signed_in(username, user_agent, ip):
    client = Client(HTTP_USER_AGENT=user_agent, REMOTE_ADDR=ip)
    assert sign_in_password(client, username)["Location"] == "/admin/"
    return client


def test_a_staff_member_sees_each_of_their_sessions(django_user_model):
    staff_member(django_user_model, "writer", "كاتب")
    staff_member(django_user_model, "other", "كاتب")
    laptop = signed_in("writer", "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "192.0.2.10")
    signed_in("writer", "Mozilla/5.0 (iPhone) Safari/604.1", "198.51.100.7")
    signed_in("other", "Elsewhere/1.0", "203.0.113.9")
    page = laptop.get("/admin/account/sessions/").text
    assert "Firefox/128.0" in page and "192.0.2.10" in page
    assert "iPhone" in page and "198.51.100.7" in page
    assert "Elsewhere" not in page
    assert page.count('class="current-session"') == 1


def test_signing_out_of_all_other_sessions(django_user_model):
    staff_member(django_user_model, "writer", "كاتب")
    staff_member(django_user_model, "other", "كاتب")
    laptop = signed_in("writer", "Laptop/1.0", "192.0.2.10")
    phone = signed_in("writer", "Phone/1.0", "198.51.100.7")
    someone_else = signed_in("other", "Elsewhere/1.0", "203.0.113.9")
    response = laptop.post("/admin/account/sessions/")
    assert response.status_code == 302
    assert laptop.get("/admin/").status_code == 200
    assert phone.get("/admin/")["Location"].startswith("/admin/login/")
    assert someone_else.get("/admin/").status_code == 200
    assert list(
        StaffSession.objects.filter(user__username="writer").values_list("user_agent", flat=True)
    ) == ["Laptop/1.0"]


def test_changing_the_password_ends_the_other_sessions(django_user_model):
    staff_member(django_user_model, "writer", "كاتب")
    laptop = signed_in("writer", "Laptop/1.0", "192.0.2.10")
    phone = signed_in("writer", "Phone/1.0", "198.51.100.7")
    response = laptop.post(
        "/admin/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "a-new-door-4471",
            "new_password2": "a-new-door-4471",
        },
    )
    assert response["Location"] == "/admin/password_change/done/"
    # update_session_auth_hash keeps this session; the other one no longer matches the hash.
    assert laptop.get("/admin/").status_code == 200
    assert phone.get("/admin/")["Location"].startswith("/admin/login/")
    page = laptop.get("/admin/account/sessions/").text
    assert "Laptop/1.0" in page and "Phone/1.0" not in page


def test_the_sessions_page_is_for_staff_only(client, django_user_model):
    assert client.get("/admin/account/sessions/")["Location"].startswith("/admin/login/")
    reader = django_user_model.objects.create_user("reader", password="pw")
    client.force_login(reader)
    assert client.get("/admin/account/sessions/")["Location"].startswith("/admin/login/")


def test_a_session_s_description_goes_with_it(django_user_model):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.core.management import call_command
    from django.utils import timezone

    staff_member(django_user_model, "writer", "كاتب")
    laptop = signed_in("writer", "Laptop/1.0", "192.0.2.10")
    phone = signed_in("writer", "Phone/1.0", "198.51.100.7")
    assert StaffSession.objects.count() == 2
    laptop.post("/admin/logout/")
    assert list(StaffSession.objects.values_list("user_agent", flat=True)) == ["Phone/1.0"]
    # Expired and cleared (manage.py clearsessions, daily): the address is gone too.
    Session.objects.filter(session_key=phone.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    call_command("clearsessions")
    assert StaffSession.objects.count() == 0
