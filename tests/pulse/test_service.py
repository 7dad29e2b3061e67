"""The pulse's use cases over the real storage: each of a pair asked alone, in their own DM, once
the first meeting is logged and every sixty days after; each answer kept once, from the one
asked; the team's notice (by the concerns sweep) naming the pair and never who said what; the
team's counts; a person's own answers in their data export and gone when they are erased; and a
quiet pair flagged after its working days. Winter dates: UK time is UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.concerns.notices import PairMayNeedAWord, PairNeedsAttention
from bot.errors import NotAParticipant, TeamOnly
from bot.outcomes.model import FitAnswer, Suppressed
from bot.participants.notices import MyDataSummary
from bot.pulse.errors import AlreadyAnswered, NotAnAnswer, NotYourQuestion
from bot.pulse.notices import PulseQuestion
from bot.pulse.service import PulseService
from tests.services import GRACE, OUTSIDER, SUNITA, TEAM_CHANNEL, TEAM_LEAD, Scheme, email_of

PAIRED = datetime(2026, 1, 5, 10, tzinfo=UTC)
ACCEPTED = datetime(2026, 1, 5, 11, tzinfo=UTC)
LOGGED = datetime(2026, 1, 13, 11, 20, tzinfo=UTC)  # a Tuesday: the pair's first meeting logged
PULSE = datetime(2026, 3, 16, 9, tzinfo=UTC)  # sixty days on is Saturday 14 March: Monday


@pytest.fixture
def pulse(scheme: Scheme) -> PulseService:
    """As mentorbot/app.py builds it, beside the scheme's other services."""
    return PulseService(
        scheme.programme, scheme.uow, scheme.deliveries, scheme.team, scheme.changes
    )


def met(scheme: Scheme) -> None:
    """Grace and Sunita, paired and under way, log their first meeting."""
    scheme.start_pair(GRACE, SUNITA, PAIRED, ACCEPTED)
    scheme.checkins.log_meeting(GRACE, date(2026, 1, 12), 45, "getting to know each other", LOGGED)
    scheme.messenger.sent.clear()


def asked(scheme: Scheme) -> dict[str, PulseQuestion]:
    """The questions sent, by whom they went to."""
    return dict(scheme.messenger.of(PulseQuestion))


def test_nothing_is_asked_before_the_pair_has_logged_a_meeting(
    scheme: Scheme, pulse: PulseService
) -> None:
    scheme.start_pair(GRACE, SUNITA, PAIRED, ACCEPTED)
    assert pulse.upcoming(LOGGED) is None
    assert pulse.run_due(LOGGED) == 0


def test_once_the_first_meeting_is_logged_each_is_asked_the_fit_alone_in_their_own_dm(
    scheme: Scheme, pulse: PulseService
) -> None:
    met(scheme)
    assert pulse.upcoming(LOGGED) == LOGGED
    assert pulse.run_due(LOGGED) == 2
    questions = asked(scheme)
    assert set(questions) == {GRACE, SUNITA}, "each in their own DM, never the pair's"
    assert all(q.is_fit for q in questions.values())
    assert pulse.run_due(LOGGED + timedelta(minutes=1)) == 0, "asked once"
    assert pulse.upcoming(LOGGED + timedelta(minutes=1)) == PULSE


def test_a_pulse_comes_sixty_days_on_to_each_of_the_two(
    scheme: Scheme, pulse: PulseService
) -> None:
    met(scheme)
    pulse.run_due(LOGGED)
    scheme.messenger.sent.clear()
    assert pulse.run_due(PULSE - timedelta(minutes=1)) == 0
    assert pulse.run_due(PULSE) == 2
    assert {to: q.round for to, q in asked(scheme).items()} == {GRACE: 1, SUNITA: 1}


def test_an_answer_is_kept_once_and_only_from_the_one_asked(
    scheme: Scheme, pulse: PulseService
) -> None:
    met(scheme)
    pulse.run_due(LOGGED)
    questions = asked(scheme)
    hers = questions[SUNITA].question_id
    answered_at = LOGGED + timedelta(hours=1)
    with pytest.raises(NotAnAnswer):
        pulse.answer(SUNITA, hers, "3", answered_at)  # a score, to the fit question
    with pytest.raises(NotYourQuestion):
        pulse.answer(GRACE, hers, "good_fit", answered_at)
    with pytest.raises(NotAParticipant):
        pulse.answer(OUTSIDER, hers, "good_fit", answered_at)
    changes = scheme.changes.count
    kept = pulse.answer(SUNITA, hers, "not_a_good_fit", answered_at)
    assert (kept.fit, kept.answered_at) == ("not_a_good_fit", answered_at)
    assert scheme.changes.count == changes + 1, "the clock's sweep is told, for the team's notice"
    with pytest.raises(AlreadyAnswered):
        pulse.answer(SUNITA, hers, "good_fit", answered_at)


