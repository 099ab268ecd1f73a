"""History, compare and restore in the admin, for models that keep revisions.

- History lists the revisions, newest first; each opens a comparison of that version with the
  current one, field by field (editing/compare.py).
- Restore (a POST from that page, for whoever may change the object) copies the old version's
  fields onto the current object and saves it: a new revision, nothing overwritten. Fields named
  in `restore_keeps` are never restored: whether the page is public (status, publish date,
  active), its address (slug) and its image stay as they are now, so restoring never publishes
  anything by itself; change them on the form afterwards if that is wanted.
"""

import reversion
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from reversion.errors import RevertError
from reversion.models import Version

from editing.compare import compare, current_values, edited_fields, word_diff
from editing.versions import latest_version_id, related_versions, when


class HistoryAdmin:
    """History, compare and restore: mixed into RevisionAdmin (before reversion's VersionAdmin)."""

    object_history_template = "admin/revisions/object_history.html"
    history_latest_first = True
    # Fields a restore never copies back: whatever makes the object public, its address, its
    # image (an old image's files are deleted once replaced). Set per admin.
    restore_keeps = ()

    def revision_urls(self):
        """Our compare page (under the name reversion gives its own) and restore."""
        opts = self.model._meta
        info = opts.app_label, opts.model_name
        return [
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="{}_{}_restore".format(*info),
            ),
            path(
                "<path:object_id>/history/<int:version_id>/",
                self.admin_site.admin_view(self.revision_view),
                name="{}_{}_revision".format(*info),
            ),
        ]

    # History and compare.

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        context = {"latest_version_id": latest_version_id(obj) if obj else 0}
        context.update(extra_context or {})
        return super().history_view(request, object_id, context)

    def _version_or_404(self, request, object_id, version_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("No such object.")
        version = get_object_or_404(
            Version.objects.get_for_object(obj).select_related("revision__user"), pk=version_id
        )
        return obj, version

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """One version compared with the current one, with a Restore button."""
        obj, version = self._version_or_404(request, object_id, version_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        opts = self.model._meta
        try:
            rows = compare(self.model, version.field_dict, current_values(obj))
            related = self._compare_related(obj, version)
            unreadable = False
        except RevertError:
            rows, related, unreadable = [], [], True
        unchanged = len(edited_fields(self.model)) - len(rows)
        is_latest = version.pk == latest_version_id(obj)
        context = {
            **self.admin_site.each_context(request),
            "title": f"“{obj}” as saved on {when(version.revision.date_created)}",
            "subtitle": str(obj),
            "opts": opts,
            "app_label": opts.app_label,
            "original": obj,
            "object_id": object_id,
            "version": version,
            "saved_at": when(version.revision.date_created),
            "rows": rows,
            "related": related,
            "unchanged": unchanged,
            "unreadable": unreadable,
            "is_latest": is_latest,
            "can_restore": self.has_change_permission(request, obj) and not unreadable,
            "restore_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_restore",
                args=[quote(obj.pk), version.pk],
            ),
            "kept": [capfirst(opts.get_field(name).verbose_name) for name in self.restore_keeps],
        }
        context.update(extra_context or {})
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/revisions/compare.html", context)

    def _compare_related(self, obj, version):
        rows = []
        for name, related_model, versions in related_versions(version, self.model):
            old = "\n".join(sorted(str(v._object_version.object) for v in versions))
            new = "\n".join(sorted(str(o) for o in getattr(obj, name).all()))
            if old != new:
                label = capfirst(related_model._meta.verbose_name_plural)
                rows.append(
                    {"label": label, "old": old or "(none)", "new": new or "(none)",
                     "long": True, "diff": word_diff(old, new)}
                )  # fmt: skip
        return rows

    # Restore.

    def restore_view(self, request, object_id, version_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj, version = self._version_or_404(request, object_id, version_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        opts = self.model._meta
        compare_url = reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_revision",
            args=[quote(obj.pk), version.pk],
        )
        saved_at = when(version.revision.date_created)
        try:
            with transaction.atomic(), reversion.create_revision():
                reversion.set_user(request.user)
                skipped = self.restore_version(obj, version)
                self.log_change(request, obj, f"Restored the version saved on {saved_at}.")
        except (ValidationError, RevertError) as error:
            text = "; ".join(getattr(error, "messages", [str(error)]))
            self.message_user(request, f"Nothing was restored: {text}", messages.ERROR)
            return HttpResponseRedirect(compare_url)
        kept = ", ".join(
            capfirst(opts.get_field(name).verbose_name).lower() for name in self.restore_keeps
        )
        note = f" Kept as they are now: {kept}." if kept else ""
        if skipped:
            note += " Not restored (no longer exists): " + ", ".join(skipped) + "."
        self.message_user(
            request,
            f"Restored the version of “{obj}” saved on {saved_at}, as a new revision.{note}",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(
            reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change",
                args=[quote(obj.pk)],
            )
        )

    def restore_version(self, obj, version):
        """Copy the version's fields (except restore_keeps) onto obj and save it.

        Returns the labels of fields that could not be restored because what they pointed to
        no longer exists. Raises ValidationError if the result would not be valid (e.g. a name
        another object has taken since).
        """
        data = version.field_dict
        keep = set(self.restore_keeps)
        skipped = []
        many = []
        for field in edited_fields(self.model):
            if field.name in keep or field.attname not in data:
                continue
            value = data[field.attname]
            if field.many_to_many:
                many.append((field, value))
                continue
            gone = field.many_to_one and value is not None
            if gone and not field.related_model._default_manager.filter(pk=value).exists():
                skipped.append(capfirst(field.verbose_name))
                continue
            setattr(obj, field.attname, value)
        obj.full_clean(exclude=[*keep, *(f.name for f, _ in many)])
        obj.save()
        for field, value in many:
            existing = field.related_model._default_manager.filter(pk__in=value)
            getattr(obj, field.name).set(existing)
        for name, _model, versions in related_versions(version, self.model):
            restored = set()
            for related in versions:
                related.revert()
                restored.add(str(related.object_id))
            for current in getattr(obj, name).all():
                if str(current.pk) not in restored:
                    current.delete()
        return skipped
