"""Edits that merge: a change form carries the revision it was based on (`_based_on_revision`).
When someone else saved after that revision, the save is merged field by field against it (a
three-way merge, as version control does with lines):

- a field only the other person changed keeps their change;
- a field only this person changed takes their change;
- a field both changed (to different values) goes to a conflict page (409) that shows just those
  fields, by name and in words (the author's name, "Published"), with "keep mine" or "keep
  theirs" for each; the rest of the form waits, unsaved, in the page.

The saved page then says what was merged.

An object that has no revision yet (imported, loaded as demo content, made in the shell) is given
one, its baseline, when someone who may change it opens its change form (editing/versions.py,
`keep_baseline`): every form opened on it then has a base, so two people changing different
fields of an imported article both keep their changes. (Carrying the opened values in the form
instead would send every text twice and need its own comparison; a baseline reuses the merge
above unchanged, covers objects already stored, and keeps the text as it was imported in the
History.) Without the base revision (it was pruned), every field that differs counts as changed
by both.
"""

import copy

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import capfirst
from reversion.errors import RevertError
from reversion.models import Version

from editing import presence
from editing.compare import current_values, diff_row, display, same
from editing.versions import has_versions, keep_baseline, latest_version_id

BASED_ON = "_based_on_revision"
SEEN = "_conflict_seen"  # the latest revision the conflict page showed
KEEP = "_keep_"  # + field name: "mine" or "theirs"


