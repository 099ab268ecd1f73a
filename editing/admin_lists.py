"""Staff's to-do lists in the admin ("Reviews due", "Registrations to re-check"…).

A list is a ModelAdmin over a proxy model; apps declare them, nothing here names a model.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst


class ChecklistAdmin(admin.ModelAdmin):
    """A to-do list over a proxy model: permissions follow the real model, nothing is added or
    deleted here, and each row has one-click buttons (POST, with the list's CSRF token) that
    act on the real object and record it in that object's History."""

    concrete = None  # the real model, whose permissions apply
    list_display_links = None
    list_per_page = 50
    actions = None

    def _perm(self, request, action):
        opts = self.concrete._meta
        return request.user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")

    def has_view_permission(self, request, obj=None):
        return self._perm(request, "view") or self._perm(request, "change")

    def has_change_permission(self, request, obj=None):
        return self._perm(request, "change")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def index_count(self, request):
        """Shown beside the list's name on the admin index."""
        return self.get_queryset(request).count()

    # The buttons sit in Django's list form (#changelist-form, with its CSRF token) and post
    # to their own address.
    def button(self, url, label):
        return format_html(
            '<button type="submit" class="button" formmethod="post" formaction="{}">{}</button>',
            url,
            label,
        )

    def done(self, request):
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        )

    def answer_view(self, view):
        def wrapped(request, pk, answer):
            if request.method != "POST":
                return HttpResponseNotAllowed(["POST"])
            if not self.has_change_permission(request):
                raise PermissionDenied
            return view(request, pk, answer)

        return self.admin_site.admin_view(wrapped)


class LabelledListEditableAdmin:
    """ModelAdmin mixin: each box a list lets staff edit in place (list_editable) is named for
    screen readers by its column and its row ("Accepting new clients: Priya Raman"); Django's
    have no label at all (axe: label)."""

    def get_changelist_formset(self, request, **kwargs):
        formset = super().get_changelist_formset(request, **kwargs)

        def _construct_form(self, i, **form_kwargs):
            form = formset._construct_form(self, i, **form_kwargs)
            for field in form.fields.values():
                if field.label and not field.widget.is_hidden:
                    field.widget.attrs["aria-label"] = f"{capfirst(field.label)}: {form.instance}"
            return form

        return type(formset.__name__, (formset,), {"_construct_form": _construct_form})
