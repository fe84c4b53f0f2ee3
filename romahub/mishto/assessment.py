"""Self-assessment and review: the council fills it in and submits; reviewers decide per pledge.

After submitting, the assessment is read-only for the council until a reviewer returns it.
Every decision carries the assessment's revision as the reviewer saw it, so two reviewers
cannot silently overwrite each other.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from romahub.mishto import evidence as files
from romahub.mishto import notifications, workflow
from romahub.mishto.models import (
    ActionProgress,
    Assessment,
    Comment,
    Evidence,
    EvidenceDownload,
    Participation,
    PledgeAction,
    PledgeReview,
)


def is_member_of(user, participation: Participation) -> bool:
    member = workflow.membership(user)
    return bool(member and member.authority_id == participation.authority_id)


def can_read(user, assessment: Assessment) -> bool:
    return workflow.is_reviewer(user) or is_member_of(user, assessment.participation)


def current(participation: Participation) -> Assessment | None:
    return participation.assessments.first()


@transaction.atomic
def open_for(participation: Participation, user) -> Assessment:
    """The authority's assessment to work on, started with one row per action of the version it signed."""
    if not is_member_of(user, participation):
        raise workflow.NotAllowed(_("Only this council's users can work on its self-assessment."))
    existing = current(participation)
    if existing is not None and existing.state != Assessment.COMPLETED:
        return existing
    if participation.status in (Participation.REVOKED, Participation.SUSPENDED):
        raise workflow.NotAllowed(_("The self-assessment is closed while the council is suspended or revoked."))
    assessment = Assessment.objects.create(participation=participation)
    actions = PledgeAction.objects.filter(pledge__version=participation.version)
    ActionProgress.objects.bulk_create(ActionProgress(assessment=assessment, action=action) for action in actions)
    PledgeReview.objects.bulk_create(PledgeReview(assessment=assessment, pledge=pledge) for pledge in participation.version.pledges.all())
    return assessment


def _editable_by(assessment: Assessment, user) -> None:
    if not is_member_of(user, assessment.participation):
        raise workflow.NotAllowed(_("Only this council's users can change its self-assessment."))
    if not assessment.editable:
        raise workflow.NotAllowed(_("The self-assessment has been submitted. It can be changed again if a reviewer returns it."))


def save_progress(assessment: Assessment, user, action_id: int, status: str, narrative: str) -> ActionProgress:
    _editable_by(assessment, user)
    if status not in dict(ActionProgress.STATUSES):
        raise workflow.NotAllowed(_("Choose a status."))
    progress = assessment.progress.get(action_id=action_id)
    progress.status, progress.narrative = status, narrative.strip()
    progress.save()
    return progress


def add_evidence(assessment: Assessment, user, action_id: int, upload, *, is_public: bool = False) -> Evidence:
    """Check the file by its content and keep it; a refused file leaves nothing behind."""
    _editable_by(assessment, user)
    progress = assessment.progress.get(action_id=action_id)
    kind = files.check(upload, upload.name)
    storage = files.private_storage()
    path = storage.save(files.stored_name(assessment.pk, kind), upload)
    try:
        return Evidence.objects.create(
            progress=progress, file=path, name=upload.name[:120], kind=kind, size=upload.size, is_public=is_public, uploaded_by=user,
        )
    except Exception:
        storage.delete(path)
        raise


def remove_evidence(item: Evidence, user) -> None:
    _editable_by(item.progress.assessment, user)
    item.file.delete(save=False)
    item.delete()


def may_download(user, item: Evidence) -> bool:
    if item.is_public and item.progress.assessment.state in (Assessment.SUBMITTED, Assessment.COMPLETED):
        return True
    return user.is_authenticated and can_read(user, item.progress.assessment)


def record_download(item: Evidence, user) -> None:
    EvidenceDownload.objects.create(evidence=item, user=user if user.is_authenticated else None)


@transaction.atomic
def submit(assessment: Assessment, user) -> Assessment:
    _editable_by(assessment, user)
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    locked.state, locked.submitted_at = Assessment.SUBMITTED, timezone.now()
    locked.revision += 1
    locked.save()
    locked.reviews.filter(decision=PledgeReview.CHANGES).update(decision=PledgeReview.PENDING, decided_by=None, decided_at=None)
    participation = Participation.objects.select_for_update().get(pk=assessment.participation_id)
    if participation.status != Participation.UNDER_REVIEW:
        from_status = participation.status
        participation.status, participation.revision = Participation.UNDER_REVIEW, participation.revision + 1
        participation.save()
        workflow.record(participation, user, "submitted", from_status, Participation.UNDER_REVIEW)
    else:
        workflow.record(participation, user, "submitted again")
    notifications.to_reviewers(participation, "submitted", reverse("mishto_review_authority", args=[participation.pk]))
    return locked


