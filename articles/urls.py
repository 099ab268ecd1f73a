from django.urls import path
from django.views.decorators.http import require_safe

from articles import views
from articles.feeds import LatestArticlesFeed

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    # Feeds answer any method unless told otherwise; GET and HEAD only (405 for the rest).
    path("feed/", require_safe(LatestArticlesFeed()), name="feed"),
    path("topic/<slug:slug>/", views.TopicView.as_view(), name="topic"),
    path("preview/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]
