"""Table-driven tests of the minutes parser on the seed extracts and on the forms clerks
actually write. Pure: no database."""

import datetime

import pytest
from django.conf import settings

from deliberations.minutes.parsing import (
    ANOMALY_LABELS,
    ParseError,
    PresentEntry,
    ProxyEntry,
    parse_attendance,
    parse_date,
    parse_deliberation,
    parse_session_header,
    split_full_name,
)
from portal.kernel.names import name_key


def seed_text(prefix: str) -> str:
    (path,) = sorted(settings.SEEDS_DIR.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def bureau():
    return parse_attendance(seed_text("000"))


@pytest.fixture(scope="module")
def conseil():
    return parse_attendance(seed_text("003"))


def present(result, name):
    (entry,) = [entry for entry in result.present if entry.name == name]
    return entry


def kinds(result):
    return [anomaly.kind for anomaly in result.anomalies]


# --- seed 000: Bureau communautaire of 18 Oct 2022 ------------------------------------------


def test_bureau_counts(bureau):
    assert (len(bureau.present), len(bureau.proxies), len(bureau.excused)) == (62, 14, 29)
    assert bureau.absent == []


def test_bureau_per_item_notes(bureau):
    assert present(bureau, "OGIEZ Gérard") == PresentEntry("OGIEZ Gérard", 5, None, None)
    assert present(bureau, "JURCZYK Jean-François").from_item == 14
    limited = {proxy.giver: proxy for proxy in bureau.proxies if proxy.until_item}
    assert limited == {
        "OGIEZ Gérard": ProxyEntry("OGIEZ Gérard", "MEYFROIDT Sylvie", None, 4),
        "JURCZYK Jean-François": ProxyEntry("JURCZYK Jean-François", "LECONTE Maurice",
                                            None, 13),
    }


def test_bureau_glued_names_give_two_people_and_an_anomaly(bureau):
    names = [entry.name for entry in bureau.present]
    assert "LECOMTE Maurice" in names and "LECONTE Maurice" in names
    assert not any("Gérard LECOMTE" in name or name.endswith("Gérard") and "JURCZYK" in name
                   for name in names)
    (glued,) = [a for a in bureau.anomalies if a.kind == "glued_names"]
    assert "JURCZYK Jean-François Gérard" in glued.text
    assert "Gérard" in glued.message and "LECOMTE Maurice" in glued.message


def test_bureau_empty_entry_reported(bureau):
    (empty,) = [a for a in bureau.anomalies if a.kind == "empty_entry"]
    assert "MULLET Rosemonde" in empty.text and "OGIEZ Gérard" in empty.text
    assert "vide" in empty.message


def test_bureau_has_no_false_alarm(bureau):
    assert sorted(kinds(bureau)) == ["empty_entry", "glued_names"]


def test_bureau_secretary_and_people_total(bureau):
    assert bureau.secretary == "DEMULIER Jérôme"
    listed = {name_key(e.name) for e in bureau.present} | {
        name_key(p.giver) for p in bureau.proxies} | {name_key(n) for n in bureau.excused}
    assert len(listed) == 103


# --- seed 003: Conseil communautaire of 6 Dec 2022 ------------------------------------------


def test_conseil_counts(conseil):
    assert (len(conseil.present), len(conseil.proxies), len(conseil.excused)) == (104, 24, 24)
    assert conseil.secretary == "COCQ Bertrand"


def test_conseil_line_break_hyphen_is_matched_and_kept(conseil):
    assert "MEY-FROIDT Sylvie" in [entry.name for entry in conseil.present]
    (proxy,) = [p for p in conseil.proxies if p.giver == "DESQUIRET Christophe"]
    assert proxy.holder == "MEYFROIDT Sylvie"
    assert "holder_not_present" not in kinds(conseil)


def test_conseil_proxy_split_over_page_break(conseil):
    assert ProxyEntry("DASSONVAL Michel", "MARGEZ Maryse") in conseil.proxies


def test_conseil_markdown_removed_and_no_anomaly(conseil):
    names = [e.name for e in conseil.present] + conseil.excused
    assert not any("*" in name for name in names)
    assert conseil.anomalies == []
    assert len({name_key(n) for n in conseil.all_names()}) == 152


def test_to_dict_shape(bureau):
    data = bureau.to_dict()
    assert list(data) == ["present", "proxies", "excused", "absent", "secretary",
                          "other_secretaries", "stated_counts", "anomalies"]
    assert set(data["present"][0]) == {"name", "from_item", "until_item", "replaces"}
    assert set(data["proxies"][0]) == {"giver", "holder", "from_item", "until_item"}
    assert set(data["stated_counts"]) == {"in_office", "present", "voters", "proxies", "absent",
                                         "excused"}
    assert set(data["anomalies"][0]) == {"kind", "text", "message"}


# --- headings, separators, names -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected_present, expected_excused",
    [
        ("ETAIENT PRESENTS :\nDUPONT Jean, MARTIN Anne", ["DUPONT Jean", "MARTIN Anne"], []),
        ("Étaient présents : DUPONT Jean", ["DUPONT Jean"], []),
        ("**Etaient présents :**\n*DUPONT Jean, MARTIN Anne*", ["DUPONT Jean", "MARTIN Anne"],
         []),
        ("_Présents_ :\nDUPONT Jean", [], []),  # underscores are not markdown we strip
        ("Présents :\nDUPONT Jean\nMARTIN Anne\n\nExcusés :\nDURAND Paul",
         ["DUPONT Jean", "MARTIN Anne"], ["DURAND Paul"]),
        ("PRESENTS: DUPONT Jean ; MARTIN Anne - DURAND Paul et LEROY Marc",
         ["DUPONT Jean", "MARTIN Anne", "DURAND Paul", "LEROY Marc"], []),
        ("Présents :\n- DUPONT Jean\n- MARTIN Anne", ["DUPONT Jean", "MARTIN Anne"], []),
        ("Présents : DUPONT Jean.\nETAIENT ABSENTS EXCUSES : MARTIN Anne.", ["DUPONT Jean"],
         ["MARTIN Anne"]),
        ("Étaient présent(e)s : DUPONT Jean\nAbsent(e)s excusé(e)s : MARTIN Anne",
         ["DUPONT Jean"], ["MARTIN Anne"]),
    ],
)
def test_headings_and_separators(text, expected_present, expected_excused):
    if not expected_present and not expected_excused:
        with pytest.raises(ParseError):
            parse_attendance(text)
        return
    result = parse_attendance(text)
    assert [entry.name for entry in result.present] == expected_present
    assert result.excused == expected_excused


