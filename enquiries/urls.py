from django.urls import path

from enquiries import views

app_name = "enquiries"

urlpatterns = [
    path("contact/", views.ContactView.as_view(), name="contact"),
    path("contact/thanks/", views.ThanksView.as_view(), name="thanks"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("report-a-problem/", views.ReportProblemView.as_view(), name="report_problem"),
    path("report-a-problem/thanks/", views.ReportThanksView.as_view(), name="report_thanks"),
    path("contact/cancel/<str:token>/", views.CancelView.as_view(), name="cancel"),
]
