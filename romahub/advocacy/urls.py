from django.urls import path

from romahub.advocacy import views, workspace_views

app_name = "advocacy"
urlpatterns = [
    path("get-help/", views.get_help, name="get_help"),
    path("get-help/thank-you/", views.spam_sent, name="spam_sent"),
    path("get-help/status/", views.status, name="status"),
    path("partner/", workspace_views.workspace, name="workspace"),
    path("partner/key/", workspace_views.key, name="key"),
    path("partner/requests/<uuid:pk>/", workspace_views.request_page, name="request"),
    path("partner/requests/<uuid:pk>/sealed/", workspace_views.sealed, name="sealed"),
    path("partner/requests/<uuid:pk>/accept/", workspace_views.accept, name="accept"),
    path("partner/requests/<uuid:pk>/close/", workspace_views.close, name="close"),
    path("partner/requests/<uuid:pk>/note/", workspace_views.note, name="note"),
    path("partner/requests/<uuid:pk>/pass-on/", workspace_views.pass_on, name="pass_on"),
    path("partner/requests/<uuid:pk>/keys/<int:partner_pk>/", workspace_views.public_key, name="public_key"),
]
