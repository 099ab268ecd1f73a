"""Autosave: what a person types on a change page is kept every 30 seconds and when they leave.

static/js/admin-autosave.js posts the form's text fields to `autosave_view` (a staff-only,
CSRF-protected admin URL); they are stored as that person's AutosavedDraft of that object,
never touching the object itself. When the person reopens the page and the draft is newer
than the last save, the page offers it ("You have unsaved changes from 14:32, kept
automatically. Restore them into the form"): a plain link that fills the form with it (no
script needed); saving the form as usual then clears it.
The draft remembers which version the form was based on, so a restored draft saved over
someone else's later save is caught as an edit conflict (editing/conflicts.py).
"""

from django.apps import apps
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from reversion.models import Version

from editing import presence
from editing.models import AutosavedDraft

BASED_ON = "_based_on_revision"


def text_fields(model):
    """The fields autosave keeps: the text a person types (not choices, dates or files)."""
    return [
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, models.CharField | models.TextField)
        and field.editable
        and not field.choices
    ]


def autosave_view(request, site, app_label, model_name, object_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404("No such page.") from None
    model_admin = site._registry.get(model)
    if model_admin is None or not getattr(model_admin, "autosave", False):
        raise Http404("No such page.")
    obj = model_admin.get_object(request, unquote(object_id))
    if obj is None:
        raise Http404("No such page.")
    if not model_admin.has_change_permission(request, obj):
        raise PermissionDenied
    presence.opened(request.user, obj)
    if request.POST.get("_heartbeat"):
        response = HttpResponse(status=204)
        response["Cache-Control"] = "no-store"
        return response
    keys = {*text_fields(model), BASED_ON}
    data = {key: value for key, value in request.POST.items() if key in keys}
    AutosavedDraft.objects.update_or_create(
        user=request.user,
        content_type=ContentType.objects.get_for_model(model),
        object_id=str(obj.pk),
        defaults={"data": data},
    )
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    return response


def draft_for(request, obj):
    return AutosavedDraft.objects.filter(
        user=request.user,
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=str(obj.pk),
    ).first()


def differs(draft, obj):
    """True if the draft holds text that is not what is stored now."""
    return any(
        key != BASED_ON and str(getattr(obj, key, "") or "") != value
        for key, value in draft.data.items()
    )


def apply(draft, obj):
    """Put the draft's text into `obj` (unsaved), for the change form to show."""
    names = set(text_fields(type(obj)))
    for key, value in draft.data.items():
        if key in names:
            setattr(obj, key, value)


def discard(request, obj):
    AutosavedDraft.objects.filter(
        user=request.user,
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=str(obj.pk),
    ).delete()


class AutosaveAdmin:
    """The admin side of autosave, mixed into RevisionAdmin: the offer to restore a newer
    autosaved draft, the restored draft shown in the form, the draft cleared on a real save."""

    autosave = True

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        wanted = request.method == "GET" and request.GET.get("_autosave") == "restore"
        if obj is not None and wanted and self.autosave:
            draft = draft_for(request, obj)
            if draft is not None:
                apply(draft, obj)  # shown in the form, not saved
                request._autosave_restored = draft
        return obj

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            discard(request, obj)  # saved for real: the autosaved copy is done with
            presence.left(request.user, obj)

    def autosave_context(self, request, obj):
        """(context for the change form, the version a restored draft was typed on or None)."""
        restored = getattr(request, "_autosave_restored", None)
        if restored is not None:
            return {"autosave_restored": restored}, restored.data.get(BASED_ON)
        context = {}
        draft = draft_for(request, obj) if request.method == "GET" else None
        if draft is not None:
            latest = Version.objects.get_for_object(obj).select_related("revision").first()
            newer = latest is None or draft.saved_at > latest.revision.date_created
            if newer and differs(draft, obj):
                context["autosave_offer"] = draft
        return context, None
