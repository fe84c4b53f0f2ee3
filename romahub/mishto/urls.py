from django.urls import path

from romahub.mishto import views

app_name = "mishto"
urlpatterns = [
    path("pledges/", views.pledges, name="pledges"),
    path("pledges/v<int:number>/", views.pledges, name="pledges_version"),
]
