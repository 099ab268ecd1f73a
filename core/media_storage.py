"""Where uploads live: two storages, both through Django's storage API only.

- `default` holds what pages show: the resized copies (renditions). Public, under names that
  never change, so a CDN or browser may keep them for a year.
- `originals` holds what nobody is shown: original uploads (they may carry the camera's
  metadata), images kept across a form error, an import's file between its two steps. On the
  file system it is the same folder as `default` (the web server refuses the originals
  folders); in object storage a private bucket or private objects, with at most a short-lived
  signed address.

`settings.STORAGES` picks the backends (MEDIA_STORAGE=filesystem or s3). No code opens, lists or
deletes a path under MEDIA_ROOT itself: several app servers share one object store.
"""

from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

__all__ = ["originals", "originals_storage"]


class _OriginalsStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["originals"]


originals_storage = _OriginalsStorage()


def originals():
    """The private storage, for a field's `storage=` (a callable, so migrations name it)."""
    return originals_storage


@receiver(setting_changed)
def _storages_changed(*, setting, **kwargs):
    # Django forgets its storages when STORAGES changes (tests); this one follows.
    if setting in {"STORAGES", "MEDIA_ROOT"}:
        originals_storage._wrapped = empty
