"""The shared PDF/A machinery (portal.kernel.pdf): the only place that imports WeasyPrint."""

import io
import subprocess
import sys

import pytest
from pypdf import PdfReader

from portal.kernel import pdf

CSS = """
@font-face { font-family: "Liberation Serif"; src: url(LiberationSerif-Regular.ttf); }
body { font-family: "Liberation Serif"; }
"""


def test_render_pdf_makes_a_pdf_a_with_the_font_embedded():
    content = pdf.render_pdf(
        '<html lang="fr"><head><title>Essai</title></head><body><p>Délibération</p></body></html>',
        stylesheet=CSS,
    )
    reader = PdfReader(io.BytesIO(content))
    assert "Délibération" in reader.pages[0].extract_text()
    fonts = {
        str(font["/BaseFont"]) for font in
        (reader.pages[0]["/Resources"]["/Font"][name].get_object()
         for name in reader.pages[0]["/Resources"]["/Font"])
    }
    assert any(name.endswith("+Liberation-Serif") for name in fonts)  # subset, embedded
    assert 'pdfaid:part="3"' in reader.xmp_metadata.rdf_root.toxml()


@pytest.mark.parametrize("url", [
    pdf.FONTS_DIR.as_uri() + "/../../../../../../etc/hostname",
    pdf.FONTS_DIR.as_uri() + "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/hostname",
    "file:///etc/hostname",
    "https://example.org/font.ttf",
    "file://evil.example/" + str(pdf.FONTS_DIR) + "/LiberationSerif-Regular.ttf",
])
def test_the_url_fetcher_refuses_anything_outside_the_fonts_folder(url):
    with pytest.raises(ValueError, match="Ressource refusée"):
        pdf.url_fetcher(url)


def test_the_url_fetcher_serves_the_fonts():
    fetched = pdf.url_fetcher(pdf.FONTS_DIR.as_uri() + "/LiberationSerif-Regular.ttf")
    assert fetched["mime_type"] in {"font/ttf", "application/octet-stream", "font/sfnt",
                                    "application/x-font-ttf"}


def test_shared_modules_depend_on_no_app():
    # portal's shared machinery imports nothing from the apps.
    code = (
        "import django, os, sys; os.environ['DJANGO_SETTINGS_MODULE']='portal.settings_test';"
        "django.setup();"
        "before = set(m for m in sys.modules if m.startswith(('deliberations', 'pma_reports',"
        " 'territory_project')));"
        "import importlib;"
        "[importlib.import_module(m) for m in ('portal.kernel.pdf', 'portal.kernel.search',"
        " 'portal.kernel.wording', 'portal.kernel.sitesearch')];"
        "after = set(m for m in sys.modules if m.startswith(('deliberations', 'pma_reports',"
        " 'territory_project')));"
        "print(sorted(after - before))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
