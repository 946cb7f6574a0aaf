"""Public views of certified extracts: download and verification (/verifier/<code>)."""

from django import forms
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from deliberations import extracts
from deliberations.models import Deliberation, IssuedExtract

# An issued extract weighs tens of kilobytes; refuse to hash anything unreasonable.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class ExtractUploadForm(forms.Form):
    file = forms.FileField(
        label="Fichier PDF de l'extrait",
        help_text="Le fichier n'est pas conservé : seule son empreinte SHA-256 est calculée.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("Le fichier dépasse 20 Mo : ce n'est pas un extrait émis.")
        return upload


class CodeForm(forms.Form):
    code = forms.CharField(label="Code de vérification", max_length=32)


@require_GET
def extract_download(request, slug):
    """The current certified extract of a published deliberation, issued on first request."""
    deliberation = get_object_or_404(Deliberation.objects.published(), slug=slug)
    extract, _ = extracts.extract_get_or_issue(deliberation=deliberation, by=None)
    response = FileResponse(
        extract.file.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"extrait-{deliberation.slug}-v{extract.version}.pdf",
    )
    response["ETag"] = f'"{extract.sha256}"'
    response["Cache-Control"] = "no-cache"
    return response


def _check_upload(request) -> tuple[ExtractUploadForm, dict]:
    """Hash an uploaded file and find the extract it matches."""
    form = ExtractUploadForm(request.POST, request.FILES)
    result = {}
    if form.is_valid():
        upload = form.cleaned_data["file"]
        upload.seek(0)
        match = extracts.extract_find_by_content(upload)
        result = {"checked": True, "match": match, "uploaded_name": upload.name}
    return form, result


@require_http_methods(["GET", "POST"])
def verify_index(request):
    """Type a code, or drop a PDF to check it against every issued extract."""
    code_form = CodeForm(request.GET or None)
    if code_form.is_valid():
        return redirect("extracts:verify", code=extracts.normalise_code(
            code_form.cleaned_data["code"]))
    upload_form, result = (
        _check_upload(request) if request.method == "POST" else (ExtractUploadForm(), {})
    )
    return render(request, "deliberations/verify_index.html", {
        "code_form": code_form, "upload_form": upload_form, **result,
    }, status=400 if request.method == "POST" and not result else 200)


@require_http_methods(["GET", "POST"])
def verify(request, code):
    """What an extract certified, and whether an uploaded copy is byte-for-byte authentic."""
    normalised = extracts.normalise_code(code)
    if normalised != code:
        return redirect("extracts:verify", code=normalised)
    extract = (
        IssuedExtract.objects.select_related(
            "deliberation__session__body__organisation", "superseded_by",
        ).filter(code=normalised).first()
    )
    if extract is None:
        raise Http404("Aucun extrait n'a été émis sous ce code.")
    upload_form, result = (
        _check_upload(request) if request.method == "POST" else (ExtractUploadForm(), {})
    )
    return render(request, "deliberations/verify.html", {
        "extract": extract,
        "deliberation": extract.deliberation,
        "current": extract.superseded_by_id is None,
        "latest": extract.deliberation.extracts.current().first(),
        "upload_form": upload_form,
        **result,
    }, status=400 if request.method == "POST" and not result else 200)
