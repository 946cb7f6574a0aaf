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


# Communauté de communes Porte de DrômArdèche, 31 October 2019 (tests/fixtures/minutes/
# porte-de-dromardeche-2019-10-31): one flattened line, each heading followed by its figure.
DROMARDECHE = (
    "NOMBRE DE CONSEILLERS EN EXERCICE : 6 Présents titulaires : 3 VRANOLLE Aurèle, CRESSAC "
    "Inès, GONELET Jules Absents et excusés : 3 LAURDIER Bastien, MERCANTIER Odile, SOUVELLEC "
    "Hugo Suppléants remplaçant de droit titulaires absents : 1 BARNAUDIN Lucien (pour "
    "MERCANTIER Odile), Pouvoirs : 1 CRESSAC Inès (pour LAURDIER Bastien)")


def test_suppleants_remplacant_de_droit_heading_names_the_suppleant_first():
    # « X (pour Y) »: X sits for the titular Y, whom the excused list already names (counted
    # once); the figure after the heading counts the suppléants, not the absents; the
    # suppléant is no member in office (6 = 3 titulars present + 2 excused + 1 represented).
    result = parse_attendance(DROMARDECHE)
    assert names(result) == ["VRANOLLE Aurèle", "CRESSAC Inès", "GONELET Jules",
                             "BARNAUDIN Lucien"]
    assert result.present[-1].replaces == "MERCANTIER Odile"
    assert result.excused == ["MERCANTIER Odile", "SOUVELLEC Hugo"]
    assert result.absent == []
    assert result.stated_counts.absent is None
    assert kinds(result) == ["substitute"]  # the suppléant was not among the présents


def test_delegues_suppleants_ayant_pouvoir_de_son_titulaire_sit_as_presents():
    # Communauté de communes du Sud-Ouest Amiénois, 28 September 2007 (tests/fixtures/minutes/
    # sud-ouest-amienois-2007-09-28): under « Etaient présents », the suppléants who hold their
    # titular's power (no procuration: the suppléant sits), each « (suppléant de M Y) »; the
    # titulars are named among the excused too, and count once.
    result = parse_attendance(
        "Etaient présents :\n"
        "Délégués titulaires : M. VRANOLLE, Mme CRESSAC.\n"
        "Délégués suppléants ayant pouvoir de son titulaire : M. GONELET (suppléant de\n"
        "M. LAURDIER), M. SOUVELLEC (suppléant de Mme MERCANTIER).\n"
        "Etaient absents ou excusés : M. LAURDIER, Mme MERCANTIER, M. BARNAUDIN.\n")
    assert names(result) == ["VRANOLLE", "CRESSAC", "GONELET", "SOUVELLEC"]
    assert [entry.replaces for entry in result.present[2:]] == ["LAURDIER", "MERCANTIER"]
    assert result.suppleants == ["GONELET", "SOUVELLEC"]
    assert result.excused == ["LAURDIER", "MERCANTIER", "BARNAUDIN"]
    assert result.proxies == []
