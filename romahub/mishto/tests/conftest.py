import pytest
from django.contrib.auth.models import Group

from romahub.mishto import workflow


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    """Evidence files go to a folder of the test's own, never into the project's var/."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def reviewer(django_user_model):
    user = django_user_model.objects.create_user("reviewer", password="a long pass phrase 1")
    user.groups.add(Group.objects.get(name=workflow.REVIEWERS))
    return user
