"""Pages of results addressed by `?page=N`, as the directory and the resources library use them."""


def requested_page(request) -> int:
    """The page the address asks for: 1 when it asks for none, or for something that is not a page."""
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1
