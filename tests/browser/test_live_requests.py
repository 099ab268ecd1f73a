"""The page fixture's wait for the live server (conftest._LiveRequests) counts the live
server's requests only: a test-client request whose streamed response is never read never
finishes, and counting it made every later browser test wait its full 5 s (CI's SQLite run
took 15 min 46 s instead of about 9). The receivers are called as Django's request signals
call them (sending the signals themselves would run Django's own receivers too)."""

import time

from django.core.handlers.wsgi import WSGIHandler
from django.test.client import ClientHandler

from tests.browser.conftest import _LiveRequests


def test_a_test_client_request_left_unfinished_is_not_waited_for():
    before = _LiveRequests.active
    _LiveRequests.started(sender=ClientHandler, environ={})
    assert _LiveRequests.active == before
    started = time.monotonic()
    _LiveRequests.wait_until_idle(quiet=0.05, seconds=2)
    assert time.monotonic() - started < 1


def test_a_live_server_request_is_counted_until_it_finishes():
    before = _LiveRequests.active
    _LiveRequests.started(sender=WSGIHandler, environ={})
    assert _LiveRequests.active == before + 1
    _LiveRequests.finished(sender=WSGIHandler)
    assert _LiveRequests.active == before
