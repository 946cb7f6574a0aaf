"""The one data generator of the benchmarks: deliberations/synthetic/ (N acts with their
organisations, members, sessions and attendance, the 150 × 40 session among them), and the
clerk account that works on it."""


def clear() -> None:
    """Remove every act, session, member and organisation of the database the benchmark owns
    (children first; the published acts' triggers are lifted for the purge, then put back)."""
    from django.db import connection, router

    from deliberations import immutability
    from deliberations.models import Attendance, Deliberation, Proxy, PublishedRecord, Session
    from portal.models import Body, Commune, Mandate, Member, Organisation

    immutability.uninstall(connection)
    try:
        for model in (PublishedRecord, Deliberation.non_voting_members.through, Deliberation,
                      Proxy, Attendance, Session, Mandate, Member, Body, Commune, Organisation):
            queryset = model._base_manager.all()
            queryset._raw_delete(router.db_for_write(model))
    finally:
        immutability.install(connection)


def synthetic_acts(count: int, *, seed: int = 1, say=None):
    """`count` deliberations (at least the 40 of the 150 × 40 session) built by
    deliberations.synthetic (freezing in one process per CPU on PostgreSQL, as
    ``manage.py generate_synthetic``); returns its `Generated`."""
    import os

    from deliberations import synthetic

    return synthetic.generate(deliberations=max(count, synthetic.LARGE_ITEMS), seed=seed,
                              progress=say, jobs=os.cpu_count() or 1)


def measured_objects(generated) -> dict:
    """The objects whose pages are measured: the 150 × 40 session and its last act."""
    session = generated.large_session
    return {"session": session,
            "deliberation": session.deliberations.published().order_by("-item_number")[0]}


def large_session_and_clerk(members: int, items: int):
    """The benchmark case of the clerk's workspace (tests.factories.large_session) and a
    clerk account of its organisation: (session, user)."""
    from django.contrib.auth.models import Group, User

    from portal.models import StaffAssignment
    from tests.factories import OrganisationFactory, large_session

    organisation = OrganisationFactory(name="Communauté d'agglomération du banc d'essai")
    session = large_session(members=members, items=items, organisation=organisation)
    user = User.objects.create_user("greffe-banc", password="banc-d-essai-42", is_staff=True)
    user.groups.add(Group.objects.get(name="Secrétariat des assemblées"))
    StaffAssignment.objects.create(user=user, organisation=organisation)
    return session, user


