"""The Mishto charter: the Roma Rights Forum's values and pledges, as versioned content.

A local authority signs one version and is assessed against it, so a published version that
authorities rely on is never edited in place: a new version is started from it (see
`romahub.mishto.charter.start_new_version`). Text is kept per language on each row, as in the
directory (docs/decisions.md): pledge 3 is one row that every language reads.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from romahub.core.languages import in_language
from romahub.core.page_cache import in_every_language
from romahub.mishto.admin_forms import CharterVersionForm, PledgeForm
from romahub.mishto.evidence import private_storage


class CharterVersion(ClusterableModel):
    base_form_class = CharterVersionForm
    number = models.PositiveSmallIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_sk = models.CharField(_("title in Slovak"), max_length=200, blank=True)
    title_ro = models.CharField(_("title in Romanian"), max_length=200, blank=True)
    introduction = models.TextField(_("introduction"))
    introduction_sk = models.TextField(_("introduction in Slovak"), blank=True)
    introduction_ro = models.TextField(_("introduction in Romanian"), blank=True)
    source = models.CharField(_("where the text comes from"), max_length=300)
    source_url = models.URLField(_("source address"), blank=True)
    published_on = models.DateField(
        _("published on"), null=True, blank=True,
        help_text=_("Empty while the version is being prepared: only published versions are shown and can be signed."),
    )
    translations_reviewed = models.BooleanField(
        _("translations checked by a community reviewer"), default=False,
        help_text=_("Leave unticked until a Slovak or Romanian speaker from the working group has read them."),
    )

    class Meta:
        ordering = ["-number"]
        verbose_name = _("Mishto charter version")
        verbose_name_plural = _("Mishto charter versions")
        # Publishing a version, or changing the English of a published one: Moderators
        # (admin_forms.py). Translators change only Slovak and Romanian.
        permissions = [
            ("publish_charterversion", _("Can publish a charter version or change a published one")),
            ("change_english_charterversion", _("Can change the English text of a charter version")),
        ]

    def __str__(self):
        return _("Mishto charter, version %(number)s") % {"number": self.number}

    @property
    def is_published(self) -> bool:
        return self.published_on is not None

    @property
    def display_title(self) -> str:
        return in_language(self, "title")

    @property
    def display_introduction(self) -> str:
        return in_language(self, "introduction")


class CharterValue(Orderable):
    version = ParentalKey(CharterVersion, on_delete=models.CASCADE, related_name="values")
    text = models.TextField(_("value"))
    text_sk = models.TextField(_("value in Slovak"), blank=True)
    text_ro = models.TextField(_("value in Romanian"), blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("Mishto value")

    def __str__(self):
        return self.text

    @property
    def display_text(self) -> str:
        return in_language(self, "text")


class Pledge(ClusterableModel):
    base_form_class = PledgeForm
    version = models.ForeignKey(CharterVersion, on_delete=models.CASCADE, related_name="pledges", verbose_name=_("charter version"))
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("pledge"), max_length=200)
    title_sk = models.CharField(_("pledge in Slovak"), max_length=200, blank=True)
    title_ro = models.CharField(_("pledge in Romanian"), max_length=200, blank=True)

    class Meta:
        ordering = ["version", "number"]
        constraints = [models.UniqueConstraint(fields=["version", "number"], name="one_pledge_number_per_version")]
        verbose_name = _("Mishto pledge")
        verbose_name_plural = _("Mishto pledges")
        permissions = [("change_english_pledge", _("Can change the English text of a pledge"))]

    def __str__(self):
        return f"{self.number}. {self.title} (v{self.version.number})"

    @property
    def display_title(self) -> str:
        return in_language(self, "title")


class PledgeAction(Orderable):
    """What an authority does to keep the pledge; each is assessed on its own."""

    pledge = ParentalKey(Pledge, on_delete=models.CASCADE, related_name="actions")
    heading = models.CharField(_("heading"), max_length=100, blank=True)
    heading_sk = models.CharField(_("heading in Slovak"), max_length=100, blank=True)
    heading_ro = models.CharField(_("heading in Romanian"), max_length=100, blank=True)
    text = models.TextField(_("action"))
    text_sk = models.TextField(_("action in Slovak"), blank=True)
    text_ro = models.TextField(_("action in Romanian"), blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("action")

    def __str__(self):
        return self.text

    @property
    def display_heading(self) -> str:
        return in_language(self, "heading")

    @property
    def display_text(self) -> str:
        return in_language(self, "text")


class PledgeActivity(Orderable):
    """A supporting activity or resource, as the guidance lists them under each pledge."""

    pledge = ParentalKey(Pledge, on_delete=models.CASCADE, related_name="activities")
    text = models.TextField(_("activity or resource"))
    text_sk = models.TextField(_("activity or resource in Slovak"), blank=True)
    text_ro = models.TextField(_("activity or resource in Romanian"), blank=True)
    url = models.CharField(
        _("link"), max_length=300, blank=True,
        help_text=_("A public web address, or a path on the hub such as /services/ (the reader's language is added)."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("supporting activity or resource")
        verbose_name_plural = _("supporting activities and resources")

    def __str__(self):
        return self.text

    @property
    def display_text(self) -> str:
        return in_language(self, "text")


class Participation(models.Model):
    """One local authority's place in the campaign: what it signed, and where it stands.

    Whether an awarded Quality Mark has expired is computed from the award date (see
    `romahub.mishto.workflow.public_status`), never stored, so it cannot fall out of date.
    """

    COMMITTED, UNDER_REVIEW, AWARDED, SUSPENDED, REVOKED = "committed", "under_review", "awarded", "suspended", "revoked"
    STATUSES = [
        (COMMITTED, _("Committed")),
        (UNDER_REVIEW, _("Under review")),
        (AWARDED, _("Quality Mark awarded")),
        (SUSPENDED, _("Suspended")),
        (REVOKED, _("Revoked")),
    ]

    authority = models.OneToOneField(
        "places.LocalAuthority", on_delete=models.PROTECT, related_name="mishto", verbose_name=_("local authority")
    )
    version = models.ForeignKey(CharterVersion, on_delete=models.PROTECT, related_name="+", verbose_name=_("charter version signed"))
    status = models.CharField(_("status"), max_length=12, choices=STATUSES, default=COMMITTED)
    signatory_name = models.CharField(_("signed by"), max_length=150)
    signatory_role = models.CharField(_("role of the signatory"), max_length=150)
    signed_on = models.DateField(_("signed on"))
    statement = models.TextField(_("commitment statement"))
    awarded_on = models.DateField(_("Quality Mark awarded on"), null=True, blank=True)
    public_reason = models.TextField(_("public reason"), blank=True, help_text=_("Shown on the register when the mark is suspended or revoked."))
    revision = models.PositiveIntegerField(default=1, editable=False)  # bumped on every change: stale forms are refused

    class Meta:
        ordering = ["authority__name"]
        verbose_name = _("Mishto participation")
        verbose_name_plural = _("Mishto participations")

    def __str__(self):
        return str(self.authority)

    def public_paths(self) -> list[str]:
        """Where a decision on this council shows: the public register, in every language."""
        return in_every_language("mishto:register")


class StatusChange(models.Model):
    """Every change of status or decision, for reviewers: who, when, from and to."""

    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="history")
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    what = models.CharField(max_length=40)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.what}: {self.from_status or '-'} → {self.to_status or '-'}"


class Membership(models.Model):
    """A council officer's link to the one authority they act for. Leads may sign and invite."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mishto_membership")
    authority = models.ForeignKey("places.LocalAuthority", on_delete=models.CASCADE, related_name="mishto_members")
    is_lead = models.BooleanField(_("lead"), default=False)
    language = models.CharField(_("e-mails in"), max_length=8, choices=settings.LANGUAGES, default="en")

    class Meta:
        verbose_name = _("council user")
        verbose_name_plural = _("council users")

    def __str__(self):
        return f"{self.user} ({self.authority})"