class ConflictAdmin:
    """Mixed into RevisionAdmin (after AutosaveAdmin, whose context the change form shows)."""

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Leaving an add or change page with unsaved text asks first (js/admin-autosave.js; on
        # change pages it also autosaves).
        context["leave_warning"] = True
        if change and obj is not None:
            based_on = None
            if self.autosave:
                opts = self.model._meta
                extra, based_on = self.autosave_context(request, obj)
                context.update(extra)
                context["autosave_url"] = reverse(
                    f"{self.admin_site.name}:autosave",
                    args=[opts.app_label, opts.model_name, quote(obj.pk)],
                )
            # After a refused form (an error to correct), still the version it was based on;
            # with a restored autosave, the version that autosave was typed on.
            posted = request.POST.get(BASED_ON) if request.method == "POST" else None
            context[BASED_ON.strip("_")] = posted or based_on or latest_version_id(obj)
            if request.method == "GET":
                presence.opened(request.user, obj)
            context["others_editing"] = presence.others(request.user, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Before reversion's revision for this request begins: the baseline is saved at once,
        # and the form below is based on it.
        if request.method == "GET" and not has_versions(self.model, unquote(object_id)):
            obj = self.get_object(request, unquote(object_id))
            if obj is not None and self.has_change_permission(request, obj):
                keep_baseline(obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id is not None and BASED_ON in request.POST:
            # change_view runs this inside reversion's transaction, which the save joins: the
            # row lock makes a second save of the same object wait for the first, then see it.
            with transaction.atomic():
                obj = self.get_object(request, unquote(object_id))
                if obj is not None:
                    self.model._default_manager.select_for_update().filter(pk=obj.pk).exists()
                if obj is not None and self.has_change_permission(request, obj):
                    plan = self.merge_plan(request, obj)
                    if plan is not None and plan["conflicts"]:
                        return self.conflict_response(request, obj, plan)
                    request._merge = plan
        return super().changeform_view(request, object_id, form_url, extra_context)

    def merge_plan(self, request, obj):
        """None if the form is based on the latest revision; otherwise which fields keep theirs,
        which take mine, and which both changed (unless chosen on the conflict page)."""
        latest = latest_version_id(obj)
        try:
            based_on = int(request.POST.get(BASED_ON) or 0)
        except ValueError:
            based_on = 0
        if latest == based_on:
            return None
        saves = list(
            Version.objects.get_for_object(obj)
            .filter(pk__gt=based_on)
            .select_related("revision__user")
            .order_by("pk")
        )
        form = self.get_form(request, obj, change=True)(request.POST, request.FILES, instance=obj)
        base_initial = self._base_initial(form, obj, based_on)
        stored = current_values(obj)
        chosen = request.POST.get(SEEN) == str(latest)
        plan = {"theirs": [], "mine": [], "conflicts": [], "saves": saves, "latest": latest}
        for name, form_field in form.fields.items():
            field = self._model_field(name)
            if field is None or form_field.disabled:
                continue  # a form-only field (a tick box for this save): always this person's
            data = form[name].data
            mine_vs_theirs = form_field.has_changed(form[name].initial, data)
            if base_initial is None:
                theirs_changed = mine_changed = mine_vs_theirs
            else:
                theirs_changed = not same(
                    field, base_initial["values"].get(field.attname), stored.get(field.attname)
                )
                mine_changed = form_field.has_changed(base_initial["initial"].get(name), data)
            if theirs_changed and not mine_changed:
                plan["theirs"].append(name)
            elif mine_changed and not theirs_changed:
                plan["mine"].append(name)
            elif theirs_changed and mine_vs_theirs:
                choice = request.POST.get(KEEP + name) if chosen else None
                if choice in ("mine", "theirs"):
                    plan[choice].append(name)
                else:
                    plan["conflicts"].append(name)
        plan["form"] = form
        return plan

    def _model_field(self, name):
        try:
            field = self.model._meta.get_field(name)
        except FieldDoesNotExist:
            return None
        return field if getattr(field, "attname", None) else None

    def _base_initial(self, form, obj, based_on):
        """The form's initial values as they were in the base revision (None if it is gone)."""
        base = Version.objects.get_for_object(obj).filter(pk=based_on).first()
        if base is None:
            return None
        try:
            values = base.field_dict
        except RevertError:
            return None
        then = copy.copy(obj)
        for name in form.fields:
            field = self._model_field(name)
            if field is not None and not field.many_to_many and field.attname in values:
                setattr(then, field.attname, values[field.attname])
        unbound = type(form)(instance=then)
        initial = {}
        for name in form.fields:
            field = self._model_field(name)
            if field is None or field.attname not in values:
                continue
            initial[name] = values[field.attname] if field.many_to_many else unbound[name].initial
        return {"values": values, "initial": initial}

    def save_form(self, request, form, change):
        """A merged save: the fields only the other person changed keep their stored value."""
        instance = super().save_form(request, form, change)
        plan = getattr(request, "_merge", None)
        if not plan:
            return instance
        stored = self.model._default_manager.get(pk=instance.pk)
        for name in plan["theirs"]:
            field = self.model._meta.get_field(name)
            if field.many_to_many:
                form.cleaned_data[name] = list(getattr(stored, name).all())
            else:
                setattr(instance, field.attname, getattr(stored, field.attname))
        self.message_user(request, self._merged_message(plan, form), messages.INFO)
        return instance

    def _merged_message(self, plan, form):
        def labels(names):
            return ", ".join(str(form.fields[name].label or name).lower() for name in names)

        people = ", ".join(sorted({who_saved(save) for save in plan["saves"]}) or ["someone else"])
        parts = [f"{people} saved this page while you had it open; the changes were merged."]
        if plan["theirs"]:
            parts.append(f"Kept their changes to: {labels(plan['theirs'])}.")
        if plan["mine"]:
            parts.append(f"Saved yours to: {labels(plan['mine'])}.")
        return " ".join(parts)

    def conflict_response(self, request, obj, plan):
        """The 409 page: just the fields both people changed, a choice for each."""
        form = plan["form"]
        stored = current_values(obj)
        rows = []
        for name in plan["conflicts"]:
            field = self.model._meta.get_field(name)
            theirs = display(field, stored.get(field.attname))
            mine = self._display_posted(field, form[name].value())
            row = diff_row(field, theirs, mine)
            row["name"] = name
            row["label"] = capfirst(str(form.fields[name].label or name))
            rows.append(row)
        hidden = [
            (key, value)
            for key, values in request.POST.lists()
            if key not in {"csrfmiddlewaretoken", SEEN} and not key.startswith(KEEP)
            for value in values
        ]
        label = {name: capfirst(str(form.fields[name].label or name)) for name in form.fields}
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": f"Not saved yet: you and someone else both changed “{obj}”",
            "subtitle": str(obj),
            "opts": opts,
            "app_label": opts.app_label,
            "original": obj,
            "saves": plan["saves"],
            "rows": rows,
            "merged_theirs": [label[name] for name in plan["theirs"]],
            "merged_mine": [label[name] for name in plan["mine"]],
            "hidden": hidden,
            "latest": plan["latest"],
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
            return display(field, int(posted) if str(posted).isdigit() else None)
        if isinstance(field, models.BooleanField):
            return display(field, posted in (True, "on", "true", "True", "1"))
        if field.choices:
            return display(field, posted)
        if isinstance(field, models.FileField):
            return str(getattr(posted, "name", posted) or "(empty)")
        return "(empty)" if posted in (None, "") else str(posted)


def who_saved(version):
    user = version.revision.user
    if user is None:
        return "someone"
    return user.get_full_name() or user.get_username()
