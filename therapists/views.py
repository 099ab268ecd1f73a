from django.db.models import Prefetch
from django.views.generic import DetailView, ListView, TemplateView

from therapists.filters import ChooseForm, DirectoryFilterForm
from therapists.models import Concern, Language, Modality, Therapist
from therapists.structured_data import therapist_data
from therapists.terms import load_terms

# The therapists' articles are reached through the reverse relation, so this app never imports
# the articles app; `published()` is the articles app's one visibility rule.
_Article = Therapist.articles.rel.related_model


def published_articles():
    return _Article.objects.published().only(
        "title", "slug", "summary", "publish_at", "reading_time", "author_id"
    )


class TherapistListView(ListView):
    """The directory: listed therapists, narrowed by the GET filters, twelve to a page."""

    template_name = "therapists/directory.html"
    context_object_name = "therapists"
    paginate_by = 12

    def get_queryset(self):
        self.form = DirectoryFilterForm(self.request.GET)
        return self.form.filter(Therapist.objects.listed().for_cards())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        context["chips"] = self.form.chips()
        context["ignored_filters"] = self.form.ignored
        context["match_line"] = self.form.match_line() if context["chips"] else ""
        # From "help me choose": a link back to change the answers (the same query string).
        context["guided"] = self.request.GET.get("guided") == "1"
        if context["chips"] and not context["paginator"].count:
            listed = Therapist.objects.listed()
            context["relaxations"] = self.form.relaxations(listed)
            context["nearest"] = self.form.nearest(listed.for_cards())
        return context


class ChooseView(TemplateView):
    """ "Help me choose": a few plain questions, answered on one page with no script. The
    answers are never stored: the form's GET leads to the directory with them as filters."""

    template_name = "therapists/choose.html"
    http_method_names = ["get", "head"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        modalities = Modality.objects.only("name", "slug", "summary", "order")
        terms = {
            "concern": list(Concern.objects.only("name", "slug")),
            "language": list(Language.objects.only("name", "slug")),
        }
        form = ChooseForm(self.request.GET or None, terms=terms, modalities=modalities)
        context["form"] = form
        return context


class TherapistDetailView(DetailView):
    """A therapist's profile, with their published articles. An old address of theirs answers
    301 to it while they are listed (one more query, only when no one has that slug)."""

    template_name = "therapists/profile.html"
    context_object_name = "therapist"

    def get_queryset(self):
        return Therapist.objects.listed().prefetch_related(
            "memberships",
            Prefetch("articles", queryset=published_articles(), to_attr="published_articles"),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        terms = load_terms(therapists=self.object)
        context["modalities"] = terms["modality"]
        context["concerns"] = terms["concern"]
        context["languages"] = terms["language"]
        context["json_ld"] = therapist_data(self.object, terms["modality"], terms["language"])
        return context


class ModalityListView(ListView):
    """Every modality, with a summary and how many listed therapists practise it."""

    template_name = "therapists/modality_list.html"
    context_object_name = "modalities"

    def get_queryset(self):
        return Modality.objects.with_listed_count()


class ModalityDetailView(DetailView):
    """A modality explained, the listed therapists who practise it and articles about it. Its
    old addresses answer 301 to it."""

    template_name = "therapists/modality_detail.html"
    context_object_name = "modality"
    model = Modality

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["therapists"] = (
            Therapist.objects.listed().for_cards().filter(modalities=self.object)
        )
        context["articles"] = self.object.articles.published().only(
            "title", "slug", "summary", "publish_at", "reading_time"
        )
        return context
