"""Revisions of the content staff edit (django-reversion): history, compare, restore, and
edit conflicts caught.

Apps register their models in their AppConfig.ready() with `register()`; their ModelAdmin
inherits `RevisionAdmin`. Every save through the admin then stores a full revision (who, when,
what). In the admin:

- History lists the revisions, newest first; each opens a comparison of that version with the
  current one, field by field (long text word by word, `<del>`/`<ins>`).
- Restore (a POST from that page, for whoever may change the object) copies the old version's
  fields onto the current object and saves it: a new revision, nothing overwritten. Fields named
  in `RevisionAdmin.restore_keeps` are never restored: whether the page is public (status,
  publish date, active), its address (slug) and its image stay as they are now, so restoring
  never publishes anything by itself; change them on the form afterwards if that is wanted.
- A change form carries the revision it was based on (`_based_on_revision`). A save based on an
  older revision than the stored one is refused with a page (409) saying who saved in between
  and when, the differences, and the person's own text in full; they can reload the current
  version or save theirs over it deliberately.
- Revisions go with their object (a deleted therapist's history is deleted too); otherwise they
  are kept, unless `manage.py prune_revisions` removes those older than REVISIONS_KEEP_DAYS.

Saves made outside the admin (the shell, management commands) store no revision.
"""

import datetime
import difflib
import re

import reversion
from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion.models import Revision, Version
from reversion.revisions import _get_options

from editing import autosave
from editing.admin_widgets import LabelledSplitDateTime, PrivateOriginalFileInput
from redirects.confirm import OldAddressAdmin

# Text longer than this (or any TextField) is compared word by word.
LONG_TEXT = 80
BASED_ON = "_based_on_revision"
LIST_LOADED_AT = "_list_loaded_at"


def register(model, followed_only=False, **options):
    """Keep revisions of `model` (options as for reversion.register); delete them with it.

    Called from an app's AppConfig.ready(). The admin (loaded earlier) may already have
    registered the model with its defaults; these options replace them. A model kept only as
    part of another's revisions (`followed_only`, e.g. a therapist's memberships) keeps its
    versions when it is deleted, so that a restore can bring it back; they are deleted with the
    object that follows it.
    """
    if reversion.is_registered(model):
        reversion.unregister(model)
    reversion.register(model, **options)
    if not followed_only:
        post_delete.connect(
            delete_history, sender=model, dispatch_uid=f"revisions:{model._meta.label}"
        )


def delete_history(sender, instance, using, **kwargs):
    """An object's revisions go with it: an erasure request leaves no copy in its history,
    nor in its followed objects' versions (a therapist's memberships)."""
    versions = Version.objects.using(using).get_for_object(instance, model_db=using)
    revision_ids = list(versions.values_list("revision_id", flat=True))
    versions.delete()
    for name in _get_options(sender).follow:
        relation = sender._meta.get_field(name)
        content_type = ContentType.objects.db_manager(using).get_for_model(relation.related_model)
        followed = Version.objects.using(using).filter(
            revision_id__in=revision_ids, content_type=content_type
        )
        attname = relation.field.attname
        Version.objects.using(using).filter(
            pk__in=[v.pk for v in followed if str(v.field_dict.get(attname)) == str(instance.pk)]
        ).delete()
    Revision.objects.using(using).filter(pk__in=revision_ids, version__isnull=True).delete()
    # Autosaved drafts of it too (a model of this module's app, looked up by label).
    from editing.models import AutosavedDraft

    AutosavedDraft.objects.using(using).filter(
        content_type=ContentType.objects.db_manager(using).get_for_model(sender),
        object_id=str(instance.pk),
    ).delete()


def latest_version_id(obj):
    """The id of the newest stored version of `obj`, or 0 if it has none."""
    return (
        Version.objects.get_for_object(obj).order_by("-pk").values_list("pk", flat=True).first()
        or 0
    )


def when(moment):
    """A date and time as the editor reads it, in the practice's time zone."""
    return date_format(timezone.localtime(moment), "j F Y, H:i")


