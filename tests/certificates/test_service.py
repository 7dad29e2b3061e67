"""The certificates use cases over the real storage: a person's certificate, made from their
pairing, meetings and events, sent to their own DM only; what someone not there yet is told;
checking a code; and who completed, for the team. UK time is UTC in January, BST in June."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.certificates.errors import NotACode
from bot.certificates.model import Certificate, Verified
from bot.certificates.notices import CertificateFile
from bot.certificates.rules import code_for
from bot.certificates.service import CertificatesService, Progress, certificate_key
from bot.errors import NotAParticipant, TeamOnly
from tests.services import (
    GRACE,
    JAMIE,
    OLIVER,
    OUTSIDER,
    SERVER_SECRET,
    START,
    SUNITA,
    TEAM_LEAD,
    Scheme,
)

PAIRED = datetime(2026, 1, 5, 10, tzinfo=UTC)
ACCEPTED = datetime(2026, 1, 5, 11, tzinfo=UTC)
MET = datetime(2026, 1, 20, 17, tzinfo=UTC)
AT_CLOSURE = datetime(2026, 6, 1, 9, tzinfo=UTC)
ASKED = datetime(2026, 6, 2, 9, tzinfo=UTC)
LAST_DAY = date(2026, 9, 30)  # the scheme's
AFTER_THE_SCHEME = datetime(2026, 10, 1, 9, tzinfo=UTC)
SITE = "https://mentorbot.example.org"
KEY = certificate_key(SERVER_SECRET)


def certificates(scheme: Scheme) -> CertificatesService:
    """The service as mentorbot/app.py builds it, its key from the deployment's secret."""
    return CertificatesService(
        scheme.programme, scheme.uow, scheme.deliveries, scheme.team, KEY, SITE
    )


def met(scheme: Scheme, mentor: str = GRACE, mentee: str = SUNITA) -> None:
    """A pair started in January that has met twice."""
    scheme.start_pair(mentor, mentee, PAIRED, ACCEPTED)
    scheme.checkins.log_meeting(mentee, date(2026, 1, 12), 45, "first chat", MET)
    scheme.checkins.log_meeting(mentor, date(2026, 1, 19), 60, "career plans", MET)


def at_closure(scheme: Scheme) -> None:
    """Grace and Sunita have met, and come to closure on 1 June; Sunita said she would come to
    the launch, on 13 November 2025."""
    scheme.events.reply(SUNITA, "launch", "yes", START)
    met(scheme)
    scheme.pairing.move_stage(SUNITA, "coming to closure", AT_CLOSURE)


def test_a_mentee_at_closure_gets_her_certificate_in_her_own_dm_and_nowhere_else(
    scheme: Scheme,
) -> None:
    at_closure(scheme)
    scheme.messenger.sent.clear()
    mine = certificates(scheme).send_mine(SUNITA, ASKED)
    assert mine == Certificate(
        person_id=scheme.person(SUNITA).id,
        name="Sunita Rao",
        role="mentee",
        scheme=scheme.programme.name,
        cohort="2025-26",
        first_day=date(2025, 11, 13),  # the launch, before she was paired
        last_day=date(2026, 6, 1),  # the day her pair came to closure
        meetings=2,
        language="en",
        code=code_for(KEY, "2025-26", scheme.person(SUNITA).id),
    )
    assert [(to, file.certificate) for to, file in scheme.messenger.of(CertificateFile)] == [
        (SUNITA, mine)
    ]
    assert [s.to for s in scheme.messenger.sent] == [SUNITA]
    [(_, file)] = scheme.messenger.of(CertificateFile)
    assert file.public_url == SITE


def test_her_mentor_s_certificate_has_his_role_and_another_code(scheme: Scheme) -> None:
    at_closure(scheme)
    grace = certificates(scheme).mine(GRACE, ASKED)
    sunita = certificates(scheme).mine(SUNITA, ASKED)
    assert isinstance(grace, Certificate) and isinstance(sunita, Certificate)
    assert (grace.name, grace.role, grace.meetings) == ("Grace Mensah", "mentor", 2)
    assert grace.first_day == date(2026, 1, 5)  # she went to no event
    assert grace.code != sunita.code


def test_the_certificate_is_in_the_language_its_owner_reads(scheme: Scheme) -> None:
    at_closure(scheme)
    with scheme.uow() as uow:
        uow.participants.set_language(scheme.person(SUNITA).id, "cy", ASKED)
        uow.commit()
    mine = certificates(scheme).send_mine(SUNITA, ASKED)
    assert isinstance(mine, Certificate) and mine.language == "cy"


