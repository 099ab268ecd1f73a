from django.views.generic import DetailView, ListView

from articles.models import Article, Topic


class ArticleListView(ListView):
    queryset = Article.objects.published()
    paginate_by = 12


class TopicView(DetailView):
    model = Topic


class ArticleDetailView(DetailView):
    queryset = Article.objects.published()
