"""The reflections' use cases over the real storage: each of a pair invited once, in their own
DM, as the pair reaches Coming to Closure; the mentee's reflection kept with each goal's
confidence again, in one transaction, and edited later; what is refused, and kindly; a meeting's
reflection offered to whoever logged it; and a reflection reaching only its writer's own CPD
record and data export, the team counting it, erasure taking it. Summer dates: UK time is UTC+1."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.cpd.service import CpdService
from bot.errors import TeamOnly
from bot.goals.errors import ConfidenceOutOfRange
from bot.goals.model import Boundaries, GoalDraft
from bot.goals.service import GoalsService
from bot.pairs.model import PairChoice
from bot.reflections.errors import NothingWritten, NotTimeToReflect, NotYourMeeting
from bot.reflections.model import ClosureDraft
from bot.reflections.notices import ClosureInvitation, MeetingReflectionOffer
from bot.reflections.service import ReflectionsService
from tests.services import GRACE, JAMIE, OLIVER, SUNITA, TEAM_LEAD, Scheme, email_of

PAIRED = datetime(2026, 1, 5, 10, tzinfo=UTC)
NEGOTIATING = datetime(2026, 2, 2, 10, tzinfo=UTC)
CLOSING = datetime(2026, 6, 17, 10, tzinfo=UTC)  # a Wednesday, 11 a.m. in London
LATER = CLOSING + timedelta(hours=2)
WORDS = ClosureDraft("I led the huddle", "To ask, not tell", "A band 7 post")


@pytest.fixture
def reflections(scheme: Scheme) -> ReflectionsService:
    """As mentorbot/app.py builds it, beside the scheme's other services."""
    return ReflectionsService(scheme.programme, scheme.uow, scheme.deliveries, scheme.team)


def closing(scheme: Scheme) -> None:
    """Grace and Sunita agree two goals in Negotiation (Sunita 4 and 6 out of 10 at the start),
    then reach Coming to Closure."""
    scheme.start_pair(GRACE, SUNITA, PAIRED, PAIRED)
    scheme.pairing.move_stage(GRACE, "negotiation", NEGOTIATING)
    goals = GoalsService(scheme.uow, scheme.deliveries, scheme.team)
    rows = [
        GoalDraft("Lead the huddle", confidence_start=4),
        GoalDraft("Delegate", confidence_start=6),
    ]
    goals.save(SUNITA, rows, Boundaries(), NEGOTIATING)
    scheme.pairing.move_stage(SUNITA, "closure", CLOSING)
    scheme.messenger.sent.clear()


def test_each_of_the_pair_is_invited_once_alone_as_the_pair_reaches_coming_to_closure(
    scheme: Scheme, reflections: ReflectionsService
) -> None:
    closing(scheme)
    assert reflections.upcoming(CLOSING) == CLOSING
    assert reflections.run_due(CLOSING) == 2
    pair = scheme.pair_of(GRACE)
    assert scheme.messenger.of(ClosureInvitation) == [
        (GRACE, ClosureInvitation(pair.id, mentee=False)),
        (SUNITA, ClosureInvitation(pair.id, mentee=True)),
    ]
    assert reflections.run_due(LATER) == 0, "never twice"
    assert reflections.upcoming(LATER) is None


def test_the_mentee_reflects_and_scores_each_goal_again_and_edits_it_later(
    scheme: Scheme, reflections: ReflectionsService
) -> None:
    closing(scheme)
    form = reflections.closure_form(SUNITA, None, LATER)
    assert form.mentee and form.mine is None
    assert [(g.what, g.confidence_start) for g in form.goals] == [
        ("Lead the huddle", 4),
        ("Delegate", 6),
    ]

    saved = reflections.save_closure(
        SUNITA, PairChoice(form.pair.id), WORDS, {1: 8, 2: None}, LATER
    )
    assert [(g.confidence_start, g.confidence_end) for g in saved.goals] == [(4, 8), (6, None)]
    assert saved.mine is not None and saved.mine.closure == WORDS

    edited = ClosureDraft("I led the huddle", "", "A band 7 post, then 8a")
    reflections.save_closure(SUNITA, None, edited, {2: 7}, LATER + timedelta(days=3))
    again = reflections.closure_form(SUNITA, None, LATER + timedelta(days=3))
    assert again.mine is not None and again.mine.closure == edited
    assert again.mine.written_at == LATER, "the day it was first written stays"
    assert [g.confidence_end for g in again.goals] == [8, 7]


