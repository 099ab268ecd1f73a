from django.conf import settings
from django.core.validators import slug_re
from django.db import transaction
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from core import content
from enquiries import services
from enquiries.forms import EnquiryForm, ProblemReportForm
from enquiries.models import Enquiry, EnquiryEvent, ReplyTemplate
from redirects.paths import report_path
from therapists.models import Modality, Therapist

# The text a person wrote, shown back on the rate-limit page so that nothing is lost with it.
TYPED_FIELDS = {"enquiry": ["message", "times_note"], "report": ["problem"]}


def rejected(request, status, reason, what="enquiry"):
    """A plain page saying why the form was not accepted, and how to reach the practice instead.
    `what` names what was sent: "enquiry" or "report". A person held back by the rate limit
    sees what they wrote, to copy; what looked automatic (the honeypot) is not echoed."""
    typed = []
    if reason == "rate_limited":
        typed = [
            request.POST[name].strip()
            for name in TYPED_FIELDS[what]
            if request.POST.get(name, "").strip()
        ]
    response = render(
        request,
        "enquiries/rejected.html",
        {"reason": reason, "status": status, "what": what, "typed": typed},
        status=status,
    )
    if status == 429:
        response["Retry-After"] = str(services.RATE_WINDOW_SECONDS)
    return response


@method_decorator(never_cache, name="dispatch")
class ContactView(FormView):
    """ "Help me find a therapist": the enquiry form, optionally about one therapist or approach.

    `?therapist=<slug>` and `?modality=<slug>` pre-select a listed therapist or an approach;
    an unknown or hidden one is ignored.
    """

    template_name = "enquiries/contact.html"
    form_class = EnquiryForm
    # FormView treats PUT as POST; only a browser's GET and POST are expected (405 otherwise).
    http_method_names = ["get", "head", "post"]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.therapist = self._lookup(Therapist.objects.listed(), "therapist")
        self.modality = self._lookup(Modality.objects.all(), "modality")

    def _lookup(self, queryset, parameter):
        slug = self.request.GET.get(parameter, "").strip()
        # Only something shaped like a slug reaches the database (PostgreSQL refuses a NUL).
        if len(slug) > 120 or not slug_re.fullmatch(slug):
            return None
        return queryset.filter(slug=slug).first()

    def get_initial(self):
        initial = super().get_initial()
        if self.therapist:
            initial["preferred_therapist"] = self.therapist
        if self.modality:
            initial["preferred_modality"] = self.modality
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["therapist"] = self.therapist
        # A form sent back with errors is about the therapist chosen in it, which may not be
        # the one in the address (?therapist=): the heading follows the choice.
        cleaned = getattr(context["form"], "cleaned_data", {})
        if "preferred_therapist" in cleaned:
            context["therapist"] = cleaned["preferred_therapist"]
        context["retention_days"] = settings.ENQUIRY_RETENTION_DAYS
        if not Therapist.objects.accepting().exists():
            template = ReplyTemplate.objects.filter(key="referred").first()
            context["fully_booked"] = template is not None
            context["elsewhere_text"] = template.public_text() if template else ""
        return context

    def post(self, request, *args, **kwargs):
        if services.is_rate_limited(request):
            return rejected(request, 429, "rate_limited")
        form = self.get_form()
        if form.honeypot_filled:
            return rejected(request, 400, "spam")
        if form.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    def form_valid(self, form):
        # Saved (and committed) before any email is attempted: a mail outage loses nothing.
        with transaction.atomic():
            enquiry = form.save()
        services.record_submission(self.request)
        services.notify_staff(enquiry)
        self.chosen = enquiry.preferred_therapist
        return super().form_valid(form)

    def get_success_url(self):
        # The thanks page speaks of the therapist they chose, if they chose one.
        chosen = getattr(self, "chosen", None)
        query = f"?{urlencode({'therapist': chosen.slug})}" if chosen else ""
        return f"{reverse('enquiries:thanks')}{query}"


def page_on_this_site(path):
    """(path, title): `path` (as the link gave it, percent-encoded) decoded, if it is the
    address of a live page of this site (e.g. /articles/some-article/), with the page's title
    ("" for a page without one); else ("", ""). A report is about one of our pages, never an
    outside address, a made-up one or one carrying a query."""
    path = report_path(path, decoded=False)
    pages = content.public_pages() if path else {}
    return (path, pages[path]) if path in pages else ("", "")


