"""Django's PostgreSQL backend with a deadline on waiting for the server (core/db_deadline.py)."""
