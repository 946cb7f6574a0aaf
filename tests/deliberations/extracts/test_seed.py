"""Acceptance: the certified extract of the real Bureau deliberation of 18 October 2022
(seed 000), loaded by load_seed_records, reads like the registre."""

import datetime
import io
import os
from pathlib import Path

import pypdf
import pytest
from django.core.management import call_command

from deliberations.extracts import issuing
from deliberations.models import Deliberation
from tests.deliberations.extracts.test_issuing import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_extract(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_seed_records", stdout=io.StringIO())
    deliberation = Deliberation.objects.published().get(
        session__body__organisation__slug="cabbalr", session__date=datetime.date(2022, 10, 18))
    extract, _ = issuing.extract_get_or_issue(deliberation=deliberation)
    with extract.file.open("rb") as handle:
        return extract, handle.read()


def test_seed_bureau_extract_reads_as_the_registre(seed_extract, client):
    extract, content = seed_extract
    text = pdf_text(content)
    position = 0
    for fragment in [
        "Arrondissement de BETHUNE", "18 octobre 2022", "17 H 30", "ETAIENT PRESENTS",
        "OGIEZ Gérard (à partir de la question 5)", "PROCURATIONS", "DEMULIER Jérôme",
        "RAPPORT D'ACTIVITES DU POLE METROPOLITAIN DE L'ARTOIS", "PREND ACTE",
        "tribunal administratif de Lille", "Pour extrait conforme", "20 octobre 2022",
    ]:
        found = text.find(fragment, position)
        assert found >= 0, f"{fragment!r} absent after position {position}"
        position = found + len(fragment)
    assert "JURCZYK Jean-François (jusqu'à la question 13)" in text or \
        "LECONTE Maurice (jusqu'à la question 13)" in text
    assert "Le Président et le secrétaire de séance ont signé le registre" in text
    assert "BOSSART Steve" in text

    reader = pypdf.PdfReader(io.BytesIO(content))
    assert 'pdfaid:part="3"' in reader.xmp_metadata.rdf_root.toxml()

    upload = io.BytesIO(content)
    upload.name = "extrait.pdf"
    page = client.post(f"/verifier/{extract.code}", {"file": upload}).content.decode()
    assert "est authentique" in page
    public_page = client.get(extract.deliberation.get_absolute_url()).content.decode()
    assert "Télécharger l'extrait certifié (PDF)" in public_page
    assert f"/deliberations/extrait/{extract.deliberation.slug}.pdf" in public_page
    if dump_to := os.environ.get("EXTRACT_DUMP"):  # to look at the pages (pdftoppm -r 60)
        Path(dump_to).write_bytes(content)
