from django.urls import path

from articles import views
from articles.feeds import LatestArticlesFeed
from core.middleware import read_only

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    # Feeds answer any method unless told otherwise; GET and HEAD only (405 for the rest).
    path("feed/", read_only(LatestArticlesFeed()), name="feed"),
    path("topic/<slug:slug>/", views.TopicView.as_view(), name="topic"),
    path("preview/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]
