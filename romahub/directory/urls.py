from django.urls import path

from romahub.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.search, name="search"),
    path("<uuid:pk>/", views.service, name="service"),
]
