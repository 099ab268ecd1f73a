"""Change lists whose actions skip what changed after the list was loaded."""

import datetime

from django.contrib import messages
from django.utils import timezone

LIST_LOADED_AT = "_list_loaded_at"


class StaleListAdmin:
    """Mixed into RevisionAdmin: the list carries when it was loaded (templates/admin/
    change_list.html); an action leaves alone the objects changed since, and says so."""

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
