"""Secrets sent in links (invitations, a family's status link): only a hash of each is kept, so a
copy of the database opens no link."""

import hashlib
import secrets


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token(nbytes: int = 32) -> tuple[str, str]:
    """A fresh URL-safe token, and the hash to keep of it."""
    token = secrets.token_urlsafe(nbytes)
    return token, token_hash(token)
