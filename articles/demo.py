"""Demo content for the articles app, loaded by `manage.py load_demo`."""


def load():
    """Create or update the demo content; running it twice changes nothing."""
