"""The admin's door: a second factor for editors and superusers, optional for writers."""

import pytest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.staff.door import (
    PASSWORD,
    code_for,
    enrol_totp,
    sign_in_code,
    sign_in_password,
    staff_member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def door_enforced(settings):
    settings.STAFF_SECOND_FACTOR_ENFORCED = True


def test_an_editor_without_a_second_factor_is_sent_to_enrolment(client, django_user_model):
    staff_member(django_user_model, "desk", "محرر")
    assert sign_in_password(client, "desk").status_code == 302
    for address in ["/admin/", "/admin/articles/article/", "/admin/account/sessions/"]:
        response = client.get(address)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/account/two_factor/setup/")
    # A POST gets no further.
    response = client.post("/admin/articles/article/add/", {"title": "x"})
    assert response["Location"] == "/admin/account/two_factor/setup/"


def test_a_superuser_without_a_second_factor_is_sent_to_enrolment(client, django_user_model):
    staff_member(django_user_model, "root", is_superuser=True)
    sign_in_password(client, "root")
    assert client.get("/admin/")["Location"].startswith("/admin/account/two_factor/setup/")


def test_a_writer_without_a_second_factor_signs_in_and_works(client, django_user_model):
    staff_member(django_user_model, "writer", "كاتب")
    assert sign_in_password(client, "writer")["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/articles/article/").status_code == 200


def test_a_writer_made_an_editor_meets_the_door_on_the_next_page(client, django_user_model):
    from django.contrib.auth.models import Group

    writer = staff_member(django_user_model, "writer", "كاتب")
    sign_in_password(client, "writer")
    assert client.get("/admin/").status_code == 200  # checked: needs nothing, for now
    writer.groups.add(Group.objects.get(name="محرر"))
    response = client.get("/admin/articles/article/")
    assert response["Location"].startswith("/admin/account/two_factor/setup/")


def test_a_setting_requires_it_of_every_staff_member(client, django_user_model, settings):
    staff_member(django_user_model, "writer", "كاتب")
    sign_in_password(client, "writer")
    assert client.get("/admin/").status_code == 200  # checked before the rule changed
    settings.STAFF_SECOND_FACTOR_FOR_ALL = True
    assert client.get("/admin/")["Location"].startswith("/admin/account/two_factor/setup/")


def test_an_enrolled_editor_needs_the_code_after_the_password(client, django_user_model):
    staff_member(django_user_model, "desk", "محرر")
    sign_in_password(client, "desk")
    secret = enrol_totp(client)
    assert client.get("/admin/").status_code == 200
    client.post("/admin/logout/")

    response = sign_in_password(client, "desk")
    assert response.status_code == 200  # the code's step, not yet signed in
    assert 'name="token-otp_token"' in response.text
    assert client.get("/admin/").status_code == 302
    response = sign_in_code(client, code_for(secret))
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_does_not_sign_in(client, django_user_model):
    user = staff_member(django_user_model, "desk", "محرر")
    TOTPDevice.objects.create(user=user, name="default", key="0" * 40, confirmed=True)
    sign_in_password(client, "desk")
    response = sign_in_code(client, "111111" if code_for_hex("0" * 40) == "000000" else "000000")
    assert response.status_code == 200
    assert "errornote" in response.text or "errorlist" in response.text
    assert client.get("/admin/").status_code == 302


def code_for_hex(key_hex):
    from base64 import b32encode

    return code_for(b32encode(bytes.fromhex(key_hex)).decode())


def test_backup_codes_work_once(client, django_user_model):
    user = staff_member(django_user_model, "desk", "محرر")
    TOTPDevice.objects.create(user=user, name="default", key="1" * 40, confirmed=True)
    backup = StaticDevice.objects.create(user=user, name="backup")
    backup.token_set.create(token="recover1")
    backup.token_set.create(token="recover2")

    for expected in (True, False):
        client.logout()
        sign_in_password(client, "desk")
        response = client.post(
            "/admin/login/",
            {"staff_login_view-current_step": "token", "wizard_goto_step": "backup"},
        )
        assert 'name="backup-otp_token"' in response.text
        response = client.post(
            "/admin/login/",
            {"staff_login_view-current_step": "backup", "backup-otp_token": "recover1"},
        )
        assert (client.get("/admin/").status_code == 200) is expected
    assert list(backup.token_set.values_list("token", flat=True)) == ["recover2"]


def test_recovery_codes_are_made_after_enrolment(client, django_user_model):
    staff_member(django_user_model, "desk", "محرر")
    sign_in_password(client, "desk")
    enrol_totp(client)
    response = client.post("/admin/account/two_factor/backup/tokens/")
    assert response.status_code == 302
    page = client.get("/admin/account/two_factor/backup/tokens/").text
    assert page.count("<li><code>") == 10


def test_an_editor_cannot_turn_the_second_factor_off(client, django_user_model):
    staff_member(django_user_model, "desk", "محرر")
    sign_in_password(client, "desk")
    enrol_totp(client)
    response = client.post("/admin/account/two_factor/disable/", {"understand": "on"})
    assert response["Location"] == "/admin/account/two_factor/"
    assert TOTPDevice.objects.filter(user__username="desk").exists()


def test_backup_codes_alone_neither_lock_out_nor_count_as_a_second_factor(
    client, django_user_model
):
    writer = staff_member(django_user_model, "writer", "كاتب")
    StaticDevice.objects.create(user=writer, name="backup").token_set.create(token="recover1")
    assert sign_in_password(client, "writer")["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    client.logout()
    editor = staff_member(django_user_model, "desk", "محرر")
    StaticDevice.objects.create(user=editor, name="backup").token_set.create(token="recover2")
    sign_in_password(client, "desk")
    assert client.get("/admin/")["Location"].startswith("/admin/account/two_factor/setup/")


def test_a_device_added_to_a_password_only_session_signs_it_out(client, django_user_model):
    """A writer signed in with a password, then given a device elsewhere, must use it."""
    user = staff_member(django_user_model, "writer", "كاتب")
    sign_in_password(client, "writer")
    assert client.get("/admin/").status_code == 200
    TOTPDevice.objects.create(user=user, name="default", key="2" * 40, confirmed=True)
    # The session's "nothing needed" verdict is kept a few minutes; then it is looked at again.
    session = client.session
    session["staff_door_checked"] = 0
    session.save()
    response = client.get("/admin/")
    assert response["Location"].startswith("/admin/login/")
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


@pytest.mark.parametrize(
    "hostile",
    [
        "",
        "12345",
        "1234567",
        "abcdef",
        "١٢٣٤٥٦",  # Arabic-Indic digits
        "9" * 5000,
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "\u202e123456",
    ],
)
def test_hostile_codes_re_render_the_form_with_a_message(client, django_user_model, hostile):
    user = staff_member(django_user_model, "desk", "محرر")
    TOTPDevice.objects.create(user=user, name="default", key="3" * 40, confirmed=True)
    sign_in_password(client, "desk")
    response = sign_in_code(client, hostile)
    assert response.status_code == 200
    assert 'name="token-otp_token"' in response.text
    assert "errorlist" in response.text or "errornote" in response.text
    assert "<script>alert(1)</script>" not in response.text
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize(
    "data",
    [
        {"staff_login_view-current_step": "nowhere", "token-otp_token": "123456"},
        {"staff_login_view-current_step": "token"},
        {"token-otp_token": "123456"},
        {"staff_login_view-current_step": "backup", "backup-otp_token": "x" * 3000},
        {"staff_login_view-current_step": "token", "wizard_goto_step": "nowhere"},
    ],
)
def test_a_tampered_sign_in_form_never_answers_500(client, django_user_model, data):
    user = staff_member(django_user_model, "desk", "محرر")
    TOTPDevice.objects.create(user=user, name="default", key="4" * 40, confirmed=True)
    sign_in_password(client, "desk")
    response = client.post("/admin/login/", data)
    assert response.status_code in (200, 400)
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize("device", ["x", "otp_totp.totpdevice/1", ""])
def test_choosing_a_device_before_the_password_step_asks_for_the_password(client, device):
    response = client.post("/admin/login/", {"challenge_device": device})
    assert response.status_code == 200
    assert 'name="password"' in response.text
    assert client.get("/admin/").status_code == 302


def test_the_sign_in_pages_are_arabic_and_right_to_left(client, django_user_model):
    staff_member(django_user_model, "desk", "محرر")
    page = client.get("/admin/login/").text
    assert '<html lang="ar" dir="rtl">' in page
    assert "تسجيل الدخول" in page
    sign_in_password(client, "desk")
    page = client.get("/admin/account/two_factor/setup/").text
    assert '<html lang="ar" dir="rtl">' in page
    assert "عامل تحقق ثانٍ" in page


def test_lockout_still_stops_the_password_step(client, django_user_model, settings):
    staff_member(django_user_model, "desk", "محرر")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in_password(client, "desk", "wrong-password")
    response = sign_in_password(client, "desk", PASSWORD)
    assert response.status_code == 429
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize("hostile", ["", "abcdef", "١٢٣٤٥٦", "9" * 5000, "-1", "1e6", "<b>1</b>"])
def test_hostile_codes_at_enrolment_re_render_the_form(client, django_user_model, hostile):
    staff_member(django_user_model, "desk", "محرر")
    sign_in_password(client, "desk")
    client.post("/admin/account/two_factor/setup/", {"setup_view-current_step": "welcome"})
    client.post(
        "/admin/account/two_factor/setup/",
        {"setup_view-current_step": "method", "method-method": "generator"},
    )
    response = client.post(
        "/admin/account/two_factor/setup/",
        {"setup_view-current_step": "generator", "generator-token": hostile},
    )
    assert response.status_code == 200
    assert 'class="errorlist' in response.text
    assert not TOTPDevice.objects.filter(user__username="desk").exists()
    assert client.get("/admin/")["Location"].startswith("/admin/account/two_factor/setup/")