class Invitation(models.Model):
    """A single-use link for a named person to join one authority's account.

    Only a hash of the token is stored: the link in the e-mail is the only copy of the secret.
    """

    email = models.EmailField(_("e-mail"))
    authority = models.ForeignKey("places.LocalAuthority", on_delete=models.CASCADE, related_name="+", verbose_name=_("local authority"))
    is_lead = models.BooleanField(_("lead"), default=False)
    language = models.CharField(_("e-mails in"), max_length=8, choices=settings.LANGUAGES, default="en")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} → {self.authority}"


class JoinRequest(models.Model):
    """A council officer's request to join the scheme, from the public "ask to join" form.

    Read by the scheme's reviewers, who answer by invitation; deleted after
    MISHTO_JOIN_RETENTION_DAYS by `mishto_daily`. Holds only a work contact.
    """

    authority = models.ForeignKey("places.LocalAuthority", on_delete=models.CASCADE, related_name="+", verbose_name=_("local authority"))
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("job title"), max_length=120)
    email = models.EmailField(_("work e-mail"))
    message = models.TextField(_("message"), blank=True, max_length=1000)
    language = models.CharField(_("written in"), max_length=8, choices=settings.LANGUAGES, default="en")
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.authority} ({self.created_at:%Y-%m-%d})"


