"""The partners as routing sees them (routing.py is pure: this is where the database meets it)."""

from django.utils import timezone

from romahub.advocacy import routing
from romahub.advocacy.models import Partner, week_ago


def candidates(now=None) -> list[routing.Candidate]:
    since = week_ago(now or timezone.now())
    taking = set(Partner.objects.taking_requests().values_list("pk", flat=True))
    found = []
    for partner in Partner.objects.select_related("organization").prefetch_related("areas"):
        has_room = partner.pk in taking and partner.given_since(since) < partner.weekly_capacity
        found.append(routing.Candidate(
            id=partner.pk, name=partner.organization.name, area_ids=frozenset(a.pk for a in partner.areas.all()),
            national=partner.national, languages=frozenset(partner.languages), has_room=has_room,
            last_given_at=partner.last_given_at,
        ))
    return found


def route(authority, languages, exclude=frozenset(), now=None) -> tuple[Partner, str] | None:
    chosen = routing.choose(candidates(now), authority.pk, languages, exclude)
    if chosen is None:
        return None
    return Partner.objects.select_related("organization").get(pk=chosen.partner_id), chosen.step


def any_taking_requests() -> bool:
    return Partner.objects.taking_requests().exists()