@pytest.mark.parametrize(
    "written, name",
    [
        ("M. DUPONT Jean", "DUPONT Jean"),
        ("Mme LE PENHUIZIC Anne", "LE PENHUIZIC Anne"),
        ("Monsieur DE CARRION Alain", "DE CARRION Alain"),
        ("Madame COSTA RIBEIRO GOMES Ana", "COSTA RIBEIRO GOMES Ana"),
        ("PRUD'HOMME Sandrine", "PRUD'HOMME Sandrine"),
        ("PRUD’HOMME Sandrine", "PRUD’HOMME Sandrine"),
        ("TOURSEL-DERUELLE Karine", "TOURSEL-DERUELLE Karine"),
        ("SAINT-ANDRÉ Stéphane", "SAINT-ANDRÉ Stéphane"),
        ("LECLERC C.", "LECLERC C."),
        ("PENAUD JP.", "PENAUD JP."),
        ("Jean-Pierre DUPONT", "Jean-Pierre DUPONT"),
        ("Alain de CARRION", "Alain de CARRION"),
        ("Mme Martin", "Martin"),
        ("DUPONT   Jean", "DUPONT Jean"),
    ],
)
def test_names_as_written_without_civility(written, name):
    result = parse_attendance(f"Présents : {written}, MARTIN Anne")
    assert [entry.name for entry in result.present] == [name, "MARTIN Anne"]
    assert result.anomalies == []


@pytest.mark.parametrize(
    "text, names",
    [
        # A name wrapped over two lines.
        ("Présents : DUPONT Jean, LECONTE\nMaurice, MARTIN Anne",
         ["DUPONT Jean", "LECONTE Maurice", "MARTIN Anne"]),
        ("Présents :\nJean-\nFrançois DUPONT", ["Jean-François DUPONT"]),
        ("Présents : DUPONT Jean, MEY-\nFROIDT Sylvie", ["DUPONT Jean", "MEY-FROIDT Sylvie"]),
        # One complete name per line: the break is a separator.
        ("Présents :\nDUPONT Jean\nMARTIN Anne", ["DUPONT Jean", "MARTIN Anne"]),
    ],
)
def test_wrapped_names(text, names):
    assert [entry.name for entry in parse_attendance(text).present] == names


