"""`manage.py ensure_admin`: bin/run's administrator account, created quietly, idempotent."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_creates_then_updates_the_account_without_printing_anything(monkeypatch):
    monkeypatch.setenv("ADMIN_PASSWORD", "premier-mot-de-passe")
    out = io.StringIO()
    call_command("ensure_admin", "--username", "greffe", stdout=out)
    monkeypatch.setenv("ADMIN_PASSWORD", "second-mot-de-passe")
    call_command("ensure_admin", "--username", "greffe", stdout=out)
    assert out.getvalue() == ""
    [user] = get_user_model().objects.filter(username="greffe")
    assert user.is_staff and user.is_superuser
    assert user.check_password("second-mot-de-passe")


def test_refuses_without_a_password(monkeypatch):
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="Indiquez le mot de passe"):
        call_command("ensure_admin")
