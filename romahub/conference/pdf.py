"""PDF output with WeasyPrint. The stylesheet is read from disk and nothing is fetched over the
network, so rendering never calls out (not even to this server)."""

from django.contrib.staticfiles import finders
from weasyprint import CSS, HTML

PDF_STYLESHEET = "conference/css/preparation-pdf.css"


def _no_fetching(url, *args, **kwargs):
    raise ValueError(f"PDF rendering does not fetch {url}")


def preparation_pdf(html: str) -> bytes:
    stylesheet = CSS(filename=finders.find(PDF_STYLESHEET))
    return HTML(string=html, url_fetcher=_no_fetching).write_pdf(stylesheets=[stylesheet])
