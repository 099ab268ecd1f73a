"""Importing a Squarespace or WordPress export through the admin: upload, read the dry run's
report, confirm."""

import secrets

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.template.response import TemplateResponse

from articles.importers import wxr
from articles.models import PENDING_IMPORTS
from core.media_storage import originals_storage


class ImportForm(forms.Form):
    file = forms.FileField(
        required=False,
        label="Export file",
        help_text="The .xml file from Squarespace (Settings › Import & Export › Export › "
        "WordPress) or from WordPress (Tools › Export › All content). Up to "
        f"{wxr.MAX_FILE_BYTES // 2**20} MB; a larger file is imported on the server with the "
        "import_wxr command (see the guide to moving your blog).",
    )
    allow_hosts = forms.CharField(
        required=False,
        label="Other image hosts",
        help_text="Optional: hosts to fetch images from besides Squarespace's, separated by "
        "spaces (e.g. images.example.org or a host:port).",
    )
    topics = forms.ChoiceField(
        required=False,
        label="Categories and tags",
        choices=[
            ("none", "Leave them out"),
            ("categories", "Categories become topics"),
            ("tags", "Tags become topics"),
            ("both", "Both become topics"),
        ],
        initial="none",
        help_text="Topics are public pages listing their articles. Check the file first: the "
        "report lists the old site's categories and tags, so you can choose.",
    )
    site = forms.URLField(
        required=False,
        label="Old site's address",
        assume_scheme="https",
        help_text="Optional, while the old site is still online, e.g. "
        "https://www.old-practice.example: each post's page there is read once for the short "
        "description search engines show and the picture shown when it is shared.",
    )
    authors = forms.CharField(
        required=False,
        label="Authors",
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Optional: one line per author, email=therapist-slug, e.g. "
        "amelia@example.org=amelia-hart. Otherwise a therapist with the author's name is used.",
    )
    update = forms.BooleanField(
        required=False,
        help_text="Refresh articles imported before from this file (never those edited since).",
    )

    def options(self, dry_run, file_name=""):
        authors = {}
        for line in self.cleaned_data["authors"].splitlines():
            email, _, slug = line.partition("=")
            if email.strip() and slug.strip():
                authors[email.strip().lower()] = slug.strip()
        return wxr.Options(
            dry_run=dry_run,
            update=self.cleaned_data["update"],
            allow_hosts=tuple(self.cleaned_data["allow_hosts"].lower().split()),
            authors=authors,
            file_name=file_name,
            topics=self.cleaned_data["topics"] or "none",
            site=self.cleaned_data["site"],
            author_hint="name the therapist in the form's Authors box",
        )


IMPORT_SESSION_KEY = "articles:wxr-import"
# Between the two steps the checked file waits in the private storage, which every app server
# shares, under a random name (in PENDING_IMPORTS); the session holds only that random part.


def _pending_name(pending):
    """The stored file's name for the session's entry, or None if the entry is not ours."""
    token = pending.get("token") if isinstance(pending, dict) else None
    if not isinstance(token, str) or len(token) != 32 or not token.isalnum():
        return None
    return f"{PENDING_IMPORTS}{token}.xml"


def _forget(pending):
    name = _pending_name(pending)
    if name:
        originals_storage.delete(name)


class ImportViews:
    """The import's two steps, as views of the article admin."""

    def import_view(self, request):
        """Staff with the import permission (the Editors group) import a Squarespace or
        WordPress export: upload, read the dry run's report, confirm."""
        if not request.user.has_perm("articles.import_blog"):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import a blog (Squarespace or WordPress)",
            "form": form,
        }
        status = 200
        if request.method == "POST" and form.is_valid():
            try:
                context.update(self._import_step(request, form))
            except wxr.WXRError as error:
                context["error"] = str(error)
                status = 400
        elif request.method == "POST":
            status = 400
        return TemplateResponse(
            request, "admin/articles/article/import.html", context, status=status
        )

    def _import_step(self, request, form):
        upload = form.cleaned_data.get("file")
        if "confirm" in request.POST:
            pending = request.session.pop(IMPORT_SESSION_KEY, None)
            name = _pending_name(pending)
            if name is None or not originals_storage.exists(name):
                raise wxr.WXRError("The checked file is no longer here: upload it again.")
            try:
                with originals_storage.open(name, "rb") as stored:
                    data = stored.read()
                report = wxr.run_import(data, form.options(False, pending["name"]))
            finally:
                originals_storage.delete(name)
            return {"report": report, "done": True}
        if upload is None:
            raise wxr.WXRError("Choose the export file.")
        if upload.size > wxr.MAX_FILE_BYTES:
            raise wxr.WXRError(
                f"The file is larger than {wxr.MAX_FILE_BYTES // 2**20} MB; use the import_wxr "
                "command on the server."
            )
        data = upload.read()
        report = wxr.run_import(data, form.options(True, upload.name))
        # Kept in the private storage until confirmed (or replaced by the next upload).
        _forget(request.session.get(IMPORT_SESSION_KEY))
        token = secrets.token_hex(16)
        originals_storage.save(f"{PENDING_IMPORTS}{token}.xml", ContentFile(data))
        request.session[IMPORT_SESSION_KEY] = {"token": token, "name": upload.name[:100]}
        return {"report": report, "done": False}