def test_not_a_good_fit_raises_one_notice_to_the_team_naming_the_pair_and_nothing_more(
    scheme: Scheme, pulse: PulseService
) -> None:
    met(scheme)
    pulse.run_due(LOGGED)
    questions = asked(scheme)
    pulse.answer(GRACE, questions[GRACE].question_id, "good_fit", LOGGED + timedelta(hours=1))
    assert scheme.concerns.run_due(LOGGED + timedelta(hours=1)) == 0, "a good fit asks for nothing"
    pulse.answer(
        SUNITA, questions[SUNITA].question_id, "not_a_good_fit", LOGGED + timedelta(hours=2)
    )
    scheme.messenger.sent.clear()
    assert scheme.concerns.run_due(LOGGED + timedelta(hours=2)) == 1
    [(to, notice)] = scheme.messenger.of(PairMayNeedAWord)
    assert to == TEAM_CHANNEL
    assert (notice.mentor.name, notice.mentee.name, notice.stage) == (
        "Grace Mensah",
        "Sunita Rao",
        "preparing",
    )
    assert set(vars(notice)) == {"episode", "mentor", "mentee", "stage"}, "no answer, no answerer"
    assert scheme.messenger.to(GRACE) == [] and scheme.messenger.to(SUNITA) == []
    assert scheme.concerns.run_due(LOGGED + timedelta(days=1)) == 0, "once"


def test_the_team_counts_each_person_s_latest_answers_by_role_and_no_one_else_may(
    scheme: Scheme, pulse: PulseService
) -> None:
    met(scheme)
    pulse.run_due(LOGGED)
    sunitas = asked(scheme)[SUNITA].question_id
    pulse.answer(SUNITA, sunitas, "not_sure_yet", LOGGED + timedelta(hours=1))
    counts = pulse.counts(TEAM_LEAD)
    assert counts.asked == 2
    shown = [c.count for c in (*counts.fit.cells, *counts.pulse.cells)]
    assert all(isinstance(n, Suppressed) for n in shown), "one answer is never shown"
    assert pulse.for_outcomes() == ((FitAnswer("mentee", "not_sure_yet"),), ())
    with pytest.raises(TeamOnly):
        pulse.counts(SUNITA)


def test_a_person_s_answers_are_in_their_data_export_and_go_when_they_are_erased(
    scheme: Scheme, pulse: PulseService
) -> None:
    met(scheme)
    pulse.run_due(LOGGED)
    questions = asked(scheme)
    pulse.answer(SUNITA, questions[SUNITA].question_id, "good_fit", LOGGED + timedelta(hours=1))
    pulse.answer(GRACE, questions[GRACE].question_id, "good_fit", LOGGED + timedelta(hours=1))
    assert scheme.privacy.my_data(SUNITA)["how_your_pairing_is_going"] == [
        {
            "asked": "2026-01-13T11:20:00+00:00",
            "question": "fit",
            "answer": "good_fit",
            "answered": "2026-01-13T12:20:00+00:00",
        }
    ]
    scheme.privacy.send_my_data(SUNITA, LOGGED + timedelta(hours=2))
    [(_, summary)] = scheme.messenger.of(MyDataSummary)
    assert [(q.kind, q.fit, q.answered) for q in summary.held.pulse] == [
        ("fit", "good_fit", True)
    ], "her own answer, in the summary to read too, and not Grace's"
    scheme.privacy.erase(email_of(SUNITA), LOGGED + timedelta(days=1))
    with scheme.uow() as uow:
        kept = uow.pulse.all()
    assert [q.participant_id for q in kept] == [scheme.person(GRACE).id], "hers are gone"


def test_a_quiet_pair_is_flagged_once_after_its_working_days_not_on_a_bank_holiday(
    scheme: Scheme,
) -> None:
    """Under way from Monday 17 November, never met: thirty working days end on 31 December
    (Christmas and Boxing Day are not counted), and New Year's Day is a holiday too, so the team
    hears on Friday 2 January; six calendar weeks would have said so on 29 December."""
    began = datetime(2025, 11, 17, 10, tzinfo=UTC)
    scheme.start_pair(GRACE, SUNITA, began, began)
    scheme.concerns.run_due(datetime(2025, 12, 29, 12, tzinfo=UTC))
    scheme.concerns.run_due(datetime(2026, 1, 1, 12, tzinfo=UTC))
    assert scheme.messenger.of(PairNeedsAttention) == []
    assert scheme.concerns.upcoming(datetime(2026, 1, 1, 12, tzinfo=UTC)) == datetime(
        2026, 1, 2, 9, tzinfo=UTC
    )
    scheme.concerns.run_due(datetime(2026, 1, 2, 9, tzinfo=UTC))
    scheme.concerns.run_due(datetime(2026, 1, 5, 9, tzinfo=UTC))
    [(to, notice)] = scheme.messenger.of(PairNeedsAttention)
    assert (to, notice.reason.kind, notice.reason.count) == (TEAM_CHANNEL, "quiet", 6)
