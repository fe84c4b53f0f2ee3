"""On paper a link is only its words: print each of the hub's own links with its full address."""

import re
from html import escape

# An anchor to one of the hub's own pages (a path, not a fragment or another site).
_LOCAL_LINK = re.compile(r'(<a\b[^>]*?\bhref="(/[^"]*)"[^>]*>.*?</a>)', re.DOTALL | re.IGNORECASE)
_NOT_PRINTED = ("glossary-link", "skip-link", "data-no-print-url")


def with_print_addresses(html: str, origin: str) -> str:
    """`html` with a print-only full address after every local link (hidden on screen by CSS)."""

    def add_address(match: re.Match) -> str:
        anchor, path = match.group(1), match.group(2)
        opening = anchor[: anchor.index(">")]
        if any(marker in opening for marker in _NOT_PRINTED):
            return anchor
        address = escape(origin + path.replace("&amp;", "&"), quote=False)
        return f'{anchor}<span class="print-url"> ({address})</span>'

    return _LOCAL_LINK.sub(add_address, html)
