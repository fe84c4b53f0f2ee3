"""Self-assessment and review, as functions: editing, evidence checked by content, submission
makes it read-only, per-pledge decisions, return, award, and stale reviewer forms."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from romahub.mishto import assessment, evidence, workflow
from romahub.mishto.models import Assessment, Evidence, Participation, PledgeReview, StatusChange
from romahub.mishto.tests.test_workflow import council_user
from romahub.places.models import LocalAuthority

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
EXE = b"MZ\x90\x00" + b"\x00" * 64


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@pytest.fixture
def derby_signed(django_user_model):
    derby = LocalAuthority.objects.get(slug="derby")
    lead = council_user(django_user_model, derby)
    participation = workflow.sign(derby, lead, signatory_name="A", signatory_role="B", statement="C")
    return participation, lead


def first_action(item: Assessment):
    return item.progress.select_related("action__pledge").order_by("action__pledge__number", "action__sort_order").first().action


@pytest.mark.parametrize("content,name,kind", [
    (PDF, "plan.pdf", "pdf"), (PNG, "poster.png", "png"), (JPEG, "photo.JPG", "jpeg"), (JPEG, "photo.jpeg", "jpeg"),
    (docx(), "policy.docx", "docx"), (odt(), "minutes.odt", "odt"),
])
def test_accepted_files_are_recognised_by_content(content, name, kind):
    assert evidence.check(SimpleUploadedFile(name, content), name) == kind


@pytest.mark.parametrize("content,name,message", [
    (EXE, "report.pdf", "Only PDF, Word"),  # a renamed executable
    (PDF, "report.docx", "does not match what it contains"),  # a PDF with the wrong extension
    (PDF, "../../etc/report.pdf", "folder path"),
    (PDF, "..\\report.pdf", "folder path"),
    (b"PK\x03\x04broken", "broken.docx", "Only PDF, Word"),
    (b"", "empty.pdf", "empty"),
])
def test_refused_files_get_a_clear_reason(content, name, message):
    with pytest.raises(ValidationError) as refused:
        evidence.check(SimpleUploadedFile(name, content), name)
    assert message in refused.value.messages[0]


def test_an_oversized_file_is_refused(settings):
    settings.EVIDENCE_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match="larger than 10 MB"):
        evidence.check(SimpleUploadedFile("big.pdf", PDF + b"0" * 2048), "big.pdf")


def test_the_council_fills_in_and_submits_then_it_is_read_only(derby_signed, private_root):
    participation, lead = derby_signed
    item = assessment.open_for(participation, lead)
    assert item.progress.count() == sum(p.actions.count() for p in participation.version.pledges.all())
    assert item.reviews.count() == 6
    action = first_action(item)
    assessment.save_progress(item, lead, action.pk, "in_place", "We translated our leaflets into Romanian and Slovak.")
    kept = assessment.add_evidence(item, lead, action.pk, SimpleUploadedFile("leaflet.pdf", PDF))
    stored = private_root / kept.file.name
    assert stored.exists() and kept.name == "leaflet.pdf" and "leaflet" not in kept.file.name
    assessment.submit(item, lead)
    item.refresh_from_db()
    participation.refresh_from_db()
    assert item.state == "submitted" and participation.status == "under_review"
    with pytest.raises(workflow.NotAllowed):
        assessment.save_progress(item, lead, action.pk, "not_started", "")
    with pytest.raises(workflow.NotAllowed):
        assessment.add_evidence(item, lead, action.pk, SimpleUploadedFile("more.pdf", PDF))
    with pytest.raises(workflow.NotAllowed):
        assessment.remove_evidence(kept, lead)
    with pytest.raises(workflow.NotAllowed):
        assessment.submit(item, lead)


def test_a_refused_upload_leaves_nothing_behind(derby_signed, private_root):
    participation, lead = derby_signed
    item = assessment.open_for(participation, lead)
    with pytest.raises(ValidationError):
        assessment.add_evidence(item, lead, first_action(item).pk, SimpleUploadedFile("virus.pdf", EXE))
    assert not Evidence.objects.exists()
    assert not private_root.exists() or not any(p.is_file() for p in private_root.rglob("*"))


def test_another_council_cannot_touch_the_assessment(django_user_model, derby_signed, private_root):
    participation, lead = derby_signed
    item = assessment.open_for(participation, lead)
    outsider = council_user(django_user_model, LocalAuthority.objects.get(slug="rotherham"))
    with pytest.raises(workflow.NotAllowed):
        assessment.open_for(participation, outsider)
    with pytest.raises(workflow.NotAllowed):
        assessment.save_progress(item, outsider, first_action(item).pk, "in_place", "")
    assert not assessment.can_read(outsider, item)


def test_review_decisions_return_and_award(derby_signed, reviewer, private_root):
    participation, lead = derby_signed
    item = assessment.open_for(participation, lead)
    assessment.submit(item, lead)
    item.refresh_from_db()
    pledges = list(participation.version.pledges.all())
    with pytest.raises(workflow.NotAllowed):
        assessment.decide(item, lead, pledges[0].pk, "accepted")  # a council user cannot review
    with pytest.raises(workflow.NotAllowed):
        assessment.award(item, reviewer)  # not every pledge accepted
    with pytest.raises(workflow.NotAllowed):
        assessment.decide(item, reviewer, pledges[1].pk, "changes", "")  # changes need a reason
    for pledge in pledges[:-1]:
        item = assessment.decide(item, reviewer, pledge.pk, "accepted")
    item = assessment.decide(item, reviewer, pledges[-1].pk, "changes", "Add your foster carers' training plan.")
    item = assessment.return_to_council(item, reviewer)
    assert item.state == "returned" and item.editable
    assert item.comments.get().text == "Add your foster carers' training plan."
    assessment.add_comment(item, lead, pledges[-1].pk, "Attached now.")
    item = assessment.submit(item, lead)
    assert item.reviews.get(pledge=pledges[-1]).decision == PledgeReview.PENDING
    assert item.reviews.get(pledge=pledges[0]).decision == PledgeReview.ACCEPTED
    item = assessment.decide(item, reviewer, pledges[-1].pk, "accepted")
    awarded = assessment.award(item, reviewer)
    assert awarded.status == Participation.AWARDED and awarded.awarded_on is not None
    item.refresh_from_db()
    assert item.state == "completed"
    whats = list(StatusChange.objects.filter(participation=participation).values_list("what", flat=True))
    assert whats[:2] == ["signed", "submitted"] and "returned for changes" in whats and whats[-1] == "awarded"


def test_two_reviewers_cannot_overwrite_each_other(derby_signed, reviewer, private_root):
    participation, lead = derby_signed
    item = assessment.submit(assessment.open_for(participation, lead), lead)
    pledge = participation.version.pledges.first()
    seen = item.revision
    assessment.decide(item, reviewer, pledge.pk, "changes", "Needs a date.", expected_revision=seen)
    with pytest.raises(workflow.Stale):
        assessment.decide(item, reviewer, pledge.pk, "accepted", expected_revision=seen)
    assert item.reviews.get(pledge=pledge).decision == PledgeReview.CHANGES


def test_public_progress_shows_status_only_and_never_drafts(derby_signed, private_root):
    participation, lead = derby_signed
    item = assessment.open_for(participation, lead)
    action = first_action(item)
    assessment.save_progress(item, lead, action.pk, "in_place", "Private narrative")
    assessment.add_evidence(item, lead, action.pk, SimpleUploadedFile("private.pdf", PDF))
    assessment.add_evidence(item, lead, action.pk, SimpleUploadedFile("public.pdf", PDF), is_public=True)
    assert assessment.public_progress(participation) == []  # a draft is private
    assessment.submit(item, lead)
    rows = assessment.public_progress(participation)
    assert len(rows) == 6 and rows[0]["in_place"] == 1
    assert [f.name for f in rows[0]["public_files"]] == ["public.pdf"]


def _bomb(entry: str, megabytes: int, *extra: str) -> bytes:
    """An archive whose one big entry is zeros: a few hundred KB that unpack to `megabytes` MB."""
    buffer = io.BytesIO()
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name in extra:
            archive.writestr(name, "<x/>")
        info = zipfile.ZipInfo(entry)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(chunk)
    return buffer.getvalue()


@pytest.mark.parametrize("entry,extra,name", [
    ("mimetype", (), "minutes.odt"),
    ("word/document.xml", ("[Content_Types].xml",), "policy.docx"),
])
def test_a_zip_bomb_is_refused_without_unpacking_it(settings, entry, extra, name):
    import tracemalloc

    content = _bomb(entry, 150, *extra)
    assert len(content) < settings.EVIDENCE_MAX_BYTES
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError, match="unpacks to far more"):
            evidence.check(SimpleUploadedFile(name, content), name)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * len(content) + 5 * 1024 * 1024  # the upload itself, never what it unpacks to


def test_an_odt_mimetype_is_read_in_a_few_bytes(settings):
    """Under the total limit, a long `mimetype` entry is still only read as far as the type's length."""
    settings.EVIDENCE_MAX_UNPACKED_BYTES = 10**12
    content = _bomb("mimetype", 40)
    calls = []
    original = zipfile.ZipExtFile.read

    def read(member, n=-1):
        calls.append(n)
        return original(member, n)

    from unittest import mock

    with mock.patch.object(zipfile.ZipExtFile, "read", read), pytest.raises(ValidationError, match="Only PDF, Word"):
        evidence.check(SimpleUploadedFile("minutes.odt", content), "minutes.odt")
    assert calls and all(0 < n <= 64 for n in calls)


def test_an_archive_with_too_many_entries_is_refused(settings):
    settings.EVIDENCE_MAX_ARCHIVE_ENTRIES = 10
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for index in range(10):
            archive.writestr(f"word/media/{index}.xml", "<x/>")
    with pytest.raises(ValidationError, match="unpacks to far more"):
        evidence.check(SimpleUploadedFile("policy.docx", buffer.getvalue()), "policy.docx")
