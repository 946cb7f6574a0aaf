import pytest
from django.core.management import call_command

from territory_project.models import Project


@pytest.fixture
def project(db):
    """The real seed records and the territorial project read from seed 003."""
    call_command("load_seed_records", verbosity=0)
    call_command("load_territorial_project", verbosity=0)
    return Project.objects.select_related("adopted_by", "organisation").get()
