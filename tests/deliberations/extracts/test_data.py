"""A small copy of the Bureau session of 18 October 2022 (seed 000), built with factories.
(Shared data for the test_extracts* modules; this module holds no tests.)

Shared by the extract tests; the full seed is loaded by load_seed_records in the acceptance
test."""

import datetime

from deliberations.models import Attendance, Deliberation
from portal.models import Body, Member
from tests.factories import (
    AttendanceFactory,
    BodyFactory,
    DeliberationFactory,
    MemberFactory,
    OrganisationFactory,
    ProxyFactory,
    SessionFactory,
)

REPORT = (
    "L'article L.5211-39 du Code Général des Collectivités Territoriales, prévoit que le "
    "Président de l'EPCI doit transmettre aux communes membres, un rapport retraçant "
    "l'activité de l'établissement.\n\n"
    "Le Pôle Métropolitain de l'Artois a donc transmis son rapport qui vous est présenté."
)
DECISION = (
    "PREND ACTE du rapport d'activités présenté par le Pôle Métropolitain de l'Artois, "
    "ci-annexé.\n\n"
    "PRECISE que la présente délibération sera portée à la connaissance du Conseil "
    "communautaire lors de sa prochaine réunion."
)
APPEAL = (
    "INFORME que cette délibération peut faire l'objet d'un recours gracieux par saisine de "
    "son auteur ou d'un recours contentieux devant le tribunal administratif de Lille, dans un "
    "délai de deux mois à compter de sa publication au recueil des actes administratifs de la "
    "collectivité."
)


def member(last, first, civility="M."):
    return MemberFactory(last_name=last, first_name=first, civility=civility)


def build_bureau_session(slug_prefix="bureau-2022-10-18",
                         name="Communauté d'agglomération de Béthune-Bruay, Artois Lys Romane"):
    organisation = OrganisationFactory(
        name=name,
        slug=f"{slug_prefix}-cabbalr", arrondissement="Béthune", sub_prefecture="Béthune",
    )
    bureau = BodyFactory(organisation=organisation, kind=Body.Kind.BUREAU,
                         name="Bureau communautaire", slug="bureau")
    people = {
        key: member(*names)
        for key, names in {
            "gacquerre": ("GACQUERRE", "Olivier"),
            "leconte": ("LECONTE", "Maurice"),
            "bossart": ("BOSSART", "Steve"),
            "meyfroidt": ("MEYFROIDT", "Sylvie", "Mme"),
            "ogiez": ("OGIEZ", "Gérard"),
            "demulier": ("DEMULIER", "Jérôme"),
            "delelis": ("DELELIS", "Bernard"),
            "gaquere": ("GAQUÈRE", "Raymond"),
            "berrier": ("BERRIER", "Philibert"),
            "souilliart": ("SOUILLIART", "Virginie", "Mme"),
        }.items()
    }
    session = SessionFactory(
        body=bureau, date=datetime.date(2022, 10, 18), starts_at=datetime.time(17, 30),
        place="salle Olof Palme de Béthune", convened_on=datetime.date(2022, 10, 12),
        convocation_posted_at="Hôtel Communautaire", president=people["gacquerre"],
        president_capacity=(
            "Président de la Communauté d'agglomération de Béthune-Bruay, Artois-Lys Romane"
        ),
        secretary=people["demulier"],
    )
    for key in ("gacquerre", "leconte", "bossart", "meyfroidt"):
        AttendanceFactory(session=session, member=people[key])
    AttendanceFactory(session=session, member=people["ogiez"], from_item=5)
    for key in ("demulier", "delelis"):
        AttendanceFactory(session=session, member=people[key])
    for key in ("berrier", "souilliart"):
        AttendanceFactory(session=session, member=people[key],
                          status=Attendance.Status.EXCUSED)
    ProxyFactory(session=session, giver=people["gaquere"], holder=people["delelis"])
    ProxyFactory(session=session, giver=people["ogiez"], holder=people["meyfroidt"],
                 until_item=4)
    deliberation = DeliberationFactory(
        session=session, slug=f"{slug_prefix}-rapport-pma", item_number=None,
        theme="DEVELOPPEMENT ÉCONOMIQUE, EMPLOI ET TRANSITION NUMERIQUE",
        title="RAPPORT D'ACTIVITES DU POLE METROPOLITAIN DE L'ARTOIS",
        report=REPORT,
        president_request="Monsieur le Président demande à l'Assemblée de bien vouloir se "
        "prononcer,",
        vote_wording="A la majorité absolue", decision=DECISION, appeal_clause=APPEAL,
        signatory=people["bossart"],
        signatory_capacity="Par délégation du Président, le Vice-président délégué",
        received_on=datetime.date(2022, 10, 20), published_on=datetime.date(2022, 10, 20),
        result=Deliberation.Result.NOTED, status=Deliberation.Status.PUBLISHED,
    )
    return deliberation


__all__ = ["build_bureau_session", "Member"]
