"""Certified extracts: rendering, PDF/A, integrity, versions, download, admin, export.

One PDF is rendered for the whole module (module-scoped fixture, rolled back at the end);
only the test of a new version renders a second one.
"""

import datetime
import io
import logging
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pypdf
import pytest
from django.conf import settings
from django.contrib.admin import ModelAdmin, site
from django.contrib.auth.models import Group, User
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deliberations.extracts import issuing
from deliberations.extracts.admin import export_session_extracts, issue_certified_extracts
from deliberations.models import Deliberation, IssuedExtract, Session
from portal.kernel.wording import at_place
from portal.models import Organisation
from tests.deliberations.extracts.test_data import build_bureau_session
from tests.factories import DeliberationFactory

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) n'est pas installé")
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=content,
                            capture_output=True, check=True)
    return reading_text(result.stdout.decode("utf-8"))


def reading_text(raw: str) -> str:
    """pdftotext output as one reads it: words hyphenated at a line end by WeasyPrint (with
    U+2010, not the hyphen-minus of "Béthune-Bruay") joined, whitespace collapsed."""
    return re.sub(r"\s+", " ", raw.replace("\u2010\n", ""))


def assert_in_order(text: str, expected: list[str]) -> None:
    position = 0
    for fragment in expected:
        found = text.find(fragment, position)
        assert found >= 0, f"{fragment!r} absent after position {position}"
        position = found + len(fragment)


@pytest.fixture(scope="module")
def issued(django_db_setup, django_db_blocker, tmp_path_factory):
    """The Bureau deliberation of 18 Oct 2022 (factory copy) with its extract, issued once."""
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    media.enable()
    with django_db_blocker.unblock(), transaction.atomic():
        deliberation = build_bureau_session()
        extract, issued_now = issuing.extract_get_or_issue(deliberation=deliberation)
        with extract.file.open("rb") as handle:
            content = handle.read()
        yield {
            "deliberation": deliberation, "extract": extract, "issued_now": issued_now,
            "content": content,
        }
        transaction.set_rollback(True)
    media.disable()


@pytest.fixture(scope="module")
def text(issued):
    return pdf_text(issued["content"])


# -- Wording helpers (pure) ----------------------------------------------------------------------
@pytest.mark.parametrize(("session_date", "formula"), [
    (datetime.date(2022, 6, 30), "Ont signé au registre des délibérations les membres présents,"),
    (datetime.date(2022, 7, 1), "Le Président et le secrétaire de séance ont signé le registre,"),
    (datetime.date(2022, 10, 18),
     "Le Président et le secrétaire de séance ont signé le registre,"),
])
def test_signature_formula_follows_l2121_23(session_date, formula):
    assert issuing.signature_formula(session_date) == formula


@pytest.mark.parametrize(("from_item", "until_item", "note"), [
    (5, None, "(à partir de la question 5)"),
    (None, 4, "(jusqu'à la question 4)"),
    (2, 9, "(de la question 2 à la question 9)"),
    (None, None, ""),
])
def test_item_note(from_item, until_item, note):
    assert issuing.item_note(from_item, until_item) == note


@pytest.mark.parametrize(("value", "expected"), [
    ("Béthune", "Arrondissement de BETHUNE"),
    ("Arras", "Arrondissement d'ARRAS"),
    ("", ""),
])
def test_arrondissement_heading(value, expected):
    assert issuing.arrondissement_heading(value) == expected


@pytest.mark.parametrize(("place", "expected"), [
    ("salle Olof Palme de Béthune", "à la salle Olof Palme de Béthune"),
    ("Hôtel Communautaire", "à l'Hôtel Communautaire"),
    ("en l'Hôtel Communautaire de Béthune", "en l'Hôtel Communautaire de Béthune"),
    ("le siège de la communauté", "au siège de la communauté"),
    ("Béthune", "à Béthune"),
])
def test_at_place(place, expected):
    assert at_place(place) == expected


