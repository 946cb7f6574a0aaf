"""The OpenAPI document of /api/v1/ is generated without warnings: two apps' serializers with
the same name would otherwise share one component and make the schema wrong (and fail
`check --deploy --fail-level WARNING`)."""

import io

from django.core.management import call_command


def test_the_schema_has_one_component_per_serializer_and_no_warning():
    out = io.StringIO()
    call_command("spectacular", "--fail-on-warn", "--validate", stdout=out, stderr=io.StringIO())
    schema = out.getvalue()
    for component in ("ReportObjective:", "ReportAction:", "Objective:", "Action:"):
        assert f"\n    {component}" in schema
