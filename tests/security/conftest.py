import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Sign-in tests hash many passwords; a fast hasher keeps them quick (tests only)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