# --- per-item notes and substitutes -----------------------------------------------------------


@pytest.mark.parametrize(
    "entry, from_item, until_item",
    [
        ("DUPONT Jean (à partir de la question 5)", 5, None),
        ("DUPONT Jean (A PARTIR DE LA QUESTION N° 5)", 5, None),
        ("DUPONT Jean (jusqu'à la question 4)", None, 4),
        ("DUPONT Jean(jusqu’à la question 4)", None, 4),
        ("DUPONT Jean (arrivée à la question 3)", 3, None),
        ("DUPONT Jean arrivé(e) à la question 3", 3, None),
        ("DUPONT Jean (quitte la séance après la question 12)", None, 12),
        ("DUPONT Jean (quitte la séance avant la question 12)", None, 11),
        ("DUPONT Jean (à partir du point 2 jusqu'au point 9)", 2, 9),
    ],
)
def test_present_item_notes(entry, from_item, until_item):
    result = parse_attendance(f"Présents : {entry}, MARTIN Anne")
    assert result.present[0] == PresentEntry("DUPONT Jean", from_item, until_item, None)
    assert result.present[1] == PresentEntry("MARTIN Anne")


def test_note_after_a_comma_belongs_to_the_previous_name():
    result = parse_attendance("Présents : DUPONT Jean, arrivé à la question 3, MARTIN Anne")
    assert result.present == [PresentEntry("DUPONT Jean", 3), PresentEntry("MARTIN Anne")]


@pytest.mark.parametrize(
    "entry, expected",
    [
        ("LEROY Marc (suppléant de PETIT Luc)", PresentEntry("LEROY Marc", replaces="PETIT Luc")),
        ("LEROY Marie (suppléante de PETIT Luc)",
         PresentEntry("LEROY Marie", replaces="PETIT Luc")),
        ("LEROY Marc (remplace M. PETIT Luc)", PresentEntry("LEROY Marc", replaces="PETIT Luc")),
        ("PETIT Lucie (remplacée par LEROY Marc)",
         PresentEntry("LEROY Marc", replaces="PETIT Lucie")),
        ("LEROY Marc suppléant de PETIT Luc", PresentEntry("LEROY Marc", replaces="PETIT Luc")),
    ],
)
def test_substitutes(entry, expected):
    assert parse_attendance(f"Présents : {entry}").present == [expected]


def test_unknown_note_is_reported():
    result = parse_attendance("Présents : DUPONT Jean (maire de Béthune)")
    assert result.present == [PresentEntry("DUPONT Jean")]
    assert kinds(result) == ["unparsed_note"]


# --- proxies ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "heading, entry",
    [
        ("PROCURATIONS", "MARTIN Paul donne procuration à DUPONT Jean"),
        ("Procurations", "MARTIN Paul a donné pouvoir à DUPONT Jean"),
        ("Pouvoirs", "MARTIN Paul à DUPONT Jean"),
        ("Pouvoirs", "MARTIN Paul (pouvoir à DUPONT Jean)"),
        ("Délégués représentés par pouvoir", "MARTIN Paul représenté par DUPONT Jean"),
        ("Pouvoirs", "pouvoir de MARTIN Paul à DUPONT Jean"),
        ("Procurations", "M. MARTIN Paul donne procuration\n\nà M. DUPONT Jean"),
        ("Absents excusés ayant donné procuration", "MARTIN Paul à DUPONT Jean"),
        ("ETAIENT ABSENTS EXCUSES", "MARTIN Paul (pouvoir à DUPONT Jean)"),
    ],
)
def test_proxy_forms(heading, entry):
    result = parse_attendance(f"Présents : DUPONT Jean\n{heading} :\n{entry}")
    assert result.proxies == [ProxyEntry("MARTIN Paul", "DUPONT Jean")]
    assert result.anomalies == []


@pytest.mark.parametrize("note", ["(pouvoir de MARTIN Paul)", "(procuration de MARTIN Paul)",
                                  "(porteur du pouvoir de M. MARTIN Paul)"])
