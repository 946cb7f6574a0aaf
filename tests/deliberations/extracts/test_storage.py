"""Issued extracts go to STORAGES["extracts"]: the file system by default, any Django storage
backend when configured (an S3-compatible bucket through django-storages)."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage, InMemoryStorage
from django.test import override_settings

from deliberations.extracts import issuing
from deliberations.models import IssuedExtract
from portal.settings import extracts_storage
from tests.deliberations.extracts.test_data import build_bureau_session


def test_default_is_the_file_system():
    assert extracts_storage({}) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    # The field's storage is a lazy proxy (it follows STORAGES); it is a FileSystemStorage.
    assert isinstance(IssuedExtract._meta.get_field("file").storage, FileSystemStorage)


def test_s3_from_the_environment():
    config = extracts_storage({
        "EXTRACTS_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": "extraits-cabbalr",
        "AWS_S3_ENDPOINT_URL": "https://s3.example.org", "AWS_ACCESS_KEY_ID": "cle",
        "AWS_SECRET_ACCESS_KEY": "secret", "AWS_S3_REGION_NAME": "fr-par",
    })
    assert config == {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": "extraits-cabbalr", "location": "extraits", "default_acl": None,
        "querystring_auth": True, "file_overwrite": False,
        "endpoint_url": "https://s3.example.org", "region_name": "fr-par",
        "access_key": "cle", "secret_key": "secret",
    }}


def test_s3_without_a_bucket_or_an_unknown_kind_is_refused_in_french():
    with pytest.raises(ImproperlyConfigured, match="AWS_STORAGE_BUCKET_NAME"):
        extracts_storage({"EXTRACTS_STORAGE": "s3"})
    with pytest.raises(ImproperlyConfigured, match="« filesystem » ou « s3 »"):
        extracts_storage({"EXTRACTS_STORAGE": "ftp"})


@pytest.mark.django_db
def test_an_extract_is_issued_into_the_configured_backend(tmp_path):
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        "extracts": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    with override_settings(STORAGES=storages, MEDIA_ROOT=tmp_path):
        deliberation = build_bureau_session()
        extract, _ = issuing.extract_get_or_issue(deliberation=deliberation)
        storage = IssuedExtract._meta.get_field("file").storage
        assert isinstance(storage._wrapped, InMemoryStorage)
        assert storage.exists(extract.file.name)
        with extract.file.open("rb") as handle:
            assert issuing.sha256_of(handle) == extract.sha256
        assert not any(tmp_path.rglob("*.pdf"))  # nothing on the file system
