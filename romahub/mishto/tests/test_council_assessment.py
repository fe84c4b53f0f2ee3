"""The council's assessment pages and evidence downloads, through HTTP, including the access matrix:
anonymous, a user of authority A, a user of authority B, a reviewer and an admin."""

import pytest
from django.contrib.auth.models import Group

from romahub.mishto import assessment, workflow
from romahub.mishto.models import Evidence, EvidenceDownload
from romahub.mishto.tests.test_assessment import EXE, PDF
from romahub.mishto.tests.test_workflow import PASSWORD, council_user
from romahub.places.models import LocalAuthority

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(django_user_model):
    derby, rotherham = LocalAuthority.objects.get(slug="derby"), LocalAuthority.objects.get(slug="rotherham")
    lead_a = council_user(django_user_model, derby)
    member_a = council_user(django_user_model, derby, lead=False, name="member")
    lead_b = council_user(django_user_model, rotherham)
    reviewer = django_user_model.objects.create_user("reviewer", password=PASSWORD)
    reviewer.groups.add(Group.objects.get(name=workflow.REVIEWERS))
    admin = django_user_model.objects.create_superuser("admin", password=PASSWORD)
    workflow.sign(derby, lead_a, signatory_name="A", signatory_role="B", statement="C")
    workflow.sign(rotherham, lead_b, signatory_name="A", signatory_role="B", statement="C")
    return {"lead_a": lead_a, "member_a": member_a, "lead_b": lead_b, "reviewer": reviewer, "admin": admin}


def upload(client, action_id, name, content, **extra):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post("/en/mishto/council/assessment/pledge-1/", {
        f"status-{action_id}": "in_progress", f"narrative-{action_id}": "Leaflets in Romanian.",
        f"file-{action_id}": SimpleUploadedFile(name, content), **extra,
    })


def derby_assessment(people):
    from romahub.mishto.models import Participation

    return assessment.open_for(Participation.objects.get(authority__slug="derby"), people["lead_a"])


def first_action_id(item):
    return item.progress.filter(action__pledge__number=1).order_by("action__sort_order").first().action_id


@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_council_pages_in_each_language(client, people, language):
    client.force_login(people["member_a"])
    assert client.get(f"/{language}/mishto/council/assessment/").status_code == 200
    page = client.get(f"/{language}/mishto/council/assessment/pledge-1/")
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.content.decode()


def test_saving_and_uploading_through_the_form(client, people, private_root):
    item = derby_assessment(people)
    action_id = first_action_id(item)
    client.force_login(people["member_a"])
    assert upload(client, action_id, "leaflet.pdf", PDF).status_code == 302
    progress = item.progress.get(action_id=action_id)
    assert (progress.status, progress.narrative) == ("in_progress", "Leaflets in Romanian.")
    assert progress.evidence.get().name == "leaflet.pdf"
    refused = upload(client, action_id, "setup.pdf", EXE)
    assert refused.status_code == 200 and "Only PDF, Word" in refused.content.decode()
    assert progress.evidence.count() == 1
    wrong = upload(client, action_id, "leaflet.docx", PDF)
    assert "does not match what it contains" in wrong.content.decode()
    assert len([p for p in private_root.rglob("*") if p.is_file()]) == 1  # refused files leave nothing behind


def test_refusals_are_in_the_readers_language(client, people):
    item = derby_assessment(people)
    client.force_login(people["member_a"])
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils.translation import gettext, override

    action_id = first_action_id(item)
    response = client.post("/ro/mishto/council/assessment/pledge-1/", {f"file-{action_id}": SimpleUploadedFile("x.pdf", EXE)})
    with override("ro"):
        expected = gettext("Only PDF, Word (DOCX), OpenDocument (ODT), PNG and JPEG files can be uploaded.")
    assert expected in response.content.decode() and expected != "Only PDF, Word (DOCX), OpenDocument (ODT), PNG and JPEG files can be uploaded."


def test_only_a_lead_submits_and_then_the_form_is_read_only(client, people):
    item = derby_assessment(people)
    action_id = first_action_id(item)
    client.force_login(people["member_a"])
    assert client.post("/en/mishto/council/assessment/").status_code == 403
    client.force_login(people["lead_a"])
    assert client.post("/en/mishto/council/assessment/").status_code == 302
    item.refresh_from_db()
    assert item.state == "submitted"
    client.post("/en/mishto/council/assessment/pledge-1/", {f"status-{action_id}": "in_place", "comment": "Question about pledge 1."})
    assert item.progress.get(action_id=action_id).status == "not_started"  # read-only after submitting
    assert item.comments.get().text == "Question about pledge 1."