@method_decorator(never_cache, name="dispatch")
class ReportProblemView(FormView):
    """ "Report a problem with this page", `?page=<path>`: stored for staff like an enquiry
    (rate limit, honeypot, retention, a notification email without its content)."""

    template_name = "enquiries/report_problem.html"
    form_class = ProblemReportForm
    http_method_names = ["get", "head", "post"]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.page, self.page_title = page_on_this_site(request.GET.get("page"))

    def get_success_url(self):
        # The thanks page offers the way back to the page the report was about.
        query = f"?{urlencode({'page': self.page})}" if self.page else ""
        return f"{reverse('enquiries:report_thanks')}{query}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "page": self.page}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page"], context["page_title"] = self.page, self.page_title
        context["retention_days"] = settings.ENQUIRY_RETENTION_DAYS
        return context

    def post(self, request, *args, **kwargs):
        if services.is_rate_limited(request, kind="problems"):
            return rejected(request, 429, "rate_limited", what="report")
        form = self.get_form()
        if form.honeypot_filled:
            return rejected(request, 400, "spam", what="report")
        if form.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    def form_valid(self, form):
        with transaction.atomic():
            report = form.save()
        services.record_submission(self.request, kind="problems")
        services.notify_staff_of_report(report)
        return super().form_valid(form)


class ReportThanksView(TemplateView):
    template_name = "enquiries/report_thanks.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page"], context["page_title"] = page_on_this_site(self.request.GET.get("page"))
        return context


class ThanksView(TemplateView):
    template_name = "enquiries/thanks.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        slug = self.request.GET.get("therapist", "").strip()
        if len(slug) <= 120 and slug_re.fullmatch(slug):
            context["therapist"] = Therapist.objects.listed().filter(slug=slug).first()
        return context


class PrivacyView(TemplateView):
    template_name = "enquiries/privacy.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["retention_days"] = settings.ENQUIRY_RETENTION_DAYS
        context["cancel_hours"] = settings.CANCEL_LINK_HOURS_BEFORE
        return context


@method_decorator(never_cache, name="dispatch")
class CancelView(View):
    """The cancel link in a booking confirmation: a page with a button (a GET changes nothing,
    so a mail scanner following the link cancels nothing), then the POST cancels once.

    A tampered link is a 400; an expired or used one, one for a request no longer booked, or for
    one since deleted, a 410; each with a page saying what to do.
    """

    http_method_names = ["get", "head", "post"]
    template_name = "enquiries/cancel.html"

    def dispatch(self, request, token):
        try:
            self.enquiry = services.enquiry_for_cancel_token(token)
        except services.CancelRefused as refused:
            return self.refuse(request, refused.reason)
        return super().dispatch(request, token)

    def refuse(self, request, reason):
        status = 400 if reason == "invalid" else 410
        context = {"refused": reason, "hours": settings.CANCEL_LINK_HOURS_BEFORE}
        return render(request, self.template_name, context, status=status)

    def context(self, **extra):
        return {
            "enquiry": self.enquiry,
            "start": timezone.localtime(self.enquiry.booked_for),
            "deadline": timezone.localtime(services.cancel_deadline(self.enquiry)),
            **extra,
        }

    def get(self, request, token):
        return render(request, self.template_name, self.context())

    def post(self, request, token):
        with transaction.atomic():
            # Locked and checked again, so two clicks at once cancel once.
            enquiry = Enquiry.objects.select_for_update().filter(pk=self.enquiry.pk).first()
            if enquiry is None:
                return self.refuse(request, "gone")
            booked_at = int(self.enquiry.booked_for.timestamp())
            if not services.is_cancellable(enquiry, booked_at):
                return self.refuse(request, "used")
            old = enquiry.get_status_display()
            enquiry.cancelled_at = timezone.now()
            enquiry.status = Enquiry.Status.CONTACTED
            enquiry.save(update_fields=["cancelled_at", "status", "updated_at"])
            EnquiryEvent.objects.create(
                enquiry=enquiry,
                kind=EnquiryEvent.Kind.CANCELLED,
                text=f"They cancelled with the link in their confirmation. {old} → Contacted.",
            )
        services.notify_staff_of_cancellation(enquiry)
        return render(request, self.template_name, self.context(cancelled=True))
