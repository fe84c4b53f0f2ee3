#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    try:
        from dotenv import load_dotenv

        # A local .env fills in what the environment does not already say (never overrides it).
        load_dotenv(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".env"))
    except ImportError:
        pass
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "romahub.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
