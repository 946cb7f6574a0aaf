"""Public views of certified extracts: download and verification (/verifier/<code>).

Nothing here writes: the download serves the extract already issued (on publication or from
the admin), and an uploaded file is only hashed, never kept.
"""

import functools
import re

from django import forms
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from deliberations import record
from deliberations.extracts import issuing
from deliberations.models import Deliberation, IssuedExtract

# An issued extract weighs tens of kilobytes; refuse to hash anything unreasonable.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# What a multipart body may add to the file itself (boundaries, part headers, CSRF token).
MULTIPART_OVERHEAD_BYTES = 64 * 1024
TOO_LARGE = "Le fichier dépasse 20 Mo : ce n'est pas un extrait émis."
NOT_A_PDF = ("Ce fichier n'est pas un PDF : un extrait certifié est un fichier PDF, tel que "
             "téléchargé depuis le registre.")


class ExtractUploadForm(forms.Form):
    file = forms.FileField(
        label="Fichier PDF de l'extrait",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
        help_text="Le fichier n'est pas conservé : seule son empreinte SHA-256 est calculée.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(TOO_LARGE)
        if not is_pdf(upload):
            raise forms.ValidationError(NOT_A_PDF, code="not_pdf")
        return upload


def is_pdf(upload) -> bool:
    """Whether the file is a PDF by its content, not its name or declared type: a PDF
    starts with "%PDF-" within its first 1 024 bytes (ISO 32000-1, 7.5.2 and its
    implementation note). Anything else is refused before it is hashed."""
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    return b"%PDF-" in head


UNKNOWN_CODE = (
    f"Code inconnu : un code de vérification compte {issuing.CODE_LENGTH} caractères "
    "(chiffres 2 à 9 et lettres sans I, L ni O), tel qu'imprimé au bas de l'extrait."
)
CODE_FORMAT = re.compile(rf"^[{issuing.CODE_ALPHABET}]{{{issuing.CODE_LENGTH}}}$")


def is_code(value: str) -> bool:
    """Whether a normalised value can be a verification code at all (issuing.new_code): what
    cannot is answered "code inconnu" before it reaches a URL or the database."""
    return bool(CODE_FORMAT.fullmatch(value))


class CodeForm(forms.Form):
    code = forms.CharField(label="Code de vérification", max_length=32,
                           error_messages={"required": UNKNOWN_CODE, "max_length": UNKNOWN_CODE})

    def clean_code(self):
        code = issuing.normalise_code(self.cleaned_data["code"])
        if not is_code(code):
            raise forms.ValidationError(UNKNOWN_CODE, code="unknown")
        return code


# ---------------------------------------------------------------------------------------------
# Upload limit: enforced while the body is read, not after Django has spooled it.
# ---------------------------------------------------------------------------------------------
class UploadLimitHandler(FileUploadHandler):
    """Stops reading uploaded files as soon as they exceed MAX_UPLOAD_BYTES, before the next
    handler (memory or temporary file) receives the chunk. Django then closes, and so deletes,
    the partial temporary file and discards the rest of the body (at most the multipart
    overhead: larger bodies are refused by upload_limited before any reading)."""

    def __init__(self, request=None, limit=None):
        super().__init__(request)
        self.limit = MAX_UPLOAD_BYTES if limit is None else limit
        self.received = 0
        self.exceeded = False

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.exceeded = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def upload_limited(view):
    """Bound what a public upload costs before Django reads the body.

    A body declared larger than the limit is refused (413) without reading a byte of it.
    Otherwise UploadLimitHandler is installed first; the CSRF check reads request.POST, and so
    parses the body, so it must run after that: csrf_exempt outside, csrf_protect inside, as in
    Django's "Modifying upload handlers on the fly". The refused request skips the CSRF check:
    its body is never read and nothing is processed.
    """
    protected = csrf_protect(view)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "POST":
            return protected(request, *args, **kwargs)
        if _declared_length(request) > MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES:
            request.upload_refused = True
            return view(request, *args, **kwargs)
        request.upload_handlers.insert(0, UploadLimitHandler(request))
        return protected(request, *args, **kwargs)

    return csrf_exempt(wrapper)


def _upload_exceeded(request) -> bool:
    if getattr(request, "upload_refused", False):
        return True
    request.FILES  # noqa: B018 -- parses the body, if the CSRF check has not already
    return any(
        isinstance(handler, UploadLimitHandler) and handler.exceeded
        for handler in request.upload_handlers
    )


def _check_upload(request) -> tuple[ExtractUploadForm, dict, int]:
    """Hash an uploaded file and find the extract it matches: (form, context, status)."""
    if _upload_exceeded(request):
        return ExtractUploadForm(), {"refused": TOO_LARGE}, 413
    form = ExtractUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return form, {}, 400
    upload = form.cleaned_data["file"]
    upload.seek(0)
    match = issuing.extract_find_by_content(upload)
    return form, {"checked": True, "match": match, "uploaded_name": upload.name}, 200


def _upload_or_blank(request) -> tuple[ExtractUploadForm, dict, int]:
    if request.method == "POST":
        return _check_upload(request)
    return ExtractUploadForm(), {}, 200


# ---------------------------------------------------------------------------------------------
# Views
# ---------------------------------------------------------------------------------------------
@require_GET
def extract_download(request, slug):
    """The current issued extract of a published deliberation. A GET never issues one:
    404, with an explanation, while none has been issued."""
    deliberation = get_object_or_404(Deliberation.objects.published(), slug=slug)
    extract = issuing.extract_current(deliberation)
    if extract is None:
        return render(request, "deliberations/extract_not_issued.html",
                      {"deliberation": deliberation}, status=404)
    response = FileResponse(
        extract.file.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"extrait-{deliberation.slug}-v{extract.version}.pdf",
    )
    response["ETag"] = f'"{extract.sha256}"'
    response["Cache-Control"] = "no-cache"
    return response


def _unknown_code(request, code_form):
    """Anything that is not a code ("a/b", "//evil.com", 2 000 characters): a French 404 with
    the form and its error, never a redirect or a query built from it."""
    return render(request, "deliberations/verify_index.html", {
        "code_form": code_form, "upload_form": ExtractUploadForm(),
    }, status=404)


@upload_limited
@require_http_methods(["GET", "POST"])
def verify_index(request):
    """Type a code, or drop a PDF to check it against every issued extract."""
    code_form = CodeForm(request.GET if "code" in request.GET else None)
    if code_form.is_valid():
        return redirect("extracts:verify", code=code_form.cleaned_data["code"])
    if code_form.is_bound:
        return _unknown_code(request, code_form)
    upload_form, result, status = _upload_or_blank(request)
    return render(request, "deliberations/verify_index.html", {
        "code_form": code_form, "upload_form": upload_form, **result,
    }, status=status)


@upload_limited
@require_http_methods(["GET", "POST"])
def verify(request, code):
    """What an extract certified, and whether an uploaded copy is byte-for-byte authentic."""
    normalised = issuing.normalise_code(code)
    if not is_code(normalised):
        return _unknown_code(request, CodeForm({"code": code}))
    if normalised != code:
        return redirect("extracts:verify", code=normalised)
    extract = (
        IssuedExtract.objects.select_related(
            "deliberation__session__body__organisation", "superseded_by",
        ).filter(code=normalised).first()
    )
    if extract is None:
        raise Http404("Aucun extrait n'a été émis sous ce code.")
    upload_form, result, status = _upload_or_blank(request)
    certified_record = (extract.certified_data or {}).get("record") or {}
    return render(request, "deliberations/verify.html", {
        "extract": extract,
        # The frozen record the extract rendered, checked as stored now: a record changed
        # behind the database's back no longer matches its hash nor the extract's.
        "record_hash": certified_record.get("sha256", ""),
        "record_check": record.record_check(
            extract.deliberation_id, expected=certified_record.get("sha256", "")),
        "deliberation": extract.deliberation,
        "current": extract.superseded_by_id is None,
        "latest": extract.deliberation.extracts.current().first(),
        "upload_form": upload_form,
        **result,
    }, status=status)
