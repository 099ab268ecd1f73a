"""One mechanism for old addresses: a path that answers 301 to where its page lives now.

A redirect leads either to an object (a renamed article, topic, therapist or modality: the
target's current address, looked up through its app's visibility rule, so it never reveals a
draft or an unlisted therapist), or to a path (added by staff or an import), or answers 410 Gone
for a page removed on purpose. It is looked up only when nothing else answered the address
(`redirects.middleware`), so a real page always wins.

Because an object redirect points at the object, not at a path, chains never form: a -> b, then
b -> c leaves a and b both answering with c. Path redirects are refused when they would chain.

A redirect may also name a `query` (e.g. `format=rss` for the old site's `/blog?format=rss`):
it then answers only when the address carries those parameters, and wins over the same path's
redirect without one. Other parameters (a tracking tag, say) do not stop it matching.
"""

from datetime import timedelta
from urllib.parse import parse_qsl, urlencode

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Value, When
from django.urls import NoReverseMatch
from django.utils import timezone

from core import content
from redirects.paths import MAX_PATH, has_invisible, has_unstorable, normalise_path

__all__ = ["MAX_PATH", "normalise_path", "split_address", "path_variants"]

MAX_QUERY = 200


def normalise_query(query):
    """A query string as stored and compared: its parameters in lower case, sorted."""
    pairs = parse_qsl((query or "").strip().lstrip("?"), keep_blank_values=True)
    return urlencode(sorted((key.lower(), value.lower()) for key, value in pairs))


def split_address(address):
    """ "/Blog?Format=RSS" -> ("/blog", "format=rss"): the path and query of an old address."""
    path, _, query = (address or "").strip().partition("?")
    return normalise_path(path), normalise_query(query)


def path_variants(path, decoded=False):
    """The stored forms that `path` matches: itself, and with or without its trailing slash.
    `decoded=True` for `request.path` (see redirects.paths.normalise_path)."""
    path = normalise_path(path, decoded=decoded)
    other = path.rstrip("/") if path.endswith("/") and len(path) > 1 else path + "/"
    return [path, other]


class RedirectQuerySet(models.QuerySet):
    def for_object(self, obj):
        content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
        return self.filter(content_type=content_type, object_id=obj.pk)

    def matching(self, path, decoded=False):
        """Every redirect from `path`, whatever its query. A path no stored address can hold
        (a NUL, which PostgreSQL refuses) matches none, without asking the database."""
        variants = path_variants(path, decoded=decoded)
        if has_unstorable(variants[0]):
            return self.none()
        return self.filter(old_path__in=variants)

    def for_request(self, path, query_string="", query_only=False):
        """The redirect a request for `path?query_string` takes, or None: among those from the
        path (`request.path`, already percent-decoded), the one whose query parameters the
        request carries (the most specific first), else the one without a query (unless
        `query_only`)."""
        asked = set(parse_qsl(normalise_query(query_string), keep_blank_values=True))
        best = None
        candidates = self.matching(path, decoded=True)
        if query_only:
            candidates = candidates.exclude(query="")
        for redirect in candidates:
            wanted = set(parse_qsl(redirect.query, keep_blank_values=True))
            if not wanted <= asked:
                continue
            if best is None or (len(wanted), -redirect.pk) > (
                len(set(parse_qsl(best.query, keep_blank_values=True))),
                -best.pk,
            ):
                best = redirect
        return best

    def page_saved(self, obj, old_path=None):
        """After `obj` was created or its slug changed: its address is nobody's old address any
        more (the real page wins), and with `old_path` that path now leads to it."""
        try:
            self.matching(obj.get_absolute_url()).delete()
        except NoReverseMatch:
            return  # a URLconf without the page (a management command's, say): no address
        if old_path is not None:
            content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
            self.update_or_create(
                old_path=normalise_path(old_path),
                query="",
                defaults={
                    "content_type": content_type,
                    "object_id": obj.pk,
                    "target_path": "",
                    "status": Redirect.Status.MOVED,
                    "source": Redirect.Source.RENAMED,
                },
            )


