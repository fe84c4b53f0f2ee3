"""Sealing text to a partner's public key, so that only the partner's staff can open it.

ECIES over P-256 with standard parts only, the same in Python (`cryptography`) and in the
browser (WebCrypto, static/advocacy/sealing.js):

    ephemeral key pair  e, E = e·G            (fresh for every message)
    shared secret       Z = ECDH(e, partner)  (32 bytes, the x coordinate)
    key                 K = HKDF-SHA-256(Z, salt = E as an uncompressed point, info = INFO), 32 bytes
    box                 AES-256-GCM(K, random 96-bit nonce, plaintext, associated data = context)

The context names what the text belongs to (a request's id), so a sealed box moved to another
request does not open. The hub keeps `E`, the nonce and the box; it never holds a private key, so
it can seal but never open (the tests open with a private key they make themselves).
"""

import base64
import json
import os

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

SCHEME = "p256-hkdf-sha256-aes256gcm"
INFO = b"roma child protection hub: sealed to a partner, v1"
POINT_BYTES = 65  # an uncompressed P-256 point
NONCE_BYTES = 12


class BadKey(ValueError):
    """A public key that is not a P-256 key in SubjectPublicKeyInfo form."""


class BadEnvelope(ValueError):
    """A sealed box that is not in the hub's form (posted by a browser, so checked)."""


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def load_public_key(spki_b64: str) -> ec.EllipticCurvePublicKey:
    try:
        key = serialization.load_der_public_key(unb64(spki_b64))
    except (ValueError, TypeError, UnicodeEncodeError) as error:
        raise BadKey(str(error)) from None
    if not isinstance(key, ec.EllipticCurvePublicKey) or not isinstance(key.curve, ec.SECP256R1):
        raise BadKey("not a P-256 key")
    return key


def derive_key(shared_secret: bytes, ephemeral_point: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral_point, info=INFO).derive(shared_secret)


def seal(public_key_spki_b64: str, fields: dict, context: bytes) -> dict:
    """`fields` as JSON, sealed to the key: a dict of base64 strings that only its private key opens."""
    recipient = load_public_key(public_key_spki_b64)
    ephemeral = ec.generate_private_key(ec.SECP256R1())
    point = ephemeral.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    key = derive_key(ephemeral.exchange(ec.ECDH(), recipient), point)
    nonce = os.urandom(NONCE_BYTES)
    box = AESGCM(key).encrypt(nonce, json.dumps(fields, ensure_ascii=False).encode(), context)
    return {"scheme": SCHEME, "epk": b64(point), "iv": b64(nonce), "ct": b64(box)}


def check_envelope(envelope) -> dict:
    """A sealed box from a browser, in the hub's form, or BadEnvelope. Its contents cannot be checked."""
    if not isinstance(envelope, dict) or set(envelope) != {"scheme", "epk", "iv", "ct"} or envelope["scheme"] != SCHEME:
        raise BadEnvelope("not a sealed box")
    try:
        point, nonce, box = unb64(envelope["epk"]), unb64(envelope["iv"]), unb64(envelope["ct"])
    except (ValueError, TypeError, AttributeError, UnicodeEncodeError):
        raise BadEnvelope("not base64") from None
    if len(point) != POINT_BYTES or point[0] != 4 or len(nonce) != NONCE_BYTES or not 16 < len(box) <= 64_000:
        raise BadEnvelope("wrong sizes")
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    except ValueError:
        raise BadEnvelope("not a point on the curve") from None
    return {key: envelope[key] for key in ("scheme", "epk", "iv", "ct")}


def check_wrapped_key(wrapped, *, with_salt: bool) -> dict:
    """A private key as the browser wrapped it: AES-GCM, under a key from a passphrase (PBKDF2, with
    its salt and count) or from the recovery key. Only its shape can be checked."""
    expected = {"iv", "ct", "salt", "iterations"} if with_salt else {"iv", "ct"}
    if not isinstance(wrapped, dict) or set(wrapped) != expected:
        raise BadEnvelope("not a wrapped key")
    try:
        sizes = {key: len(unb64(wrapped[key])) for key in expected - {"iterations"}}
    except (ValueError, TypeError, AttributeError, UnicodeEncodeError):
        raise BadEnvelope("not base64") from None
    if sizes["iv"] != NONCE_BYTES or not 100 < sizes["ct"] < 400 or (with_salt and sizes["salt"] < 16):
        raise BadEnvelope("wrong sizes")
    if with_salt and (not isinstance(wrapped["iterations"], int) or wrapped["iterations"] < MIN_ITERATIONS):
        raise BadEnvelope("too few iterations")
    return dict(wrapped)


# OWASP's Password Storage Cheat Sheet (2023 onwards): PBKDF2-HMAC-SHA256, 600,000 iterations.
MIN_ITERATIONS = 600_000
