"""The browser tests' staff authenticator: a known secret, and its current code as django-otp computes it."""

from django_otp.oath import totp

KEY_HEX = "3132333435363738393031323334353637383930"  # RFC 6238's own test secret; this throwaway database only
STAFF_PASSWORD = "staff password for browser tests 2b8a"


def current_code() -> str:
    return f"{totp(bytes.fromhex(KEY_HEX)):06d}"
