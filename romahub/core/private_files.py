"""Private files on the filesystem (settings.STORAGES["private"] unless MEDIA_STORAGE=s3;
romahub/core/media_storage.py): under PRIVATE_MEDIA_ROOT, which no URL serves."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, read from settings on each use; no URL serves them."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None
