from functools import wraps

from django.http import Http404
from django.urls import path

from romahub.directory import views
from romahub.directory.models import Service


def published_service(view):
    """A service's own pages exist only while it is published (a new service saved as a draft
    has none): Service.objects.shown(), the rule the sitemap follows too."""

    @wraps(view)
    def wrapper(request, pk, *args, **kwargs):
        if not Service.objects.shown().filter(pk=pk).exists():
            raise Http404
        return view(request, pk, *args, **kwargs)

    return wrapper


app_name = "directory"
urlpatterns = [
    path("", views.search, name="search"),
    path("<uuid:pk>/", published_service(views.service), name="service"),
    path("<uuid:pk>/report/", published_service(views.report_change), name="report_change"),
    path("suggest/", views.suggest, name="suggest"),
    path("suggest/sent/", views.suggestion_sent, name="suggestion_sent"),
]