class Redirect(models.Model):
    class Status(models.IntegerChoices):
        MOVED = 301, "Moved permanently (301)"
        GONE = 410, "Removed on purpose (410 Gone)"

    class Source(models.TextChoices):
        RENAMED = "renamed", "Page renamed"
        STAFF = "staff", "Added by staff"
        IMPORT = "import", "Import"

    old_path = models.CharField(
        "old address",
        max_length=MAX_PATH,
        help_text="The old address on this site, starting with /, e.g. /blog/my-post. "
        "Capital letters and a final / make no difference.",
    )
    query = models.CharField(
        "only with",
        max_length=MAX_QUERY,
        blank=True,
        help_text="Optional: what must follow ? in the old address, e.g. format=rss or "
        "category=anxiety. Leave empty to match the address whatever follows ?.",
    )
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, editable=False
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    target = GenericForeignKey("content_type", "object_id")
    target_path = models.CharField(
        "leads to",
        max_length=MAX_PATH,
        blank=True,
        help_text="Where the old address leads, starting with /, e.g. /articles/my-post/. "
        "Leave empty for a page removed on purpose (410 Gone).",
    )
    status = models.PositiveSmallIntegerField(choices=Status.choices, default=Status.MOVED)
    keep_query_string = models.BooleanField(
        default=True,
        help_text="Pass what follows ? in the old address on to the new one (e.g. a page number).",
    )
    source = models.CharField(
        max_length=10, choices=Source.choices, default=Source.STAFF, editable=False
    )
    note = models.CharField(
        max_length=200, blank=True, help_text="Optional: why this redirect exists."
    )
    created_at = models.DateTimeField("added", default=timezone.now, editable=False)
    hits = models.PositiveIntegerField("used", default=0, editable=False)
    last_hit_at = models.DateTimeField("last used", null=True, blank=True, editable=False)

    objects = RedirectQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["old_path", "query"],
                name="redirects_one_per_old_address",
                violation_error_message="This old address already has a redirect.",
            )
        ]

    def __str__(self):
        return f"{self.old_path}?{self.query}" if self.query else self.old_path

    def save(self, *args, **kwargs):
        self._normalise()
        super().save(*args, **kwargs)

    def clean(self):
        self._normalise()
        if has_invisible(self.old_path):
            raise ValidationError(
                {
                    "old_path": "The old address holds a control or invisible character "
                    "(perhaps pasted with it): type it again."
                }
            )
        if self.target_path:
            self.target_path = self.target_path.strip()
            if not self.target_path.startswith("/"):
                raise ValidationError(
                    {"target_path": "Give an address on this site, starting with /."}
                )
            if normalise_path(self.target_path) in path_variants(self.old_path, decoded=True):
                raise ValidationError({"target_path": "An address cannot lead to itself."})
            onward = (
                Redirect.objects.matching(self.target_path.partition("?")[0])
                .filter(query="")
                .exclude(pk=self.pk)
                .first()
            )
            if onward is not None:
                raise ValidationError(
                    {
                        "target_path": f"{self.target_path} is itself an old address (it leads "
                        f"to {onward.destination_label()}). Lead straight to the final page."
                    }
                )
        elif self.content_type_id is None and self.status == self.Status.MOVED:
            self.status = self.Status.GONE
        if (
            not self.target_path
            and self.content_type_id is None
            and self.status != self.Status.GONE
        ):
            raise ValidationError({"target_path": "Say where the old address leads."})
        twin = (
            Redirect.objects.matching(self.old_path)
            .filter(query=self.query)
            .exclude(old_path=self.old_path)
            .exclude(pk=self.pk)
            .first()
        )
        if twin is not None:
            # The same address with or without its final /: one address, never two ways.
            raise ValidationError(
                {"old_path": f"This old address already has a redirect (as {twin})."}
            )
        leading_here = Redirect.objects.filter(
            target_path__in=path_variants(self.old_path, decoded=True)
        ).exclude(pk=self.pk)
        if not self.query and leading_here.exists():
            raise ValidationError(
                {
                    "old_path": "Other old addresses lead to this one: point them at the final "
                    "page first, so no chain forms."
                }
            )

    @classmethod
    def from_db(cls, db, field_names, values):
        redirect = super().from_db(db, field_names, values)
        redirect._normalised = (redirect.__dict__.get("old_path"), redirect.__dict__.get("query"))
        return redirect

    def _normalise(self):
        """An old address typed with its query ("/blog?format=rss") is split into both fields,
        and its path percent-decoded: once (clean() then save() do not decode "%2541" twice,
        nor does saving a row loaded as stored)."""
        if getattr(self, "_normalised", None) == (self.old_path, self.query):
            return
        path, query = split_address(self.old_path)
        self.old_path = path
        self.query = normalise_query("&".join(part for part in (query, self.query) if part))
        self._normalised = (self.old_path, self.query)

    def destination(self):
        """The address this redirect leads to now, or None if its page is hidden or gone.

        An object's address is looked up through its app's visibility rule (the content
        registry's `public`), so a redirect never reveals a draft or an unlisted therapist.
        """
        if self.content_type_id is None:
            return self.target_path or None
        model = ContentType.objects.get_for_id(self.content_type_id).model_class()
        registration = content.registration_for(model) if model else None
        if registration is None:
            return None
        target = registration.public_queryset().filter(pk=self.object_id).first()
        return target.get_absolute_url() if target is not None else None

    def destination_label(self):
        if self.content_type_id is not None:
            target = self.target
            return target.get_absolute_url() if target is not None else "(a deleted page)"
        return self.target_path or "410 Gone"

    def note_use(self):
        """Count a use: one UPDATE, never a failed page if the database is read-only."""
        Redirect.objects.filter(pk=self.pk).update(hits=F("hits") + 1, last_hit_at=timezone.now())


