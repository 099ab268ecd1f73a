"""Pages the practice writes (About, Fees, FAQ...), and the menus that link to them.

Create a page like any model, e.g. from an importer:

    Page.objects.create(title="Fees", slug="fees", summary="...", body="Markdown",
                        status=Page.Status.PUBLISHED)

The save renders the Markdown (core.content), keeps the old address on a rename, and updates
search, the sitemap and the page cache. `full_clean()` first checks the address (its form, and
that no route of the site takes it) and the safe-messaging rule.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from core.content import ContentModel
from core.markdown import render_markdown
from pages import addresses, faq


class PageQuerySet(models.QuerySet):
    def published(self):
        """Pages visitors may see. Every public page, list, search, sitemap and menu starts here."""
        return self.filter(status=Page.Status.PUBLISHED)

    def with_public_parent(self):
        """Join the parent, and mark whether visitors may see it (`parent_is_public`)."""
        return self.select_related("parent").annotate(
            parent_is_public=Exists(Page.objects.published().filter(pk=OuterRef("parent_id")))
        )


class Page(ContentModel, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    class Kind(models.TextChoices):
        PAGE = "page", "Page"
        FAQ = "faq", "Questions and answers (FAQ)"

    title = models.CharField(max_length=200)
    # Named `slug` so that core.content keeps the old address when it changes.
    slug = models.CharField(
        "address",
        max_length=addresses.MAX_LENGTH,
        unique=True,
        validators=[addresses.validate_address],
        help_text="Where the page lives: e.g. fees for /fees/, or about/our-rooms for "
        "/about/our-rooms/. Lower-case words joined by hyphens. If you change it once the page "
        "has been on the site, the old address keeps leading to it.",
    )
    summary = models.CharField(
        max_length=300,
        help_text="One or two sentences: shown in search results here and by search engines.",
    )
    kind = models.CharField(
        max_length=10,
        choices=Kind.choices,
        default=Kind.PAGE,
        help_text="A questions-and-answers page shows each “### Question” heading as a "
        "question visitors open to read its answer, and tells search engines about them.",
    )
    body = models.TextField(help_text="Markdown. See the formatting help beside this field.")
    body_html = models.TextField(blank=True, editable=False)
    questions = models.JSONField(default=list, blank=True, editable=False)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        help_text="Optional: the page this one belongs under. It is shown in the breadcrumbs, "
        "and this page is listed at the end of it.",
    )
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text="Drafts are seen only by staff (use Preview).",
    )
    last_reviewed = models.DateField(
        "last reviewed",
        null=True,
        blank=True,
        help_text="Optional: the day someone last checked the whole page is still true "
        "(fees, names, policies). Shown at the end of the page.",
    )
    show_support_box = models.BooleanField(
        "support box",
        default=False,
        help_text="Show the crisis numbers (Samaritans, NHS 111, 999) straight after the text. "
        "Required to publish a page that mentions suicide or self-harm.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField("last changed", auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pages:page", kwargs={"path": self.slug})

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED

    def clean(self):
        self.slug = addresses.normalise(self.slug)
        errors = {}
        if self.slug:
            try:
                addresses.validate_free(self.slug)
            except ValidationError as error:
                errors["slug"] = error.messages
        if self.parent_id and self.pk and self._parent_loops():
            errors["parent"] = ["A page cannot belong under itself or under a page below it."]
        if errors:
            raise ValidationError(errors)
        self.check_safe_messaging()

    def _parent_loops(self):
        seen, page = {self.pk}, self.parent
        while page is not None:
            if page.pk in seen:
                return True
            seen.add(page.pk)
            page = page.parent
        return False

    def check_safe_messaging(self):
        """A page that mentions suicide or self-harm is published only with the support box
        on, as an article is (editing.safe_messaging)."""
        from editing import safe_messaging

        if (
            self.status == self.Status.PUBLISHED
            and not self.show_support_box
            and safe_messaging.mentions_suicide_or_self_harm(self.body)
        ):
            raise ValidationError(
                {
                    "show_support_box": "This page mentions suicide or self-harm: switch on the "
                    "support box before publishing it."
                }
            )

    def render_body(self):
        """The stored HTML: a questions-and-answers page's questions in <details>."""
        if self.kind == self.Kind.FAQ:
            self.body_html = faq.render(self.body)
        else:
            self.body_html = render_markdown(self.body)

    def note_questions(self):
        self.questions = faq.questions(self.body) if self.kind == self.Kind.FAQ else []


