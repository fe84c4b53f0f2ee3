from django.urls import path

from romahub.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.search, name="search"),
    path("<uuid:pk>/", views.service, name="service"),
    path("<uuid:pk>/report/", views.report_change, name="report_change"),
    path("suggest/", views.suggest, name="suggest"),
    path("suggest/sent/", views.suggestion_sent, name="suggestion_sent"),
]