def test_french_dates():
    assert issuing.french_date(datetime.date(2022, 10, 18), weekday=True) == \
        "mardi 18 octobre 2022"
    assert issuing.french_date(datetime.date(2022, 7, 1)) == "1er juillet 2022"
    assert issuing.registre_time(datetime.time(17, 30)) == "17 H 30"


def test_fingerprint_is_canonical():
    data = {"b": [1, "é"], "a": {"y": 1, "x": 2}}
    same = {"a": {"x": 2, "y": 1}, "b": [1, "é"]}
    assert issuing.content_fingerprint(data) == issuing.content_fingerprint(same)
    assert issuing.content_fingerprint(data) != issuing.content_fingerprint({**data, "c": 1})


def test_codes_use_an_unambiguous_alphabet():
    codes = {issuing.new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(re.fullmatch(r"[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}", c) for c in codes)
    assert issuing.normalise_code(" ab2c-d3ef ") == "AB2CD3EF"


# -- The rendered PDF -------------------------------------------------------------------------
def test_extract_reads_as_the_registre(text):
    assert_in_order(text, [
        "Arrondissement de BETHUNE",
        "EXTRAIT DU REGISTRE DES DELIBERATIONS",
        "Le mardi 18 octobre 2022, à 17 H 30, le Bureau communautaire s'est réuni, "
        "à la salle Olof Palme",
        "sous la Présidence de Monsieur GACQUERRE Olivier",
        "en date du 12 octobre 2022",
        "affiché à l'Hôtel Communautaire",
        "ETAIENT PRESENTS",
        "OGIEZ Gérard (à partir de la question 5)",
        "PROCURATIONS",
        "OGIEZ Gérard donne procuration à MEYFROIDT Sylvie",
        "(jusqu'à la question 4)",
        "ETAIENT ABSENTS EXCUSES",
        "SOUILLIART Virginie",
        "Monsieur DEMULIER Jérôme est élu Secrétaire",
        "La séance est ouverte",
        "DELIBERATION DU BUREAU COMMUNAUTAIRE",
        "18 octobre 2022",
        "DEVELOPPEMENT ÉCONOMIQUE, EMPLOI ET TRANSITION NUMERIQUE",
        "RAPPORT D'ACTIVITES DU POLE METROPOLITAIN DE L'ARTOIS",
        "Monsieur le Président expose à l'Assemblée les éléments suivants",
        "« L'article L.5211-39",
        "Monsieur le Président demande à l'Assemblée",
        "Sur proposition de son Président",
        "A la majorité absolue",
        "PREND ACTE",
        "PRECISE",
        "tribunal administratif de Lille",
        "Ainsi fait et délibéré les jour, mois et an susdits",
        "Le Président et le secrétaire de séance ont signé le registre",
        "Pour extrait conforme",
        "Par délégation du Président",
        "Le Vice-président délégué",
        "BOSSART Steve",
        "Certifié exécutoire par le Président",
        "réception en Sous-préfecture le : 20 octobre 2022",
        "publication le : 20 octobre 2022",
    ])
    assert re.search(r"page 1 / \d", text)


def test_extract_carries_its_code_and_verification_url(issued, text):
    extract = issued["extract"]
    url = f"http://127.0.0.1:8000/verifier/{extract.code}"
    assert extract.code in text and url in text
    reader = pypdf.PdfReader(io.BytesIO(issued["content"]))
    uris = [
        annot.get_object()["/A"]["/URI"]
        for page in reader.pages for annot in page.get("/Annots", [])
        if "/A" in annot.get_object()
    ]
    assert url in uris
    # The QR code (segno, SVG) is drawn as vector paths: check it in the HTML that is rendered.
    html = issuing.render_extract_html(
        issuing.certified_data(issued["deliberation"]),
        issuing.IssueInfo(code=extract.code, version=1, issued_at=extract.issued_at),
    )
    assert issuing.qr_code_data_uri(url) in html


def test_extract_is_pdfa_3b_with_metadata(issued):
    reader = pypdf.PdfReader(io.BytesIO(issued["content"]))
    description = reader.xmp_metadata.rdf_root.getElementsByTagNameNS(
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "Description")
    pdfaid = "http://www.aiim.org/pdfa/ns/id/"
    ids = {
        (d.getAttributeNS(pdfaid, "part"), d.getAttributeNS(pdfaid, "conformance"))
        for d in description if d.hasAttributeNS(pdfaid, "part")
    }
    assert ids == {("3", "B")}
    info = reader.metadata
    assert info.title.startswith("Extrait du registre des délibérations du Bureau communautaire")
    assert info.author == "Communauté d'agglomération de Béthune-Bruay, Artois Lys Romane"
    assert info.subject == "RAPPORT D'ACTIVITES DU POLE METROPOLITAIN DE L'ARTOIS"
    assert "extrait certifié" in info["/Keywords"]
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "fr"
    assert bool(root["/MarkInfo"]["/Marked"])  # tagged (pdf_tags)
    assert "/StructTreeRoot" in root
    assert "/OutputIntents" in root


def _fonts(resources, seen):
    resources = resources.get_object() if resources else {}
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        yield font
        for descendant in font.get("/DescendantFonts", []):
            yield descendant.get_object()
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if id(xobject) not in seen and "/Resources" in xobject:
            seen.add(id(xobject))
            yield from _fonts(xobject["/Resources"], seen)


def test_every_font_is_embedded(issued):
    reader = pypdf.PdfReader(io.BytesIO(issued["content"]))
    fonts = [f for page in reader.pages for f in _fonts(page["/Resources"], set())]
    descriptors = [f["/FontDescriptor"].get_object() for f in fonts if "/FontDescriptor" in f]
    assert descriptors
    for descriptor in descriptors:
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), descriptor
    assert all("/FontDescriptor" in f or f["/Subtype"] == "/Type0" for f in fonts)
    # One family, shipped in static/fonts (@font-face "Registre Serif" = Liberation Serif).
    assert {str(d["/FontName"]).split("+")[-1] for d in descriptors} <= {
        "Registre-Serif", "Registre-Serif-Bold", "Registre-Serif-Italic",
        "Registre-Serif-Bold-Italic",
    }


