"""The steering group's match over the real storage: the suggestions for the accepted, a swap
seen before it is made, approvals made into pairs (introduced as every pair is, a mentor's
second mentee in a pair of their own; a pair waits only while its mentor has the most mentees
a mentor has), a mentee left unmatched told once and put on the waiting list, and every choice
still there for a new service."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from bot.applications.errors import UnknownApplication
from bot.applications.service import ApplicationsService
from bot.errors import TeamOnly
from bot.matching.errors import NotInCohort, SwapBreaksRule
from bot.matching.notices import LeftUnmatched
from bot.matching.service import MatchingService
from bot.matching.working import Match, Standing
from bot.pairs.errors import AlreadyPaired
from bot.pairs.notices import PairIntroduction
from bot.pairs.service import PairingService
from bot.participants.service import ParticipantsService
from bot.team import Team
from handlers.slack.sender import Sender
from storage.unit_of_work import SqlUnitOfWorkFactory
from tests.applications.window import AFTER, taking_applications
from tests.cast import EMAILS, GRACE, OUTSIDER, TEAM_LEAD
from tests.matching.cohort import ANWEN, BRYN, CAI, DEWI, EVERYONE, RHYS, SARA, accepted
from tests.services import Changes, RecordingMessenger, Scheme, WorkspaceDirectory


@dataclass
class Group:
    """The next cohort's services over the scheme's database, as mentorbot/app.py builds them
    for a deployment running 2026-27."""

    uow: SqlUnitOfWorkFactory
    messenger: RecordingMessenger
    applications: ApplicationsService
    pairing: PairingService
    matching: MatchingService
    ids: dict[str, int]  # application ids, by email

    def again(self) -> MatchingService:
        """A new service over the same database, as after a restart."""
        m = self.matching
        return MatchingService(
            m.programme, self.uow, m._deliveries, m._team, m._participants, self.pairing
        )

    def match(self) -> Match:
        found = self.matching.current(TEAM_LEAD)
        assert found is not None
        return found


@pytest.fixture
def group(scheme: Scheme) -> Iterator[Group]:
    programme = taking_applications()
    uow = scheme.uow.for_cohort(programme.cohort)
    messenger, changes, team = RecordingMessenger(), Changes(), Team(programme)
    deliveries = Sender(uow, messenger)
    directory = WorkspaceDirectory(
        {p.email: (p.slack_user_id or "", "Europe/London") for p in EVERYONE}
    )
    applications = ApplicationsService(programme, uow, deliveries, team)
    participants = ParticipantsService(uow, directory, team, changes)
    pairing = PairingService(uow, deliveries, team, changes)
    matching = MatchingService(programme, uow, deliveries, team, participants, pairing)
    ids = accepted(applications, TEAM_LEAD)
    messenger.sent.clear()  # each was told they were accepted
    yield Group(uow, messenger, applications, pairing, matching, ids)


def shown(match: Match) -> list[tuple[str, str, str | None]]:
    """(what, mentee, mentor) for each mentee, as the console lists them."""
    return [
        (
            s.kind + (" paired" if s.paired else "") + (" waits" if s.waits else ""),
            s.mentee.applicant.name,
            mentor(s),
        )
        for s in (*match.to_decide, *match.decided)
    ]


def mentor(s: Standing) -> str | None:
    return s.suggestion.mentor.email.split(".")[0] if s.suggestion else None


def test_the_group_sees_each_suggestion_with_why_and_who_has_no_mentor_and_why(
    group: Group,
) -> None:
    match = group.match()

    assert shown(match) == [
        ("suggested", "Anwen Price", "rhys"),
        ("suggested", "Bryn Jones", "sara"),
        ("suggested", "Cai Evans", "sara"),  # Sara's second: the scheme pairs one a mentor
        ("suggested", "Dewi Lloyd", None),
    ]
    anwen, *_, dewi = match.to_decide
    assert anwen.suggestion and [r.criterion for r in anwen.suggestion.reasons][:2] == [
        "themes",
        "seniority",
    ]
    assert [s.mentor.email for s in anwen.shortlist] == [RHYS.email, SARA.email]
    assert dewi.unmatched is not None
    assert [(b.rule, b.mentors) for b in dewi.unmatched.blocked] == [
        ("same_employer", 1),
        ("not_more_senior", 2),
    ]
    assert (match.mentees, match.mentors, match.total) == (4, 2, 180)


def test_a_swap_shows_what_it_costs_changes_nothing_until_confirmed_and_then_holds(
    group: Group,
) -> None:
    anwen, sara = group.ids[ANWEN.email], group.ids[SARA.email]

    seen = group.matching.swap(TEAM_LEAD, anwen, sara).swap
    assert (seen.points_lost, seen.matched_lost, seen.suggestions.total) == (8, 0, 172)
    assert [(m.mentee.email, m.after and m.after.email) for m in seen.moves] == [
        (ANWEN.email, SARA.email),
        (CAI.email, RHYS.email),
    ]
    assert shown(group.match())[0] == ("suggested", "Anwen Price", "rhys")  # only seen

    group.matching.confirm_swap(TEAM_LEAD, anwen, sara, AFTER)
    after = [
        ("swapped", "Anwen Price", "sara"),
        ("suggested", "Bryn Jones", "sara"),
        ("suggested", "Cai Evans", "rhys"),
        ("suggested", "Dewi Lloyd", None),
    ]
    assert shown(group.match()) == after
    assert group.match().total == 172
    restarted = group.again().current(TEAM_LEAD)
    assert restarted is not None and shown(restarted) == after


def test_approved_pairs_are_made_and_introduced_a_mentors_two_mentees_each_in_their_own_pair(
    group: Group, scheme: Scheme
) -> None:
    approved = group.matching.approve(TEAM_LEAD, None, AFTER)

    assert (approved.made, approved.waiting) == (3, 0)
    introduced = {to for to, _ in group.messenger.of(PairIntroduction)}
    ids = {p.email: p.slack_user_id for p in EVERYONE}
    assert introduced == {
        f"{ids[RHYS.email]},{ids[ANWEN.email]}",
        f"{ids[SARA.email]},{ids[BRYN.email]}",
        f"{ids[SARA.email]},{ids[CAI.email]}",
    }
    assert shown(group.match()) == [
        ("suggested", "Dewi Lloyd", None),
        ("approved paired", "Anwen Price", "rhys"),
        ("approved paired", "Bryn Jones", "sara"),
        ("approved paired", "Cai Evans", "sara"),
    ]
    assert group.matching.approve(TEAM_LEAD, [group.ids[CAI.email]], AFTER).made == 0
    # 2025-26's people are still there, in their own cohort
    with scheme.uow() as uow:
        assert uow.participants.by_email(EMAILS[GRACE]) is not None
        assert uow.participants.by_email(ANWEN.email) is None


def test_some_are_approved_and_the_others_stay_as_they_were_shown(group: Group) -> None:
    anwen, sara = group.ids[ANWEN.email], group.ids[SARA.email]
    group.matching.confirm_swap(TEAM_LEAD, anwen, sara, AFTER)

    group.matching.approve(TEAM_LEAD, [anwen], AFTER)

    assert shown(group.match()) == [
        ("suggested", "Bryn Jones", "sara"),
        ("suggested", "Cai Evans", "rhys"),
        ("suggested", "Dewi Lloyd", None),
        ("approved paired", "Anwen Price", "sara"),
    ]


def test_a_mentee_left_unmatched_is_told_once_and_kept_on_the_waiting_list(group: Group) -> None:
    dewi = group.ids[DEWI.email]

    group.matching.leave_unmatched(TEAM_LEAD, dewi, AFTER)
    group.matching.leave_unmatched(TEAM_LEAD, dewi, AFTER)  # a second press, from an old console

    told = group.messenger.of(LeftUnmatched)
    assert [(to, n.application.applicant.email) for to, n in told] == [("UMATCH006", DEWI.email)]
    assert [a.status for a in group.applications.all(TEAM_LEAD) if a.id == dewi] == ["waitlisted"]
    assert shown(group.match())[-1] == ("unmatched", "Dewi Lloyd", None)
    assert "Dewi Lloyd" not in [s.mentee.applicant.name for s in group.match().to_decide]


def test_what_cannot_be_done_is_refused_and_changes_nothing(group: Group) -> None:
    anwen, bryn, dewi, rhys = (group.ids[p.email] for p in (ANWEN, BRYN, DEWI, RHYS))
    before = shown(group.match())

    with pytest.raises(TeamOnly):
        group.matching.current(OUTSIDER)
    with pytest.raises(TeamOnly):
        group.matching.approve(OUTSIDER, None, AFTER)
    with pytest.raises(SwapBreaksRule) as refused:
        group.matching.swap(TEAM_LEAD, dewi, rhys)
    assert refused.value.rules == ("same_employer", "not_more_senior")
    with pytest.raises(NotInCohort):
        group.matching.swap(TEAM_LEAD, anwen, bryn)  # Bryn is no mentor
    with pytest.raises(UnknownApplication):
        group.matching.leave_unmatched(TEAM_LEAD, 999, AFTER)
    assert shown(group.match()) == before

    group.matching.approve(TEAM_LEAD, [anwen], AFTER)
    with pytest.raises(AlreadyPaired):
        group.matching.leave_unmatched(TEAM_LEAD, anwen, AFTER)
    assert not group.messenger.of(LeftUnmatched)