def test_present_member_holding_a_proxy(note):
    result = parse_attendance(f"Présents : DUPONT Jean {note}, LEROY Marc")
    assert [entry.name for entry in result.present] == ["DUPONT Jean", "LEROY Marc"]
    assert result.proxies == [ProxyEntry("MARTIN Paul", "DUPONT Jean")]
    assert result.anomalies == []


def test_proxy_for_some_items_only():
    result = parse_attendance(
        "Présents : DUPONT Jean, MARTIN Paul (à partir de la question 5)\n"
        "Procurations : MARTIN Paul donne procuration à DUPONT Jean (jusqu'à la question 4), "
        "LEROY Marc donne procuration à DUPONT Jean (à partir de la question 5)"
    )
    assert result.proxies == [ProxyEntry("MARTIN Paul", "DUPONT Jean", None, 4),
                              ProxyEntry("LEROY Marc", "DUPONT Jean", 5, None)]
    # One proxy per holder per item (L2121-20): the two ranges do not overlap.
    assert result.anomalies == []


# --- secretary and end of block ---------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Monsieur DUPONT Jean est élu Secrétaire,",
        "M. DUPONT Jean est élu(e) secrétaire de séance.",
        "Secrétaire de séance : M. DUPONT Jean",
        "secrétaire de séance : DUPONT Jean",
        "DUPONT Jean a été désigné secrétaire de séance",
        "DUPONT Jean, secrétaire de séance",
    ],
)
def test_secretary_lines(line):
    result = parse_attendance(f"Présents : DUPONT Jean, MARTIN Anne\n{line}\nLa séance est "
                              "ouverte")
    assert result.secretary == "DUPONT Jean"


@pytest.mark.parametrize("marker", ["La séance est ouverte,", "DELIBERATION DU CONSEIL",
                                    "Question n° 1 : budget", "Secrétaire de séance : LEROY Marc"])
def test_block_ends_at_marker(marker):
    result = parse_attendance(f"Présents :\nDUPONT Jean\n{marker}\nMARTIN Anne")
    assert [entry.name for entry in result.present] == ["DUPONT Jean"]


def test_no_attendance_section_raises_french_error():
    with pytest.raises(ParseError, match="Aucune liste de présence"):
        parse_attendance("Le Conseil a délibéré.")


# --- stated counts and anomalies ---------------------------------------------------------------


def test_stated_counts_read_and_consistent():
    result = parse_attendance(
        "Nombre de conseillers en exercice : 4\nprésents : 2\nvotants : 3\nprocurations : 1\n"
        "Présents : DUPONT Jean, MARTIN Anne\nProcurations : LEROY Marc à DUPONT Jean\n"
        "Excusés : PETIT Luc"
    )
    assert (result.stated_counts.in_office, result.stated_counts.present,
            result.stated_counts.voters, result.stated_counts.proxies) == (4, 2, 3, 1)
    assert result.anomalies == []


def test_represented_is_not_read_as_present_count():
    result = parse_attendance("Présents ou représentés : 3\nPrésents : DUPONT Jean")
    assert result.stated_counts.present is None


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Présents : DUPONT Jean, , MARTIN Anne", "empty_entry"),
        ("Présents : DUPONT Jean MARTIN Anne", "glued_names"),
        ("Présents : DUPONT Jean, Dupont Jean", "duplicate_name"),
        ("Présents : DUPONT Jean\nExcusés : DUPONT Jean", "present_and_excused"),
        ("Présents : DUPONT Jean\nProcurations : A-B C-D à DUPONT Jean, LEROY Marc à DUPONT Jean",
         "holder_multiple_proxies"),
        ("Présents : DUPONT Jean\nProcurations : LEROY Marc à MARTIN Anne", "holder_not_present"),
        ("Présents : DUPONT Jean (à partir de la question 3)\n"
         "Procurations : LEROY Marc à DUPONT Jean", "holder_not_present"),
        ("présents : 3\nPrésents : DUPONT Jean, MARTIN Anne", "count_mismatch"),
        ("Nombre de membres en exercice : 10\nPrésents : DUPONT Jean", "count_mismatch"),
        ("votants : 9\nPrésents : DUPONT Jean", "count_mismatch"),
        ("Procurations : 2\nPrésents : DUPONT Jean", "count_mismatch"),
        ("Procurations : voir la liste en annexe", "unparsed_entry"),
        ("Présents : DUPONT Jean, 12 rue des Lilas", "unparsed_entry"),
    ],
)
def test_anomalies_are_reported(text, kind):
    result = parse_attendance(text)
    assert kind in kinds(result)
    assert all(anomaly.message for anomaly in result.anomalies)
    assert set(kinds(result)) <= set(ANOMALY_LABELS)