# -- Issue, storage, versions -------------------------------------------------------------------
def test_issued_extract_is_stored_with_its_hash(issued):
    extract = IssuedExtract.objects.get(pk=issued["extract"].pk)
    assert issued["issued_now"] is True
    assert extract.version == 1 and extract.superseded_by is None and not extract.signed
    assert extract.sha256 == issuing.sha256_of(issued["content"])
    assert extract.file.name.startswith(f"extracts/{extract.issued_at:%Y}/")
    assert extract.content_fingerprint == issuing.content_fingerprint(
        issuing.certified_data(issued["deliberation"]))
    assert extract.issued_at == issued["extract"].issued_at


def test_issuing_again_without_change_returns_the_same_extract(issued):
    extract, issued_now = issuing.extract_get_or_issue(deliberation=issued["deliberation"])
    assert (extract.pk, issued_now) == (issued["extract"].pk, False)
    assert IssuedExtract.objects.filter(deliberation=issued["deliberation"]).count() == 1


def test_a_change_around_the_act_after_issue_gives_no_new_version(issued, client):
    deliberation = issued["deliberation"]
    # The act never changes once published, and neither does its record, frozen at
    # publication: renaming the organisation afterwards changes nothing it certified.
    organisation = deliberation.session.body.organisation
    Organisation.objects.filter(pk=organisation.pk).update(name=organisation.name + " (RENOMMEE)")
    url = reverse("extracts:download", args=[deliberation.slug])
    issue_certified_extracts(ModelAdmin(Deliberation, site), _admin_request(_agent()),
                             Deliberation.objects.filter(pk=deliberation.pk))
    assert list(IssuedExtract.objects.filter(deliberation=deliberation).values_list(
        "version", "superseded_by")) == [(1, None)]
    response = client.get(url)
    assert b"".join(response.streaming_content) == issued["content"]
    page = client.get(reverse("extracts:verify", args=[issued["extract"].code])).content.decode()
    assert "version en vigueur" in page
    certified = page.split("Ce qui a été certifié")[1]
    assert "Romane</dd>" in certified and "(RENOMMEE)" not in certified
    assert "L'état publié de la délibération, figé à sa publication, est intact" in page
    Organisation.objects.filter(pk=organisation.pk).update(name=organisation.name)


