import pytest
from django.core.management import CommandError, call_command

from romahub.mishto.management.commands.mishto_demo import NAME, SLUG
from romahub.mishto.models import Evidence, Participation

pytestmark = pytest.mark.django_db


def test_demonstration_council_only_when_asked_and_marked_as_such(client):
    assert not Participation.objects.filter(authority__slug=SLUG).exists()  # not part of the starter content
    call_command("mishto_demo", stdout=open("/dev/null", "w"))
    participation = Participation.objects.get(authority__slug=SLUG)
    assert participation.authority.name == NAME and "not a real council" in NAME
    assert participation.assessments.get().progress.exclude(status="not_started").count() == 4
    assert Evidence.objects.filter(progress__assessment__participation=participation).count() == 1
    call_command("mishto_demo", stdout=open("/dev/null", "w"))
    assert Participation.objects.filter(authority__slug=SLUG).count() == 1
    assert "not a real council" in client.get("/en/mishto/").content.decode()


def test_never_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("mishto_demo")
    assert not Participation.objects.filter(authority__slug=SLUG).exists()
