"""Test helpers: a partner with a key the test holds, and opening what the hub sealed (the hub
itself cannot: it never holds a private key)."""

import json

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.contrib.auth import get_user_model

from romahub.advocacy import sealing
from romahub.advocacy.models import Partner, PartnerMember
from romahub.directory.models import Organization
from romahub.places.models import LocalAuthority


def new_key_pair():
    private = ec.generate_private_key(ec.SECP256R1())
    spki = private.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return private, sealing.b64(spki)


def open_sealed(private_key, envelope: dict, context: bytes) -> dict:
    point = sealing.unb64(envelope["epk"])
    ephemeral = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    key = sealing.derive_key(private_key.exchange(ec.ECDH(), ephemeral), point)
    return json.loads(AESGCM(key).decrypt(sealing.unb64(envelope["iv"]), sealing.unb64(envelope["ct"]), context))


def authority(name: str, slug: str | None = None) -> LocalAuthority:
    return LocalAuthority.objects.get_or_create(
        name=name, defaults={"slug": slug or name.lower().replace(" ", "-"), "region": "East Midlands"})[0]


def make_partner(name: str, areas=(), languages=(), national=False, capacity=5, with_key=True, **fields):
    organization = Organization.objects.create(name=name, description=f"{name}, a test organisation.")
    partner = Partner.objects.create(organization=organization, national=national, languages=list(languages),
                                     weekly_capacity=capacity, **fields)
    partner.areas.set([authority(area) for area in areas])
    private = None
    if with_key:
        private, public = new_key_pair()
        partner.public_key = public
        partner.save(update_fields=["public_key"])
    return partner, private


def make_member(partner, username: str, is_admin=False, email=None):
    user = get_user_model().objects.create_user(username, email or f"{username}@example.org", "a long test password 42")
    PartnerMember.objects.create(partner=partner, user=user, is_admin=is_admin)
    return user