# --- Menus -----------------------------------------------------------------------------------

# The site's own pages a menu link may lead to, by URL name (reversed when the menu is shown).
NAMED_TARGETS = {
    "home": ("home", "Home page"),
    "articles": ("articles:list", "Article list"),
    "directory": ("therapists:directory", "Therapists directory"),
    "modalities": ("therapists:modalities", "Modalities (approaches)"),
    "contact": ("enquiries:contact", "Contact page"),
    "privacy": ("enquiries:privacy", "Privacy notice"),
    "editorial": ("editorial:policy", "Editorial policy"),
    "search": ("search", "Search"),
}


class MenuLinkQuerySet(models.QuerySet):
    def shown(self):
        """Links visitors see: any link except one to a page that is not published."""
        return self.filter(
            Q(page__isnull=True) | Q(page__in=Page.objects.published())
        ).select_related("page")


class MenuLink(ContentModel, models.Model):
    class Menu(models.TextChoices):
        HEADER = "header", "Header (main navigation)"
        FOOTER = "footer", "Footer"

    class Target(models.TextChoices):
        PAGE = "page", "A page"
        ADDRESS = "address", "An address of this site"
        HOME = "home", NAMED_TARGETS["home"][1]
        ARTICLES = "articles", NAMED_TARGETS["articles"][1]
        DIRECTORY = "directory", NAMED_TARGETS["directory"][1]
        MODALITIES = "modalities", NAMED_TARGETS["modalities"][1]
        CONTACT = "contact", NAMED_TARGETS["contact"][1]
        PRIVACY = "privacy", NAMED_TARGETS["privacy"][1]
        EDITORIAL = "editorial", NAMED_TARGETS["editorial"][1]
        SEARCH = "search", NAMED_TARGETS["search"][1]

    menu = models.CharField(max_length=10, choices=Menu.choices, default=Menu.HEADER)
    label = models.CharField(max_length=40, help_text="The words of the link, short: e.g. Fees.")
    target = models.CharField(
        "leads to",
        max_length=12,
        choices=Target.choices,
        default=Target.PAGE,
        help_text="Where the link leads: one of the site's pages, a page written here (choose "
        "it below), or any address of this site.",
    )
    page = models.ForeignKey(
        Page,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="menu_links",
        help_text="With “A page”: the page. While it is a draft, the link is not shown.",
    )
    address = models.CharField(
        max_length=300,
        blank=True,
        help_text="With “An address of this site”: the address, starting with /, "
        "e.g. /therapists/?modality=cbt.",
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers come first (left, or top)."
    )

    objects = MenuLinkQuerySet.as_manager()

    class Meta:
        ordering = ["menu", "order", "id"]
        verbose_name = "menu link"

    def __str__(self):
        return f"{self.label} ({self.get_menu_display()})"

    def clean(self):
        if self.target == self.Target.PAGE and self.page_id is None:
            raise ValidationError({"page": "Choose the page this link leads to."})
        if self.target == self.Target.ADDRESS:
            self.address = self.address.strip()
            if not self.address.startswith("/") or self.address.startswith("//"):
                raise ValidationError(
                    {"address": "Type an address of this site, starting with a single /."}
                )
        if self.target != self.Target.PAGE:
            self.page = None
        if self.target != self.Target.ADDRESS:
            self.address = ""


# --- Imports ---------------------------------------------------------------------------------


class ImportedPage(models.Model):
    """A page brought from another site (a Squarespace or WordPress export, pages.importing):
    where it came from and what it looked like then, so that importing the same file again
    changes nothing and a page staff have edited since is never overwritten."""

    source = models.CharField(max_length=500, unique=True, help_text="The site and item id.")
    page = models.OneToOneField(
        Page, null=True, on_delete=models.SET_NULL, related_name="imported_from"
    )
    fingerprint = models.CharField(max_length=64)
    imported_at = models.DateTimeField()

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = "imported page"

    def __str__(self):
        return self.source
