from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("topic/<slug:slug>/", views.TopicView.as_view(), name="topic"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]
