"""The rule every public form follows: a filled honeypot is thanked and dropped, and each address
may send only so many in a window (the shared limiter), past which the form says so in the
reader's language and nothing is kept."""

from django.utils.translation import gettext as _

from romahub.core.ratelimit import allow

INVALID, SPAM, LIMITED, ACCEPTED = "invalid", "spam", "limited", "accepted"


def judge(request, form, scope: str, limit: int, window_seconds: int) -> str:
    """What to do with a POSTed public form: INVALID (show its errors), SPAM (redirect as if sent),
    LIMITED (the form now carries the limit's error; answer 429) or ACCEPTED (save it)."""
    if not form.is_valid():
        return INVALID
    if form.is_spam():
        return SPAM
    if not allow(request, scope, limit, window_seconds):
        form.add_error(None, _("You have sent several messages in a short time. Please wait an hour, then send this again."))
        return LIMITED
    return ACCEPTED
