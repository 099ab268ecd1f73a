"""Admin widgets with small accessibility repairs."""

from django.contrib.admin.widgets import AdminFileWidget, AdminSplitDateTime
from django.forms import Textarea, TextInput


class LabelledSplitDateTime(AdminSplitDateTime):
    """The admin's date and time boxes, each with a <label> (Django's have plain text)."""

    template_name = "editing/widgets/split_datetime.html"


class PrivateOriginalFileInput(AdminFileWidget):
    """The admin's file box without a link to the stored original: originals are never served
    (the link would be a 404 in production); the admin shows the resized copy instead."""

    template_name = "editing/widgets/private_file_input.html"


def writing_widgets(**more):
    """The boxes of a page staff write (a title, its address, a summary, a Markdown body),
    sized alike on every such form; `more` adds or replaces boxes."""
    return {
        "title": TextInput(attrs={"class": "vLargeTextField"}),
        "slug": TextInput(attrs={"class": "vLargeTextField"}),
        "body": Textarea(attrs={"rows": 28, "cols": 90}),
        "summary": Textarea(attrs={"rows": 3, "cols": 90}),
        **more,
    }
