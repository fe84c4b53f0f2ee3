"""Councils' evidence files: what is accepted, checked by content, and where it is kept.

Accepted: PDF, DOCX, ODT, PNG and JPEG, at most 10 MB (and DOCX or ODT archives that unpack to at
most EVIDENCE_MAX_UNPACKED_BYTES). The first bytes decide what a file is;
its name must then end in a matching extension, so a renamed program or a PDF called .docx is
refused. The reader's file name is kept only for display; a file gets a random name in the private
storage (PRIVATE_MEDIA_ROOT, or a private bucket with MEDIA_STORAGE=s3), which no URL serves.
"""

import uuid
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage, storages
from django.utils.translation import gettext as _

EXTENSIONS = {"pdf": ("pdf",), "docx": ("docx",), "odt": ("odt",), "png": ("png",), "jpeg": ("jpg", "jpeg")}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "png": "image/png",
    "jpeg": "image/jpeg",
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def private_storage() -> Storage:
    """Where evidence is kept: settings.STORAGES["private"], PRIVATE_MEDIA_ROOT on the filesystem, or
    a private bucket with MEDIA_STORAGE=s3 (romahub/core/media_storage.py). Never a public one."""
    return storages["private"]


def sniff(upload) -> str | None:
    """The kind of file from its content, or None for anything not accepted."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                return _archive_kind(archive)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, ValueError):
            return None
        finally:
            upload.seek(0)
    return None


def _archive_kind(archive: zipfile.ZipFile) -> str | None:
    """DOCX or ODT from the archive's directory, reading no more than the few bytes of `mimetype`.

    The entries' declared sizes are checked before anything is unpacked; Python's zipfile never
    inflates an entry past its declared size, so they bound what any later reading costs.
    """
    entries = archive.infolist()
    if len(entries) > settings.EVIDENCE_MAX_ARCHIVE_ENTRIES or sum(e.file_size for e in entries) > settings.EVIDENCE_MAX_UNPACKED_BYTES:
        raise ValidationError(
            _("This document unpacks to far more than a real document does, so it cannot be uploaded. "
              "Save it again from your word processor, or as a PDF, and try again.")
        )
    names = {entry.filename for entry in entries}
    if "mimetype" in names:
        with archive.open("mimetype") as member:
            if member.read(len(ODT_MIMETYPE) + 2).strip() == ODT_MIMETYPE:
                return "odt"
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return "docx"
    return None


def check(upload, name: str) -> str:
    """The file's kind if it is acceptable; otherwise a ValidationError in the reader's language."""
    if any(part in name for part in ("/", "\\", "\x00")) or name.startswith(".") or ".." in name:
        raise ValidationError(_("The file name must not contain a folder path. Rename the file and try again."))
    if upload.size > settings.EVIDENCE_MAX_BYTES:
        raise ValidationError(_("This file is larger than 10 MB. Make it smaller or split it, then try again."))
    if upload.size == 0:
        raise ValidationError(_("This file is empty."))
    kind = sniff(upload)
    if kind is None:
        raise ValidationError(_("Only PDF, Word (DOCX), OpenDocument (ODT), PNG and JPEG files can be uploaded."))
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EXTENSIONS[kind]:
        raise ValidationError(
            _("This file's name does not match what it contains (it is a %(kind)s file). Correct the name and try again.")
            % {"kind": kind.upper()}
        )
    return kind


def stored_name(assessment_id: int, kind: str) -> str:
    return f"evidence/{assessment_id}/{uuid.uuid4().hex}.{EXTENSIONS[kind][0]}"
