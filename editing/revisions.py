"""The admin of content that keeps revisions (django-reversion): `RevisionAdmin`, made of one
mixin per job.

Every save through the admin stores a full revision (who, when, what). Saves made outside the
admin (the shell, management commands) store no revision; an object without any is given one, as
it is, when its change form is first opened (editing/versions.py, `keep_baseline`).

- which models keep revisions, and deleting them with the object: editing/versions.py
- history, compare, restore: editing/history.py (comparing values: editing/compare.py)
- autosave and the offer to restore it: editing/autosave.py
- edit conflicts and merging: editing/conflicts.py
- list actions that skip what changed after the list was loaded: editing/stale_lists.py
"""

from django.db import models
from reversion.admin import VersionAdmin

from editing.admin_widgets import LabelledSplitDateTime, PrivateOriginalFileInput
from editing.autosave import AutosaveAdmin
from editing.compare import word_diff
from editing.conflicts import ConflictAdmin
from editing.history import HistoryAdmin
from editing.markdown_admin import MarkdownAdmin
from editing.stale_lists import StaleListAdmin
from editing.versions import register
from redirects.confirm import OldAddressAdmin

__all__ = ["RevisionAdmin", "register", "word_diff"]


class RevisionAdmin(
    MarkdownAdmin,
    HistoryAdmin,
    ConflictAdmin,
    AutosaveAdmin,
    StaleListAdmin,
    OldAddressAdmin,
    VersionAdmin,
):
    """A ModelAdmin whose objects keep revisions, with compare, restore and conflict checks.

    Every content admin is one, so it also asks before a slug takes a live page's old address
    (redirects/confirm.py, for models registered with old addresses), and gives each Markdown
    field its app registered paste, tidying and the Checks panel (editing/markdown_admin.py).
    """

    # Django's change list (reversion's adds "Recover deleted": deleted objects' revisions are
    # deleted with them here).
    change_list_template = None
    formfield_overrides = {
        models.DateTimeField: {"widget": LabelledSplitDateTime},
        models.ImageField: {"widget": PrivateOriginalFileInput},
    }

    def get_urls(self):
        # reversion's own views (recover deleted, its revert form) are not offered: its
        # get_urls is skipped, and our compare page takes the name of its revision view.
        return [*self.revision_urls(), *super(VersionAdmin, self).get_urls()]
