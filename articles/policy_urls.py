from django.urls import path

from articles import views

app_name = "editorial"

urlpatterns = [
    path("editorial-policy/", views.EditorialPolicyView.as_view(), name="policy"),
]
