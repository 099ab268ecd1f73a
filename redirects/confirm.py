"""A slug that is a live page's old address is never taken silently.

Renaming a page keeps its old address as a redirect (redirects/models.py); a page created
or renamed onto that address takes it over, and the redirect is deleted. In the admin that needs
a deliberate yes: the form says which page the address leads to and refuses the slug until
"Take this old address" is ticked; the save then logs, on the other page's history, that its old
address was given away.

`OldAddressAdmin` is part of every content admin (`editing.revisions.RevisionAdmin`) and acts only
for models registered with `old_addresses=True` (core/content.py), so no app repeats it.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.contenttypes.models import ContentType

from core import content

TAKE = "take_old_address"


def old_address_of_another_page(instance, slug):
    """The redirect that `instance`'s address with `slug` would be, if it leads to another page
    visitors can see (with `leads_to`, where it leads now), else None."""
    from redirects.models import Redirect

    path = content.path_with_slug(instance, slug)
    if path is None:
        return None
    here = ContentType.objects.get_for_model(instance, for_concrete_model=True)
    for redirect in Redirect.objects.matching(path).order_by("pk"):
        is_this = redirect.content_type_id == here.pk and redirect.object_id == instance.pk
        leads_to = None if is_this else redirect.destination()
        if leads_to is not None:
            redirect.leads_to = leads_to
            return redirect
    return None


class OldAddressFormMixin:
    """Form mixin (added by OldAddressAdmin): refuses a slug that is another live page's old
    address unless `take_old_address` is ticked; then `taken_old_address` is that redirect."""

    taken_old_address = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        slug = self.data.get(self.add_prefix("slug")) if self.is_bound else None
        if not (slug and slug != self.instance.slug and self._old_address(slug)):
            self.fields[TAKE].widget = forms.HiddenInput()

    def _old_address(self, slug):
        found = getattr(self, "_old_addresses", None)
        if found is None:
            found = self._old_addresses = {}
        if slug not in found:
            found[slug] = old_address_of_another_page(self.instance, slug)
        return found[slug]

    def clean_slug(self):
        parent = getattr(super(), "clean_slug", None)
        slug = parent() if parent is not None else self.cleaned_data["slug"]
        old = self._old_address(slug) if slug and slug != self.instance.slug else None
        confirmed = forms.BooleanField().to_python(self.data.get(self.add_prefix(TAKE)))
        if old is not None and not confirmed:
            page = f"“{old.target}”" if old.target is not None else "another page"
            raise forms.ValidationError(
                f"{old.old_path} is an old address of {page}: people and search engines "
                f"following it are sent on to {old.leads_to}. Choose another slug, or tick "
                "“Take this old address” to give it to this "
                f"{self._meta.model._meta.verbose_name}."
            )
        self.taken_old_address = old
        return slug


class OldAddressAdmin:
    """ModelAdmin mixin: the confirmation above, on the change form of every model registered
    with old addresses (the box sits under the slug, hidden until it is needed)."""

    def _keeps_old_addresses(self):
        registration = content.registration_for(self.model)
        return registration is not None and registration.old_addresses

    def _slug_editable(self, request, obj):
        may_edit = (
            self.has_change_permission(request, obj) if obj else self.has_add_permission(request)
        )
        return may_edit and "slug" not in self.get_readonly_fields(request, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        # Someone who may only view the page gets no form field to tick (and Django could not
        # show the box read-only: it is not the model's).
        if not self._keeps_old_addresses():
            return fieldsets
        offered = self._slug_editable(request, obj)
        placed = []
        for name, options in fieldsets:
            fields = []
            for field in options.get("fields", ()):
                if field == TAKE:
                    continue
                fields.append(field)
                if field == "slug" and offered:
                    fields.append(TAKE)
            placed.append((name, {**options, "fields": fields}))
        return placed

    def get_form(self, request, obj=None, change=False, **kwargs):
        if not self._keeps_old_addresses():
            return super().get_form(request, obj, change=change, **kwargs)
        # The box is the form's own field, not the model's: left out of the model form.
        if "fields" not in kwargs:
            kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
        if kwargs["fields"] is not None:
            kwargs["fields"] = [f for f in kwargs["fields"] if f != TAKE]
        form = super().get_form(request, obj, change=change, **kwargs)
        if "slug" not in form.base_fields:
            return form
        noun = self.model._meta.verbose_name
        take = forms.BooleanField(
            required=False,
            label="Take this old address",
            help_text=f"The slug above is another page's old address: tick to give it to this "
            f"{noun} (the old address then stops leading to the other page).",
        )
        return type(form.__name__, (OldAddressFormMixin, form), {TAKE: take})

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        taken = getattr(form, "taken_old_address", None)
        if taken is None:
            return
        note = (
            f"Its old address {taken.old_path} was given to the {self.model._meta.verbose_name} "
            f"“{obj}” by {request.user.get_username()}; it no longer leads here."
        )
        target = taken.target
        if target is not None:
            self.log_change(request, target, note)
        noun = self.model._meta.verbose_name
        self.message_user(
            request,
            f"The old address {taken.old_path} now leads to this {noun}, no longer to "
            f"“{target or taken.leads_to}”.",
            messages.WARNING,
        )