# Comparing -------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\s+|[^\s]+")


def word_diff(old, new):
    """`old` and `new` as one escaped HTML string: removed words in <del>, added ones in <ins>."""
    a, b = _TOKEN.findall(old or ""), _TOKEN.findall(new or "")
    parts = []
    for op, i1, i2, j1, j2 in _merged_opcodes(a, b):
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above


def _merged_opcodes(a, b):
    """difflib's opcodes, with changes separated only by spaces joined into one, so that a
    rewritten sentence reads as one deletion and one insertion, not word by alternate word."""
    merged = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        blank = op == "equal" and not "".join(a[i1:i2]).strip()
        if merged and merged[-1][0] != "equal" and (op != "equal" or blank):
            _, pi1, _, pj1, _ = merged[-1]
            merged[-1] = ("replace", pi1, i2, pj1, j2)
        else:
            merged.append((op, i1, i2, j1, j2))
    return merged


def edited_fields(model):
    """The fields staff edit, in the model's order: what is compared and restored."""
    fields = []
    for field in model._meta.get_fields():
        if field.auto_created or not getattr(field, "editable", False) or field.primary_key:
            continue
        if field.many_to_many:
            if field.remote_field.through._meta.auto_created:
                fields.append(field)
        elif field.concrete:
            fields.append(field)
    return fields


def current_values(obj):
    """The object's field values as stored now, keyed like a Version's field_dict."""
    values = {}
    for field in edited_fields(type(obj)):
        if field.many_to_many:
            values[field.attname] = list(
                getattr(obj, field.name).order_by().values_list("pk", flat=True)
            )
        else:
            values[field.attname] = getattr(obj, field.attname)
    return values


def display(field, value):
    """A stored value as the editor reads it."""
    if field.many_to_many:
        names = sorted(str(o) for o in field.related_model._default_manager.filter(pk__in=value))
        missing = len(set(map(str, value))) - len(names)
        if missing:
            names.append(f"{missing} since deleted")
        return ", ".join(names) or "(none)"
    if value is None or value == "":
        return "(empty)"
    if field.many_to_one:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else "(since deleted)"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return when(value)
    if isinstance(field, models.FileField):
        return str(getattr(value, "name", value)) or "(empty)"
    return str(value)


def _same(field, old, new):
    if field.many_to_many:
        return set(map(str, old or [])) == set(map(str, new or []))
    if isinstance(field, models.FileField):
        return str(getattr(old, "name", old) or "") == str(getattr(new, "name", new) or "")
    return old == new


def compare(model, old, new, fields=None):
    """The fields whose values differ between two field dicts, as rows for the template."""
    rows = []
    for field in fields or edited_fields(model):
        if field.attname not in old or field.attname not in new:
            continue
        if _same(field, old[field.attname], new[field.attname]):
            continue
        rows.append(
            diff_row(field, display(field, old[field.attname]), display(field, new[field.attname]))
        )
    return rows


def diff_row(field, old_text, new_text):
    long = isinstance(field, models.TextField) or max(len(old_text), len(new_text)) > LONG_TEXT
    return {
        "label": capfirst(field.verbose_name),
        "old": old_text,
        "new": new_text,
        "long": long,
        "diff": word_diff(old_text, new_text) if long else None,
    }


def _related_versions(version, model):
    """Followed related objects (e.g. a therapist's memberships) in the version's revision."""
    for name in _get_options(model).follow:
        relation = model._meta.get_field(name)
        related_model = relation.related_model
        fk = relation.field
        content_type = ContentType.objects.get_for_model(related_model)
        versions = [
            v
            for v in version.revision.version_set.filter(content_type=content_type)
            if str(v.field_dict.get(fk.attname)) == str(version.object_id)
        ]
        yield name, related_model, versions


# The admin -------------------------------------------------------------------------------------


