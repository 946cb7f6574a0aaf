"""portal/kernel/charts.py: SVG line charts drawn on the server, accessible, numbers in French."""

from xml.etree import ElementTree

import pytest

from portal.kernel.charts import (
    NARROWEST_PX,
    Guide,
    Point,
    format_number,
    line_chart,
    nice_ticks,
    rendered_font_px,
)

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(("value", "expected"), [
    (1000, "1\u202f000"), (3.7, "3,7"), (0.42, "0,42"), (770, "770"), (None, "—"),
    (1234567.5, "1\u202f234\u202f567,5"),
])
def test_format_number(value, expected):
    assert format_number(value) == expected


def test_nice_ticks_cover_the_range():
    assert nice_ticks(0, 808.5) == [0, 250, 500, 750, 1000]
    assert nice_ticks(0, 1) == [0, 0.25, 0.5, 0.75, 1.0]


def test_chart_is_an_image_with_title_desc_points_and_guides():
    svg = line_chart(
        [Point(2022, 770, "2022"), Point(2024, 690.5, "2024")],
        title="Déchets <par> habitant", description="Baisse de 770 à 690,5 kg.",
        guides=[Guide(500, "moyenne nationale : 500", "comparison")], chart_id="g1",
    )
    root = ElementTree.fromstring(str(svg))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "g1-titre g1-description"
    assert root.find(f"{SVG}title").text == "Déchets <par> habitant"
    assert root.find(f"{SVG}desc").text == "Baisse de 770 à 690,5 kg."
    assert len(root.findall(f"{SVG}circle")) == 2
    assert len(root.findall(f"{SVG}polyline")) == 1
    values = [t.text for t in root.findall(f"{SVG}text") if t.get("class") == "chart__value"]
    assert values == ["770", "690,5"]
    assert any(t.text == "moyenne nationale : 500" for t in root.findall(f"{SVG}text"))


def test_single_point_chart_has_no_line():
    root = ElementTree.fromstring(str(line_chart([Point(1, 35, "2022")], title="t",
                                                 description="d")))
    assert root.findall(f"{SVG}polyline") == []
    assert len(root.findall(f"{SVG}circle")) == 1


def test_unit_is_written_on_the_axis_and_labels_stay_readable_on_a_phone():
    root = ElementTree.fromstring(str(line_chart(
        [Point(1, 770, "2022"), Point(2, 701, "2025")], title="t", description="d",
        unit="kg par habitant et par an")))
    [unit] = [t for t in root.findall(f"{SVG}text") if t.get("class") == "chart__unit"]
    assert unit.text == "en kg par habitant et par an"
    width = float(root.get("viewBox").split()[2])
    sizes = {float(t.get("font-size")) for t in root.findall(f"{SVG}text")}
    # Drawn 358 px wide on a 390 px screen, every label is at least 12 px high.
    assert min(sizes) * NARROWEST_PX / width >= 12
    assert rendered_font_px() >= 12
