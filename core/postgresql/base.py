"""ENGINE "core.postgresql": Django's PostgreSQL backend, whose connections stop waiting for a
server that does not answer once the request's database deadline has passed (core/db_deadline.py).

Every round trip psycopg makes on a connection (queries, commits, Django's health check) goes
through Connection.wait(), so that is where the deadline is applied.
"""

import time

import psycopg
from django.db.backends.postgresql import base

from core import db_deadline

# Even with the budget spent, an answer already on its way is still read.
SHORTEST_WAIT = 0.05


class DeadlineConnection(psycopg.Connection):
    def wait(self, gen, *args, **kwargs):
        left = db_deadline.remaining()
        if left is None or kwargs.get("timeout") is not None or len(args) > 1:
            return super().wait(gen, *args, **kwargs)
        timeout = max(left, SHORTEST_WAIT)
        started = time.monotonic()
        try:
            return super().wait(gen, *args, timeout=timeout, **kwargs)
        except psycopg.errors._WaitTimeout:
            # The server did not answer: what it will do with the request is unknown, so the
            # connection cannot be used again. Closing it never waits for the server.
            self.pgconn.finish()
            raise db_deadline.DatabaseDeadlineExceeded(
                f"PostgreSQL did not answer within {timeout:.1f} s (DB_REQUEST_TIMEOUT)"
            ) from None
        finally:
            db_deadline.spend(time.monotonic() - started)


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        left = db_deadline.remaining()
        if left is not None and left <= 0:
            # The server already failed to answer in this request (Django's health check then
            # tries to connect again): answer 503 now instead of waiting connect_timeout too.
            raise db_deadline.DatabaseDeadlineExceeded(
                "No time left to connect (DB_REQUEST_TIMEOUT)"
            )
        started = time.monotonic()
        try:
            connection = super().get_new_connection(conn_params)
        finally:
            db_deadline.spend(time.monotonic() - started)
        # psycopg.connect() makes a plain Connection (Django calls it, and connecting has its
        # own limit, connect_timeout); from here on it is one whose waits have a deadline.
        connection.__class__ = DeadlineConnection
        return connection
