"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live_server.

Playwright's own browser download does not work here, so the system Chromium is used. Without
it the tests skip with a message, except in CI (CI set), where a missing browser is a failure.
"""

import os
import threading
import time
from pathlib import Path

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started

from tests.browser.chromium import CHROMIUM_ARGS, CHROMIUM_PATH

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run beside
# one unless told it is fine (it is: the loop only drives the browser).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = CHROMIUM_PATH  # Debian's Chromium and its flags: shared with .ci/audit.py
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


class _SharedChromium:
    """One Playwright and one Chromium per test process, however many modules import the
    `browser` fixture (a second sync_playwright() in the same thread would fail)."""

    users = 0
    playwright = None
    browser = None

    @classmethod
    def acquire(cls):
        if cls.users == 0:
            from playwright.sync_api import sync_playwright

            cls.playwright = sync_playwright().start()
            cls.browser = cls.playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
        cls.users += 1
        return cls.browser

    @classmethod
    def release(cls):
        cls.users -= 1
        if cls.users == 0:
            cls.browser.close()
            cls.playwright.stop()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = (
            f"Chromium not found at {CHROMIUM}: apt-get install chromium to run the browser tests"
        )
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    yield _SharedChromium.acquire()
    _SharedChromium.release()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, so `page` can save a screenshot of a failure."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


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
    default_menus()
    therapists_demo.load()
    articles_demo.load()
    return live_server


def default_menus():
    """The header and footer links as the data migration makes them. Transactional tests empty
    the database afterwards, data migrations' rows included, so they are made again here by the
    migration's own function, against the models as they were at that migration."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    from pages.models import MenuLink

    if not MenuLink.objects.exists():
        migration = MigrationLoader(connection).get_migration("pages", "0002_default_menus")
        state = MigrationLoader(connection).project_state(("pages", "0002_default_menus"))
        module = __import__(migration.__module__, fromlist=["add_default_menus"])
        module.add_default_menus(state.apps, schema_editor=None)


class ConsoleErrors(list):
    """Errors the page logged (CSP violations, failed requests): a visitor's broken page."""


@pytest.fixture
def page(browser, request):
    """A fresh browser tab at desktop width that fails the test on any console error.

    When the test fails, the tab's last state is saved in test-artifacts/failures/.
    """
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
    # Requests the tab has sent and not yet had answered (an autosave, a heartbeat).
    in_flight = set()
    tab.on("request", lambda request: in_flight.add(request))
    tab.on("requestfinished", lambda request: in_flight.discard(request))
    tab.on("requestfailed", lambda request: in_flight.discard(request))
    tab.console_errors = errors
    yield tab
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed and not tab.is_closed():
        folder = ARTIFACTS / "failures"
        folder.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=folder / f"{request.node.name[:120]}.png", full_page=True)
    _let_requests_finish(context, tab, in_flight)
    context.close()
    _LiveRequests.wait_until_idle()
    assert not errors, "The browser console reported errors:\n" + "\n".join(errors)


def _let_requests_finish(context, tab, in_flight, seconds=5):
    """The requests the tab has sent are answered before the test's database is emptied: a
    request still writing (the admin's autosave, sent as a test ends) held the in-memory SQLite
    database's tables, and emptying them failed ("database table is locked")."""
    if tab.is_closed():
        return
    deadline = time.monotonic() + seconds
    while in_flight and time.monotonic() < deadline:
        tab.wait_for_timeout(50)


class _LiveRequests:
    """Requests the live server is answering, counted by Django's request signals. Closing the
    tab fires its `pagehide` handlers, and the admin's autosave sends a beacon there: a request
    the tab no longer reports, which reached the server while the test's database was being
    emptied ("database table is locked", and the next test's setup failed)."""

    active = 0
    lock = threading.Lock()

    @staticmethod
    def _live(sender):
        """The live server's handlers are WSGIHandlers; the test client's is not, and a test
        that leaves a streamed response unread never has its request finished."""
        return sender is not None and issubclass(sender, WSGIHandler)

    @classmethod
    def started(cls, sender=None, **kwargs):
        if cls._live(sender):
            with cls.lock:
                cls.active += 1

    @classmethod
    def finished(cls, sender=None, **kwargs):
        if cls._live(sender):
            with cls.lock:
                cls.active = max(0, cls.active - 1)

    @classmethod
    def wait_until_idle(cls, quiet=0.2, seconds=5):
        """Until no request has been in progress for `quiet` seconds (a beacon sent as the tab
        closed may not have arrived yet), or `seconds` have passed."""
        deadline = time.monotonic() + seconds
        idle_since = time.monotonic()
        while time.monotonic() < deadline:
            if cls.active:
                idle_since = time.monotonic()
            elif time.monotonic() - idle_since >= quiet:
                return
            time.sleep(0.02)


request_started.connect(_LiveRequests.started, dispatch_uid="browser-tests-live-requests")
request_finished.connect(_LiveRequests.finished, dispatch_uid="browser-tests-live-requests")


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
