from django.urls import path

from romahub.directory import api

urlpatterns = [
    path("", api.index, name="oruk-index"),
    path("openapi.json", api.openapi, name="oruk-openapi"),
    path("services", api.services, name="oruk-services"),
    path("services/<str:pk>", api.service, name="oruk-service"),
    path("taxonomies", api.taxonomies, name="oruk-taxonomies"),
    path("taxonomies/<str:pk>", api.taxonomy, name="oruk-taxonomy"),
    path("taxonomy_terms", api.taxonomy_terms, name="oruk-taxonomy-terms"),
    path("taxonomy_terms/<str:pk>", api.taxonomy_term, name="oruk-taxonomy-term"),
    path("service_at_locations", api.service_at_locations, name="oruk-service-at-locations"),
    path("service_at_locations/<str:pk>", api.service_at_location, name="oruk-service-at-location"),
]
