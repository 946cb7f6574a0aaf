"""The attendance parser on the catalogue of real wordings (docs/minutes-wording.md; not part of
the test suite): one short fragment per wording, pseudonymised, with what it must read.

    .venv/bin/python benchmarks/run.py wording [--verbose]

Prints how many wordings are read as expected, how many are flagged (not read, but an anomaly
says so) and how many are silently wrong (not read, no anomaly), and with --verbose each one
that is not read. Run against an older commit (copy this file there) to measure a change.
"""

import argparse

from deliberations.minutes.parsing import ParseError, parse_attendance

PRESENT = "Présents : M. Aurèle VRANOLLE, Mme Inès BARNAUDIN, M. Jules CRESSAC.\n"
THREE = ["VRANOLLE", "BARNAUDIN", "CRESSAC"]


def _after(line: str) -> str:
    return PRESENT + line


# (wording, fragment, expected): expected names the surnames of each list read, the proxies
# as (giver, holder) surnames, the secretary's surname, and items of notes as (surname, from,
# until); lists not named must be empty.
CATALOGUE = [
    # Headings of the présents
    ("Étaient présents :", "Étaient présents : M. Aurèle VRANOLLE, Mme Inès BARNAUDIN, M. Jules "
     "CRESSAC.", {"present": THREE}),
    ("Présents :", PRESENT, {"present": THREE}),
    ("Membres présents :", "Membres présents : M. Aurèle VRANOLLE, Mme Inès BARNAUDIN, M. Jules "
     "CRESSAC.", {"present": THREE}),
    ("Délégués titulaires présents :", "Délégués titulaires présents : M. Aurèle VRANOLLE, Mme "
     "Inès BARNAUDIN, M. Jules CRESSAC.", {"present": THREE}),
    ("Étaient présents ou représentés :", "Étaient présents ou représentés : M. Aurèle VRANOLLE, "
     "Mme Inès BARNAUDIN, M. Jules CRESSAC.", {"present": THREE}),
    ("Conseillers présents :", "Conseillers présents : M. Aurèle VRANOLLE, Mme Inès BARNAUDIN, "
     "M. Jules CRESSAC.", {"present": THREE}),
    ("Sont présents :", "Sont présents : M. Aurèle VRANOLLE, Mme Inès BARNAUDIN, M. Jules "
     "CRESSAC.", {"present": THREE}),
    ("Présents : Mesdames et Messieurs NOM, NOM", "Présents : Mesdames et Messieurs VRANOLLE, "
     "BARNAUDIN, CRESSAC.", {"present": THREE}),
    ("Étaient présents, Mesdames et Messieurs :", "Étaient présents, Mesdames et Messieurs : "
     "VRANOLLE A., BARNAUDIN I., CRESSAC J.", {"present": THREE}),
    ("Étaient présents les conseillers communautaires suivants :", "Étaient présents les "
     "conseillers communautaires suivants : M. Aurèle VRANOLLE, Mme Inès BARNAUDIN, M. Jules "
     "CRESSAC.", {"present": THREE}),
    ("Présents ayant voix délibérative :", "Présents ayant voix délibérative : VRANOLLE Aurèle, "
     "BARNAUDIN Inès, CRESSAC Jules.", {"present": THREE}),
    ("Membres suppléants avec voix délibérative :", "Étaient présents : Membres titulaires : "
     "VRANOLLE Aurèle, BARNAUDIN Inès. Membres suppléants avec Voix Délibératives : CRESSAC "
     "Jules.", {"present": THREE}),
    ("Présents en présentiel : / Présents en visioconférence :", "Présents en présentiel : M. "
     "Aurèle VRANOLLE, Mme Inès BARNAUDIN\nPrésents en visioconférence : M. Jules CRESSAC",
     {"present": THREE}),
    ("Assistaient à la séance : (no other list)", "Assistaient à la séance : M. Aurèle VRANOLLE, "
     "Mme Inès BARNAUDIN, M. Jules CRESSAC.", {"present": THREE}),
    ("Assistaient également : (guests)", PRESENT + "Assistaient également à la séance : M. Yves "
     "LEROY.", {"present": THREE}),
    ("Maire : / Conseillers municipaux : (no présents heading)", "Maire : A. VRANOLLE\n"
     "Conseillers Municipaux : I. BARNAUDIN, J. CRESSAC", {"present": THREE}),
    ("MM. A, B, Mmes C (one civility, several names)", "Présents : MM. VRANOLLE Aurèle, CRESSAC "
     "Jules, Mmes BARNAUDIN Inès.", {"present": ["VRANOLLE", "CRESSAC", "BARNAUDIN"]}),
    ("capacities after names (1ère Vice-Présidente, conseiller délégué)", "Présents : M. Aurèle "
     "VRANOLLE, Président, Mme Inès BARNAUDIN, 1ère Vice-Présidente, M. Jules CRESSAC, "
     "conseiller délégué.", {"present": THREE}),
    # Headings of the procurations
    ("Pouvoirs :", _after("Pouvoirs : M. Luc GONELET à M. Aurèle VRANOLLE."),
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")]}),
    ("Procurations :", _after("Procurations : M. Luc GONELET à M. Aurèle VRANOLLE."),
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")]}),
    ("Mandats :", _after("Mandats : M. Luc GONELET à M. Aurèle VRANOLLE."),
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")]}),
    ("Délégations de vote :", _after("Délégations de vote : M. Luc GONELET à M. Aurèle "
                                     "VRANOLLE."),
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")]}),
    ("A donné délégation de vote :", _after("A donné délégation de vote : M. Luc GONELET à M. "
                                            "Aurèle VRANOLLE."),
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")]}),
    ("Ont donné procuration :", _after("Ont donné procuration : M. Luc GONELET à M. Aurèle "
                                       "VRANOLLE."),
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")]}),
    ("Absents excusés ayant donné pouvoir :", _after("Absents excusés ayant donné pouvoir : M. "
                                                     "Luc GONELET à M. Aurèle VRANOLLE."),
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")]}),
    ("Excusé(e)s ayant donné pouvoir :", _after("Excusé(e)s ayant donné pouvoir : M. Luc "
                                                "GONELET à M. Aurèle VRANOLLE."),
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")]}),
    ("Excusés avec pouvoir :", _after("Excusés avec pouvoir : M. Luc GONELET à M. Aurèle "
                                      "VRANOLLE."),
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")]}),
    ("Absents représentés :", _after("Absents représentés : M. Luc GONELET représenté par M. "
                                     "Aurèle VRANOLLE."),
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")]}),
    ("Excusés représentés :", _after("Excusés représentés : M. Luc GONELET (pouvoir à M. Aurèle "
                                     "VRANOLLE)."),
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")]}),
    ("Absents excusés et représentés :", _after("Absents excusés et représentés : M. Luc "
                                                "GONELET à M. Aurèle VRANOLLE."),
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")]}),
    ("Délégués représentés par pouvoir :", _after("Délégués représentés par pouvoir :\nM. Luc "
                                                  "GONELET à M. Aurèle VRANOLLE"),
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")]}),
    ("Absents ayant donné délégation :", _after("Absents ayant donné délégation : M. Luc GONELET "
                                                "à M. Aurèle VRANOLLE."),
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")]}),
    ("Mandataires : Y pour X", _after("Mandataires : M. Aurèle VRANOLLE pour M. Luc GONELET."),
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")]}),
    ("Etaient absents ou représentés :", _after("Etaient absents ou représentés : M. Luc GONELET "
                                                "(pouvoir à M. Aurèle VRANOLLE), Mme Sylvie "
                                                "ROUX."),
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")], "absent": ["ROUX"]}),
    ("INVITÉS : between the members' lists", PRESENT + "INVITES : M. Yves LEROY (DGS)\n"
     "EXCUSES : M. Luc GONELET", {"present": THREE, "excused": ["GONELET"]}),
    # Proxy phrasings
    ("X donne pouvoir à Y", _after("Pouvoirs : M. Luc GONELET donne pouvoir à M. Aurèle "
                                   "VRANOLLE."),
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")]}),
    ("X a donné pouvoir à Y", _after("Pouvoirs : Monsieur GONELET a donné pouvoir à Monsieur "
                                     "VRANOLLE"),
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")]}),
    ("pouvoir de X à Y", _after("Pouvoirs : pouvoir de M. Luc GONELET à M. Aurèle VRANOLLE."),
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")]}),
    ("procuration de X en faveur de Y", _after("Procurations : procuration de M. Luc GONELET en "
                                               "faveur de M. Aurèle VRANOLLE."),
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")]}),
    ("X par Y", _after("Procurations : M. Luc GONELET par M. Aurèle VRANOLLE."),
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")]}),
    ("X (pouvoir à Y) among excused", _after("Absents : M. Luc GONELET (pouvoir à M. Aurèle "
                                              "VRANOLLE)."),
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")]}),
    ("X (a donné pouvoir à Y) among excused", _after("Absents excusés : M. Luc GONELET (a donné "
                                                     "pouvoir à M. Aurèle VRANOLLE)."),
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")]}),
    ("X, pouvoir à Y among excused", _after("Excusés : GONELET Luc, pouvoir à VRANOLLE Aurèle ; "
                                            "ROUX Sylvie."),
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")], "excused": ["ROUX"]}),
    ("Y (procuration de X) among présents", "Présents : M. Aurèle VRANOLLE (procuration de M. "
     "Luc GONELET), Mme Inès BARNAUDIN, M. Jules CRESSAC.",
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")]}),
    ("Y (pouvoir M. X) without connective", "Présents : M. Aurèle VRANOLLE (pouvoir M. Luc "
     "GONELET), Mme Inès BARNAUDIN, M. Jules CRESSAC.",
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")]}),
    ("X, excusé, a donné pouvoir à Y", _after("Excusés : M. Luc GONELET, excusé, a donné "
                                              "pouvoir à M. Aurèle VRANOLLE ; Mme Sylvie ROUX."),
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")], "excused": ["ROUX"]}),
    ("X est absent et a donné pouvoir à Y", _after("M. Luc GONELET est absent et a donné "
                                                   "pouvoir à M. Aurèle VRANOLLE."),
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")]}),
    ("Y, porteur du pouvoir de X", "Présents : M. Aurèle VRANOLLE, porteur du pouvoir de M. Luc "
     "GONELET, Mme Inès BARNAUDIN, M. Jules CRESSAC.",
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")]}),
    ("Y a le pouvoir de X pour le représenter", _after("Madame Inès BARNAUDIN a le pouvoir de "
                                                       "Monsieur Luc GONELET pour le représenter "
                                                       "et voter en son nom."),
     {"present": THREE, "proxies": [("GONELET", "BARNAUDIN")]}),
    ("several proxies on one line without separator", _after(
        "Pouvoirs : Madame ROUX donne pouvoir à Monsieur VRANOLLE Monsieur GONELET donne pouvoir "
        "à Monsieur CRESSAC"),
     {"present": THREE, "proxies": [("ROUX", "VRANOLLE"), ("GONELET", "CRESSAC")]}),
    ("proxy with a time condition in its brackets", _after(
        "Absent ayant donné pouvoir : M. Luc GONELET (pouvoir à M. Aurèle VRANOLLE à partir de "
        "20h30)."), {"present": THREE, "proxies": [("GONELET", "VRANOLLE")]}),
    ("proxy until an item", _after("Pouvoirs : M. Luc GONELET à M. Aurèle VRANOLLE jusqu'à la "
                                   "question 4."),
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")], "items": [("GONELET", None, 4)]}),
    ("Pouvoirs : Y (pour X), the holder first", _after("Pouvoirs : 1 VRANOLLE Aurèle (pour "
                                                        "GONELET Luc)"),
     {"present": THREE, "proxies": [("GONELET", "VRANOLLE")]}),
    # Excused, absent, substitutes
    ("Absents excusés :", _after("Absents excusés : M. Luc GONELET."),
     {"present": THREE, "excused": ["GONELET"]}),
    ("Excusés/absents :", _after("Etaient excusés/absents : M. Luc GONELET."),
     {"present": THREE, "excused": ["GONELET"]}),
    ("Absents non excusés :", _after("Absents non excusés : M. Luc GONELET."),
     {"present": THREE, "absent": ["GONELET"]}),
    ("Excusés non représentés :", _after("Excusés non représentés : M. Luc GONELET."),
     {"present": THREE, "excused": ["GONELET"]}),
    ("Absents sans procuration :", _after("Absents sans procuration : M. Luc GONELET."),
     {"present": THREE, "absent": ["GONELET"]}),
    ("Est absent :", _after("Est absent : M. Luc GONELET."), {"present": THREE,
                                                               "absent": ["GONELET"]}),
    ("Étaient suppléés : X par Y", "Présents : M. Aurèle VRANOLLE, Mme Inès BARNAUDIN, M. Yves "
     "LEROY.\nEtaient suppléés : M. Luc GONELET par M. Yves LEROY.",
     {"present": ["VRANOLLE", "BARNAUDIN", "LEROY"], "excused": ["GONELET"]}),
    ("Absents suppléés : X par Y", "Présents : M. Aurèle VRANOLLE, Mme Inès BARNAUDIN, M. Yves "
     "LEROY.\nAbsents suppléés : M. Luc GONELET par M. Yves LEROY.",
     {"present": ["VRANOLLE", "BARNAUDIN", "LEROY"], "excused": ["GONELET"]}),
    ("X (Suppléé par Mr Y) among excused", "Présents : MM VRANOLLE Aurèle, BARNAUDIN Inès, LEROY "
     "Yves.\nExcusés : MM GONELET Luc (Suppléé par Mr LEROY Yves).",
     {"present": ["VRANOLLE", "BARNAUDIN", "LEROY"], "excused": ["GONELET"]}),
    ("X remplaçant M. Y among présents", "Présents : M. Aurèle VRANOLLE, Mme Inès BARNAUDIN, M. "
     "Yves LEROY remplaçant M. Luc GONELET.",
     {"present": ["VRANOLLE", "BARNAUDIN", "LEROY"], "excused": ["GONELET"]}),
    ("X (suppléant de Y) among présents", "Présents : M. Aurèle VRANOLLE, Mme Inès BARNAUDIN, M. "
     "Yves LEROY (suppléant de M. Luc GONELET).",
     {"present": ["VRANOLLE", "BARNAUDIN", "LEROY"], "excused": ["GONELET"]}),
    ("Suppléants remplaçant de droit titulaires absents : X (pour Y)", "Présents titulaires : "
     "2 VRANOLLE Aurèle, BARNAUDIN Inès Absents et excusés : 1 GONELET Luc Suppléants "
     "remplaçant de droit titulaires absents : 1 LEROY Yves (pour GONELET Luc)",
     {"present": ["VRANOLLE", "BARNAUDIN", "LEROY"], "excused": ["GONELET"]}),
    ("Délégués suppléants ayant pouvoir de son titulaire :", "Etaient présents :\nDélégués "
     "titulaires : M. Aurèle VRANOLLE, Mme Inès BARNAUDIN.\nDélégués suppléants ayant pouvoir "
     "de son titulaire : M. Yves LEROY (suppléant de M. Luc GONELET).",
     {"present": ["VRANOLLE", "BARNAUDIN", "LEROY"], "excused": ["GONELET"]}),
    ("M. X, délégué titulaire, commune de A M. Y, …", "ÉTAIENT PRÉSENTS M. Aurèle VRANOLLE, "
     "délégué titulaire, commune d’Andrezel Mme Inès BARNAUDIN, déléguée titulaire, commune de "
     "Beauvoir M. Jules CRESSAC, délégué suppléant, communauté de communes les Sources de "
     "l’Yerres (Courpalay)", {"present": THREE}),
    ("Madame X - CD 16 Monsieur Y - CD 17", "Étaient présents : Madame Inès BARNAUDIN - CD 16 "
     "Monsieur Aurèle VRANOLLE - CD 17 Monsieur Jules CRESSAC - CD 79",
     {"present": ["BARNAUDIN", "VRANOLLE", "CRESSAC"]}),
    ("PERSONNELS ADMINISTRATIFS ET INVITÉS (its own présents)", PRESENT + "PERSONNELS "
     "ADMINISTRATIFS ET INVITÉS Étaient présents : Monsieur Yves LEROY, directeur.",
     {"present": THREE}),
    # Conditions
    ("(arrivé au point 5)", "Présents : M. Aurèle VRANOLLE (arrivé au point 5), Mme Inès "
     "BARNAUDIN, M. Jules CRESSAC.", {"present": THREE, "items": [("VRANOLLE", 5, None)]}),
    ("(jusqu'à la question 4 incluse)", "Présents : M. Aurèle VRANOLLE (jusqu'à la question 4 "
     "incluse), Mme Inès BARNAUDIN, M. Jules CRESSAC.",
     {"present": THREE, "items": [("VRANOLLE", None, 4)]}),
    ("(à partir de la question n° 3)", "Présents : M. Aurèle VRANOLLE (à partir de la question "
     "n° 3), Mme Inès BARNAUDIN, M. Jules CRESSAC.",
     {"present": THREE, "items": [("VRANOLLE", 3, None)]}),
    ("X quitte la séance avant le vote du point 7", _after("M. Jules CRESSAC quitte la séance "
                                                           "avant le vote du point 7."),
     {"present": THREE, "items": [("CRESSAC", None, 6)]}),
    ("X est parti au point 5", _after("M. Jules CRESSAC est parti au point 5."),
     {"present": THREE, "items": [("CRESSAC", None, 4)]}),
    ("Arrivée de Mme X au point 3", _after("Arrivée de Mme Inès BARNAUDIN au point 3."),
     {"present": THREE, "items": [("BARNAUDIN", 3, None)]}),
    ("jusqu'à la délibération n° 2019-45 (an act number)", "Présents : M. Aurèle VRANOLLE "
     "(jusqu'à la délibération n° 2019-45), Mme Inès BARNAUDIN, M. Jules CRESSAC.",
     {"present": THREE, "items": [("VRANOLLE", None, None)], "flagged": True}),
    ("(jusqu'à 11 heures)", "Présents : M. Aurèle VRANOLLE (jusqu'à 11 heures), Mme Inès "
     "BARNAUDIN, M. Jules CRESSAC.", {"present": THREE, "flagged": True}),
    # Secretary
    ("Secrétaire de séance : X", _after("Secrétaire de séance : M. Jules CRESSAC."),
     {"present": THREE, "secretary": "CRESSAC"}),
    ("Secrétaire : X", _after("Secrétaire : M. Jules CRESSAC"),
     {"present": THREE, "secretary": "CRESSAC"}),
    ("Secrétaire de séance désigné : X", _after("Secrétaire de séance désigné : M. Jules "
                                                "CRESSAC."),
     {"present": THREE, "secretary": "CRESSAC"}),
    ("X a été désigné(e) secrétaire de séance", _after("M. Jules CRESSAC a été désigné "
                                                       "secrétaire de séance."),
     {"present": THREE, "secretary": "CRESSAC"}),
    ("X est nommé(e) secrétaire", _after("Mme Inès BARNAUDIN est nommée secrétaire."),
     {"present": THREE, "secretary": "BARNAUDIN"}),
    ("X est déclaré secrétaire de séance", _after("M. Jules CRESSAC est déclaré secrétaire de "
                                                  "séance."),
     {"present": THREE, "secretary": "CRESSAC"}),
    ("Le Conseil désigne X comme secrétaire", _after("Le Conseil désigne M. Jules CRESSAC comme "
                                                     "secrétaire de séance."),
     {"present": THREE, "secretary": "CRESSAC"}),
    ("Le Conseil nomme à l'unanimité X secrétaire", _after("Le Conseil Municipal nomme à "
                                                           "l'unanimité J. CRESSAC secrétaire de "
                                                           "séance."),
     {"present": THREE, "secretary": "CRESSAC"}),
    ("Secrétaire de séance : M Prénom Nom (M without full stop)", _after(
        "Secrétaire de séance : M Jules Cressac"), {"present": THREE, "secretary": "Cressac"}),
    ("Madame X, désignée secrétaire de séance.", _after("Madame Inès BARNAUDIN, désignée "
                                                        "secrétaire de séance."),
     {"present": THREE, "secretary": "BARNAUDIN"}),
    ("X, secrétaire de séance, procède à l'appel", "M. CRESSAC Jules, secrétaire de séance, "
     "procède à l'appel nominal.\n" + PRESENT, {"present": THREE, "secretary": "CRESSAC"}),
]


def _surname(name: str | None) -> str:
    words = [word for word in (name or "").replace(".", " ").split() if word.isupper()
             and len(word) > 1]
    return words[0] if words else ((name or "").split() or [""])[-1]


def _verdict(fragment: str, expected: dict) -> tuple[str, str]:
    try:
        result = parse_attendance(fragment)
    except ParseError as error:
        return "flagged", str(error)[:80]
    got = {
        "present": [_surname(entry.name) for entry in result.present],
        "excused": [_surname(name) for name in result.excused],
        "absent": [_surname(name) for name in result.absent],
        "proxies": [(_surname(p.giver), _surname(p.holder)) for p in result.proxies],
        "secretary": _surname(result.secretary) if result.secretary else None,
    }
    wanted = {"present": [], "excused": [], "absent": [], "proxies": [], "secretary": None,
              **{key: value for key, value in expected.items() if key in {
                  "present", "excused", "absent", "proxies", "secretary"}}}
    differences = [f"{key}: {got[key]!r}" for key in wanted if got[key] != wanted[key]]
    items = {_surname(entry.name): (entry.from_item, entry.until_item)
             for entry in result.present}
    items |= {_surname(p.giver): (p.from_item, p.until_item) for p in result.proxies}
    differences += [f"items of {name}: {items.get(name)}" for name, start, end
                    in expected.get("items", []) if items.get(name) != (start, end)]
    if expected.get("flagged") and not result.anomalies:
        differences.append("no anomaly")
    if not differences:
        return "read", ""
    return ("flagged" if result.anomalies else "silently wrong"), "; ".join(differences)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="run.py wording")
    parser.add_argument("--verbose", action="store_true")
    options = parser.parse_args(argv)
    counts = {"read": 0, "flagged": 0, "silently wrong": 0}
    for wording, fragment, expected in CATALOGUE:
        verdict, why = _verdict(fragment, expected)
        counts[verdict] += 1
        if options.verbose and verdict != "read":
            print(f"{verdict:15} {wording} — {why}")
    print(f"{counts['read']} read of {len(CATALOGUE)} wordings, {counts['flagged']} flagged, "
          f"{counts['silently wrong']} silently wrong")
