"""The lower-priority notices the bot raises to the team by itself, each marked as automatic and
keyed once per episode: a pair that needs attention (its check-ins answered "Not yet" in a row,
or no meeting logged for the programme's number of working days in each member's own nation:
the pairs' rule, which the team's overview of pairs shows too), a low evaluation score, and
answers about how a pairing is going that ask for a word with the pair (bot/pulse), which never
say who answered or what. ConcernsService keeps and sends them on its sweep."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from bot.concerns.notices import AutomaticNotice, LowScore, PairMayNeedAWord, PairNeedsAttention
from bot.pairs.model import Attention, PairState
from bot.pairs.rules import needs_attention, quiet_after, quiet_from
from bot.participants.model import Participant
from bot.ports import UnitOfWork
from bot.pulse.rules import worries
from bot.scheme import Programme
from bot.worktime import Calendar

# How each kind of attention is spelled in its notice's ledger key; keys already in the ledger
# say "not-yet", so the spelling stays.
ATTENTION_KEY_KINDS = {"not_yet": "not-yet", "quiet": "quiet"}


def due_notices(
    uow: UnitOfWork,
    programme: Programme,
    calendar: Calendar,
    now: datetime,
    states: Sequence[PairState],
) -> list[AutomaticNotice]:
    """Every automatic notice the stored state (and the pairs' `states`, read in the same
    transaction) calls for now, those kept before included: the ledger keeps each once."""
    people = {p.id: p for p in uow.participants.all()}
    return [
        *_attention_notices(states, people, programme, calendar, now),
        *_low_score_notices(uow, people, programme),
        *_pulse_notices(uow, people, programme, states),
    ]


def attention(
    state: PairState, programme: Programme, calendar: Calendar, now: datetime
) -> Attention | None:
    """Why the team should look at a pair: the pairs' rule, as the team's overview of pairs
    shows it ("Not yet" in a row; or quiet for the programme's working days in each member's
    nation, so a bank holiday is never a day without a meeting)."""
    quiet_days = quiet_after(programme.pulse, programme.checkins)
    return needs_attention(state, programme.checkins, quiet_days, calendar, now)


def quiet_moments(
    states: Iterable[PairState], programme: Programme, calendar: Calendar, now: datetime
) -> list[datetime]:
    """The moments still to come at which a pair will have gone quiet for too long."""
    working_days = quiet_after(programme.pulse, programme.checkins)
    return [
        at
        for state in states
        if (at := quiet_from(state, working_days, calendar)) is not None and at > now
    ]


def _attention_notices(
    states: Sequence[PairState],
    people: Mapping[int, Participant],
    programme: Programme,
    calendar: Calendar,
    now: datetime,
) -> list[AutomaticNotice]:
    notices: list[AutomaticNotice] = []
    for state in states:
        reason = attention(state, programme, calendar, now)
        if reason is None:
            continue
        pair = state.pair
        # Once per episode: until the pair meets again, the same worry is not raised twice.
        kind = ATTENTION_KEY_KINDS[reason.kind]
        anchor = f"{kind}:{state.last_meeting or pair.activated_at:%Y%m%d}"
        notices.append(
            PairNeedsAttention(
                f"notice:attention:{pair.id}:{anchor}",
                people[pair.mentor_id],
                people[pair.mentee_id],
                pair.stage,
                reason,
            )
        )
    return notices


def _low_score_notices(
    uow: UnitOfWork, people: Mapping[int, Participant], programme: Programme
) -> list[AutomaticNotice]:
    rules = programme.alerts
    notices: list[AutomaticNotice] = []
    for form in programme.evaluations.forms:
        watched = [
            q
            for q in form.questions
            if q.kind == "scale"
            and (not rules.low_score_questions or q.id in rules.low_score_questions)
        ]
        for record in uow.evaluations.for_form(form.id):
            person = people.get(record.participant_id)
            for question in watched:
                score = record.progress.answers.get(question.id)
                if isinstance(score, int) and score <= rules.low_score_at_most and person:
                    key = f"notice:low-score:{form.id}:{person.id}:{question.id}"
                    notices.append(LowScore(key, person, score, question, form))
    return notices


def _pulse_notices(
    uow: UnitOfWork,
    people: Mapping[int, Participant],
    programme: Programme,
    states: Sequence[PairState],
) -> list[AutomaticNotice]:
    """A word with the pair, once for each question whose answers call for it, while the pair is
    under way: the notice holds the pair and its stage, nothing of the answers."""
    active = {s.pair.id: s.pair for s in states if s.pair.status == "active"}
    return [
        PairMayNeedAWord(
            f"notice:pulse:{pair.id}:{worry.round}",
            people[pair.mentor_id],
            people[pair.mentee_id],
            pair.stage,
        )
        for worry in worries(uow.pulse.all(), programme.pulse)
        if (pair := active.get(worry.pair_id)) is not None
    ]
