"""The directory of services, shaped like Open Referral UK 3.0 (ORUK).

Tables follow ORUK's names and identifiers (UUIDs) so the API and the import/export map one to
one. Where the hub needs more than ORUK holds, the extra lives in plainly named fields:
`source`, `last_verified` and `verified_by` (trust), `messaging_url`, and text in Slovak and
Romanian. Text is kept per language on the same record (see docs/decisions.md): one ORUK
service is one row, whatever language a reader reads it in.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel, get_all_child_relations
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin

from romahub.core.languages import TitleAndSummary, in_language, language_name
from romahub.core.moderation import PublicQuerySet
from romahub.core.page_cache import in_every_language
from romahub.places.models import LocalAuthority


class Taxonomy(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"))

    class Meta:
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")

    def __str__(self):
        return self.name


class TaxonomyTerm(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.PROTECT, related_name="terms")
    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_sk = models.CharField(_("name in Slovak"), max_length=100, blank=True)
    name_ro = models.CharField(_("name in Romanian"), max_length=100, blank=True)
    description = models.TextField(_("description"))
    description_sk = models.TextField(_("description in Slovak"), blank=True)
    description_ro = models.TextField(_("description in Romanian"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["taxonomy__slug", "order", "name"]
        verbose_name = _("taxonomy term")
        verbose_name_plural = _("taxonomy terms")

    def __str__(self):
        return f"{self.taxonomy.name}: {self.name}"

    @property
    def label(self) -> str:
        return in_language(self, "name")


class Organization(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    roma_led = models.BooleanField(
        _("Roma-led"), default=False, help_text=_("Tick only where a public source says Roma people lead the organisation."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Location(models.Model):
    """A place where services are delivered, with its one address (ORUK allows several; the hub uses one)."""

    TYPES = [("physical", _("physical")), ("postal", _("postal")), ("virtual", _("virtual"))]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    location_type = models.CharField(_("type"), max_length=10, choices=TYPES, default="physical")
    name = models.CharField(_("name"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    address_id = models.UUIDField(default=uuid.uuid4, editable=False)
    address_1 = models.CharField(_("address"), max_length=200, blank=True)
    city = models.CharField(_("town or city"), max_length=100, blank=True)
    region = models.CharField(_("county or region"), max_length=100, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=10, blank=True)
    country = models.CharField(_("country"), max_length=2, default="GB")
    # Text, not a bounded field: a source line names the document, its version and the map point's
    # dataset, and was cut short at 300 characters on import.
    source = models.TextField(_("where the address comes from"), blank=True)
    address_note = models.TextField(
        _("note for editors on the address"), blank=True,
        help_text=_("For example: from a 2017 report, not confirmed since."),
    )

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        indexes = [models.Index(fields=["latitude", "longitude"])]

    def __str__(self):
        return ", ".join(part for part in (self.name, self.address_1, self.city, self.postal_code) if part)

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None


# A service's facts are checked again at least once a year.
CHECK_EVERY_DAYS = 365

# The statuses of the services the directory lists (everywhere a reader or an API client looks).
LISTED_STATUSES = ("active", "temporarily closed")


class ServiceQuerySet(PublicQuerySet):
    def listed(self):
        """The services readers see anywhere (search, their own pages, the map, the sitemap and the
        ORUK API): published, active or temporarily closed. Any other published one is gone()."""
        return self.public().filter(status__in=LISTED_STATUSES)

    def gone(self):
        """Published, but no longer listed: their old addresses answer 404 with a page that says so."""
        return self.public().exclude(status__in=LISTED_STATUSES)

    def needing_check(self, today=None):
        """Never checked by the hub, or last checked over CHECK_EVERY_DAYS ago: oldest first."""
        today = today or timezone.localdate()
        return self.filter(
            models.Q(last_verified__isnull=True) | models.Q(last_verified__lt=today - timedelta(days=CHECK_EVERY_DAYS))
        ).order_by(models.F("last_verified").asc(nulls_first=True), "name")


class Service(TitleAndSummary, WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel):
    """A service. Every edit in the admin, and every accepted suggestion, is kept as a revision.

    An edit in the admin is a draft until a moderator publishes it (romahub/core/moderation.py):
    readers and the API see the live row only, through `Service.objects.public()`.
    """

    STATUSES = [
        ("active", _("active")),
        ("inactive", _("inactive")),
        ("defunct", _("defunct")),
        ("temporarily closed", _("temporarily closed")),
    ]
    COSTS = [("free", _("free")), ("paid", _("paid")), ("", _("not known"))]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="services", verbose_name=_("organisation"))
    name = models.CharField(_("name"), max_length=200)
    name_sk = models.CharField(_("name in Slovak"), max_length=200, blank=True)
    name_ro = models.CharField(_("name in Romanian"), max_length=200, blank=True)
    description = models.TextField(_("description"))
    description_sk = models.TextField(_("description in Slovak"), blank=True)
    description_ro = models.TextField(_("description in Romanian"), blank=True)
    translations_reviewed = models.BooleanField(
        _("translations checked by a community reviewer"), default=False,
        help_text=_("Leave unticked until a Slovak or Romanian speaker from the working group has read them."),
    )
    url = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    messaging_url = models.URLField(
        _("messaging app link"), blank=True, help_text=_("A WhatsApp or similar link, only where the organisation publishes one.")
    )
    status = models.CharField(_("status"), max_length=20, choices=STATUSES, default="active")
    cost = models.CharField(_("cost"), max_length=4, choices=COSTS, blank=True)
    fees = models.TextField(_("fees"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    # Parental, so that a draft's terms are kept in its revision until it is published.
    terms = ParentalManyToManyField(TaxonomyTerm, blank=True, related_name="services", verbose_name=_("kinds of help and audiences"))
    source = models.TextField(_("where the facts come from"), help_text=_("Name the public document or website."))
    source_url = models.URLField(_("source address"), blank=True)
    source_read_on = models.DateField(_("source read on"), null=True, blank=True)
    editor_notes = models.TextField(
        _("other sources and notes for editors"), blank=True,
        help_text=_("Every other source used, with the date it was read, and what still needs checking. Not shown on the service’s page; published in the open data."),
    )
    last_verified = models.DateField(_("last checked on"), null=True, blank=True)
    verified_by = models.CharField(_("checked by"), max_length=100, blank=True)
    last_modified = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        permissions = [("change_english_service", _("Can change the English text and the facts of a service"))]
        # Measured with bench/scale.py at 50,000 services (docs/decisions.md).
        indexes = [models.Index(fields=["name", "id"]), models.Index(fields=["status"])]

    def __str__(self):
        return f"{self.name} ({self.organization.name})" if self.organization_id else self.name

    def public_paths(self) -> list[str]:
        """Where a change to this service shows: its page and the directory, in every language."""
        return in_every_language("directory:service", self.pk) + in_every_language("directory:search")

    def with_content_json(self, content):
        """The service as a revision holds it, its phones, languages and other rows with UUID ids.

        modelcluster leaves a child's id as the revision's text; the admin's formsets then failed
        to match a posted id to its row, and saved a second draft with every child twice.
        """
        obj = super().with_content_json(content)
        for relation in get_all_child_relations(obj):
            for child in getattr(obj, relation.get_accessor_name()).all():
                if isinstance(child.pk, str):
                    child.pk = uuid.UUID(child.pk)
        return obj


class Phone(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(_("number"), max_length=40)
    description = models.CharField(_("what the number is for"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("phone")

    def __str__(self):
        return self.number

    @property
    def tel(self) -> str:
        return tel_uri_number(self.number)


def tel_uri_number(number: str) -> str:
    """A UK number as a tel: link wants it: digits, in international form."""
    digits = "".join(ch for ch in number if ch.isdigit() or ch == "+")
    return f"+44{digits[1:]}" if digits.startswith("0") else digits


class ServiceLanguage(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("ISO 639 code"), max_length=3, help_text=_("For example en, ro, sk, rom (Romani)."))
    name = models.CharField(_("language"), max_length=60)
    note = models.CharField(_("note"), max_length=200, blank=True, help_text=_("For Romani, which dialects."))
    source = models.TextField(
        _("where it says so"), blank=True,
        help_text=_("The public source that says the service speaks this language. Without one, leave the language out."),
    )

    class Meta:
        verbose_name = _("language")
        indexes = [models.Index(fields=["code"])]

    def __str__(self):
        return self.name

    @property
    def label(self) -> str:
        """Its name in the reader's language (core.languages), not the English stored with it."""
        return language_name(self.code, self.name)


