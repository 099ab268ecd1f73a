"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live_server.

Playwright's own browser download does not work here, so the system Chromium is used. Without
it the tests skip with a message, except in CI (CI set), where a missing browser is a failure.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run beside
# one unless told it is fine (it is: the loop only drives the browser).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = (
            f"Chromium not found at {CHROMIUM}: apt-get install chromium to run the browser tests"
        )
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _unhashed_static_files(settings):
    """live_server serves static files from the source folders (the staticfiles handler), which
    know nothing of the hashed names that the production storage would put in the pages."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def site(live_server, transactional_db, settings):
    """The live site with the demo content (therapists, modalities, articles) loaded."""
    from articles import demo as articles_demo
    from therapists import demo as therapists_demo

    settings.SITE_URL = live_server.url
    therapists_demo.load()
    articles_demo.load()
    return live_server


class ConsoleErrors(list):
    """Errors the page logged (CSP violations, failed requests): a visitor's broken page."""


@pytest.fixture
def page(browser):
    """A fresh browser tab at desktop width that fails the test on any console error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(10_000)
    tab = context.new_page()
    errors = ConsoleErrors()

    def on_console(message):
        url = message.location.get("url", "")
        # A 404 page's own status is expected; and Django's admin pages name no icon, so the
        # browser tries /favicon.ico (ours name one).
        if message.type == "error" and url != tab.url and not url.endswith("/favicon.ico"):
            errors.append(f"{message.text} ({url})")

    tab.on("console", on_console)
    tab.on(
        "response",
        lambda response: (
            response.status >= 400
            and response.request.resource_type != "document"
            and errors.append(f"{response.status} for {response.url}")
        ),
    )
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.console_errors = errors
    yield tab
    context.close()
    assert not errors, "The browser console reported errors:\n" + "\n".join(errors)


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
