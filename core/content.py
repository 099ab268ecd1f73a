"""What each app owns, declared once: the content registry and the one save lifecycle.

An app calls `register()` from its `AppConfig.ready()` for each model whose changes visitors can
see. Shared code loops over the registry and never names an app's model:

- the page cache watches every registered model (and its many-to-many links) and asks each
  `next_change` when a scheduled change is due;
- `rerender_markdown` re-renders every declared Markdown field;
- the redirects fallback resolves an old address through the model's `public` rule;
- `load_demo` runs the demo loaders and the sitemap index serves the sitemaps apps add.

A model that mixes in `ContentModel` saves through `save_content()`, in one order: remember
what was loaded (`from_db`), derive (Markdown, declared derived fields, extending
`update_fields`), make image renditions, save, record slug history, delete superseded files
after commit.
"""

import logging
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote

from django.db.models.signals import post_delete
from django.dispatch import Signal
from django.urls import NoReverseMatch

from core import images, pagecache
from core.markdown import render_markdown

logger = logging.getLogger(__name__)
_NOT_LOADED = object()

# Sent inside save_content(), after the save, when a model registered with `old_addresses`
# was created or changed its slug: `instance`, and `old_path` (the address visitors knew, to
# keep, or None). The redirects app keeps old addresses by listening; core knows no app.
address_changed = Signal()
# Sent after a model registered with `old_addresses` was deleted: `instance`.
address_removed = Signal()


@dataclass(frozen=True)
class Rendition:
    """A resized WebP copy of an image field, made at save. With `height`, cropped to exactly
    that box; without, scaled down to at most `width` wide. `size_fields` name the fields that
    store the copy's width and height, if any."""

    field: str
    width: int
    height: int | None = None
    quality: int = 82
    size_fields: tuple[str, str] | None = None


@dataclass(frozen=True)
class Derived:
    """A field worked out from others at save: `compute(instance)` sets it; it is saved with any
    of `sources` (an update_fields naming a source saves it too)."""

    field: str
    sources: tuple[str, ...]
    compute: Callable


@dataclass
class Registration:
    model: type
    markdown: dict = field(default_factory=dict)  # source field -> stored HTML field
    derived: tuple = ()
    renditions: dict = field(default_factory=dict)  # image field -> (Rendition, ...)
    public: Callable | None = None  # () -> the queryset visitors may see
    old_addresses: bool = False
    # (instance) -> was the page as stored public? Asked before a save that changes its slug.
    was_public: Callable | None = None
    next_change: Callable | None = None  # () -> datetime of the next scheduled change, or None
    sitemaps: dict = field(default_factory=dict)

    def public_queryset(self):
        if self.public is None:
            return self.model._default_manager.all()
        return self.public()

    def image_fields(self):
        """Every file field this registration manages: originals and their renditions."""
        return {
            source: [source, *(r.field for r in renditions)]
            for source, renditions in self.renditions.items()
        }


_registry: dict = {}
_demo_loaders: list = []
_app_sitemaps: dict = {}


def register(model, **options):
    """Declare a content model. Call from the owning app's AppConfig.ready()."""
    registration = Registration(model=model, **options)
    _registry[model] = registration
    _app_sitemaps.update(registration.sitemaps)
    pagecache.watch(model, registration.next_change)
    if registration.old_addresses:
        # Per model, so models without addresses keep Django's fast deletes.
        post_delete.connect(
            _address_removed, sender=model, dispatch_uid=f"address:{model._meta.label}"
        )
    return registration


def _address_removed(sender, instance, **kwargs):
    address_removed.send(sender=sender, instance=instance)


def register_demo(loader):
    """Add an app's demo loader (a callable); run in registration order (INSTALLED_APPS)."""
    if loader not in _demo_loaders:
        _demo_loaders.append(loader)


def register_sitemaps(sitemaps):
    """Add an app's sitemaps (name -> Sitemap class) to /sitemap.xml."""
    _app_sitemaps.update(sitemaps)


def public_pages():
    """{path: title} for every page the registered sitemaps list, paths percent-decoded and NFC:
    the site's live pages (`/articles/café/`, `/therapists/`), never a draft or an unlisted
    profile. The title is the object's (an article's title), or "" for a page named by its URL.
    Built once per content generation (core.pagecache): a problem report or a batch of 404s
    asks for it, and reading every sitemap item each time grows with the site."""
    return pagecache.until_content_changes("public-pages", _public_pages)


def _public_pages():
    pages = {}
    for sitemap_class in _app_sitemaps.values():
        sitemap = sitemap_class()
        for item in sitemap.items():
            path = unicodedata.normalize("NFC", unquote(sitemap.location(item)))
            pages[path] = "" if isinstance(item, str) else str(item)
    return pages


def registrations():
    return list(_registry.values())


def registration_for(model):
    return _registry.get(model._meta.concrete_model) or _registry.get(model)


def demo_loaders():
    return list(_demo_loaders)


def sitemaps():
    return dict(_app_sitemaps)


# --- The save lifecycle ------------------------------------------------------------------------


class ContentModel:
    """Model mixin: saves go through `save_content()` with the model's registration."""

    _loaded = {}  # field -> value as loaded from the database; empty for a new object

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded = _snapshot(instance)
        return instance

    def save(self, *args, **kwargs):
        save_content(self, super().save, *args, **kwargs)


def _watched_fields(instance):
    registration = registration_for(type(instance))
    # A model without an address of its own (an image library, say) has no slug to watch.
    names = ["slug"] if any(f.name == "slug" for f in instance._meta.concrete_fields) else []
    if registration is not None:
        for fields in registration.image_fields().values():
            names.extend(fields)
    return names


