"""Where uploads are kept (romahub/core/media_storage.py): folders by default, or with MEDIA_STORAGE=s3
django-storages' S3 backend, a public bucket for media and another, private one for evidence.
Nothing here reaches the network: the storages are built and asked for links, never used."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage, storages

from romahub.core.media_storage import upload_storages
from romahub.core.private_files import PrivateFileSystemStorage

S3_ENV = {
    "MEDIA_STORAGE": "s3",
    "AWS_STORAGE_BUCKET_NAME": "hub-media",
    "AWS_PRIVATE_STORAGE_BUCKET_NAME": "hub-evidence",
    "AWS_S3_ENDPOINT_URL": "https://s3.example.net",
    "AWS_S3_REGION_NAME": "eu-west-2",
    "AWS_S3_ADDRESSING_STYLE": "path",
    "AWS_ACCESS_KEY_ID": "test-key-id",
    "AWS_SECRET_ACCESS_KEY": "test-secret",
}


def test_the_default_is_the_two_shared_folders():
    chosen = upload_storages({}, base_url="https://hub.example.org")
    assert chosen["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert chosen["private"]["BACKEND"] == "romahub.core.private_files.PrivateFileSystemStorage"
    assert upload_storages({"MEDIA_STORAGE": "filesystem"}, base_url="") == chosen


def test_the_running_hub_keeps_evidence_in_the_private_folder(settings, tmp_path):
    from romahub.mishto.evidence import private_storage

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    storage = private_storage()
    assert isinstance(storage, PrivateFileSystemStorage) and storage.location == str(tmp_path / "private")
    assert isinstance(storages["default"], FileSystemStorage) and not isinstance(storages["default"], PrivateFileSystemStorage)


def test_s3_selects_django_storages_backends_with_their_options():
    chosen = upload_storages(S3_ENV, base_url="https://hub.example.org")
    public, private = chosen["default"], chosen["private"]
    assert public["BACKEND"] == private["BACKEND"] == "storages.backends.s3.S3Storage"
    assert public["OPTIONS"] == {
        "endpoint_url": "https://s3.example.net", "region_name": "eu-west-2", "addressing_style": "path",
        "signature_version": "s3v4", "file_overwrite": False,
        "bucket_name": "hub-media", "location": "media", "default_acl": None, "querystring_auth": False,
        "custom_domain": "hub.example.org", "url_protocol": "https:",
    }
    assert private["OPTIONS"]["bucket_name"] == "hub-evidence"
    assert private["OPTIONS"]["default_acl"] == "private" and private["OPTIONS"]["querystring_auth"] is True
    assert private["OPTIONS"]["custom_domain"] is None and private["OPTIONS"]["location"] == ""


def test_the_s3_storages_build_and_link_as_configured(monkeypatch, settings):
    """django-storages accepts every option; public links are the hub's own /media/ (the CSP allows
    only the hub's host), unsigned; a private link, were one made, is signed and expires."""
    from storages.backends.s3 import S3Storage

    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, S3_ENV[name])
    chosen = upload_storages(S3_ENV, base_url="https://hub.example.org")
    settings.STORAGES = {**settings.STORAGES, **chosen}
    public, private = storages["default"], storages["private"]
    assert isinstance(public, S3Storage) and isinstance(private, S3Storage)
    assert (public.bucket_name, public.location, public.endpoint_url) == ("hub-media", "media", "https://s3.example.net")
    assert public.url("images/leaflet.jpg") == "https://hub.example.org/media/images/leaflet.jpg"
    assert (private.bucket_name, private.default_acl, private.file_overwrite) == ("hub-evidence", "private", False)
    signed = private.url("evidence/1/a.pdf")
    assert signed.startswith("https://s3.example.net/hub-evidence/evidence/1/a.pdf?") and "X-Amz-Signature=" in signed
    assert "X-Amz-Expires=60" in signed

    from romahub.mishto.evidence import private_storage

    assert private_storage() is private  # evidence goes to the private bucket, never the public one


@pytest.mark.parametrize("changes, message", [
    ({"MEDIA_STORAGE": "ftp"}, "is not known"),
    ({"AWS_PRIVATE_STORAGE_BUCKET_NAME": ""}, "needs AWS_STORAGE_BUCKET_NAME"),
    ({"AWS_STORAGE_BUCKET_NAME": ""}, "needs AWS_STORAGE_BUCKET_NAME"),
    ({"AWS_PRIVATE_STORAGE_BUCKET_NAME": "hub-media"}, "must not be the public media bucket"),
])
def test_s3_refuses_to_start_half_configured(changes, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        upload_storages({**S3_ENV, **changes}, base_url="https://hub.example.org")