class RevisionAdmin(OldAddressAdmin, VersionAdmin):
    """A ModelAdmin whose objects keep revisions, with compare, restore and conflict checks.

    Every content admin is one, so it also asks before a slug takes a live page's old address
    (redirects/confirm.py, for models registered with old addresses).
    """

    object_history_template = "admin/revisions/object_history.html"
    # Django's change list (reversion's adds "Recover deleted": deleted objects' revisions are
    # deleted with them here).
    change_list_template = None
    history_latest_first = True
    formfield_overrides = {
        models.DateTimeField: {"widget": LabelledSplitDateTime},
        models.ImageField: {"widget": PrivateOriginalFileInput},
    }
    # Fields a restore never copies back: whatever makes the object public, its address, its
    # image (an old image's files are deleted once replaced). Set per admin.
    restore_keeps = ()

    def get_urls(self):
        opts = self.model._meta
        info = opts.app_label, opts.model_name
        # reversion's own views are replaced: recover (nothing to recover) and its revert form.
        urls = [
            u
            for u in super().get_urls()
            if getattr(u, "name", None)
            not in {f"{info[0]}_{info[1]}_recoverlist", f"{info[0]}_{info[1]}_recover"}
        ]
        return [
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="{}_{}_restore".format(*info),
            ),
            *urls,
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
        for name, related_model, versions in _related_versions(version, self.model):
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
        for name, _model, versions in _related_versions(version, self.model):
            restored = set()
            for related in versions:
                related.revert()
                restored.add(str(related.object_id))
            for current in getattr(obj, name).all():
                if str(current.pk) not in restored:
                    current.delete()
        return skipped

    # Autosave (editing/autosave.py).

    autosave = True

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        wanted = request.method == "GET" and request.GET.get("_autosave") == "restore"
        if obj is not None and wanted and self.autosave:
            draft = autosave.draft_for(request, obj)
            if draft is not None:
                autosave.apply(draft, obj)  # shown in the form, not saved
                request._autosave_restored = draft
        return obj

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            autosave.discard(request, obj)  # saved for real: the autosaved copy is done with

    def _autosave_context(self, request, obj):
        restored = getattr(request, "_autosave_restored", None)
        if restored is not None:
            return {"autosave_restored": restored}, restored.data.get(BASED_ON)
        context = {}
        draft = autosave.draft_for(request, obj) if request.method == "GET" else None
        if draft is not None:
            latest = Version.objects.get_for_object(obj).select_related("revision").first()
            newer = latest is None or draft.saved_at > latest.revision.date_created
            if newer and autosave.differs(draft, obj):
                context["autosave_offer"] = draft
        return context, None

    # Edit conflicts.

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Leaving an add or change page with unsaved text asks first (js/admin-autosave.js; on
        # change pages it also autosaves).
        context["leave_warning"] = True
        if change and obj is not None:
            based_on = None
            if self.autosave:
                opts = self.model._meta
                extra, based_on = self._autosave_context(request, obj)
                context.update(extra)
                context["autosave_url"] = reverse(
                    f"{self.admin_site.name}:autosave",
                    args=[opts.app_label, opts.model_name, quote(obj.pk)],
                )
            # After a refused form (an error to correct), still the version it was based on;
            # with a restored autosave, the version that autosave was typed on.
            posted = request.POST.get(BASED_ON) if request.method == "POST" else None
            context[BASED_ON.strip("_")] = posted or based_on or latest_version_id(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id is not None and BASED_ON in request.POST:
            # change_view runs this inside reversion's transaction, which the save joins: the
            # row lock makes a second save of the same object wait for the first, then see it.
            with transaction.atomic():
                obj = self.get_object(request, unquote(object_id))
                if obj is not None:
                    self.model._default_manager.select_for_update().filter(pk=obj.pk).exists()
                if obj is not None and self.has_change_permission(request, obj):
                    conflict = self.edit_conflict(request, obj)
                    if conflict is not None:
                        return conflict
        return super().changeform_view(request, object_id, form_url, extra_context)

    def edit_conflict(self, request, obj):
        """A 409 page if someone saved `obj` after the version this form was based on."""
        latest = latest_version_id(obj)
        try:
            based_on = int(request.POST.get(BASED_ON) or 0)
        except ValueError:
            based_on = 0
        if latest == based_on:
            return None
        saves = (
            Version.objects.get_for_object(obj)
            .filter(pk__gt=based_on)
            .select_related("revision__user")
            .order_by("pk")
        )
        form_class = self.get_form(request, obj, change=True)
        form = form_class(request.POST, request.FILES, instance=obj)
        rows, yours = [], []
        for name, form_field in form.fields.items():
            bound = form[name]
            posted = bound.value()
            try:
                field = self.model._meta.get_field(name)
            except Exception:  # noqa: BLE001 - a form-only field
                field = None
            label = capfirst(str(form_field.label or name))
            # Text to copy back: not a tick box's "on" or a hidden box's "False".
            typed = isinstance(posted, str) and not isinstance(form_field, forms.BooleanField)
            if typed and posted.strip() and name in request.POST:
                yours.append({"name": name, "label": label, "text": posted})
            if field is None or name not in form.changed_data:
                continue
            stored = display(field, current_values(obj).get(field.attname))
            rows.append(diff_row(field, stored, self._display_posted(field, posted)))
        hidden = [
            (key, value)
            for key, values in request.POST.lists()
            if key not in {"csrfmiddlewaretoken", BASED_ON}
            for value in values
        ]
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": f"Not saved: someone else saved “{obj}” while you were editing",
            "subtitle": str(obj),
            "opts": opts,
            "app_label": opts.app_label,
            "original": obj,
            "saves": saves,
            "rows": rows,
            "yours": yours,
            "hidden": hidden,
            "latest": latest,
            "files": [f.name for _, files in request.FILES.lists() for f in files],
            "change_url": request.path,
        }
        request.current_app = self.admin_site.name
        response = TemplateResponse(request, "admin/revisions/conflict.html", context, status=409)
        response["Cache-Control"] = "no-store"
        return response

    @staticmethod
    def _display_posted(field, posted):
        if field.many_to_many:
            return display(field, [v for v in posted or [] if str(v).isdigit()])
        if isinstance(posted, list | tuple):
            return " ".join(str(v) for v in posted if v) or "(empty)"
        if field.many_to_one:
            return display(field, posted if str(posted).isdigit() else None)
        if isinstance(field, models.BooleanField):
            return display(field, posted in (True, "on", "true", "True", "1"))
        if field.choices:
            return display(field, posted)
        if isinstance(field, models.FileField):
            return str(getattr(posted, "name", posted) or "(empty)")
        return "(empty)" if posted in (None, "") else str(posted)

    # Actions on a change list: skip what changed after the list was loaded.

    def changelist_view(self, request, extra_context=None):
        context = {"list_loaded_at": f"{timezone.now().timestamp():.6f}"}
        context.update(extra_context or {})
        return super().changelist_view(request, context)

    def changed_since_list_loaded(self, request, queryset):
        """Split an action's queryset: (unchanged since the list was loaded, changed since).

        Needs an `updated_at` field; without one, or without the list's time, nothing is split.
        """
        raw = request.POST.get(LIST_LOADED_AT)
        try:
            loaded_at = datetime.datetime.fromtimestamp(float(raw), tz=datetime.UTC)
        except (TypeError, ValueError, OverflowError, OSError):
            return queryset, []
        if not any(f.name == "updated_at" for f in self.model._meta.get_fields()):
            return queryset, []
        changed = list(queryset.filter(updated_at__gt=loaded_at))
        return queryset.exclude(pk__in=[o.pk for o in changed]), changed

    def report_skipped(self, request, changed):
        if changed:
            names = ", ".join(f"“{o}”" for o in changed)
            self.message_user(
                request,
                f"Left as they are, because someone changed them after you loaded the list: "
                f"{names}. Check them and try again.",
                messages.WARNING,
            )