def _snapshot(instance, loaded_only=True):
    """The values of the slug and the image fields (files as names): after a load, only the
    fields that were loaded (a deferred field is not known); after a save, all of them."""
    snapshot = {}
    for name in _watched_fields(instance):
        if loaded_only:
            if name not in instance.__dict__:
                continue
            # The raw value: every row loaded passes here, and getattr() would build a file
            # object for each image field.
            value = instance.__dict__[name]
        else:
            value = getattr(instance, name)
        snapshot[name] = getattr(value, "name", value) or ""
    return snapshot


def _saved_with(registration):
    """Source field -> the fields that must be saved with it."""
    saved_with = {}
    for source, html_field in registration.markdown.items():
        saved_with.setdefault(source, []).append(html_field)
    for derived in registration.derived:
        for source in derived.sources:
            saved_with.setdefault(source, []).append(derived.field)
    for source, renditions in registration.renditions.items():
        for rendition in renditions:
            saved_with.setdefault(source, []).append(rendition.field)
            saved_with[source].extend(rendition.size_fields or ())
    return saved_with


def _saves(update_fields, name):
    return update_fields is None or name in update_fields


def save_content(instance, save, *args, **kwargs):
    registration = registration_for(type(instance))
    if registration is None:
        save(*args, **kwargs)
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is not None:
        update_fields = set(update_fields)
    loaded = instance._loaded
    created = instance._state.adding

    # Asked before anything changes: was the page visitors knew at the old address public?
    renamed_from = _renamed_from(instance, loaded, update_fields)
    keep_old_address = False
    if renamed_from is not None and registration.old_addresses:
        was_public = registration.was_public
        keep_old_address = True if was_public is None else bool(was_public(instance))
        old_path = path_with_slug(instance, renamed_from)

    # Derive.
    for source, html_field in registration.markdown.items():
        if _saves(update_fields, source):
            setattr(instance, html_field, render_markdown(getattr(instance, source)))
    for derived in registration.derived:
        if update_fields is None or update_fields & {derived.field, *derived.sources}:
            derived.compute(instance)

    # Renditions.
    superseded = {}
    for source, renditions in registration.renditions.items():
        if _saves(update_fields, source) and _image_changed(instance, source, renditions, loaded):
            # The old original (it may carry the camera's metadata) and its copies go once
            # this save is committed; until then, and for good if it is rolled back, the page
            # keeps showing them.
            fields = registration.image_fields()[source]
            superseded[source] = [loaded.get(name) for name in fields]
            _make_renditions(instance, source, renditions)

    if update_fields is not None:
        saved_with = _saved_with(registration)
        update_fields |= {
            name for source in list(update_fields) for name in saved_with.get(source, ())
        }
        kwargs["update_fields"] = update_fields
    save(*args, **kwargs)

    # Slug history, then files.
    if registration.old_addresses and (created or renamed_from is not None):
        address_changed.send(
            sender=type(instance),
            instance=instance,
            old_path=old_path if keep_old_address else None,
        )
    instance._loaded = {**loaded, **_snapshot(instance, loaded_only=False)}
    for source, names in superseded.items():
        images.delete_files_after_commit(instance, names, registration.image_fields()[source])


def _renamed_from(instance, loaded, update_fields):
    """The stored slug if this save changes it, else None. Never runs a query."""
    saved = loaded.get("slug", _NOT_LOADED)
    if saved is _NOT_LOADED or saved == instance.slug or not _saves(update_fields, "slug"):
        return None
    return saved


def path_with_slug(instance, slug):
    """The address `instance` has (or would have) with `slug`, or None if it has none."""
    current = instance.slug
    instance.slug = slug
    try:
        return instance.get_absolute_url()
    except NoReverseMatch:
        return None  # no public address in this URLconf: nothing to keep
    finally:
        instance.slug = current


def _image_changed(instance, source, renditions, loaded):
    """A new upload, a cleared image, or an image missing its renditions (e.g. from a fixture).
    An image field not loaded (deferred) is left alone."""
    file = getattr(instance, source)
    if source not in loaded and not instance._state.adding:
        return False
    if file and not file._committed:
        return True
    if (file.name or "") != loaded.get(source, ""):
        return True
    return bool(file) and not all(getattr(instance, r.field) for r in renditions)


def _make_renditions(instance, source, renditions):
    """New resized copies of the image (none when it is cleared). The old files are deleted
    by save_content() once the save is committed."""
    _clear_renditions(instance, renditions)
    original = getattr(instance, source)
    if not original:
        return
    from_storage = original._committed  # a new upload stays open for Django to store it
    try:
        original.open("rb")
        for rendition in renditions:
            content, size = images.rendition(
                original, rendition.width, rendition.height, quality=rendition.quality
            )
            name = images.rendition_name(original.name, rendition.width)
            getattr(instance, rendition.field).save(name, content, save=False)
            if rendition.size_fields:
                # Set here: Django cannot read the size back from an in-memory file.
                for name, value in zip(rendition.size_fields, size, strict=True):
                    setattr(instance, name, value)
    except (OSError, ValueError, images.UnidentifiedImageError):
        # Uploads are checked by the form; an image that still cannot be read (a missing file,
        # say) is left unshown rather than failing the save.
        logger.warning("Could not resize %s of %s", source, instance)
        _clear_renditions(instance, renditions)
    finally:
        if from_storage:
            original.close()
        else:
            original.seek(0)


def _clear_renditions(instance, renditions):
    for rendition in renditions:
        setattr(instance, rendition.field, None)
        for name in rendition.size_fields or ():
            setattr(instance, name, None)
