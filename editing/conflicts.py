"""Edit conflicts: a change form carries the revision it was based on (`_based_on_revision`).
A save based on an older revision than the stored one is refused with a page (409) saying who
saved in between and when, the differences, and the person's own text in full; they can reload
the current version or save theirs over it deliberately."""

from django import forms
from django.contrib.admin.utils import quote, unquote
from django.db import models, transaction
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import capfirst
from reversion.models import Version

from editing.compare import current_values, diff_row, display
from editing.versions import latest_version_id

BASED_ON = "_based_on_revision"


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
