"""Applications over the real storage: applying and changing it in the window, the team's
decisions told once, the team's file taken whole or refused by line, the accepted as the
matcher's cohort."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.applications.errors import (
    BadApplicationRow,
    NoApplications,
    NotOpen,
    Unanswerable,
    UnknownApplication,
)
from bot.applications.model import Answers, Applicant
from bot.applications.notices import AlumniInvited, ApplicationDecided
from bot.applications.service import ApplicationsService
from bot.errors import TeamOnly
from bot.participants.errors import ImportRejected
from bot.participants.service import language_read_by
from bot.scheme import Applications, Choice
from handlers.slack.sender import Sender
from tests.cast import EMAILS
from tests.services import GRACE, JAMIE, OLIVER, SUNITA, TEAM_LEAD, Scheme

OPENS = datetime(2026, 6, 1, 8, tzinfo=UTC)
CLOSES = datetime(2026, 7, 31, 16, tzinfo=UTC)
DURING = datetime(2026, 6, 10, 12, tzinfo=UTC)
WINDOW = Applications(
    opens=OPENS,
    closes=CLOSES,
    themes=[
        Choice(id="leading-change", en="Leading change", cy="Arwain newid"),
        Choice(id="quality", en="Quality improvement", cy="Gwella ansawdd"),
    ],
)
ANWEN = Applicant("anwen.price@example.nhs.uk", "Anwen Price", "UAPPLY001", "cy")
DAVID = Applicant("david.okafor@example.nhs.uk", "David Okafor", "UAPPLY002", "en")
MENTEE = Answers(
    role="mentee",
    profession="radiographer",
    nation="wales",
    band="6",
    employer="Cardiff and Vale UHB",
    themes=("leading-change",),
    format="either",
    availability=("weekday-daytime",),
    for_the_team="I work compressed hours on Fridays",
)
MENTOR = replace(
    MENTEE, role="mentor", band="8a", employer="Aneurin Bevan UHB", capacity=2, themes=("quality",)
)


@pytest.fixture
def applications(scheme: Scheme) -> Iterator[ApplicationsService]:
    programme = scheme.programme.model_copy(update={"applications": WINDOW, "cohort": "2026-27"})
    yield ApplicationsService(programme, scheme.uow, scheme.deliveries, scheme.team)


def test_an_application_is_kept_changed_in_the_window_and_seen_by_its_owner(
    applications: ApplicationsService,
) -> None:
    first = applications.apply(ANWEN, MENTEE, DURING)
    changed = applications.apply(ANWEN, replace(MENTEE, band="7"), DURING)

    assert changed.id == first.id and changed.answers.band == "7"
    mine = applications.mine("UAPPLY001", DURING)
    assert mine.open_now and mine.application == changed
    assert mine.cohort == "2026-27"
    assert applications.mine("UAPPLY002", DURING).application is None


def test_outside_the_window_nothing_is_kept_and_the_person_is_told_when(
    applications: ApplicationsService,
) -> None:
    with pytest.raises(NotOpen) as early:
        applications.apply(ANWEN, MENTEE, datetime(2026, 5, 1, tzinfo=UTC))
    with pytest.raises(NotOpen) as late:
        applications.apply(ANWEN, MENTEE, CLOSES)

    assert early.value.not_yet and not late.value.not_yet
    assert applications.mine("UAPPLY001", CLOSES).application is None


def test_answers_that_cannot_be_taken_say_which_and_keep_nothing(
    applications: ApplicationsService,
) -> None:
    wrong = replace(
        MENTOR, themes=("juggling",), capacity=4, never_pair=("anwen.price@example.nhs.uk",)
    )
    with pytest.raises(Unanswerable) as refused:
        applications.apply(ANWEN, wrong, DURING)

    assert refused.value.problems == (
        ("themes", "unknown"),
        ("capacity", "out_of_range"),
        ("never_pair", "bad_email"),
    )
    assert applications.mine("UAPPLY001", DURING).application is None


def test_the_team_decides_and_each_applicant_is_told_once_per_decision(
    applications: ApplicationsService, scheme: Scheme
) -> None:
    anwen = applications.apply(ANWEN, MENTEE, DURING)
    applications.decide(TEAM_LEAD, anwen.id, "waitlist", DURING)
    applications.decide(TEAM_LEAD, anwen.id, "waitlist", DURING)
    applications.decide(TEAM_LEAD, anwen.id, "accept", DURING)

    told = [(to, n.application.status) for to, n in scheme.messenger.of(ApplicationDecided)]
    assert told == [("UAPPLY001", "waitlisted"), ("UAPPLY001", "accepted")]
    assert [a.status for a in applications.all(TEAM_LEAD)] == ["accepted"]


def test_only_the_team_sees_and_decides_and_an_unknown_application_is_named(
    applications: ApplicationsService,
) -> None:
    anwen = applications.apply(ANWEN, MENTEE, DURING)
    with pytest.raises(TeamOnly):
        applications.all("UAPPLY001")
    with pytest.raises(TeamOnly):
        applications.decide("UAPPLY001", anwen.id, "accept", DURING)
    with pytest.raises(UnknownApplication):
        applications.decide(TEAM_LEAD, 999, "accept", DURING)


def test_the_accepted_are_the_matchers_cohort(applications: ApplicationsService) -> None:
    anwen = applications.apply(ANWEN, MENTEE, DURING)
    david = applications.apply(DAVID, MENTOR, DURING)
    applications.decide(TEAM_LEAD, anwen.id, "accept", DURING)

    assert [c.email for c in applications.for_matching().mentees] == [ANWEN.email]
    assert applications.for_matching().mentors == ()
    applications.decide(TEAM_LEAD, david.id, "accept", DURING)
    [mentor] = applications.for_matching().mentors
    assert (mentor.email, mentor.capacity, mentor.band) == (DAVID.email, 2, "8a")


FILE = (
    "email,name,role,profession,nation,band,employer,line_manager_email,themes,format,capacity,"
    "never_pair\n"
    "late.one@example.nhs.uk,Late One,mentee,sonographer,scotland,6,NHS Lothian,,quality,online,,\n"
)


def test_the_teams_file_is_taken_outside_the_window_too(
    applications: ApplicationsService,
) -> None:
    assert applications.import_file(FILE, datetime(2026, 8, 20, tzinfo=UTC)) == 1
    [late] = applications.all(TEAM_LEAD)
    assert late.applicant.email == "late.one@example.nhs.uk" and late.status == "submitted"
    assert late.answers.availability == ("weekday-daytime", "weekday-evening", "weekend")


def test_a_file_with_problems_is_refused_whole_each_named_by_its_line(
    applications: ApplicationsService,
) -> None:
    bad = FILE + (
        "not-an-email,Someone,coach,sonographer,scotland,6,NHS Lothian,,quality,online,,\n"
        "late.one@example.nhs.uk,Late Again,mentor,radiographer,wales,8a,X,,nope,online,5,\n"
    )
    with pytest.raises(ImportRejected) as refused:
        applications.import_file(bad, DURING)

    assert refused.value.problems == [
        BadApplicationRow(3, "email", "bad_email"),
        BadApplicationRow(3, "role", "not_one_of:mentee|mentor"),
        BadApplicationRow(4, "themes", "unknown"),
        BadApplicationRow(4, "capacity", "out_of_range"),
        BadApplicationRow(4, "email", "twice"),
    ]
    assert applications.all(TEAM_LEAD) == []


def test_a_cohort_without_a_window_takes_no_applications(scheme: Scheme) -> None:
    without = scheme.programme.model_copy(update={"applications": None})
    plain = ApplicationsService(without, scheme.uow, scheme.deliveries, scheme.team)
    with pytest.raises(NoApplications):
        plain.apply(ANWEN, MENTEE, DURING)
    with pytest.raises(NoApplications):
        plain.import_file(FILE, DURING)


def test_alumni_are_asked_once_each_in_their_language_when_the_window_opens(
    scheme: Scheme,
) -> None:
    with scheme.uow() as uow:  # Sunita, a 2025-26 mentee, reads Welsh
        sunita = uow.participants.by_email(EMAILS[SUNITA])
        assert sunita is not None
        uow.participants.set_language(sunita.id, "cy", DURING)
        uow.commit()
    next_year = scheme.uow.for_cohort("2026-27")
    programme = scheme.programme.model_copy(update={"applications": WINDOW, "cohort": "2026-27"})
    sender = Sender(next_year, scheme.messenger)
    applications = ApplicationsService(programme, next_year, sender, scheme.team)
    oliver = Applicant(EMAILS[OLIVER], "Oliver Byrne", OLIVER, "en")

    assert applications.upcoming(datetime(2026, 5, 1, tzinfo=UTC)) == OPENS
    assert applications.run_due(datetime(2026, 5, 1, tzinfo=UTC)) == 0  # not open yet
    applications.apply(oliver, MENTOR, DURING)  # Oliver applied before he was asked
    assert applications.run_due(DURING) == 3
    assert applications.run_due(DURING) == 0
    assert applications.upcoming(DURING) is None

    asked = {to: n.alumnus.role for to, n in scheme.messenger.of(AlumniInvited)}
    assert asked == {GRACE: "mentor", SUNITA: "mentee", JAMIE: "mentee"}
    with next_year() as uow:
        assert language_read_by(uow, SUNITA) == "cy"