# --- Addresses that answered 404 ---------------------------------------------------------------

NOT_FOUND_DAYS = 30
NOT_FOUND_WINDOW = timedelta(days=NOT_FOUND_DAYS)
# A flood of made-up addresses cannot grow the report without end: past this many rows, new
# addresses are not recorded (those already there keep counting).
NOT_FOUND_MAX_ROWS = 10_000


class NotFoundQuerySet(models.QuerySet):
    def recent(self, now=None):
        return self.filter(last_seen_at__gte=(now or timezone.now()) - NOT_FOUND_WINDOW)

    def purge(self, now=None):
        """Forget addresses not asked for in the last 30 days. Returns how many went."""
        cutoff = (now or timezone.now()) - NOT_FOUND_WINDOW
        deleted, _ = self.filter(last_seen_at__lt=cutoff).delete()
        return deleted

    def forget_live(self):
        """Forget addresses that are pages now (a draft since published, a new article taking
        an old slug): a redirect from them would hide the page. Returns how many went."""
        deleted, _ = self.filter(path__in=list(content.public_pages())).delete()
        return deleted

    def record(self, counts, now=None):
        """Add counted 404s, {path: (hits, first_seen, last_seen)}, to the report (paths only:
        never a query string, an address or a browser). A count older than the window starts
        again. Paths that are live pages (`/therapists/` asked with `?page=999`) are not
        recorded. Called with a batch by redirects.not_found, not once per request."""
        now = now or timezone.now()
        cutoff = now - NOT_FOUND_WINDOW
        self.purge(now)
        live = content.public_pages()
        counts = {path[:MAX_PATH]: seen for path, seen in counts.items() if path not in live}
        known = set(self.filter(path__in=counts).values_list("path", flat=True))
        for path in known:
            hits, first_seen, last_seen = counts[path]
            # F() expressions: two processes adding to the same row both count.
            self.filter(path=path).update(
                hits=Case(When(first_seen_at__gte=cutoff, then=F("hits") + hits), default=hits),
                first_seen_at=Case(
                    When(first_seen_at__gte=cutoff, then=F("first_seen_at")),
                    default=Value(first_seen),
                ),
                last_seen_at=last_seen,
            )
        room = NOT_FOUND_MAX_ROWS - self.count()
        new = [path for path in counts if path not in known][: max(room, 0)]
        # Another process may insert the same new path first; that one count does not matter.
        self.bulk_create(
            [
                NotFoundPath(path=path, hits=hits, first_seen_at=first, last_seen_at=last)
                for path in new
                for hits, first, last in [counts[path]]
            ],
            ignore_conflicts=True,
        )


class NotFoundPath(models.Model):
    """An address on this site that answered "Not found", so staff can add the redirect an old
    link needs. Paths only; rows not asked for in 30 days are deleted."""

    path = models.CharField(max_length=MAX_PATH, unique=True)
    hits = models.PositiveIntegerField("times asked", default=1)
    first_seen_at = models.DateTimeField("counted since", default=timezone.now)
    last_seen_at = models.DateTimeField("last asked", default=timezone.now, db_index=True)

    objects = NotFoundQuerySet.as_manager()

    class Meta:
        ordering = ["-hits", "-last_seen_at"]
        verbose_name = "address not found"
        verbose_name_plural = "addresses not found"

    def __str__(self):
        return self.path