def test_only_published_deliberations_are_certified(issued):
    draft = DeliberationFactory(session=issued["deliberation"].session)
    with pytest.raises(issuing.ExtractNotAvailable):
        issuing.extract_get_or_issue(deliberation=draft)


# -- Public pages ----------------------------------------------------------------------------
def test_download_serves_the_issued_file(issued, client):
    deliberation = issued["deliberation"]
    extract, issued_now = issuing.extract_get_or_issue(deliberation=deliberation)
    assert (extract.pk, issued_now) == (issued["extract"].pk, False)
    url = reverse("extracts:download", args=[deliberation.slug])
    assert url == f"/deliberations/extrait/{deliberation.slug}.pdf"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert response["ETag"] == f'"{extract.sha256}"'
    assert b"".join(response.streaming_content) == issued["content"]
    assert IssuedExtract.objects.filter(deliberation=deliberation).count() == 1


def _media_files():
    return {path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()}


def test_download_before_issue_is_not_found_and_writes_nothing(issued, client):
    published = DeliberationFactory(session=issued["deliberation"].session, published=True)
    files, rows = _media_files(), IssuedExtract.objects.count()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("extracts:download", args=[published.slug]))
    assert response.status_code == 404
    page = response.content.decode()
    assert "L'extrait certifié de cette délibération n'a pas encore été émis." in page
    assert "</html>" in page  # the page extends base.html
    assert not IssuedExtract.objects.filter(deliberation=published).exists()
    assert IssuedExtract.objects.count() == rows and _media_files() == files
    written = [q["sql"] for q in queries.captured_queries
               if re.match(r"\s*(INSERT|UPDATE|DELETE)|.*FOR UPDATE", q["sql"], re.I | re.S)]
    assert written == []


def test_download_of_a_draft_is_not_found(issued, client):
    draft = DeliberationFactory(session=issued["deliberation"].session)
    assert client.get(reverse("extracts:download", args=[draft.slug])).status_code == 404
    assert not IssuedExtract.objects.filter(deliberation=draft).exists()


def _link(deliberation):
    return render_to_string("deliberations/_extract_link.html", {"deliberation": deliberation})


