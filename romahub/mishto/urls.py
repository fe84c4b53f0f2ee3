from django.contrib.auth.views import LogoutView
from django.urls import path
from django.views.decorators.cache import never_cache

from romahub.mishto import council_views, join_views, views

app_name = "mishto"
urlpatterns = [
    path("", views.register_page, name="register"),
    path("pledges/", views.pledges, name="pledges"),
    path("pledges/v<int:number>/", views.pledges, name="pledges_version"),
    path("verify/<slug:slug>/", views.verify, name="verify"),
    path("council/", council_views.council, name="council"),
    path("council/assessment/", council_views.assessment_overview, name="assessment"),
    path("council/assessment/pledge-<int:number>/", council_views.assessment_pledge, name="assessment_pledge"),
    path("evidence/<int:pk>/", council_views.evidence_file, name="evidence"),
    path("invitation/", council_views.invitation, name="invitation"),
    path("login/", council_views.CouncilLoginView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(next_page="mishto:register"), name="logout"),
    path("join/", join_views.join, name="join"),
    path("join/sent/", join_views.join_sent, name="join_sent"),
    path("password-reset/", never_cache(join_views.CouncilPasswordResetView.as_view()), name="password_reset"),
    path("password-reset/sent/", never_cache(join_views.CouncilPasswordResetSentView.as_view()), name="password_reset_sent"),
    path("password-reset/<uidb64>/<token>/", never_cache(join_views.CouncilPasswordResetConfirmView.as_view()), name="password_reset_confirm"),
    path("password-reset/done/", never_cache(join_views.CouncilPasswordResetCompleteView.as_view()), name="password_reset_complete"),
    path("<slug:slug>/", views.authority_page, name="authority"),
]