@pytest.mark.parametrize("who,expected", [
    ("anonymous", 404), ("lead_a", 200), ("member_a", 200), ("lead_b", 404), ("reviewer", 200), ("admin", 200),
])
def test_evidence_download_access_matrix(client, people, who, expected):
    item = derby_assessment(people)
    from django.core.files.uploadedfile import SimpleUploadedFile

    kept = assessment.add_evidence(item, people["lead_a"], first_action_id(item), SimpleUploadedFile("plan.pdf", PDF))
    if who != "anonymous":
        client.force_login(people[who])
    response = client.get(f"/en/mishto/evidence/{kept.pk}/")
    assert response.status_code == expected
    if expected == 200:
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"].startswith("attachment")
        assert EvidenceDownload.objects.filter(evidence=kept, user=people[who]).count() == 1
    else:
        assert not EvidenceDownload.objects.exists()


@pytest.mark.parametrize("who,expected", [("anonymous", 302), ("lead_b", 200), ("reviewer", 403), ("admin", 403)])
def test_authority_b_never_sees_authority_a_drafts(client, people, who, expected):
    item = derby_assessment(people)
    assessment.save_progress(item, people["lead_a"], first_action_id(item), "in_place", "Derby's private draft")
    if who != "anonymous":
        client.force_login(people[who])
    for url in ("/en/mishto/council/assessment/", "/en/mishto/council/assessment/pledge-1/"):
        response = client.get(url)
        assert response.status_code == expected
        assert "Derby&#x27;s private draft" not in response.content.decode() and "Derby's private draft" not in response.content.decode()


def test_public_files_are_on_the_authority_page_only_after_submission(client, people):
    item = derby_assessment(people)
    from django.core.files.uploadedfile import SimpleUploadedFile

    shown = assessment.add_evidence(item, people["lead_a"], first_action_id(item), SimpleUploadedFile("policy.pdf", PDF), is_public=True)
    assert client.get(f"/en/mishto/evidence/{shown.pk}/").status_code == 404
    assessment.submit(item, people["lead_a"])
    page = client.get("/en/mishto/derby/").content.decode()
    assert f"/en/mishto/evidence/{shown.pk}/" in page
    assert client.get(f"/en/mishto/evidence/{shown.pk}/").status_code == 200
    assert Evidence.objects.count() == 1


@pytest.mark.parametrize("language", ["en", "sk", "ro"])
@pytest.mark.parametrize("value", ["abc", "1 OR 1=1", "99999999999999999999999999", "-1", "١", ""])
def test_a_removal_that_is_not_a_file_is_an_error_in_the_readers_language(client, people, private_root, language, value):
    from django.utils.translation import gettext, override

    item = derby_assessment(people)
    action_id = first_action_id(item)
    client.force_login(people["member_a"])
    assert upload(client, action_id, "leaflet.pdf", PDF).status_code == 302
    response = client.post(f"/{language}/mishto/council/assessment/pledge-1/", {
        f"status-{action_id}": "in_place", f"narrative-{action_id}": "Kept.", f"remove-{action_id}": value,
    })
    assert response.status_code == 200
    with override(language):
        assert gettext("Choose the files to remove from the list.") in response.content.decode()
    progress = item.progress.get(action_id=action_id)
    assert progress.evidence.count() == 1
    assert (progress.status, progress.narrative) == ("in_place", "Kept.")  # the rest of the answer is not lost


@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_a_status_the_form_does_not_offer_is_an_error_in_the_readers_language(client, people, language):
    from django.utils.translation import gettext, override

    item = derby_assessment(people)
    action_id = first_action_id(item)
    client.force_login(people["member_a"])
    response = client.post(f"/{language}/mishto/council/assessment/pledge-1/", {
        f"status-{action_id}": "finished<script>", f"narrative-{action_id}": "Kept.",
    })
    assert response.status_code == 200
    with override(language):
        assert gettext("Choose how far this has gone.") in response.content.decode()
    progress = item.progress.get(action_id=action_id)
    assert (progress.status, progress.narrative) == ("not_started", "Kept.")


def test_a_chosen_file_is_removed(client, people, private_root):
    item = derby_assessment(people)
    action_id = first_action_id(item)
    client.force_login(people["member_a"])
    upload(client, action_id, "leaflet.pdf", PDF)
    evidence = item.progress.get(action_id=action_id).evidence.get()
    response = client.post("/en/mishto/council/assessment/pledge-1/", {f"remove-{action_id}": str(evidence.pk)})
    assert response.status_code == 302
    assert not Evidence.objects.filter(pk=evidence.pk).exists()


@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_text_no_database_can_keep_is_an_error_and_nothing_else_is_lost(client, people, language):
    from django.utils.translation import gettext, override

    item = derby_assessment(people)
    action_id = first_action_id(item)
    client.force_login(people["member_a"])
    response = client.post(f"/{language}/mishto/council/assessment/pledge-1/", {
        f"status-{action_id}": "in_progress", f"narrative-{action_id}": "Leaflets\x00 in Romanian.", "comment": "A\x00B",
    })
    assert response.status_code == 200
    with override(language):
        body = response.content.decode()
        assert gettext("Remove the unusual characters from what you have done.") in body or \
            gettext("Remove the unusual characters from the comment.") in body
    progress = item.progress.get(action_id=action_id)
    assert (progress.status, progress.narrative) == ("in_progress", "")
    assert not item.comments.exists()
