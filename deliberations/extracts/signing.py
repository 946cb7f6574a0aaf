"""Optional PAdES signature of certified extracts (pyHanko), with a PKCS#12 certificate.

Configured by EXTRACT_SIGNING_P12 (path) and EXTRACT_SIGNING_P12_PASSPHRASE (environment).
The signature is an incremental update: the PDF/A-3b body written by WeasyPrint is kept as is,
and the SHA-256 stored for verification is that of the signed bytes.
"""

import functools
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers


@functools.cache
def _signer(path: str, passphrase: str) -> signers.SimpleSigner:
    signer = signers.SimpleSigner.load_pkcs12(
        path, passphrase=passphrase.encode() if passphrase else None
    )
    if signer is None:
        raise ImproperlyConfigured(
            "Impossible de lire le certificat de signature des extraits "
            "(EXTRACT_SIGNING_P12 / EXTRACT_SIGNING_P12_PASSPHRASE)."
        )
    return signer


def configured_signer() -> signers.SimpleSigner | None:
    """The signer from the settings, or None when signing is not configured."""
    if not settings.EXTRACT_SIGNING_P12:
        return None
    return _signer(settings.EXTRACT_SIGNING_P12, settings.EXTRACT_SIGNING_P12_PASSPHRASE)


def sign_pdf(content: bytes, *, reason: str, signer: signers.SimpleSigner | None = None) -> bytes:
    """Sign a PDF with an invisible PAdES baseline signature (SHA-256)."""
    signer = signer or configured_signer()
    if signer is None:
        raise ImproperlyConfigured("Aucun certificat de signature n'est configuré.")
    writer = IncrementalPdfFileWriter(BytesIO(content))
    meta = signers.PdfSignatureMetadata(
        field_name="Signature",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location="France",
    )
    output = signers.sign_pdf(writer, meta, signer=signer)
    return output.getvalue()
