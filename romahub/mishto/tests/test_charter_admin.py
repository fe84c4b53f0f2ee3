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


def logged_in(django_user_model, group, name):
    from django.test import Client

    user = django_user_model.objects.create_user(name, password="a long pass phrase 1")
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


def test_an_unsigned_published_version_is_changed_by_a_moderator_only(editor_client, django_user_model):
    pledge = current_version().pledges.get(number=4)
    refused = editor_client.post(f"/admin/snippets/mishto/pledge/edit/{pledge.pk}/", pledge_post(pledge, title="Grow cultural competence"))
    assert refused.status_code == 200 and "Only a moderator may publish" in refused.content.decode()
    pledge.refresh_from_db()
    assert pledge.title != "Grow cultural competence"
    moderator = logged_in(django_user_model, "Moderators", "moderator")
    response = moderator.post(f"/admin/snippets/mishto/pledge/edit/{pledge.pk}/", pledge_post(pledge, title="Grow cultural competence"))
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.title == "Grow cultural competence"


def test_editors_prepare_an_unpublished_version_but_do_not_publish_it(editor_client, django_user_model):
    from romahub.mishto.charter import start_new_version

    draft = start_new_version(current_version())
    pledge = draft.pledges.get(number=4)
    response = editor_client.post(f"/admin/snippets/mishto/pledge/edit/{pledge.pk}/", pledge_post(pledge, title="Grow cultural competence"))
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.title == "Grow cultural competence"
    data = version_post(draft, published_on="2027-01-01")
    refused = editor_client.post(f"/admin/snippets/mishto/charterversion/edit/{draft.pk}/", data)
    assert refused.status_code == 200
    draft.refresh_from_db()
    assert not draft.is_published
    moderator = logged_in(django_user_model, "Moderators", "moderator")
    assert moderator.post(f"/admin/snippets/mishto/charterversion/edit/{draft.pk}/", data).status_code == 302
    draft.refresh_from_db()
    assert draft.is_published


def test_translators_change_only_slovak_and_romanian(django_user_model):
    translator = logged_in(django_user_model, "Translators", "translator")
    from romahub.mishto.charter import start_new_version

    draft = start_new_version(current_version())  # unpublished and unsigned: nothing else holds it
    pledge = draft.pledges.get(number=4)
    url = f"/admin/snippets/mishto/pledge/edit/{pledge.pk}/"
    for forged in ({"title": "Changed"}, {"actions-0-text": "Changed"}, {"title_sk": "Opravený", "title": "Changed"}):
        assert translator.post(url, pledge_post(pledge, **forged)).status_code == 200
    pledge.refresh_from_db()
    assert pledge.title != "Changed" and pledge.actions.first().text != "Changed" and pledge.title_sk != "Opravený"
    assert translator.post(url, pledge_post(pledge, title_sk="Opravený názov", **{"actions-0-text_ro": "Acțiune"})).status_code == 302
    pledge.refresh_from_db()
    assert pledge.title_sk == "Opravený názov" and pledge.actions.first().text_ro == "Acțiune"


def version_post(version, **changes):
    data = {
        field: getattr(version, field) or "" for field in (
            "number", "title", "title_sk", "title_ro", "introduction", "introduction_sk", "introduction_ro", "source", "source_url",
        )
    }
    data["published_on"] = version.published_on.isoformat() if version.published_on else ""
    if version.translations_reviewed:
        data["translations_reviewed"] = "on"
    values = list(version.values.all())
    data.update({"values-TOTAL_FORMS": len(values), "values-INITIAL_FORMS": len(values), "values-MIN_NUM_FORMS": 0, "values-MAX_NUM_FORMS": 1000})
    for index, value in enumerate(values):
        data.update({f"values-{index}-id": value.pk, f"values-{index}-ORDER": index + 1})
        for field in ("text", "text_sk", "text_ro"):
            data[f"values-{index}-{field}"] = getattr(value, field)
    data.update(changes)
    return data


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
