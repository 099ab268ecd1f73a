"""Autosaved drafts of what staff type in the admin (editing/autosave.py)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class AutosavedDraft(models.Model):
    """What one person had typed on an object's change page, saved every 30 seconds by
    static/js/admin-autosave.js (editing/autosave.py). Never touches the object itself: the
    change page offers to put it back into the form, and saving the form as usual clears it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    # The form's text fields as typed: {"field name": "value"}.
    data = models.JSONField(default=dict)
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-saved_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="one_autosave_per_person"
            )
        ]
        verbose_name = "autosaved draft"
        # The table keeps the name it was created with when staff editing lived in core/.
        db_table = "core_autosaveddraft"

    def __str__(self):
        return f"{self.user} on {self.content_type} {self.object_id} at {self.saved_at:%H:%M}"


class EditingPresence(models.Model):
    """Who has an object's change page open: set when the page is opened, kept fresh by the
    page's autosave (every 30 seconds, a heartbeat when nothing changed), cleared on saving.
    The change page names the others (editing/presence.py)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    opened_at = models.DateTimeField()
    seen_at = models.DateTimeField()

    class Meta:
        ordering = ["opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="one_presence_per_person"
            )
        ]
        verbose_name = "page open for editing"
        verbose_name_plural = "pages open for editing"

    def __str__(self):
        return f"{self.user} on {self.content_type} {self.object_id} since {self.opened_at:%H:%M}"
