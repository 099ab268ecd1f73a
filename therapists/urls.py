from django.urls import path

from therapists import views

app_name = "therapists"

urlpatterns = [
    path("", views.TherapistListView.as_view(), name="directory"),
    path("choose/", views.ChooseView.as_view(), name="choose"),
    path("modalities/", views.ModalityListView.as_view(), name="modalities"),
    path("modalities/<slug:slug>/", views.ModalityDetailView.as_view(), name="modality"),
    path("<slug:slug>/", views.TherapistDetailView.as_view(), name="profile"),
]