def test_a_confidence_off_the_scale_is_refused_beside_its_goal_and_nothing_is_kept(
    scheme: Scheme, reflections: ReflectionsService
) -> None:
    closing(scheme)
    with pytest.raises(ConfidenceOutOfRange) as refused:
        reflections.save_closure(SUNITA, None, WORDS, {1: 8, 2: 12}, LATER)
    assert refused.value.field == "confidence_end_2"
    form = reflections.closure_form(SUNITA, None, LATER)
    assert form.mine is None and [g.confidence_end for g in form.goals] == [None, None]


def test_a_reflection_with_nothing_written_or_before_the_close_is_refused(
    scheme: Scheme, reflections: ReflectionsService
) -> None:
    scheme.start_pair(OLIVER, JAMIE, PAIRED, PAIRED)
    with pytest.raises(NotTimeToReflect):
        reflections.closure_form(JAMIE, None, CLOSING)
    scheme.pairing.move_stage(JAMIE, "closure", CLOSING)
    with pytest.raises(NothingWritten):
        reflections.save_closure(JAMIE, None, ClosureDraft(" ", "", ""), {}, LATER)


def test_the_mentor_s_form_asks_no_scores_and_their_reflection_is_their_own(
    scheme: Scheme, reflections: ReflectionsService
) -> None:
    closing(scheme)
    reflections.save_closure(GRACE, None, WORDS, {1: 2}, LATER)  # a crafted score: not theirs
    assert reflections.closure_form(GRACE, None, LATER).goals == []
    assert [g.confidence_end for g in reflections.closure_form(SUNITA, None, LATER).goals] == [
        None,
        None,
    ]
    mine = reflections.mine(SUNITA, LATER)
    assert mine.mine is None and mine.partner_reflected and mine.partner == "Grace Mensah"


def test_a_meeting_s_reflection_is_offered_to_whoever_logged_it_and_kept_against_it(
    scheme: Scheme, reflections: ReflectionsService
) -> None:
    scheme.start_pair(GRACE, SUNITA, PAIRED, PAIRED)
    logged = datetime(2026, 2, 3, 12, tzinfo=UTC)
    scheme.checkins.log_meeting(SUNITA, date(2026, 2, 3), 45, "rotas", logged)
    assert reflections.run_due(logged) == 1
    [(to, offer)] = scheme.messenger.of(MeetingReflectionOffer)
    assert (to, offer.met_on) == (SUNITA, date(2026, 2, 3))

    reflections.save_meeting(SUNITA, offer.meeting_id, "  Try the rota swap.  ", logged)
    form = reflections.meeting_form(SUNITA, offer.meeting_id)
    assert form.mine is not None and form.mine.text == "Try the rota swap."
    scheme.start_pair(OLIVER, JAMIE, PAIRED, PAIRED)
    with pytest.raises(NotYourMeeting):
        reflections.save_meeting(JAMIE, offer.meeting_id, "not mine", logged)


def test_a_reflection_reaches_its_writer_s_cpd_record_and_data_export_and_no_one_else_s(
    scheme: Scheme, reflections: ReflectionsService
) -> None:
    closing(scheme)
    reflections.save_closure(SUNITA, None, WORDS, {1: 8}, LATER)
    cpd = CpdService(scheme.programme, scheme.uow, scheme.deliveries)
    scheme.checkins.log_meeting(GRACE, date(2026, 6, 16), 30, "the close", LATER)

    [reflection] = cpd.send_mine(SUNITA, LATER).reflections
    assert (reflection.on, reflection.moment) == (date(2026, 6, 17), "closure")
    assert reflection.parts == (
        ("achieved", "I led the huddle"),
        ("learned", "To ask, not tell"),
        ("next_steps", "A band 7 post"),
    )
    assert cpd.send_mine(GRACE, LATER).reflections == ()
    [exported] = scheme.privacy.my_data(SUNITA)["your_reflections"]
    assert exported["moment"] == "closure" and exported["learned"] == "To ask, not tell"
    assert scheme.privacy.my_data(GRACE)["your_reflections"] == []


def test_the_team_counts_who_reflected_and_erasure_takes_the_words(
    scheme: Scheme, reflections: ReflectionsService
) -> None:
    closing(scheme)
    reflections.run_due(CLOSING)
    reflections.save_closure(SUNITA, None, WORDS, {}, LATER)
    with pytest.raises(TeamOnly):
        reflections.team_counts(SUNITA)
    counted = reflections.team_counts(TEAM_LEAD)
    assert (counted.invited, counted.at_closure, counted.after_meetings) == (2, 1, 0)

    reflections.save_closure(GRACE, None, WORDS, {}, LATER)
    grace = scheme.person(GRACE).id
    scheme.privacy.erase(email_of(SUNITA), LATER)
    with scheme.uow() as uow:
        assert [r.participant_id for r in uow.reflections.all()] == [grace], "hers go, his stay"
        assert len(uow.reflections.invited()) == 1
