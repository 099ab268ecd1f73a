"""The admin works in a real browser under the Content-Security-Policy: no violations."""

import pytest
from playwright.sync_api import expect

# The shared Chromium fixtures (the first is autouse: unhashed static files for live_server).
from tests.browser.conftest import _unhashed_static_files, browser, page  # noqa: F401
from tests.factories import make_modality, make_staff_user, make_therapist

pytestmark = pytest.mark.browser


def test_admin_change_form_works_without_csp_violations(live_server, page, transactional_db):  # noqa: F811
    make_staff_user("owner", is_superuser=True)
    make_modality("Person-centred therapy")
    therapist = make_therapist("Jo Bloggs")
    violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))

    page.goto(live_server.url + "/admin/")
    page.locator("#id_username").fill("owner")
    page.locator("#id_password").fill("a-long-test-password-123")
    page.locator("#login-form [type=submit]").click()
    response = page.goto(f"{live_server.url}/admin/therapists/therapist/{therapist.pk}/change/")
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert "unsafe-inline" not in policy

    # The two-box chooser is built by the admin's JavaScript: it ran under the policy.
    chooser = page.locator("#id_modalities_from")
    expect(chooser).to_be_visible()
    chooser.select_option(label="Person-centred therapy")
    page.locator("#id_modalities_add").click()
    expect(page.locator("#id_modalities_to option")).to_have_text("Person-centred therapy")

    page.locator("#id_name").fill("Jo Bloggs-Smith")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_contain_text("Jo Bloggs-Smith")
    therapist.refresh_from_db()
    assert [m.name for m in therapist.modalities.all()] == ["Person-centred therapy"]

    # The change list (with its one hashed inline style) and the add form are clean too.
    page.goto(f"{live_server.url}/admin/therapists/therapist/")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.locator("#id_title").fill("Calm Nights")
    page.locator("#id_title").press("Tab")
    expect(page.locator("#id_slug")).to_have_value("calm-nights")  # admin JavaScript again

    # The two-factor set-up page draws its QR code without script or inline style.
    page.goto(f"{live_server.url}/admin/two-factor/")
    expect(page.locator(".two-factor-qr svg")).to_be_visible()
    assert not violations
    assert not page.console_errors


def test_staff_sign_in_with_password_and_app_code_in_the_browser(
    live_server,
    page,  # noqa: F811
    transactional_db,
    settings,
    clock,
):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.ADMIN_REQUIRE_2FA = True
    owner = make_staff_user("owner", is_superuser=True)
    device = TOTPDevice.objects.create(user=owner, name="Phone")
    page.goto(live_server.url + "/admin/")
    page.locator("#id_username").fill("owner")
    page.locator("#id_password").fill("a-long-test-password-123")
    page.locator("#id_otp_token").fill(f"{(totp(device.bin_key) + 1) % 1_000_000:06d}")
    page.locator("#login-form [type=submit]").click()
    expect(page.locator(".errornote")).to_be_visible()  # a wrong code: not signed in

    clock.advance(2)  # django-otp makes a device wait a second after a failure
    page.locator("#id_password").fill("a-long-test-password-123")
    page.locator("#id_otp_token").fill(f"{totp(device.bin_key):06d}")
    page.locator("#login-form [type=submit]").click()
    expect(page).to_have_url(live_server.url + "/admin/")
    expect(page.get_by_role("link", name="Two-factor")).to_be_visible()
    assert not page.console_errors
