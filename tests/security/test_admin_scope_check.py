"""`manage.py check` fails when an admin screen is not limited to the account's
organisations: a ModelAdmin (portal.E002), one of its inlines (portal.E003), or a model that
does not say how it reaches its organisation (portal.E004)."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from portal.kernel.scope import OrganisationScopedAdmin, check_admin_scope
from portal.models import Body, BodySettings, Commune


class PlainBodySettingsInline(admin.StackedInline):
    model = BodySettings


@pytest.fixture
def other_site():
    """A second admin site (Django checks every site): emptied afterwards."""
    site = admin.AdminSite(name="autre-admin")
    yield site
    site._registry.clear()


def test_every_registered_admin_screen_is_scoped():
    assert check_admin_scope() == []


def test_check_names_each_screen_without_the_scope(other_site):
    other_site.register(Commune)  # a plain ModelAdmin
    other_site.register(Body, OrganisationScopedAdmin, inlines=[PlainBodySettingsInline])
    other_site.register(Permission, OrganisationScopedAdmin)  # a model of no organisation
    errors = {(error.id, error.msg) for error in check_admin_scope()}
    assert errors == {
        ("portal.E002", "L'écran d'administration de portal.Commune n'est pas limité aux "
                        "collectivités du compte."),
        ("portal.E003", "Le formulaire en ligne PlainBodySettingsInline de portal.Body n'est "
                        "pas limité aux collectivités du compte."),
        ("portal.E004",
         "Le modèle auth.Permission ne dit pas comment il rejoint sa collectivité."),
    }


def test_manage_py_check_fails_for_an_unscoped_admin(other_site):
    other_site.register(Commune)
    with pytest.raises(SystemCheckError, match="portal.E002"):
        call_command("check")
