import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "romahub.settings")
application = get_wsgi_application()

# Each server process builds the directory's search index as it starts, not on its first
# reader's search (seconds with tens of thousands of services; romahub/directory/search/cache.py).
from django.db import connections  # noqa: E402

from romahub.directory.search import warm  # noqa: E402 (needs Django set up)

warm()
# The planner's first bank-holiday lookup loads the holidays package's calendar for England
# (about 70 ms): once here, not in each worker's first planner.
from datetime import date  # noqa: E402

from romahub.conference.timeline import is_working_day  # noqa: E402

is_working_day(date.today())
# gunicorn --preload loads this once and forks its workers from it (they share its memory): no
# worker may inherit the database connection the index was read through.
connections.close_all()
