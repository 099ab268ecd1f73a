"""The admin of Markdown fields, declared once. An app names its models' Markdown fields in the
content registry (`core.content.register(Model, markdown={"body": "body_html"})`, in its
AppConfig.ready()); every content admin (editing.revisions.RevisionAdmin) then gives each of
them, with nothing repeated in the app's admin:

- paste that converts HTML to Markdown where the cursor is (static/js/admin-paste.js,
  editing/paste.py);
- pasted bullets and emphasis tidied on save, and what the sanitiser removes named
  (editing/pasted.py);
- the Checks panel under the field (editing/writing_checks.py, static/js/admin-checks.js).

An admin that is not a RevisionAdmin mixes in `MarkdownAdmin` itself.
"""

from core import content
from editing.pasted import PastedTextAdmin
from editing.writing_checks import WritingChecksAdmin


class MarkdownAdmin(WritingChecksAdmin, PastedTextAdmin):
    @property
    def markdown_fields(self):
        """The model's Markdown fields, as its app registered them (core/content.py)."""
        registration = content.registration_for(self.model)
        return list(registration.markdown) if registration is not None else []