def test_download_link_only_once_the_extract_is_issued(issued, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        published = _link(issued["deliberation"])
    assert "Télécharger l'extrait certifié (PDF)" in published
    assert reverse("extracts:download", args=[issued["deliberation"].slug]) in published
    session = issued["deliberation"].session
    not_issued = DeliberationFactory(session=session, published=True)
    assert _link(not_issued).strip() == ""
    assert _link(DeliberationFactory(session=session)).strip() == ""


# -- Issue on publication ------------------------------------------------------------------------
def test_extract_issue_after_publication(issued):
    session = issued["deliberation"].session
    published = DeliberationFactory(session=session, published=True)
    issuing.extract_issue_after_publication(published.pk)
    extract = IssuedExtract.objects.get(deliberation=published)
    assert extract.version == 1 and extract.issued_by is None
    assert issuing.extract_current(published) == extract

    issuing.extract_issue_after_publication(published.pk)  # unchanged data: nothing new
    assert list(IssuedExtract.objects.filter(deliberation=published)) == [extract]

    draft = DeliberationFactory(session=session)
    issuing.extract_issue_after_publication(draft.pk)
    issuing.extract_issue_after_publication(999_999_999)
    assert not IssuedExtract.objects.filter(deliberation=draft).exists()


def test_extract_issue_after_publication_logs_a_failure_and_never_raises(
    issued, monkeypatch, caplog,
):
    published = DeliberationFactory(session=issued["deliberation"].session, published=True)

    def broken(*args, **kwargs):
        raise RuntimeError("WeasyPrint en panne")

    monkeypatch.setattr(issuing, "render_extract_pdf", broken)
    files = _media_files()
    with caplog.at_level(logging.ERROR, logger="deliberations.extracts.issuing"):
        issuing.extract_issue_after_publication(published.pk)
    assert not IssuedExtract.objects.filter(deliberation=published).exists()
    assert _media_files() == files
    [record] = [r for r in caplog.records if r.name == "deliberations.extracts.issuing"]
    assert record.levelno == logging.ERROR and record.exc_info[0] is RuntimeError
    assert str(published.pk) in record.getMessage()


def test_verification_page_shows_what_was_certified(issued, client):
    extract = issued["extract"]
    response = client.get(f"/verifier/{extract.code}")
    page = response.content.decode()
    assert response.status_code == 200
    for fragment in [
        "Communauté d&#x27;agglomération de Béthune-Bruay, Artois Lys Romane",
        "Bureau communautaire", "18 octobre 2022",
        "RAPPORT D&#x27;ACTIVITES DU POLE METROPOLITAIN DE L&#x27;ARTOIS",
        extract.sha256, "version en vigueur", 'enctype="multipart/form-data"',
        "csrfmiddlewaretoken",
    ]:
        assert fragment in page, fragment


def test_verification_code_is_case_insensitive_and_unknown_codes_404(issued, client):
    code = issued["extract"].code
    response = client.get(f"/verifier/{code.lower()}")
    assert response.status_code == 302 and response["Location"] == f"/verifier/{code}"
    assert client.get("/verifier/ZZZZZZZZZZ").status_code == 404


def _upload(client, url, content, name="extrait.pdf"):
    upload = io.BytesIO(content)
    upload.name = name
    return client.post(url, {"file": upload})


def test_uploading_the_issued_pdf_says_authentic(issued, client):
    code = issued["extract"].code
    response = _upload(client, f"/verifier/{code}", issued["content"])
    page = response.content.decode()
    assert response.status_code == 200
    assert "authentique" in page and "ne correspond à aucun extrait émis" not in page


def test_uploading_a_pdf_with_one_byte_changed_matches_nothing(issued, client):
    tampered = bytearray(issued["content"])
    tampered[len(tampered) // 2] ^= 0x01
    for url in (f"/verifier/{issued['extract'].code}", "/verifier/"):
        page = _upload(client, url, bytes(tampered)).content.decode()
        assert "ne correspond à aucun extrait émis" in page
        assert "est authentique" not in page


def test_upload_form_on_the_index_page_and_csrf(issued):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert _upload(strict, "/verifier/", issued["content"]).status_code == 403
    page = strict.get("/verifier/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    upload = io.BytesIO(issued["content"])
    upload.name = "extrait.pdf"
    response = strict.post("/verifier/", {"file": upload, "csrfmiddlewaretoken": token})
    assert "authentique" in response.content.decode()
    assert issued["extract"].code in response.content.decode()


# -- Admin actions and export command ------------------------------------------------------------
def _admin_request(user):
    request = RequestFactory().post("/admin/")
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _agent():
    user = User.objects.create_user("agent", is_staff=True)
    user.groups.add(Group.objects.get(name="Agents"))
    return User.objects.get(pk=user.pk)  # fresh permission cache


def test_issue_action_for_agents(issued):
    deliberation = issued["deliberation"]
    draft = DeliberationFactory(session=deliberation.session)
    request = _admin_request(_agent())
    modeladmin = ModelAdmin(Deliberation, site)
    issue_certified_extracts(modeladmin, request,
                             Deliberation.objects.filter(pk__in=[deliberation.pk, draft.pk]))
    shown = [str(m) for m in request._messages]
    assert any("déjà à jour" in m and issued["extract"].code in m for m in shown)
    assert any("non publiée" in m for m in shown)
    assert issue_certified_extracts.short_description == "Émettre l'extrait certifié"


def test_issue_action_requires_the_permission(issued):
    request = _admin_request(User.objects.create_user("visitor", is_staff=True))
    with pytest.raises(PermissionDenied):
        issue_certified_extracts(ModelAdmin(Deliberation, site), request,
                                 Deliberation.objects.all())


def _zip_names(content):
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_session_export_action_returns_a_zip(issued):
    session = issued["deliberation"].session
    response = export_session_extracts(ModelAdmin(Session, site), _admin_request(_agent()),
                                       Session.objects.filter(pk=session.pk))
    assert response["Content-Type"] == "application/zip"
    files = _zip_names(b"".join(response.streaming_content))
    pdfs = [name for name in files if name.endswith(".pdf")]
    assert len(pdfs) == 1 and files[pdfs[0]] == issued["content"]
    assert issued["extract"].sha256 in next(v for k, v in files.items()
                                             if k.endswith("SHA256SUMS.txt")).decode()


def test_export_extracts_command_writes_a_zip_with_progress(issued, tmp_path, capsys):
    session = issued["deliberation"].session
    output = tmp_path / "seance.zip"
    call_command("export_extracts", "--session", str(session.pk), "--output", str(output))
    captured = capsys.readouterr()
    assert "1 extrait(s) écrit(s)" in captured.out
    assert "1/1" in captured.err  # tqdm progress bar on stderr
    files = _zip_names(output.read_bytes())
    assert [v for k, v in files.items() if k.endswith(".pdf")] == [issued["content"]]


def test_export_extracts_command_rejects_an_unknown_session():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Aucune séance"):
        call_command("export_extracts", "--session", "999999")


def test_verify_index_redirects_a_typed_code_and_rejects_an_empty_upload(issued, client):
    code = issued["extract"].code
    response = client.get("/verifier/", {"code": f" {code[:5].lower()}-{code[5:]} "})
    assert response.status_code == 302 and response["Location"] == f"/verifier/{code}"
    response = client.post("/verifier/", {})
    assert response.status_code == 400
    assert "Ce champ est obligatoire" in response.content.decode()


# -- Upload limit on /verifier -------------------------------------------------------------------
@pytest.fixture
def small_limit(settings, tmp_path, monkeypatch):
    """A 100 kB limit; uploads above 1 kB go to temporary files in tmp_path, recorded."""
    from django.core.files import uploadedfile, uploadhandler

    from deliberations.extracts import views as extract_views

    monkeypatch.setattr(extract_views, "MAX_UPLOAD_BYTES", 100_000)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1_000
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    created = []

    class Recorded(uploadedfile.TemporaryUploadedFile):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            created.append(Path(self.temporary_file_path()))

    monkeypatch.setattr(uploadhandler, "TemporaryUploadedFile", Recorded)
    return {"temp_dir": tmp_path, "created": created}


@pytest.mark.parametrize("size", [
    100_000 + 10_000,  # declared length within the multipart margin: stopped while streaming
    400_000,  # declared length above the limit: refused before reading the body
])
def test_a_too_large_upload_is_refused_and_leaves_no_temporary_file(
    issued, client, small_limit, size,
):
    for url in ("/verifier/", f"/verifier/{issued['extract'].code}"):
        response = _upload(client, url, b"%PDF-" + b"x" * size)
        assert response.status_code == 413
        page = response.content.decode()
        assert "Le fichier dépasse 20 Mo : ce n&#x27;est pas un extrait émis." in page
        assert "est authentique" not in page and "ne correspond à aucun" not in page
    assert list(small_limit["temp_dir"].iterdir()) == []
    if size < 100_000 + 64 * 1024:
        assert small_limit["created"]  # a temporary file was started, then deleted
    else:
        assert small_limit["created"] == []  # the body was not even read


def test_an_upload_under_the_limit_is_still_checked_with_csrf(issued, small_limit):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    page = strict.get("/verifier/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    upload = io.BytesIO(b"%PDF-" + b"x" * 50_000)
    upload.name = "extrait.pdf"
    response = strict.post("/verifier/", {"csrfmiddlewaretoken": token, "file": upload})
    assert response.status_code == 200
    assert "ne correspond à aucun extrait émis" in response.content.decode()
    assert small_limit["created"] and list(small_limit["temp_dir"].iterdir()) == []
    # Without the token the upload is refused by the CSRF check, run after the limit handler.
    upload.seek(0)
    assert strict.post("/verifier/", {"file": upload}).status_code == 403
