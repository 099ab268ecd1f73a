from django.http import Http404
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView

from pages.models import Page
from pages.structured_data import page_data


class PageView(DetailView):
    """A published page: two queries (the page with its parent, and the pages under it)."""

    template_name = "pages/page.html"
    context_object_name = "page"
    preview = False

    def get_queryset(self):
        return Page.objects.published()

    def get_object(self, queryset=None):
        found = self.get_queryset().with_public_parent().filter(**self.lookup()).first()
        if found is None:
            raise Http404("No page here.")
        return found

    def lookup(self):
        return {"slug": self.kwargs["path"]}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.object
        children = Page.objects.published().filter(parent=page).only("title", "slug", "summary")
        parent = page.parent if page.parent_id and page.parent_is_public else None
        context.update(
            preview=self.preview,
            parent=parent,
            crumbs=[(parent.title, parent.get_absolute_url())] if parent else [],
            children=list(children.order_by("title")),
            structured_data=page_data(page),
        )
        return context


@method_decorator(never_cache, name="dispatch")
class PagePreviewView(PageView):
    """Staff see any page, draft or published, as it will look; everyone else gets a 404."""

    preview = True

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not (user.is_active and user.is_staff and user.has_perm("pages.view_page")):
            raise Http404("No page here.")
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return Page.objects.all()

    def lookup(self):
        return {"pk": self.kwargs["pk"]}

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
