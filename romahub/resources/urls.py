from django.urls import path

from romahub.resources import views

app_name = "resources"
urlpatterns = [
    path("", views.library, name="library"),
    path("<slug:slug>/", views.resource, name="resource"),
]
