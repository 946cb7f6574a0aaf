"""PAdES signature of certified extracts with a throw-away self-signed certificate."""

import datetime
import io

import pypdf
import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from deliberations.extracts import issuing
from tests.deliberations.extracts.test_data import build_bureau_session

pytestmark = pytest.mark.django_db

PASSPHRASE = "mot-de-passe-de-test"


@pytest.fixture
def certificate(tmp_path):
    """A self-signed signing certificate in a PKCS#12 file, and the certificate itself."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "FR"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Communauté d'agglomération (test)"),
        x509.NameAttribute(NameOID.COMMON_NAME, "Signature des extraits (test)"),
    ])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=False,
            encipher_only=False, decipher_only=False), critical=True)
        .sign(key, hashes.SHA256())
    )
    path = tmp_path / "signature.p12"
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"extraits", key, cert, None,
        serialization.BestAvailableEncryption(PASSPHRASE.encode()),
    ))
    return path, asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def test_signed_extract_validates_and_its_hash_is_of_the_signed_bytes(
    settings, tmp_path, certificate
):
    path, cert = certificate
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EXTRACT_SIGNING_P12 = str(path)
    settings.EXTRACT_SIGNING_P12_PASSPHRASE = PASSPHRASE
    extract, _ = issuing.extract_get_or_issue(deliberation=build_bureau_session())
    with extract.file.open("rb") as handle:
        content = handle.read()
    assert extract.signed
    assert extract.sha256 == issuing.sha256_of(content)

    reader = PdfFileReader(io.BytesIO(content))
    [signature] = reader.embedded_signatures
    status = validate_pdf_signature(signature, ValidationContext(trust_roots=[cert]))
    assert status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"
    # The incremental update keeps the PDF/A identification of the signed document.
    xmp = pypdf.PdfReader(io.BytesIO(content)).xmp_metadata.rdf_root.toxml()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
