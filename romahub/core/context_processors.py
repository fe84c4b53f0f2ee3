from django.conf import settings


def hub(request):
    """Values every template needs: the languages on offer and the exit link."""
    return {
        "HUB_LANGUAGES": settings.LANGUAGES,
        "EXIT_PAGE_URL": settings.EXIT_PAGE_URL,
    }
