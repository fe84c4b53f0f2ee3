"""Where uploads are kept: settings.STORAGES' "default" (public media: images and documents from
the admin) and "private" (files no URL serves, such as councils' Mishto evidence, read only
through a view that checks who asks).

MEDIA_STORAGE=filesystem (the default): MEDIA_ROOT and PRIVATE_MEDIA_ROOT, folders that every app
server must see (one machine, or the same folder mounted on each; docs/deploy.md).

MEDIA_STORAGE=s3: S3-compatible object storage through django-storages' S3 backend, for app
servers that share no disk. Public media go to AWS_STORAGE_BUCKET_NAME under AWS_LOCATION
("media" unless set) and are linked at https://<AWS_S3_CUSTOM_DOMAIN>/<AWS_LOCATION>/..., by
default the hub's own host (BASE_URL's), whose nginx passes /media/ on to the bucket, so that pages
still load nothing from another host (the CSP allows none). Private files go to AWS_PRIVATE_STORAGE_BUCKET_NAME, which must be
another bucket, one with no public access: every object is written with the "private" ACL,
and the hub never links to one (it streams them through its views). Credentials are read by
boto3 from the environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) or its other usual
places; the endpoint of a provider other than Amazon from AWS_S3_ENDPOINT_URL.

Read by settings.py, so it imports nothing of Django's storage (the backends are named by path).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

FILESYSTEM = "filesystem"
S3 = "s3"
S3_BACKEND = "storages.backends.s3.S3Storage"
PRIVATE_FILESYSTEM_BACKEND = "romahub.core.private_files.PrivateFileSystemStorage"


def _get(environ, name: str, default: str = "") -> str:
    return (environ.get(name) or default).strip()


def upload_storages(environ, *, base_url: str) -> dict:
    """STORAGES' "default" and "private" entries for this environment."""
    kind = _get(environ, "MEDIA_STORAGE", FILESYSTEM).lower()
    if kind == FILESYSTEM:
        return {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "private": {"BACKEND": PRIVATE_FILESYSTEM_BACKEND},
        }
    if kind != S3:
        raise ImproperlyConfigured(f"MEDIA_STORAGE={kind!r} is not known: use filesystem or s3.")
    public_bucket = _get(environ, "AWS_STORAGE_BUCKET_NAME")
    private_bucket = _get(environ, "AWS_PRIVATE_STORAGE_BUCKET_NAME")
    if not public_bucket or not private_bucket:
        raise ImproperlyConfigured(
            "MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME (public media) and AWS_PRIVATE_STORAGE_BUCKET_NAME "
            "(councils' evidence, a bucket with no public access); see docs/deploy.md."
        )
    if public_bucket == private_bucket:
        raise ImproperlyConfigured(
            "AWS_PRIVATE_STORAGE_BUCKET_NAME must not be the public media bucket: evidence must never be public."
        )
    connection = {
        "endpoint_url": _get(environ, "AWS_S3_ENDPOINT_URL") or None,
        "region_name": _get(environ, "AWS_S3_REGION_NAME") or None,
        "addressing_style": _get(environ, "AWS_S3_ADDRESSING_STYLE") or None,  # "path" for most S3-compatible stores
        "signature_version": "s3v4",
        "file_overwrite": False,  # an upload never replaces another's file of the same name
    }
    location = _get(environ, "AWS_LOCATION", "media").strip("/")
    host = urlsplit(base_url).netloc or "localhost"
    return {
        "default": {"BACKEND": S3_BACKEND, "OPTIONS": {
            **connection,
            "bucket_name": public_bucket,
            "location": location,
            # The bucket's policy makes it readable; no ACL is sent (buckets that enforce their
            # owner's rights refuse one), and the links carry no signature that would expire.
            "default_acl": None,
            "querystring_auth": False,
            "custom_domain": _get(environ, "AWS_S3_CUSTOM_DOMAIN") or host,
            "url_protocol": "https:",
        }},
        "private": {"BACKEND": S3_BACKEND, "OPTIONS": {
            **connection,
            "bucket_name": private_bucket,
            "location": _get(environ, "AWS_PRIVATE_LOCATION").strip("/"),
            "default_acl": "private",
            "querystring_auth": True,  # were a link ever made, it would need a signature and expire
            "querystring_expire": 60,
            "custom_domain": None,
        }},
    }