@pytest.mark.parametrize("nothing", ["néant", "Néant.", "sans objet", "aucune"])
def test_empty_section_is_not_an_entry(nothing):
    result = parse_attendance(f"Présents : DUPONT Jean\nProcurations : {nothing}")
    assert (result.proxies, result.anomalies) == ([], [])


def test_glued_names_still_give_the_best_reading():
    result = parse_attendance("Présents : DUPONT Jean MARTIN Anne, LEROY Marc")
    assert [e.name for e in result.present] == ["DUPONT Jean", "MARTIN Anne", "LEROY Marc"]


def test_leconte_and_lecomte_are_two_people():
    result = parse_attendance("Présents : LECONTE Maurice, LECOMTE Maurice")
    assert "duplicate_name" not in kinds(result)


# --- helpers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "full, expected",
    [
        ("DUPONT Jean", ("DUPONT", "Jean")),
        ("LE PENHUIZIC Anne-Marie", ("LE PENHUIZIC", "Anne-Marie")),
        ("COSTA RIBEIRO GOMES Ana", ("COSTA RIBEIRO GOMES", "Ana")),
        ("Jean-Pierre DUPONT", ("DUPONT", "Jean-Pierre")),
        ("PENAUD JP.", ("PENAUD", "JP.")),
        ("Martin", ("Martin", "")),
    ],
)
def test_split_full_name(full, expected):
    assert split_full_name(full) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("20 OCT. 2022", datetime.date(2022, 10, 20)),
        ("**14 DEC. 2022**", datetime.date(2022, 12, 14)),
        ("le 1er juillet 2022", datetime.date(2022, 7, 1)),
        ("18 octobre 2022", datetime.date(2022, 10, 18)),
        ("6 décembre 2022", datetime.date(2022, 12, 6)),
        ("20/10/2022", datetime.date(2022, 10, 20)),
        ("31 février 2022", None),
        ("sans date", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


# --- session preamble and deliberation --------------------------------------------------------


@pytest.mark.parametrize(
    "prefix, expected",
    [
        ("000", dict(date=datetime.date(2022, 10, 18), starts_at=datetime.time(17, 30),
                     body_name="Bureau Communautaire", place="salle Olof Palme de Béthune",
                     president="GACQUERRE Olivier", convened_on=datetime.date(2022, 10, 12),
                     convocation_posted_at="Hôtel Communautaire")),
        ("003", dict(date=datetime.date(2022, 12, 6), starts_at=datetime.time(19, 0),
                     body_name="Conseil Communautaire", place="Hôtel Communautaire de Béthune",
                     president="GACQUERRE Olivier", convened_on=datetime.date(2022, 11, 30),
                     convocation_posted_at="Hôtel Communautaire")),
    ],
)
def test_session_header_from_seeds(prefix, expected):
    header = parse_session_header(seed_text(prefix))
    assert {key: getattr(header, key) for key in expected} == expected
    assert header.president_capacity.startswith("Président de la Communauté")


def test_session_header_variant():
    header = parse_session_header(
        "Le 1er juillet 2024 à 18h, le Comité syndical s'est réuni au siège du PMA à Lens, "
        "sous la présidence de Mme LEVEUGLE Emmanuelle, Présidente, sur convocation du "
        "25 juin 2024 affichée en mairie."
    )
    assert (header.date, header.starts_at, header.body_name, header.place, header.president,
            header.convened_on, header.convocation_posted_at) == (
        datetime.date(2024, 7, 1), datetime.time(18, 0), "Comité syndical",
        "siège du PMA à Lens", "LEVEUGLE Emmanuelle", datetime.date(2024, 6, 25), "mairie")


def test_session_header_missing():
    with pytest.raises(ParseError):
        parse_session_header("Présents : DUPONT Jean")


def test_deliberation_000():
    text = parse_deliberation(seed_text("000"))
    assert text.theme == "DEVELOPPEMENT ÉCONOMIQUE, EMPLOI ET TRANSITION NUMERIQUE"
    assert text.title == "RAPPORT D'ACTIVITES DU POLE METROPOLITAIN DE L'ARTOIS"
    assert text.report.startswith("L'article L.5211-39")
    assert text.report.endswith("l'Assemblée est invitée à en prendre acte.")
    assert "« Développement Economique et Transition Ecologique »" in text.report
    assert text.president_request.startswith("Monsieur le Président demande")
    assert "En vertu des délibérations du Conseil communautaire" in text.president_request
    assert text.vote_wording == "A la majorité absolue"
    assert text.decision.startswith("PREND ACTE du rapport d'activités")
    assert "\n\nPRECISE que la présente délibération" in text.decision
    assert text.appeal_clause.startswith("INFORME que cette délibération peut faire l'objet")
    assert "tribunal administratif de Lille" in text.appeal_clause
    assert text.signatory == "BOSSART Steve"
    assert text.signatory_capacity == "Par délégation du Président, le Vice-président délégué"
    assert text.received_on == text.published_on == datetime.date(2022, 10, 20)
    assert text.date == datetime.date(2022, 10, 18)


def test_deliberation_003():
    text = parse_deliberation(seed_text("003"))
    assert text.theme == "ADMINISTRATION GENERALE ET MOYENS GENERAUX"
    assert text.title == ("ADOPTION DU PROJET DE TERRITOIRE DE LA COMMUNAUTE D'AGGLOMERATION DE "
                          "BETHUNE-BRUAY, ARTOIS LYS ROMANE – L'AGGLO 100% DURABLE")
    assert text.report.endswith("tel que ci-annexé.")
    assert text.decision.startswith("ADOPTE le projet de territoire")
    assert "INFORME" not in text.decision
    assert text.signatory == "GACQUERRE Olivier"
    assert text.signatory_capacity == "Le Président"
    assert text.received_on == text.published_on == datetime.date(2022, 12, 14)


def test_deliberation_variant_unanimity():
    text = parse_deliberation(
        "DELIBERATION DU CONSEIL COMMUNAUTAIRE\n18 mars 2024\n\nFINANCES\n\nBUDGET PRIMITIF\n\n"
        "Monsieur le Président expose :\n\n« Il est proposé d'adopter le budget. »\n\n"
        "Le Conseil communautaire,\nA l'unanimité,\n\nAPPROUVE le budget.\n\nAUTORISE le "
        "Président à signer.\n\nAinsi fait et délibéré,\nPour extrait conforme,\nLe Président,"
        "\n\nCertifié exécutoire compte tenu de la réception en préfecture le 20/03/2024 et de "
        "la publication le 21/03/2024\n\nDUPONT Jean"
    )
    assert (text.theme, text.title, text.vote_wording) == ("FINANCES", "BUDGET PRIMITIF",
                                                           "A l'unanimité")
    assert text.report == "Il est proposé d'adopter le budget."
    assert text.decision == "APPROUVE le budget.\n\nAUTORISE le Président à signer."
    assert text.appeal_clause == ""
    assert (text.received_on, text.published_on) == (datetime.date(2024, 3, 20),
                                                     datetime.date(2024, 3, 21))
    assert text.signatory == "DUPONT Jean"


def test_deliberation_without_guillemets():
    text = parse_deliberation(
        "La séance est ouverte,\n\nVOIRIE\n\nTRAVAUX RUE DES LILAS\n\n"
        "Monsieur DUPONT, rapporteur, expose :\n\nLes travaux sont urgents.\n\n"
        "Le coût est de 10 000 €.\n\nMonsieur le Président demande à l'Assemblée de bien "
        "vouloir se prononcer,\n\nA la majorité absolue,\n\nDECIDE de réaliser les travaux."
    )
    assert (text.theme, text.title) == ("VOIRIE", "TRAVAUX RUE DES LILAS")
    assert text.report == "Les travaux sont urgents.\n\nLe coût est de 10 000 €."
    assert text.president_request.startswith("Monsieur le Président demande")
    assert (text.vote_wording, text.decision) == ("A la majorité absolue",
                                                  "DECIDE de réaliser les travaux.")


def test_deliberation_without_report_raises():
    with pytest.raises(ParseError):
        parse_deliberation("Rien à voir.")
