"""Who is asking: the one place the hub works out a client's address.

The login lockout (django-axes, through AXES_CLIENT_IP_CALLABLE), the forms' rate limits and the
security log all call `client_address`, so they can never disagree about who a request came from.
"""

from django.conf import settings


def client_address(request) -> str:
    """The client's address; behind TRUSTED_PROXY_COUNT proxies, the one the outermost of them saw.

    Each trusted proxy appends the address it received the request from to X-Forwarded-For, so the
    client is the entry that many places from the end. Anything further left was written by the
    client itself and is never believed. With fewer entries than proxies the request did not come
    through them all, and the direct peer is the only address known.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies][:64]
    return request.META.get("REMOTE_ADDR", "")


# Django's longest username; django-axes keeps what was typed in a 255-character column.
USERNAME_MAX_LENGTH = 150


def login_username(request, credentials=None) -> str:
    """The username a sign-in attempt names, as django-axes records it (AXES_USERNAME_CALLABLE).

    Read from the form as typed, but never longer than a username can be and without NUL
    characters: a 3,000-character or NUL-bearing name was a database error on PostgreSQL.
    """
    if credentials and credentials.get("username"):
        typed = credentials["username"]
    else:
        typed = request.POST.get("username", "") if request is not None else ""
    return str(typed).replace("\x00", "")[:USERNAME_MAX_LENGTH]
