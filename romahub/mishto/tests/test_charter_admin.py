"""A signed charter version keeps its English text in the admin; translations can still be fixed."""

import pytest
from django.contrib.auth.models import Group

from romahub.mishto import workflow
from romahub.mishto.charter import current_version
from romahub.mishto.models import Membership
from romahub.places.models import LocalAuthority

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="a long pass phrase 1")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


def sign_derby(django_user_model):
    derby = LocalAuthority.objects.get(slug="derby")
    lead = django_user_model.objects.create_user("lead", password="a long pass phrase 1")
    Membership.objects.create(user=lead, authority=derby, is_lead=True)
    workflow.sign(derby, lead, signatory_name="A", signatory_role="B", statement="C")


def pledge_post(pledge, **changes):
    data = {
        "version": pledge.version_id, "number": pledge.number, "title": pledge.title, "title_sk": pledge.title_sk, "title_ro": pledge.title_ro,
    }
    for name, related in (("actions", pledge.actions.all()), ("activities", pledge.activities.all())):
        items = list(related)
        data.update({f"{name}-TOTAL_FORMS": len(items), f"{name}-INITIAL_FORMS": len(items), f"{name}-MIN_NUM_FORMS": 0, f"{name}-MAX_NUM_FORMS": 1000})
        for index, item in enumerate(items):
            data[f"{name}-{index}-id"] = item.pk
            data[f"{name}-{index}-ORDER"] = index + 1
            for field in ("text", "text_sk", "text_ro") + (("heading", "heading_sk", "heading_ro") if name == "actions" else ("url",)):
                data[f"{name}-{index}-{field}"] = getattr(item, field)
    data.update(changes)
    return data


def test_an_unsigned_version_can_be_edited(editor_client):
    pledge = current_version().pledges.get(number=4)
    response = editor_client.post(f"/admin/snippets/mishto/pledge/edit/{pledge.pk}/", pledge_post(pledge, title="Grow cultural competence"))
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.title == "Grow cultural competence"


def test_a_signed_version_keeps_its_english_but_translations_can_be_fixed(editor_client, django_user_model):
    sign_derby(django_user_model)
    pledge = current_version().pledges.get(number=4)
    refused = editor_client.post(f"/admin/snippets/mishto/pledge/edit/{pledge.pk}/", pledge_post(pledge, title="Changed"))
    assert refused.status_code == 200 and "start a new version" in refused.content.decode()
    refused_action = editor_client.post(f"/admin/snippets/mishto/pledge/edit/{pledge.pk}/", pledge_post(pledge, **{"actions-0-text": "Changed"}))
    assert refused_action.status_code == 200
    pledge.refresh_from_db()
    assert pledge.title != "Changed" and pledge.actions.first().text != "Changed"
    fixed = editor_client.post(f"/admin/snippets/mishto/pledge/edit/{pledge.pk}/", pledge_post(pledge, title_sk="Opravený názov"))
    assert fixed.status_code == 302
    pledge.refresh_from_db()
    assert pledge.title_sk == "Opravený názov"


def test_editors_start_a_new_version_from_the_admin(editor_client):
    base = current_version()
    listing = editor_client.get("/admin/snippets/mishto/charterversion/").content.decode()
    assert f"/admin/mishto/charter/{base.pk}/new-version/" in listing
    assert editor_client.get(f"/admin/mishto/charter/{base.pk}/new-version/").status_code == 200
    response = editor_client.post(f"/admin/mishto/charter/{base.pk}/new-version/")
    from romahub.mishto.models import CharterVersion

    draft = CharterVersion.objects.get(number=base.number + 1)
    assert response.status_code == 302 and str(draft.pk) in response["Location"] and not draft.is_published


def test_translators_cannot_start_a_new_version(client, django_user_model):
    translator = django_user_model.objects.create_user("translator", password="a long pass phrase 1")
    translator.groups.add(Group.objects.get(name="Translators"))
    client.force_login(translator)
    client.post(f"/admin/mishto/charter/{current_version().pk}/new-version/")
    from romahub.mishto.models import CharterVersion

    assert CharterVersion.objects.count() == 1
