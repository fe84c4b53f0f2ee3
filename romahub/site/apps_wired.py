"""The apps the site is built from, in the order their starter data loads.

A new app that has records editors work on adds its `permissions` module here (docs/architecture.md).
"""

from romahub.advocacy import permissions as advocacy
from romahub.directory import permissions as directory
from romahub.mishto import permissions as mishto
from romahub.pages import permissions as pages
from romahub.resources import permissions as resources

PERMISSIONS = (pages, directory, mishto, resources, advocacy)