@pytest.mark.parametrize(
    ("steps", "progress"),
    [
        ("nothing", Progress(paired=False, awaiting=False, met=False, ends_on=LAST_DAY)),
        ("offered", Progress(paired=False, awaiting=True, met=False, ends_on=LAST_DAY)),
        ("paired", Progress(paired=True, awaiting=False, met=False, ends_on=LAST_DAY)),
        ("met", Progress(paired=True, awaiting=False, met=True, ends_on=LAST_DAY)),
    ],
)
def test_someone_not_there_yet_is_told_how_far_they_are_and_sent_nothing(
    scheme: Scheme, steps: str, progress: Progress
) -> None:
    if steps == "offered":
        scheme.add_pair(GRACE, SUNITA, PAIRED)
    elif steps == "paired":
        scheme.start_pair(GRACE, SUNITA, PAIRED, ACCEPTED)
    elif steps == "met":
        met(scheme)
    scheme.messenger.sent.clear()
    assert certificates(scheme).send_mine(SUNITA, ASKED) == progress
    assert scheme.messenger.of(CertificateFile) == []
    with scheme.uow() as uow:
        assert uow.deliveries.sent_keys_like("certificate:") == set()


def test_a_pair_still_going_when_the_scheme_ends_completes_it(scheme: Scheme) -> None:
    met(scheme)
    assert isinstance(certificates(scheme).mine(SUNITA, ASKED), Progress)
    after = certificates(scheme).mine(SUNITA, AFTER_THE_SCHEME)
    assert isinstance(after, Certificate) and after.last_day == date(2026, 1, 19)


def test_a_pairing_ended_before_closure_does_not_complete_the_scheme(scheme: Scheme) -> None:
    met(scheme)
    scheme.pairing.unpair(TEAM_LEAD, SUNITA, "moved away", datetime(2026, 3, 2, tzinfo=UTC))
    assert certificates(scheme).mine(SUNITA, AFTER_THE_SCHEME) == Progress(
        paired=True, awaiting=False, met=True, ends_on=LAST_DAY
    )


def test_someone_not_on_the_scheme_has_no_certificate(scheme: Scheme) -> None:
    with pytest.raises(NotAParticipant):
        certificates(scheme).send_mine(OUTSIDER, ASKED)


def test_a_certificate_s_code_shows_its_name_role_and_cohort_however_it_is_typed(
    scheme: Scheme,
) -> None:
    at_closure(scheme)
    service = certificates(scheme)
    mine = service.mine(SUNITA, ASKED)
    assert isinstance(mine, Certificate)
    typed = mine.code.lower().replace("-", " ").removeprefix("lms ")
    assert service.verify(typed, ASKED) == Verified("Sunita Rao", "mentee", "2025-26")


def test_a_code_of_someone_who_has_not_completed_or_of_nobody_verifies_nothing(
    scheme: Scheme,
) -> None:
    at_closure(scheme)
    service = certificates(scheme)
    jamie = code_for(KEY, "2025-26", scheme.person(JAMIE).id)  # never paired
    assert service.verify(jamie, ASKED) is None
    another_key = code_for(certificate_key("another secret"), "2025-26", scheme.person(SUNITA).id)
    assert service.verify(another_key, ASKED) is None
    last_year = code_for(KEY, "2024-25", scheme.person(SUNITA).id)
    assert service.verify(last_year, ASKED) is None


def test_text_that_cannot_be_a_code_is_refused_saying_why(scheme: Scheme) -> None:
    with pytest.raises(NotACode) as refused:
        certificates(scheme).verify("LMS-1234", ASKED)
    assert refused.value == NotACode("length")


def test_an_erased_person_s_certificate_no_longer_verifies(scheme: Scheme) -> None:
    at_closure(scheme)
    service = certificates(scheme)
    mine = service.mine(SUNITA, ASKED)
    assert isinstance(mine, Certificate)
    scheme.privacy.erase("sunita.rao@example.nhs.uk", ASKED)
    assert service.verify(mine.code, ASKED) is None


def test_the_team_sees_who_completed_mentors_first_and_nobody_else_may(scheme: Scheme) -> None:
    at_closure(scheme)
    met(scheme, OLIVER, JAMIE)  # met, not at closure yet
    service = certificates(scheme)
    assert [(c.name, c.role) for c in service.completed(TEAM_LEAD, ASKED)] == [
        ("Grace Mensah", "mentor"),
        ("Sunita Rao", "mentee"),
    ]
    assert len(service.completed(TEAM_LEAD, AFTER_THE_SCHEME)) == 4
    with pytest.raises(TeamOnly):
        service.completed(SUNITA, ASKED)


def test_the_key_is_drawn_from_the_secret_and_is_not_the_event_files_key() -> None:
    from bot.events.feeds import file_key

    assert certificate_key(SERVER_SECRET) == certificate_key(SERVER_SECRET)
    assert certificate_key(SERVER_SECRET) != certificate_key("another secret")
    assert certificate_key(SERVER_SECRET) != file_key(SERVER_SECRET)
    assert SERVER_SECRET.encode() not in certificate_key(SERVER_SECRET)
