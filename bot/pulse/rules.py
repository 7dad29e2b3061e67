"""The pure rules of hearing how a pairing is going: when each person is asked which question,
which answers the team should hear about, and what the team's counts show. When a pair that has
not met is flagged (in each member's own working days) is the pairs' rule, `needs_attention`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime

from bot.outcomes.model import FITS, CountTable
from bot.outcomes.rules import count_table
from bot.participants.model import Role
from bot.pulse.model import (
    FIT_ROUND,
    PULSES,
    Due,
    Latest,
    Member,
    PairPulse,
    Question,
    Worry,
)
from bot.scheme import PulseSettings
from bot.worktime import Calendar

# Asking --------------------------------------------------------------------------------------


def question_due(
    pulse: PairPulse, member: Member, settings: PulseSettings, calendar: Calendar, now: datetime
) -> Due | None:
    """The next question for one of the pair: the fit first, then a pulse every `settings.every`
    from the first meeting logged, each at the start of the member's own working time. A round
    missed altogether (the bot was away, the pair paused) is not asked late: only the latest
    round due is. None once the scheme is over."""
    round_ = FIT_ROUND if member.last_round is None else member.last_round + 1
    while _moment(pulse, member, round_ + 1, settings, calendar) <= now:
        round_ += 1
    at = _moment(pulse, member, round_, settings, calendar)
    if calendar.day_of(at) > calendar.last_day:
        return None
    return Due(pulse.pair_id, member.participant_id, round_, at)


def _moment(
    pulse: PairPulse, member: Member, round_: int, settings: PulseSettings, calendar: Calendar
) -> datetime:
    """When a round may be asked of a member: its days counted on the programme's clock (60
    days on is the same time of day, whatever clock change lies between), not while the pair is
    paused, and only inside the member's own working hours on their own working days."""
    at = pulse.first_meeting_logged.astimezone(calendar.zone) + round_ * settings.every
    if pulse.paused_until is not None:
        at = max(at, calendar.start_of(pulse.paused_until).astimezone(UTC))
    return calendar.working_time(at, [member.place]).astimezone(UTC)


def questions_due(
    pulses: Iterable[PairPulse], settings: PulseSettings, calendar: Calendar, now: datetime
) -> list[Due]:
    """Every question due by `now`, each person's on its own."""
    return [d for d in _next_questions(pulses, settings, calendar, now) if d.at <= now]


def next_moment(
    pulses: Iterable[PairPulse], settings: PulseSettings, calendar: Calendar, now: datetime
) -> datetime | None:
    return min((d.at for d in _next_questions(pulses, settings, calendar, now)), default=None)


def _next_questions(
    pulses: Iterable[PairPulse], settings: PulseSettings, calendar: Calendar, now: datetime
) -> list[Due]:
    return [
        due
        for pulse in pulses
        for member in pulse.members
        if (due := question_due(pulse, member, settings, calendar, now)) is not None
    ]


# What the team hears ------------------------------------------------------------------------


def worries(questions: Iterable[Question], settings: PulseSettings) -> list[Worry]:
    """Each pair and round whose answers the team should hear about, once: see `worrying`."""
    rounds: dict[tuple[int, int], list[Question]] = {}
    for question in questions:
        if question.answered:
            rounds.setdefault((question.pair_id, question.round), []).append(question)
    return [
        Worry(pair_id, round_)
        for (pair_id, round_), answers in sorted(rounds.items())
        if worrying(answers, settings)
    ]


def worrying(answers: Sequence[Question], settings: PulseSettings) -> bool:
    """One of the pair said the fit is not a good one, or gave a pulse at or under the
    programme's low mark; or the two answers to the same question, on the 1 to 5 scale (a fit
    as model.FIT_ON_SCALE puts it), are the programme's `apart_by` or more apart."""
    if any(a.fit == "not_a_good_fit" for a in answers):
        return True
    if any(a.score is not None and a.score <= settings.low_at_most for a in answers):
        return True
    points = [a.on_scale for a in answers if a.on_scale is not None]
    return len(points) == 2 and abs(points[0] - points[1]) >= settings.apart_by


# The team's counts -----------------------------------------------------------------------------


def latest_answers(questions: Iterable[Question], roles: Mapping[int, Role]) -> list[Latest]:
    """Each person's fit and their latest pulse (None where not answered), by their role now;
    someone no longer on the scheme (erased) is not counted."""
    fits: dict[int, Question] = {}
    pulses: dict[int, Question] = {}
    for q in sorted(questions, key=lambda q: q.round):  # a later pulse takes an earlier's place
        if not q.answered or q.participant_id not in roles:
            continue
        if q.fit is not None:
            fits[q.participant_id] = q
        elif q.score is not None:
            pulses[q.participant_id] = q
    return [
        Latest(
            roles[person],
            fits[person].fit if person in fits else None,
            pulses[person].score if person in pulses else None,
        )
        for person in sorted(fits.keys() | pulses.keys())
    ]


def fit_table(latest: Iterable[Latest]) -> CountTable:
    return count_table(Counter((a.role, a.fit) for a in latest if a.fit), FITS)


def pulse_table(latest: Iterable[Latest]) -> CountTable:
    scores = Counter((a.role, str(a.score)) for a in latest if a.score is not None)
    return count_table(scores, tuple(str(score) for score in PULSES))
