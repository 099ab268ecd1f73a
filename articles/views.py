from django.http import Http404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, TemplateView

from articles.models import Article, EditorialPolicy, Topic, default_editorial_policy
from articles.structured_data import article_data, article_image
from core.markdown import render_markdown

ARTICLES_PER_PAGE = 12


class ArticleListView(ListView):
    """Published articles, newest first, with the topics to browse by: four queries (the
    topics, the count, the page and the page's topics)."""

    paginate_by = ARTICLES_PER_PAGE
    template_name = "articles/article_list.html"

    def get_queryset(self):
        self.topics = list(Topic.objects.with_published_articles())
        return Article.objects.published().defer("body", "body_html").prefetch_related("topics")

    def get_context_data(self, **kwargs):
        return super().get_context_data(topics=self.topics, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        # Django also accepts "last" and treats an empty ?page= as page 1; here a page is a
        # number or absent, and anything else is a 404.
        page = self.request.GET.get(self.page_kwarg)
        if page is not None and not (page.isascii() and page.isdecimal()):
            raise Http404("No such page.")
        return super().paginate_queryset(queryset, page_size)


class TopicView(ArticleListView):
    """One topic's published articles; an unknown topic is a 404. Four queries, as the list:
    the topic comes in the same query as the topics to browse by."""

    template_name = "articles/topic_detail.html"
    topic = None

    def get_queryset(self):
        slug = self.kwargs["slug"]
        found = list(Topic.objects.with_published_articles(or_slug=slug))
        self.topic = next((topic for topic in found if topic.slug == slug), None)
        if self.topic is None:
            raise Http404("No such topic.")
        self.topics = [topic for topic in found if topic.has_published or topic is self.topic]
        return (
            Article.objects.published()
            .defer("body", "body_html")
            .prefetch_related("topics")
            .filter(topics=self.topic)
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, **kwargs)


class ArticleDetailView(DetailView):
    """An article page in plain queries: the article with its author and reviewer, its topics,
    its modalities, the articles either side, its sources, and related articles (none without
    topics or modalities). One UNION query did the topics to neighbours before; measured, it
    cost more CPU per request (8.0 ms against 7.0 ms on the demo data) than these plain ones.

    The closing box's button opens the therapists directory, filtered by the article's modality
    if it has exactly one, unfiltered otherwise. An article's old address answers 301 to it
    while it is published (redirects, only when no article has that slug)."""

    template_name = "articles/article_detail.html"
    preview = False

    def get_queryset(self):
        return (
            Article.objects.published()
            .with_listed_author()
            .with_listed_reviewer()
            .prefetch_related("sources")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        topics = list(article.topics.only("name", "slug"))
        modalities = list(article.modalities.only("name", "slug", "order"))
        previous, next_ = article.neighbours()
        author = article.author if article.author_is_listed else None
        # A review is shown only with a reviewer visitors can look up.
        reviewer = article.reviewer if article.reviewer_is_listed else None
        sources = list(article.sources.all())
        related = []
        if topics or modalities:
            related = Article.objects.related_to(
                article, exclude=[previous, next_], topics=topics, modalities=modalities
            )
        context.update(
            preview=self.preview,
            author=author,
            reviewer=reviewer if article.last_reviewed else None,
            sources=sources,
            topics=topics,
            modalities=modalities,
            previous_article=previous,
            next_article=next_,
            related_articles=list(related),
            # The directory, pre-filtered by the article's modality when it is about exactly
            # one; with none or several (the box may speak of a range of approaches), all of it.
            cta_url=(
                modalities[0].get_directory_url()
                if len(modalities) == 1
                else reverse("therapists:directory")
            ),
            structured_data=article_data(
                article,
                author,
                topics,
                reviewer=reviewer if article.last_reviewed else None,
                sources=sources,
            ),
            share_image=article_image(article),
        )
        return context


@method_decorator(never_cache, name="dispatch")
class ArticlePreviewView(ArticleDetailView):
    """Staff see any article, draft or scheduled, as it will look; everyone else gets a 404."""

    preview = True

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not (user.is_active and user.is_staff and user.has_perm("articles.view_article")):
            raise Http404("No article here.")
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return (
            Article.objects.with_listed_author().with_listed_reviewer().prefetch_related("sources")
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class EditorialPolicyView(TemplateView):
    """How articles are written and reviewed: the staff's text, or the default until they
    write one (one query)."""

    template_name = "articles/editorial_policy.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        policy = EditorialPolicy.objects.first()
        if policy is not None:
            context["policy_html"], context["updated_at"] = policy.body_html, policy.updated_at
        else:
            context["policy_html"] = render_markdown(default_editorial_policy())
        return context


# What search engines and share cards show of a title and a description (about; they vary).
SEARCH_TITLE_SHOWN = 65
SEARCH_DESCRIPTION_SHOWN = 155


def typed_preview_response(request, article, errors):
    """An unsaved article (the admin form as typed) shown as visitors would see it, with a
    search-result and a share-card preview. Nothing is saved or cached."""
    from django.conf import settings
    from django.template.response import TemplateResponse

    from core.markdown import reading_time_minutes, render_markdown
    from editing.pasted import tidy_pasted
    from therapists.models import Therapist

    article.body = tidy_pasted(article.body)
    article.body_html = render_markdown(article.body)
    article.reading_time = reading_time_minutes(article.body)
    article.author_is_listed = bool(article.author_id) and (
        Therapist.objects.listed().filter(pk=article.author_id).exists()
    )
    article.reviewer_is_listed = bool(article.reviewer_id) and (
        Therapist.objects.listed().filter(pk=article.reviewer_id).exists()
    )
    view = ArticlePreviewView()
    view.setup(request, pk=article.pk)
    view.object = article
    context = view.get_context_data(object=article)
    title = f"{article.seo_title or article.title} · {settings.PRACTICE['name']}"
    description = article.seo_description or article.summary
    context.update(
        typed_preview=True,
        form_errors=errors,
        search_preview={
            "title": title,
            "title_length": len(title),
            "title_shown": SEARCH_TITLE_SHOWN,
            "url": context["structured_data"]["url"],
            "description": description,
            "description_length": len(description),
            "description_shown": SEARCH_DESCRIPTION_SHOWN,
        },
    )
    response = TemplateResponse(request, "articles/article_detail.html", context)
    response["Cache-Control"] = "no-store, private"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
