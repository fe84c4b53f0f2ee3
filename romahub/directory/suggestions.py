"""Moderating readers' suggestions: what a moderator starts from, and what accepting writes.

Accepting creates or updates the service in one transaction and saves a revision of it, so the
service's history in the admin shows who changed what and when, long after the suggestion
itself has been deleted (`purge_expired`).
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from wagtail.log_actions import log

from romahub.core.languages import LANGUAGE_NAMES
from romahub.directory.models import (
    Location,
    Organization,
    Phone,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    Suggestion,
)


class AlreadyDecided(Exception):
    """Another moderator decided this suggestion first."""


def languages_in(text: str) -> list[str]:
    """ISO codes of the languages named in free text, in any of the hub's languages."""
    words = {word.strip(" .;").casefold() for word in text.replace(",", " ").replace("/", " ").split()}
    found = []
    for code, name in LANGUAGE_NAMES.items():
        names = set()
        for language, _label in settings.LANGUAGES:
            with override(language):
                names.add(str(name).casefold())
        if words & names:
            found.append(code)
    return found


def initial_review_data(suggestion: Suggestion) -> dict:
    """The review form's starting values: the service as it is, overlaid with what the reader sent."""
    service = suggestion.service
    sent = {
        "url": suggestion.website, "email": suggestion.email, "phone": suggestion.phone,
        "address": suggestion.address, "town": suggestion.town, "postcode": suggestion.postcode,
    }
    # The reader's own words on how they know ("my cousin works there") stay on the suggestion,
    # shown beside this form and deleted with it: the service's source, and so its revision
    # history, gets only what the moderator writes after checking a public source.
    source = _("Suggested by a reader of the hub on %(date)s.") % {"date": suggestion.created_at.date().isoformat()}
    if suggestion.kind == Suggestion.NEW or service is None:
        existing = Organization.objects.filter(name__iexact=suggestion.organisation).first() if suggestion.organisation else None
        return {
            **sent, "name": suggestion.name, "description": suggestion.description, "organisation": existing,
            "new_organisation": "" if existing else suggestion.organisation, "status": "inactive",
            "cost": suggestion.cost, "terms": list(suggestion.help.all()), "languages": languages_in(suggestion.languages_spoken),
            "source": source,
        }
    phone = service.phones.first()
    location = _first_location(service)
    current = {
        "url": service.url, "email": service.email, "phone": phone.number if phone else "",
        "address": location.address_1 if location else "", "town": location.city if location else "",
        "postcode": location.postal_code if location else "",
    }
    return {
        **current, **{field: value for field, value in sent.items() if value},
        "name": service.name, "description": service.description, "organisation": service.organization,
        "status": "defunct" if suggestion.closed else service.status, "cost": service.cost,
        "terms": list(service.terms.all()), "languages": list(service.languages.values_list("code", flat=True)),
        "source": f"{service.source}\n{source}".strip(),
    }


def _first_location(service: Service) -> Location | None:
    link = ServiceAtLocation.objects.filter(service=service).select_related("location").first()
    return link.location if link else None


def _claim(suggestion: Suggestion) -> Suggestion:
    """Lock the suggestion's row; refuse if it is no longer pending."""
    locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if not locked.is_pending:
        raise AlreadyDecided
    return locked


def accept(suggestion: Suggestion, data: dict, user) -> Service:
    """Write the moderator's reviewed values to a new or existing service and keep a revision."""
    with transaction.atomic():
        suggestion = _claim(suggestion)
        organisation = data.get("organisation") or Organization.objects.create(name=data["new_organisation"], description="")
        creating = suggestion.kind == Suggestion.NEW or suggestion.service is None
        service = Service() if creating else Service.objects.select_for_update().get(pk=suggestion.service_id)
        service.organization = organisation
        for field in ("name", "description", "status", "cost", "url", "email", "source"):
            setattr(service, field, data.get(field) or "")
        service.save()
        _write_phone(service, data.get("phone", ""))
        _write_location(service, data.get("address", ""), data.get("town", ""), data.get("postcode", ""))
        _write_languages(service, data.get("languages") or [])
        service.terms.set(data.get("terms") or [])
        service.terms.commit()
        if creating:
            log(instance=service, action="wagtail.create", user=user)
        # A moderator's decision: published at once, as the revision the admin shows as live.
        service.save_revision(user=user, log_action=True).publish(user=user, skip_permission_checks=True)
        suggestion.status = Suggestion.ACCEPTED
        suggestion.service = service
        suggestion.decided_by = user
        suggestion.decided_at = timezone.now()
        suggestion.decision_note = data.get("decision_note", "")
        suggestion.save()
    return service


def reject(suggestion: Suggestion, user, note: str = "") -> None:
    with transaction.atomic():
        suggestion = _claim(suggestion)
        suggestion.status = Suggestion.REJECTED
        suggestion.decided_by = user
        suggestion.decided_at = timezone.now()
        suggestion.decision_note = note
        suggestion.save()


def _write_phone(service: Service, number: str) -> None:
    phone = Phone.objects.filter(service=service).first()
    if number and phone:
        if phone.number != number:
            phone.number = number
            phone.save()
    elif number:
        Phone.objects.create(service=service, number=number)
    elif phone:
        phone.delete()


def _write_location(service: Service, address: str, town: str, postcode: str) -> None:
    if not (address or town or postcode):
        return
    location = _first_location(service)
    if location is None:
        location = Location.objects.create(name=service.name, address_1=address, city=town, postal_code=postcode)
        ServiceAtLocation.objects.create(service=service, location=location)
        return
    if (location.address_1, location.city, location.postal_code) != (address, town, postcode):
        moved = location.postal_code != postcode or location.address_1 != address
        location.address_1, location.city, location.postal_code = address, town, postcode
        if moved:  # the old pin would be wrong; a moderator places the new one
            location.latitude = location.longitude = None
        location.save()


def _write_languages(service: Service, codes: list[str]) -> None:
    ServiceLanguage.objects.filter(service=service).exclude(code__in=codes).delete()
    have = set(ServiceLanguage.objects.filter(service=service).values_list("code", flat=True))
    for code in codes:
        if code not in have:
            with override("en"):
                name = str(LANGUAGE_NAMES.get(code, code))
            ServiceLanguage.objects.create(service=service, code=code, name=name)


def purge_expired(now=None) -> int:
    """Delete suggestions decided, or sent and never decided, over SUGGESTION_RETENTION_DAYS ago.

    A suggestion no moderator has looked at in that time is as stale as a decided one, and what a
    reader wrote is kept no longer either way. Returns the count deleted.
    """
    cutoff = (now or timezone.now()) - timedelta(days=settings.SUGGESTION_RETENTION_DAYS)
    expired = Q(decided_at__lt=cutoff) & ~Q(status=Suggestion.PENDING) | Q(status=Suggestion.PENDING, created_at__lt=cutoff)
    _total, by_model = Suggestion.objects.filter(expired).delete()
    return by_model.get(Suggestion._meta.label, 0)
