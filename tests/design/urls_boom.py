"""A URLconf whose one view fails, to see the 500 page as a visitor would."""

from django.urls import include, path


def boom(request):
    raise RuntimeError("something broke")


urlpatterns = [
    path("boom/", boom),
    path("", include("smarttherapy.urls")),
]

handler500 = "core.errors.server_error"
