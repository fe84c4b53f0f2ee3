from django.urls import path

from romahub.conference import views

app_name = "conference"
urlpatterns = [
    path("timeline/", views.timeline, name="timeline"),
    path("timeline.ics", views.timeline_ics, name="timeline-ics"),
    path("prepare/", views.prepare, name="prepare"),
]
