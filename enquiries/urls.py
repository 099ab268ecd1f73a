from django.urls import path

from core.form_limits import public_form
from enquiries import views

app_name = "enquiries"

urlpatterns = [
    # Public forms: small bodies, no files (core/form_limits.py).
    path("contact/", public_form(views.ContactView.as_view()), name="contact"),
    path("contact/thanks/", views.ThanksView.as_view(), name="thanks"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path(
        "report-a-problem/", public_form(views.ReportProblemView.as_view()), name="report_problem"
    ),
    path("report-a-problem/thanks/", views.ReportThanksView.as_view(), name="report_thanks"),
    path("contact/cancel/<str:token>/", public_form(views.CancelView.as_view()), name="cancel"),
]