def _private_storage():
    return private_storage()


class Assessment(models.Model):
    """An authority's self-assessment against the version it signed, from draft to decision."""

    DRAFT, SUBMITTED, RETURNED, COMPLETED = "draft", "submitted", "returned", "completed"
    STATES = [(DRAFT, _("Draft")), (SUBMITTED, _("Submitted for review")), (RETURNED, _("Returned for changes")), (COMPLETED, _("Completed"))]

    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="assessments")
    state = models.CharField(_("state"), max_length=10, choices=STATES, default=DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    revision = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")

    def __str__(self):
        return f"{self.participation.authority} ({self.get_state_display()})"

    @property
    def editable(self) -> bool:
        return self.state in (self.DRAFT, self.RETURNED)


class ActionProgress(models.Model):
    NOT_STARTED, IN_PROGRESS, IN_PLACE = "not_started", "in_progress", "in_place"
    STATUSES = [(NOT_STARTED, _("Not started")), (IN_PROGRESS, _("In progress")), (IN_PLACE, _("In place"))]

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="progress")
    action = models.ForeignKey(PledgeAction, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=12, choices=STATUSES, default=NOT_STARTED)
    narrative = models.TextField(_("what you have done"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "action"], name="one_progress_per_action")]

    def __str__(self):
        return f"{self.action}: {self.status}"


class Evidence(models.Model):
    """A file supporting one action. Stored outside the public media folder; served by a view that checks who asks."""

    progress = models.ForeignKey(ActionProgress, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(storage=_private_storage, upload_to="evidence/", max_length=200)
    name = models.CharField(_("file name"), max_length=120)
    kind = models.CharField(max_length=8)
    size = models.PositiveIntegerField()
    is_public = models.BooleanField(_("show on the public register"), default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("evidence file")

    def __str__(self):
        return self.name


class EvidenceDownload(models.Model):
    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="downloads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.evidence} by {self.user_id} at {self.at:%Y-%m-%d %H:%M}"


class PledgeReview(models.Model):
    PENDING, ACCEPTED, CHANGES = "pending", "accepted", "changes"
    DECISIONS = [(PENDING, _("Waiting for review")), (ACCEPTED, _("Accepted")), (CHANGES, _("Changes requested"))]

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="reviews")
    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(_("decision"), max_length=8, choices=DECISIONS, default=PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "pledge"], name="one_review_per_pledge")]

    def __str__(self):
        return f"{self.pledge}: {self.decision}"


class Comment(models.Model):
    """A message in one pledge's thread, seen by the authority's users and the reviewers."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="comments")
    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    by_reviewer = models.BooleanField(default=False)
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]
