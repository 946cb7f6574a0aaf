"""The reviewed OCR correction table of the 2020 activity report (seed 001).

The 2020 report reached us as OCR text of a two-column PDF: the objective headings of the
left column are cut into pieces and interleaved with the actions of the right column, some
bullets are lost, and letters are misread ("I'économie", "Chaine", "Pdles"). Each entry below
repairs one such damage, in order, on the whole text. The loader checks that each original
occurs exactly `count` times before replacing it, so a change in the source text stops the
load instead of being corrected silently; the page keeps the source text and lists the
corrections applied ("texte source").

`§ ` marks the start of an objective heading rebuilt by a layout correction: the OCR lost the
column that told headings from actions, so the table says where each objective starts.
Each entry is tested (tests/pma_reports/test_corrections.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Correction:
    original: str
    corrected: str
    reason: str
    count: int = 1
    # A regular expression (for one misreading that recurs in many words, such as "I'" for
    # "l'"); `corrected` is then the replacement template.
    regex: bool = False


class CorrectionMismatch(ValueError):
    """The source text no longer holds an original the table expects."""


HEADING = "titre d'objectif coupé par la mise en page en deux colonnes"

LAYOUT_2020: list[Correction] = [
    # --- Décider ensemble: the three objectives are listed before the actions, which follow
    # in the same order; the headings are moved in front of their first action.
    Correction(
        "Objectifs\nGouverner et prendre\ndes décisions\n\nTravailler sur les grands\n"
        "enjeux du territoire\n\nCoordonner l’action\ndes collectivités et des\n"
        "outils d’ingénierie\n\nActions réalisées\n",
        "Objectifs Actions réalisées\n§ Gouverner et prendre des décisions\n\n",
        "colonne des objectifs lue avant celle des actions : premier objectif",
    ),
    Correction(
        "\n\nDes groupes thématiques d’élus.",
        "\n\n§ Travailler sur les grands enjeux du territoire\n\nDes groupes thématiques d’élus.",
        "colonne des objectifs lue avant celle des actions : deuxième objectif",
    ),
    Correction(
        "\n\nLe PMA s’appuie en priorité",
        "\n\n§ Coordonner l’action des collectivités et des outils d’ingénierie\n\n"
        "Le PMA s’appuie en priorité",
        "colonne des objectifs lue avant celle des actions : troisième objectif",
    ),
    # --- Agir ensemble
    Correction("Agir sur le Cadre de * Le PMA coordonne",
               "§ Agir sur le Cadre de vie : réaliser la Chaine des Parcs\n\n* Le PMA coordonne",
               HEADING),
    Correction("les études de cas pour les\ndes Parcs futurs grands parcs",
               "les études de cas pour les\nfuturs grands parcs", HEADING),
    Correction("\nvie : réaliser la Chaine\n\n", "\n", HEADING),
    Correction("Agir sur I’Eco-transition * Partenariat",
               "§ Agir sur I’Eco-transition et la transition énergétique\n\n* Partenariat",
               HEADING),
    Correction(", . du territoire du P6le", "du territoire du P6le", HEADING),
    Correction("\nenergetique cofinancement", "\ncofinancement", HEADING),
    Correction("\n\net la transition\n\n", "\n\n", HEADING),
    Correction("\n\nOrganisation de 6 comités techniques",
               "\n0 Organisation de 6 comités techniques",
               "puce perdue : sous-élément de l'animation de la transition énergétique"),
    Correction("\n\no\n\n* Plan solaire", "\n\n* Plan solaire", "puce isolée sans texte"),
    Correction("Agir sur ’Emploi et le * Enréponse a la volonté",
               "§ Agir sur l’Emploi et le Développement économique\n\n"
               "* En réponse à la volonté", HEADING + " ; « Enréponse a » mal lu"),
    Correction("\nDéveloppement en 2020 la préfiguration", "\nen 2020 la préfiguration", HEADING),
    Correction("\ni ) PMA :\n\neconomique 0 Animation", "\nPMA :\n0 Animation", HEADING),
    Correction("\n\n(\n\n", "\n\n", "caractère isolé lu dans la marge"),
    Correction("Agir pour I’accés du e Le PMA a porté",
               "§ Agir pour I’accés du plus grand nombre à la culture\n\ne Le PMA a porté",
               HEADING + " ; « a » pour « à »"),
    Correction("\nculture jeunes en service", "\njeunes en service", HEADING),
    Correction("\n\nplus grand nombre a la\n\n", "\n\n", HEADING),
    # --- Peser ensemble
    Correction("Faire valoir les intéréts * SRADDET",
               "§ Faire valoir les intéréts du territoire dans les grands schémas régionaux\n\n"
               "* SRADDET", HEADING),
    Correction("\n\nERBM : le PMA", "\n\n* ERBM : le PMA",
               "puce perdue (lue comme un point en fin de titre)"),
    Correction("\nrégionaux refonte de la gouvernance", "\nrefonte de la gouvernance", HEADING),
    Correction("\n\ndu territoire dans les\ngrands schémas .\n\n", "\n\n", HEADING),
    Correction("Faire converger les *  PRADET",
               "§ Faire converger les financements\n\n*  PRADET", HEADING),
    Correction("\n\nfinancements\n\n", "\n\n", HEADING),
    Correction("Intégrer les réseaux * Le PMA est membre",
               "§ Intégrer les réseaux nationaux\n\n* Le PMA est membre", HEADING),
    Correction("\nnationaux invité, a ce titre", "\ninvité, a ce titre", HEADING),
    Correction("\n\n* % %", "\n", "ornement de fin de document"),
]

# Letters misread by the OCR, applied after the layout repairs.
READING_2020: list[Correction] = [
    Correction("[I'élaboration", "l'élaboration", "crochet parasite"),
    Correction("['éditorialisation", "l'éditorialisation", "crochet parasite"),
    Correction("|l dispose", "Il dispose", "« Il » lu « |l »"),
    Correction("|la convention", "la convention", "« l » lu « |l »"),
    Correction("|’association", "l’association", "« l » lu « | »"),
    Correction("|'éco-transition", "l'éco-transition", "« l » lu « | »"),
    Correction("|'élaboration", "l'élaboration", "« l » lu « | »"),
    Correction(r"\bI(['’])'?(?=[\w«])", r"l\1",
               "« l' » lu « I' » (I'économie, I’Artois…)", count=54, regex=True),
    Correction("d’'une", "d’une", "apostrophe doublée", count=5),
    Correction("avec 'appui", "avec l'appui", "« l » perdu"),
    Correction("par 'AULA", "par l'AULA", "« l » perdu"),
    Correction("de ’AULA", "de l’AULA", "« l » perdu"),
    Correction("PMA a la suite", "PMA à la suite", "accent perdu"),
    Correction(r"(?<!PMA )(?<!dernier )(?<!qui )(?<![Ii]l )(?<!outil )(?<!\) )\ba(?=\s)", "à",
               "« à » lu « a » (la préposition ; le verbe « a », après son sujet, est laissé)",
               count=19, regex=True),
    Correction("Chaine", "Chaîne", "accent circonflexe perdu", count=11),
    Correction("Pdles", "Pôles", "« ô » lu « d »"),
    Correction("P6le", "Pôle", "« ô » lu « 6 »", count=2),
    Correction("hé6tellerie", "hôtellerie", "« ô » lu « é6 »"),
    Correction("lUT", "IUT", "« I » lu « l »"),
    Correction("EPCl", "EPCI", "« I » lu « l »"),
    Correction("ceuvre", "œuvre", "« œ » lu « ce »"),
    Correction("étre", "être", "accent mal lu"),
    Correction("Fétes", "Fêtes", "accent mal lu"),
    Correction("intéréts", "intérêts", "accent mal lu"),
    Correction("accés", "accès", "accent mal lu"),
    Correction("modeéle", "modèle", "accent mal lu"),
    Correction("modele", "modèle", "accent perdu"),
    Correction("régulierement", "régulièrement", "accent perdu"),
    Correction("filieres", "filières", "accent perdu", count=3),
    Correction("premieres", "premières", "accent perdu"),
    Correction("maitrise", "maîtrise", "accent perdu"),
    Correction("maitres", "maîtres", "accent perdu"),
    Correction("grace", "grâce", "accent perdu"),
    Correction("trés concretement", "très concrètement", "accents mal lus"),
    Correction("tres positif", "très positif", "accent perdu"),
    Correction("aupres", "auprès", "accent perdu", count=2),
    Correction("auprées", "auprès", "accent mal lu"),
    Correction("évenement", "événement", "accent perdu"),
    Correction('"batiment"', '"bâtiment"', "accent perdu"),
    Correction("déja", "déjà", "accent perdu"),
    Correction("pilotageétudes", "pilotage études", "espace perdue"),
    Correction("3°™ année", "3e année", "exposant mal lu"),
    Correction("4™ édition", "4e édition", "exposant mal lu"),
    Correction("PMA 3 initier", "PMA à initier", "« à » lu « 3 »"),
    Correction("de 'ERBM", "de l'ERBM", "« l » perdu"),
    Correction("I'’événement", "l’événement", "« l’ » lu « I'’ » (apostrophe doublée)"),
    Correction("modéle", "modèle", "accent mal lu"),
]

OCR_2020 = LAYOUT_2020 + READING_2020

# The 2021 report is not OCR (a table exported with its HTML lists), but a page break lost
# the indentation of two sub-items.
LAYOUT_2021: list[Correction] = [
    Correction("\n\n- Participation du PMA à deux séminaires",
               "\n - Participation du PMA à deux séminaires",
               "saut de page : indentation perdue (détail de l'action Artois Hub Fluvial)"),
    Correction("\n- Proposition formulée par le PMA d'établir",
               "\n - Proposition formulée par le PMA d'établir",
               "saut de page : indentation perdue (détail de l'action Artois Hub Fluvial)"),
]


def apply_corrections(text: str, table: list[Correction]) -> str:
    """Apply the table in order; raise CorrectionMismatch if an original is not found the
    expected number of times (the source changed: the table must be reviewed again)."""
    for correction in table:
        if correction.regex:
            found = len(re.findall(correction.original, text))
        else:
            found = text.count(correction.original)
        if found != correction.count:
            raise CorrectionMismatch(
                f"Correction « {correction.original!r} » : {found} occurrence(s) trouvée(s), "
                f"{correction.count} attendue(s)."
            )
        if correction.regex:
            text = re.sub(correction.original, correction.corrected, text)
        else:
            text = text.replace(correction.original, correction.corrected)
    return text
