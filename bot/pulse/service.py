"""Hearing how each pairing is going: asking each of the two, alone in their own DM, the fit after
the pair's first meeting is logged and a pulse every so often after it (the clock's `run_due`),
keeping each answer from a button (`answer`), and the counts the team and the outcomes report
read. An answer is shown to no one: a worrying one raises the team's automatic notice by the
concerns feature's sweep (bot/concerns/automatic.py), which names the pair and never who said
what."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.errors import NotAParticipant
from bot.notices import Deliveries, Outgoing, keys_of
from bot.outcomes.model import FITS, FitAnswer, PulseAnswer
from bot.pairs.rules import partners_to_name
from bot.participants.model import Participant
from bot.ports import UnitOfWork, UnitOfWorkFactory
from bot.pulse.errors import AlreadyAnswered, NotAnAnswer, NotYourQuestion
from bot.pulse.model import PULSES, Fit, Latest, Member, PairPulse, PulseCounts, Question
from bot.pulse.notices import PulseQuestion
from bot.pulse.rules import fit_table, latest_answers, next_moment, pulse_table, questions_due
from bot.scheme import Programme
from bot.team import Team
from bot.worktime import Whereabouts, working_calendar


class PulseService:
    def __init__(
        self,
        programme: Programme,
        uow: UnitOfWorkFactory,
        deliveries: Deliveries,
        team: Team,
        on_change: Callable[[], None],
    ):
        """`on_change` is told when an answer is kept, so the clock's concerns sweep raises any
        notice it calls for at once."""
        self._settings = programme.pulse
        self._calendar = working_calendar(programme)
        self._uow = uow
        self._deliveries = deliveries
        self._team = team
        self._on_change = on_change

    # Asking ----------------------------------------------------------------------------------

    def upcoming(self, now: datetime) -> datetime | None:
        """The next moment someone is due a question."""
        with self._uow() as uow:
            pulses = pair_pulses(uow)
        return next_moment(pulses, self._settings, self._calendar, now)

    def run_due(self, now: datetime) -> int:
        """Asks everyone whose question is due, each in their own DM; returns how many went.
        Each question is kept with its message, so one Slack does not take now is sent by the
        outbox, and a second clock asking at once asks nobody twice."""
        with self._uow() as uow:
            due = questions_due(pair_pulses(uow), self._settings, self._calendar, now)
            asked = uow.pulse.ask(due, now)
            people = {p.id: p for p in uow.participants.all()}
            partners = partners_to_name(uow.pairs.current(), people)
            outgoing = [
                self._question(
                    q, people[q.participant_id], partners.get((q.pair_id, q.participant_id))
                )
                for q in asked
            ]
            uow.deliveries.add(outgoing, now)
            uow.commit()
        return len(self._deliveries.flush(now, keys_of(outgoing)))

    def _question(self, question: Question, person: Participant, partner: str | None) -> Outgoing:
        """Not sent once the next question is due: that one asks afresh."""
        notice = PulseQuestion(question.id, question.round, partner)
        return notice.to_person(person, question.asked_at + self._settings.every)

    # Answering ---------------------------------------------------------------------------------

    def answer(self, slack_user_id: str, question_id: int, answer: str, now: datetime) -> Question:
        """Keeps the person's answer to their own question, once; returns it as answered."""
        fit, score = _read(answer)
        with self._uow() as uow:
            person = uow.participants.by_slack_id(slack_user_id)
            if person is None:
                raise NotAParticipant()
            question = uow.pulse.get(question_id)
            if question is None or question.participant_id != person.id:
                raise NotYourQuestion()
            if (question.kind == "fit") != (fit is not None):
                raise NotAnAnswer(answer)
            if not uow.pulse.answer(question.id, fit, score, now):
                raise AlreadyAnswered()
            answered = uow.pulse.get(question.id)
            uow.commit()
        assert answered is not None, "kept just now"
        self._on_change()
        return answered

    # What the team reads -----------------------------------------------------------------------

    def counts(self, actor: str) -> PulseCounts:
        """Each person's latest fit and pulse, counted by role: the team's, never an answer."""
        self._team.require_member(actor)
        with self._uow() as uow:
            latest = _latest(uow)
            asked = len({q.participant_id for q in uow.pulse.all()})
        return PulseCounts(fit_table(latest), pulse_table(latest), asked)

    def for_outcomes(self) -> tuple[tuple[FitAnswer, ...], tuple[PulseAnswer, ...]]:
        """Each person's latest fit and pulse by role, as the outcomes report counts them."""
        with self._uow() as uow:
            latest = _latest(uow)
        return (
            tuple(FitAnswer(a.role, a.fit) for a in latest if a.fit is not None),
            tuple(PulseAnswer(a.role, a.score) for a in latest if a.score is not None),
        )


def pair_pulses(uow: UnitOfWork) -> list[PairPulse]:
    """Every active pair that has logged a meeting, with its members in Slack."""
    first = uow.pulse.first_meetings_logged()
    last_round: dict[tuple[int, int], int] = {}
    for q in uow.pulse.all():
        key = (q.pair_id, q.participant_id)
        last_round[key] = max(q.round, last_round.get(key, q.round))
    people = {p.id: p for p in uow.participants.all() if p.slack_user_id}
    return [
        PairPulse(
            state.pair.id,
            tuple(
                _member(people[m], last_round.get((state.pair.id, m)))
                for m in state.pair.members
                if m in people
            ),
            first[state.pair.id],
            state.paused_until,
        )
        for state in uow.pairs.states()
        if state.pair.status == "active" and state.pair.id in first
    ]


def _member(person: Participant, last_round: int | None) -> Member:
    """One of a pair: where they work, and the latest round they were asked in this pair."""
    return Member(person.id, Whereabouts(person.tz, person.nation), last_round)


def _latest(uow: UnitOfWork) -> list[Latest]:
    roles = {p.id: p.role for p in uow.participants.all() if p.slack_user_id}
    return latest_answers(uow.pulse.all(), roles)


def _read(answer: str) -> tuple[Fit | None, int | None]:
    """A button's answer: a fit by its name, or a pulse's score."""
    for fit in FITS:
        if answer == fit:
            return fit, None
    if answer.isdigit() and int(answer) in PULSES:
        return None, int(answer)
    raise NotAnAnswer(answer)
