import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    """Each test starts with no enquiries counted against the test client's address."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def valid_data():
    """What a visitor types into the form when everything is right."""
    return {
        "name": "Alex Example",
        "email": "alex@example.org",
        "phone": "",
        "contact_method": "email",
        "message": "I have been feeling anxious since a bereavement.",
        "preferred_modality": "",
        "preferred_format": "",
        "preferred_therapist": "",
        "first_step": "not_sure",  # always offered; a free call only where someone offers one
        "voicemail_ok": "yes",  # only read when we may phone
        "may_identify": "yes",
        "consent": "on",
        "website": "",
    }
