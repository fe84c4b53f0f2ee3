"""The few records the foundation keeps for itself."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RateLimitCount(models.Model):
    """One client's uses of one form in one window, when no Redis is configured (core.ratelimit).

    The key is an HMAC of the client's address, never the address itself.
    """

    key = models.CharField(max_length=120, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("rate limit count")
        verbose_name_plural = _("rate limit counts")

    def __str__(self):
        return self.key
