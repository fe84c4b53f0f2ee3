from django.urls import path

from romahub.mishto import views

app_name = "mishto"
urlpatterns = [
    path("", views.register_page, name="register"),
    path("pledges/", views.pledges, name="pledges"),
    path("pledges/v<int:number>/", views.pledges, name="pledges_version"),
    path("verify/<slug:slug>/", views.verify, name="verify"),
    path("<slug:slug>/", views.authority_page, name="authority"),
]
