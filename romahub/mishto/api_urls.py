from django.urls import path

from romahub.mishto import api

urlpatterns = [
    path("authorities", api.authorities, name="mishto-api-authorities"),
    path("openapi.json", api.openapi, name="mishto-api-openapi"),
    path("badges/<slug:slug>.svg", api.badge_svg, name="mishto-badge"),
]
