"""PDF/A documents of the portal: one function that turns HTML and its stylesheet into PDF bytes.

Every printable document (certified extracts, activity reports, registre…) goes through
render_pdf: PDF/A-3b, tagged, the portal's fonts embedded (subset), French hyphenation when the
HTML says lang="fr", and nothing fetched from the network. This is the only module that imports
WeasyPrint. It depends on nothing but Django and WeasyPrint.
"""

import atexit
import functools
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import weasyprint
from django.conf import settings
from weasyprint.text.fonts import FontConfiguration

PDF_VARIANT = "pdf/a-3b"
FONTS_DIR = Path(settings.BASE_DIR) / "static" / "fonts"


def _fonts_base_url() -> str:
    return FONTS_DIR.as_uri() + "/"


def _release_fonts():
    # Drop the cached font configuration while the interpreter is still whole: WeasyPrint's
    # FontConfiguration.__del__ fails noisily when it runs during interpreter shutdown.
    _stylesheet.cache_clear()
    _font_config.cache_clear()


atexit.register(_release_fonts)


@functools.cache
def _font_config():
    # One FontConfiguration per process: fonts are loaded and subset once, which keeps a render
    # fast. Gunicorn sync workers render one document at a time.
    return FontConfiguration()


@functools.lru_cache(maxsize=16)
def _stylesheet(css: str):
    return weasyprint.CSS(string=css, base_url=_fonts_base_url(), font_config=_font_config())


def _allowed_file(url: str) -> bool:
    """A file: URL inside the fonts folder, after resolving "..", symbolic links and escapes."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    path = os.path.realpath(unquote(parts.path))
    root = os.path.realpath(FONTS_DIR)
    return os.path.commonpath([path, root]) == root


def url_fetcher(url: str, timeout: int = 10, ssl_context=None):
    """Only our fonts and inline data: a document never fetches anything from the network."""
    if url.startswith("data:") or _allowed_file(url):
        return weasyprint.default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)
    raise ValueError(f"Ressource refusée dans un document PDF : {url}")


def render_pdf(html: str, *, stylesheet: str) -> bytes:
    """PDF/A-3b, tagged, fonts embedded (subset), from HTML text and CSS text.

    PDF/UA is a separate variant in WeasyPrint 66 (one pdf_variant at a time, each writing its
    own identification in the XMP metadata), so documents are PDF/A-3b with pdf_tags=True:
    a tagged structure tree without the PDF/UA claim. Fonts in the CSS are referenced relative
    to static/fonts/ (`src: url(LiberationSerif-Regular.ttf)`).
    """
    document = weasyprint.HTML(string=html, base_url=_fonts_base_url(), url_fetcher=url_fetcher)
    return document.write_pdf(
        stylesheets=[_stylesheet(stylesheet)],
        font_config=_font_config(),
        pdf_variant=PDF_VARIANT,
        pdf_tags=True,
        presentational_hints=False,
    )