class Schedule(models.Model):
    """Opening hours: one row per set of weekdays with the same hours (iCalendar BYDAY)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="schedules")
    byday = models.CharField(_("days"), max_length=30, help_text=_("Comma-separated: MO,TU,WE,TH,FR,SA,SU"))
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes at"), null=True, blank=True)
    description = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def __str__(self):
        return f"{self.byday} {self.opens_at}-{self.closes_at}"

    @property
    def days(self) -> list[str]:
        return [day.strip().upper() for day in self.byday.split(",") if day.strip()]


class ServiceArea(models.Model):
    """Where a service works: a local authority from `places`, or a named wider area such as England."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    name = models.CharField(_("area name"), max_length=100, blank=True, help_text=_("For example England, when no single authority."))

    class Meta:
        verbose_name = _("service area")

    def __str__(self):
        return self.local_authority.name if self.local_authority_id else self.name


class ServiceAtLocation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="service_at_locations")

    class Meta:
        verbose_name = _("service at a location")
        verbose_name_plural = _("services at locations")

    def __str__(self):
        return str(self.location)


class Suggestion(models.Model):
    """A reader's "suggest a service" or "report a change", waiting for a moderator.

    It asks nothing about who sent it. What it holds is kept only until a moderator decides
    and a little after (see `purge_suggestions`); the decision lives on in the service's
    revision history.
    """

    NEW, CHANGE = "new", "change"
    KINDS = [(NEW, _("new service")), (CHANGE, _("change to a service"))]
    PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"
    STATUSES = [(PENDING, _("waiting for review")), (ACCEPTED, _("accepted")), (REJECTED, _("rejected"))]
    COSTS = [("free", _("free")), ("paid", _("paid")), ("", _("not known"))]

    kind = models.CharField(_("kind"), max_length=6, choices=KINDS)
    status = models.CharField(_("status"), max_length=8, choices=STATUSES, default=PENDING)
    service = models.ForeignKey(
        Service, on_delete=models.SET_NULL, null=True, blank=True, related_name="suggestions", verbose_name=_("service")
    )
    language = models.CharField(_("sent in"), max_length=8, choices=settings.LANGUAGES)
    name = models.CharField(_("name of the service"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    description = models.TextField(_("what it does and for whom"), blank=True)
    help = models.ManyToManyField(TaxonomyTerm, blank=True, related_name="+", verbose_name=_("kinds of help"))
    languages_spoken = models.CharField(_("languages spoken"), max_length=200, blank=True)
    address = models.CharField(_("street address"), max_length=200, blank=True)
    town = models.CharField(_("town or city"), max_length=100, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    cost = models.CharField(_("cost"), max_length=4, choices=COSTS, blank=True)
    closed = models.BooleanField(_("reported as closed"), default=False)
    details = models.TextField(_("what has changed, or anything else"), blank=True)
    source = models.CharField(_("how they know"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("decided by")
    )
    decision_note = models.TextField(_("moderator's note"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        if self.kind == self.CHANGE and self.service_id:
            return _("Change to %(service)s") % {"service": self.service.name}
        return self.name or _("Suggestion %(id)s") % {"id": self.pk}

    @property
    def is_pending(self) -> bool:
        return self.status == self.PENDING


class SearchIndexRevision(models.Model):
    """Which state of the directory the search index (search/freshness.py) must reflect.

    One row. Every save or delete of a directory record gives it a new random token in the same
    transaction, so each server process notices, on its next search, that its index is out of
    date, and builds it again. A random token rather than a counter: a rolled-back transaction
    puts an old token back, and that token still names the state it was made for.
    """

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("search index revision")

    def __str__(self):
        return self.token
