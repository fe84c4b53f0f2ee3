"""A pytest plugin loaded before Django (see pyproject.toml): the suite runs with DJANGO_ENV=test."""

import os

os.environ.setdefault("DJANGO_ENV", "test")
