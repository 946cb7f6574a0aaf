"""The parser on how French minutes write the suppléants who sit for titular members
(L5211-6): headings that name them, titulars listed with the mention of their suppléant, and
substitutions written after other entries. One test per rule, each built from a real block
with personal names replaced by fictitious ones (layout, civilities, separators and
punctuation kept); the source is cited at each test. A titular replaced by a suppléant is
counted excused, the suppléant present (the rule of the corpus)."""

from deliberations.minutes.parsing import parse_attendance
from tests.deliberations.minutes.test_parsing_layouts import kinds, names


def test_absents_presence_du_suppleant_heading_lists_excused_titulars():
    # Communauté de communes Isle et Crempse en Périgord, 1 December 2020 (tests/fixtures/
    # minutes/isle-et-crempse-2020-12-01): the titular whose suppléant sits is listed under
    # « Absents (présence du suppléant) : », the suppléant among the présents; then the
    # secretary's sentence without its subject, the name on the next line.
    result = parse_attendance(
        "Présents : M. Aurèle VRANOLLE, Mme Inès CRESSAC, M. Jules Pierre GONELET.\n"
        "Absents (présence du suppléant) : Mme Odile CRESSAC,\n"
        "A été nommée Secrétaire de séance :\n"
        "Mme Inès CRESSAC\n")
    assert names(result) == ["Aurèle VRANOLLE", "Inès CRESSAC", "Jules Pierre GONELET"]
    assert result.excused == ["Odile CRESSAC"]
    assert result.absent == []
    assert result.secretary == "Inès CRESSAC"
    assert not kinds(result)
