"""The admin's sign-in runs a fixed number of queries at each step (tests/budgets.py)."""

from base64 import b32encode

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import budgets
from tests.staff.door import code_for, sign_in_code, sign_in_password, staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def door_enforced(settings):
    settings.STAFF_SECOND_FACTOR_ENFORCED = True


def queries(call):
    with CaptureQueriesContext(connection) as captured:
        response = call()
    return response, len(captured)


def test_the_sign_in_page(client):
    response, count = queries(lambda: client.get("/admin/login/"))
    assert response.status_code == 200
    assert count <= budgets.ADMIN_LOGIN_PAGE


def test_a_password_sign_in_without_a_second_factor(client, django_user_model):
    staff_member(django_user_model, "writer", "كاتب")
    client.get("/admin/login/")
    response, count = queries(lambda: sign_in_password(client, "writer"))
    assert response["Location"] == "/admin/"
    assert count <= budgets.ADMIN_LOGIN_PASSWORD


def test_a_sign_in_with_a_code(client, django_user_model):
    user = staff_member(django_user_model, "desk", "محرر")
    key = "6" * 40
    TOTPDevice.objects.create(user=user, name="default", key=key, confirmed=True)
    client.get("/admin/login/")
    response, count = queries(lambda: sign_in_password(client, "desk"))
    assert 'name="token-otp_token"' in response.text
    assert count <= budgets.ADMIN_LOGIN_PASSWORD_STEP
    secret = b32encode(bytes.fromhex(key)).decode()
    response, count = queries(lambda: sign_in_code(client, code_for(secret)))
    assert response["Location"] == "/admin/"
    assert count <= budgets.ADMIN_LOGIN_CODE_STEP
