"""Signing staff in through the admin's door, step by step, as a browser's form posts would."""

import re
from base64 import b32decode

from django.contrib.auth.models import Group

from django_otp.oath import TOTP

PASSWORD = "pw-door-7319"


def staff_member(django_user_model, username, group=None, **extra):
    user = django_user_model.objects.create_user(
        username, email=f"{username}@dima.test", password=PASSWORD, is_staff=True, **extra
    )
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def code_for(secret_b32: str, drift: int = 0) -> str:
    """The six digits an authenticator app shows now for the base-32 secret it scanned."""
    totp = TOTP(b32decode(secret_b32.replace(" ", "")))
    totp.drift = drift
    return f"{totp.token():06d}"


def sign_in_password(client, username, password=PASSWORD):
    return client.post(
        "/admin/login/",
        {
            "staff_login_view-current_step": "auth",
            "username": username,
            "password": password,
        },
    )


def sign_in_code(client, code):
    return client.post(
        "/admin/login/",
        {"staff_login_view-current_step": "token", "token-otp_token": code},
    )


def enrol_totp(client) -> str:
    """Walk the enrolment wizard with an authenticator app; the secret it was shown."""
    client.get("/admin/account/two_factor/setup/")
    client.post("/admin/account/two_factor/setup/", {"setup_view-current_step": "welcome"})
    response = client.post(
        "/admin/account/two_factor/setup/",
        {"setup_view-current_step": "method", "method-method": "generator"},
    )
    secret = re.search(r'class="totp-secret">([A-Z2-7]+)<', response.text).group(1)
    response = client.post(
        "/admin/account/two_factor/setup/",
        {"setup_view-current_step": "generator", "generator-token": code_for(secret)},
    )
    assert response.status_code == 302, response.text
    return secret