def _for_reviewer(assessment: Assessment, reviewer, expected_revision: int | None) -> Assessment:
    if not workflow.is_reviewer(reviewer):
        raise workflow.NotAllowed(_("Only a reviewer can do this."))
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if expected_revision is not None and locked.revision != expected_revision:
        raise workflow.Stale
    if locked.state != Assessment.SUBMITTED:
        raise workflow.NotAllowed(_("Only a submitted self-assessment can be reviewed."))
    return locked


@transaction.atomic
def decide(assessment: Assessment, reviewer, pledge_id: int, decision: str, comment: str = "", *, expected_revision: int | None = None) -> Assessment:
    locked = _for_reviewer(assessment, reviewer, expected_revision)
    if decision not in (PledgeReview.ACCEPTED, PledgeReview.CHANGES):
        raise workflow.NotAllowed(_("Choose accept or request changes."))
    if decision == PledgeReview.CHANGES and not comment.strip():
        raise workflow.NotAllowed(_("Say what needs to change."))
    review = locked.reviews.select_related("pledge").get(pledge_id=pledge_id)
    review.decision, review.decided_by, review.decided_at = decision, reviewer, timezone.now()
    review.save()
    if comment.strip():
        Comment.objects.create(assessment=locked, pledge=review.pledge, author=reviewer, by_reviewer=True, text=comment.strip())
    locked.revision += 1
    locked.save()
    workflow.record(locked.participation, reviewer, f"pledge {review.pledge.number}: {decision}", note=comment.strip())
    return locked


@transaction.atomic
def return_to_council(assessment: Assessment, reviewer, *, expected_revision: int | None = None) -> Assessment:
    locked = _for_reviewer(assessment, reviewer, expected_revision)
    if not locked.reviews.filter(decision=PledgeReview.CHANGES).exists():
        raise workflow.NotAllowed(_("Request changes on at least one pledge before returning the self-assessment."))
    locked.state = Assessment.RETURNED
    locked.revision += 1
    locked.save()
    workflow.record(locked.participation, reviewer, "returned for changes")
    notifications.to_council(locked.participation, "changes", "/mishto/council/assessment/")
    return locked


def all_accepted(assessment: Assessment) -> bool:
    return not assessment.reviews.exclude(decision=PledgeReview.ACCEPTED).exists()


@transaction.atomic
def award(assessment: Assessment, reviewer, *, expected_revision: int | None = None) -> Participation:
    locked = _for_reviewer(assessment, reviewer, expected_revision)
    participation = workflow.award(locked.participation, reviewer, all_pledges_accepted=all_accepted(locked))
    locked.state = Assessment.COMPLETED
    locked.revision += 1
    locked.save()
    notifications.to_council(participation, "awarded", f"/mishto/{participation.authority.slug}/",
                             date=workflow.expires_on(participation).isoformat())
    return participation


def add_comment(assessment: Assessment, user, pledge_id: int, text: str) -> Comment:
    if not can_read(user, assessment):
        raise workflow.NotAllowed(_("Only this council's users and reviewers can comment."))
    if not text.strip():
        raise workflow.NotAllowed(_("Write a comment first."))
    pledge = assessment.reviews.get(pledge_id=pledge_id).pledge
    return Comment.objects.create(assessment=assessment, pledge=pledge, author=user, by_reviewer=workflow.is_reviewer(user), text=text.strip())


def public_progress(participation: Participation) -> list[dict]:
    """Per pledge, how many actions are in place: from the latest submitted or completed assessment only."""
    assessment = participation.assessments.filter(state__in=(Assessment.SUBMITTED, Assessment.COMPLETED, Assessment.RETURNED),
                                                  submitted_at__isnull=False).first()
    if assessment is None:
        return []
    progress = list(assessment.progress.select_related("action"))
    accepted = set(assessment.reviews.filter(decision=PledgeReview.ACCEPTED).values_list("pledge_id", flat=True))
    public_files = list(Evidence.objects.filter(progress__assessment=assessment, is_public=True).select_related("progress__action"))
    rows = []
    for pledge in participation.version.pledges.all():
        mine = [p for p in progress if p.action.pledge_id == pledge.pk]
        rows.append({
            "pledge": pledge,
            "in_place": sum(p.status == ActionProgress.IN_PLACE for p in mine),
            "in_progress": sum(p.status == ActionProgress.IN_PROGRESS for p in mine),
            "total": len(mine),
            "accepted": pledge.pk in accepted,
            "public_files": [item for item in public_files if item.progress.action.pledge_id == pledge.pk],
        })
    return rows
