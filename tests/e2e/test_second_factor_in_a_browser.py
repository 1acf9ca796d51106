"""An editor enrols an authenticator app, signs out, and signs in again with its code; a
writer without a second factor signs in with a password alone."""

import pytest

from tests.staff.door import PASSWORD, code_for, staff_member


@pytest.fixture
def door(live_server, settings, django_user_model):
    settings.STAFF_SECOND_FACTOR_ENFORCED = True
    staff_member(django_user_model, "salma", "محرر")
    staff_member(django_user_model, "karim", "كاتب")
    return live_server.url


def sign_in(page, base, username):
    page.goto(base + "/admin/login/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("#login-form input[type=submit]")


def test_an_editor_enrols_signs_out_and_signs_in_with_a_code(browser, door, screenshots_dir):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, door, "salma")
    # Required of editors: the admin sends her to enrolment.
    page.wait_for_url("**/admin/account/two_factor/setup/**")
    assert page.locator("html").get_attribute("lang") == "ar"
    page.click("input[type=submit]")  # welcome
    page.check("input[value=generator]")
    page.click("input[type=submit]")
    secret = page.locator(".totp-secret").inner_text()
    page.wait_for_function(
        "() => { const img = document.querySelector(\"img[src*='qrcode']\");"
        " return img && img.complete && img.naturalWidth > 0; }"
    )
    if screenshots_dir:
        page.screenshot(path=screenshots_dir / "door-enrolment.png", full_page=True)
    # Editors type the code and press Enter: a wrong one is refused on the same step ...
    right = code_for(secret)
    page.fill("#id_generator-token", f"{(int(right) + 1) % 10**6:06}")
    page.press("#id_generator-token", "Enter")
    page.wait_for_selector(".errorlist")
    assert page.locator("#id_generator-token").count() == 1
    # ... and the right one goes forward.
    page.fill("#id_generator-token", code_for(secret))
    page.press("#id_generator-token", "Enter")
    # Enrolled, and signed in with it: on to where she was going.
    page.wait_for_url(door + "/admin/")
    page.goto(door + "/admin/")
    assert page.locator("#content-main").count() == 1
    assert "/admin/login/" not in page.url

    page.click("#logout-form button")
    page.wait_for_url("**/admin/login/")
    page.goto(door + "/admin/")
    assert "/admin/login/" in page.url

    sign_in(page, door, "salma")
    page.wait_for_selector("#id_token-otp_token")
    if screenshots_dir:
        page.screenshot(path=screenshots_dir / "door-code.png", full_page=True)
    page.fill("#id_token-otp_token", code_for(secret))
    page.press("#id_token-otp_token", "Enter")
    page.wait_for_url(door + "/admin/")
    assert page.locator("a.account-security").count() == 1
    assert errors == []
    page.close()


def test_a_writer_without_a_second_factor_signs_in(browser, door):
    page = browser.new_page()
    sign_in(page, door, "karim")
    page.wait_for_url(door + "/admin/")
    assert page.locator("a.account-security").count() == 1
    page.close()


def test_an_editor_enrols_a_passkey_and_signs_in_with_it(browser, door):
    """Chromium's virtual authenticator (DevTools' WebAuthn domain) plays the passkey."""
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.bring_to_front()  # WebAuthn answers only a focused page
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    authenticator = devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    sign_in(page, door, "salma")
    page.wait_for_url("**/admin/account/two_factor/setup/**")
    page.click("input[type=submit]")  # welcome
    page.check("input[value=webauthn]")
    page.click("input[type=submit]")
    # The page's script creates the credential and sends the form by itself.
    page.wait_for_url(door + "/admin/")
    from two_factor.plugins.webauthn.models import WebauthnDevice

    assert WebauthnDevice.objects.filter(user__username="salma", confirmed=True).count() == 1

    page.click("#logout-form button")
    page.wait_for_url("**/admin/login/")
    sign_in(page, door, "salma")
    # The code step asks the authenticator, which answers, and the form goes by itself.
    page.wait_for_url(door + "/admin/")
    assert page.url == door + "/admin/"
    assert page.locator("a.account-security").count() == 1
    used = devtools.send("WebAuthn.getCredentials", authenticator)["credentials"]
    assert [credential["signCount"] for credential in used] == [2]
    assert errors == []
    page.close()
