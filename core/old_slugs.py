"""Old addresses keep working: a renamed page's old slug answers 301 to where it lives now.

Each model with a public page at `.../<slug>/` (articles, topics, therapists, modalities) has a
small model of its old slugs, `old_slugs` (a concrete `OldSlug` with a `target` foreign key).
The model:

- mixes in `RemembersSlug`, which notes the slug as loaded (`from_db`, no query), and
- in `save()` asks `slug_renamed_from()` before saving (None unless the slug changes) and calls
  `slug_saved()` after. The app decides whether the old address had visitors: only then is it
  kept (a draft's or an unlisted therapist's slug never was public, so it is not).

Because each old slug points at the object, not at a path, there are no chains: a -> b, then
b -> c leaves a and b both answering with c. A slug that becomes an object's real slug again
(renamed back, or a new object taking it) stops being an old address, so the real page wins.

The detail views mix in `FollowsOldSlugs`: the normal lookup runs as before (the same queries),
and only when it finds nothing is one more query made, through the app's visibility rule
(`published()`, `listed()`), so an old address never leads to a draft or an unlisted therapist.
"""

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse

_NOT_LOADED = object()


class OldSlug(models.Model):
    """A slug an object's public page had before it was renamed. Concrete subclasses add
    `target = models.ForeignKey(<model>, on_delete=models.CASCADE, related_name="old_slugs")`."""

    slug = models.SlugField(
        "old address",
        max_length=200,
        unique=True,
        help_text="The old last part of the address; it now leads to the current page.",
    )
    replaced_at = models.DateTimeField("replaced", auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-replaced_at", "-id"]

    def __str__(self):
        return self.slug


class RemembersSlug:
    """Model mixin: knows the slug as stored, to tell on save whether it changes."""

    _saved_slug = _NOT_LOADED  # a new object has no stored slug

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._saved_slug = instance.__dict__.get("slug", _NOT_LOADED)
        return instance

    def slug_renamed_from(self, update_fields=None):
        """The stored slug if this save changes it, else None. Never runs a query."""
        saved = self._saved_slug
        if saved is _NOT_LOADED or saved == self.slug:
            return None
        if update_fields is not None and "slug" not in update_fields:
            return None
        return saved

    def slug_saved(self, created, renamed_from=None, keep=False):
        """After a save: the slug now in use is nobody's old address any more; with `keep`,
        `renamed_from` becomes an old address of this object. No query unless the slug is new
        or changed."""
        if created or renamed_from is not None:
            old_slugs = self.old_slugs.model.objects
            old_slugs.filter(slug=self.slug).delete()
            if keep and renamed_from is not None:
                old_slugs.update_or_create(slug=renamed_from, defaults={"target": self})
        self._saved_slug = self.slug


class FollowsOldSlugs:
    """DetailView mixin: an address not found by slug but once this object's answers 301.

    `moved_queryset()` gives the objects visitors may see (the app's visibility rule, nothing
    joined or prefetched); it is only queried when the normal lookup found nothing.
    """

    def moved_queryset(self):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        try:
            self.object = self.get_object()
        except Http404:
            slug = kwargs.get(self.slug_url_kwarg)
            if slug is None:
                raise
            return moved_permanently(request, self.moved_queryset(), slug)
        context = self.get_context_data(object=self.object)
        return self.render_to_response(context)


def moved_permanently(request, queryset, slug):
    """301 to the object in `queryset` that once had `slug`; 404 if there is none."""
    target = queryset.filter(old_slugs__slug=slug).only("slug").first()
    if target is None:
        raise Http404("No page here.")
    url = target.get_absolute_url()
    if request.META.get("QUERY_STRING"):
        url = f"{url}?{request.META['QUERY_STRING']}"
    response = HttpResponsePermanentRedirect(url)
    # Browsers keep a 301 without Cache-Control for good; this one may change (a new page can
    # take the old address), so it is revalidated like a page. The page cache stores only 200s.
    response["Cache-Control"] = (
        f"public, max-age=0, s-maxage={settings.CDN_CACHE_SECONDS}, "
        f"stale-while-revalidate={settings.CDN_STALE_SECONDS}"
    )
    return response


class OldSlugAdmin(admin.ModelAdmin):
    """Staff see each old address, the page it leads to, and may remove it (it is then a 404,
    unless something else takes the slug). Old addresses are made by renaming, never by hand."""

    url_name = None  # the public page's URL name, e.g. "articles:detail"
    list_display = ["old_address", "target", "current_address", "replaced_at"]
    list_select_related = ["target"]
    search_fields = ["slug"]
    fields = ["old_address", "target", "current_address", "replaced_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="old address", ordering="slug")
    def old_address(self, old_slug):
        return reverse(self.url_name, kwargs={"slug": old_slug.slug})

    @admin.display(description="now leads to")
    def current_address(self, old_slug):
        return old_slug.target.get_absolute_url()
