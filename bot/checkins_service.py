"""Running check-ins: asking each pair on its cadence, following up once, nudging those who have
not accepted, recording answers and meetings, and the team's overview of every pair."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from bot.checkins import (
    CheckInAnswer,
    PairMoment,
    PairState,
    due_moments,
    needs_attention,
    pending_moments,
    working_calendar,
)
from bot.delivery import Deliveries, Outgoing
from bot.errors import NotAParticipant, UserError
from bot.notices import AcceptanceNudge, CheckInPrompt
from bot.pairing import NotInAPair, group
from bot.pairs import Meeting, Pair
from bot.participants import Participant
from bot.ports import Delivery, UnitOfWorkFactory
from bot.programme import Programme
from bot.team import Team

MAX_MEETING_MINUTES = 8 * 60


@dataclass(frozen=True)
class PairSummary:
    mentor: str
    mentee: str
    pair: Pair
    last_meeting: date | None
    open_checkins: int
    attention: str | None
    not_accepted: list[str]


class CheckInsService:
    def __init__(
        self, programme: Programme, uow: UnitOfWorkFactory, deliveries: Deliveries, team: Team
    ):
        self._rules = programme.checkins
        self._calendar = working_calendar(programme)
        self._uow = uow
        self._deliveries = deliveries
        self._team = team
        self.on_change: Callable[[], None] = lambda: None

    # The timeline ------------------------------------------------------------------------------

    def upcoming(self, now: datetime) -> list[PairMoment]:
        """Each pair's next moment: the scheduler holds one job per pair at most."""
        with self._uow() as uow:
            states = uow.pairs.states()
        nexts = [
            min(ms, key=lambda m: m.at)
            for s in states
            if (ms := pending_moments(s, self._rules, self._calendar, now))
        ]
        return nexts

    def who_is_due(self, states: list[PairState], now: datetime) -> list[PairMoment]:
        return due_moments(states, self._rules, self._calendar, now)

    def run_due(self, now: datetime) -> int:
        with self._uow() as uow:
            states = {s.pair.id: s for s in uow.pairs.states()}
            people = {p.id: p for p in uow.participants.all()}
            due = self.who_is_due(list(states.values()), now)
            new_numbers = {
                m.pair_id: _next_number(states[m.pair_id]) for m in due if m.kind == "check_in"
            }
            opened = uow.checkins.open_many(
                new_numbers, now
            )  # a pair missing here: another process has it
            checkin_ids: dict[str, int] = {}
            outgoing: list[Outgoing] = []
            for moment in due:
                state = states[moment.pair_id]
                pair, latest = state.pair, state.latest
                members = (people[pair.mentor_id], people[pair.mentee_id])
                to = group(members)
                if moment.kind == "acceptance_nudge":
                    outgoing += self._nudges(pair, members)
                    uow.pairs.mark_nudged(pair.id, now)
                elif moment.kind == "follow_up" and latest is not None:
                    prompt = CheckInPrompt(
                        pair.id, latest.id, pair.stage, state.last_meeting, follow_up=True
                    )
                    outgoing.append(
                        Outgoing(
                            Delivery(
                                f"checkin-follow-up:{pair.id}:{latest.number}",
                                "checkin",
                                str(pair.id),
                                to,
                                None,
                            ),
                            prompt,
                        )
                    )
                    uow.checkins.mark_followed_up(latest.id, now)
                elif (
                    checkin := latest if moment.kind == "deliver" else opened.get(pair.id)
                ) is not None:
                    key = f"checkin:{pair.id}:{checkin.number}"
                    checkin_ids[key] = checkin.id
                    prompt = CheckInPrompt(
                        pair.id, checkin.id, pair.stage, state.last_meeting, follow_up=False
                    )
                    outgoing.append(
                        Outgoing(Delivery(key, "checkin", str(pair.id), to, None), prompt)
                    )
            uow.commit()
        sent = self._deliveries.send(outgoing, now)
        with self._uow() as uow:
            uow.checkins.mark_sent([checkin_ids[k] for k in sent if k in checkin_ids], now)
            uow.commit()
        return len(sent)

    def _nudges(self, pair: Pair, members: tuple[Participant, Participant]) -> list[Outgoing]:
        mentor, mentee = members
        return [
            Outgoing(
                Delivery(
                    f"accept-nudge:{pair.id}:{person.id}",
                    "accept-nudge",
                    str(pair.id),
                    person.slack_user_id or "",
                    person.id,
                ),
                AcceptanceNudge(pair.id, partner),
            )
            for person, partner in ((mentor, mentee), (mentee, mentor))
            if not pair.accepted_by(person.id)
        ]

    # Answers and meetings -------------------------------------------------------------------------

    def answer(
        self, slack_user_id: str, checkin_id: int, answer: CheckInAnswer, now: datetime
    ) -> tuple[Participant, Pair]:
        with self._uow() as uow:
            person = uow.participants.by_slack_id(slack_user_id)
            checkin = uow.checkins.get(checkin_id)
            pair = uow.pairs.get(checkin.pair_id) if checkin else None
            if person is None:
                raise NotAParticipant()
            if checkin is None or pair is None or person.id not in pair.members:
                raise UserError(
                    "This check-in belongs to another pair, so I can't record your answer."
                )
            if pair.status != "active":
                raise UserError("This pairing has ended, so the check-in is closed.")
            latest = uow.checkins.latest(pair.id)
            if latest is not None and latest.id != checkin.id:
                raise UserError("This is an older check-in. Please answer the latest one I sent.")
            if not uow.checkins.answer(checkin.id, answer, person.id, now):
                raise UserError("This check-in has already been answered. Thank you!")
            uow.commit()
        self.on_change()
        return person, pair

    def log_meeting(
        self, slack_user_id: str, met_on: date, minutes: int, topics: str, now: datetime
    ) -> Meeting:
        with self._uow() as uow:
            person = uow.participants.by_slack_id(slack_user_id)
            if person is None:
                raise NotAParticipant()
            pair = uow.pairs.current_for(person.id)
            if pair is None or pair.status != "active":
                raise NotInAPair()
            if met_on > now.date():
                raise UserError(
                    f"{met_on:%d %B %Y} is in the future. Log a meeting once it has happened."
                )
            if met_on < pair.created_at.date():
                raise UserError(
                    f"{met_on:%d %B %Y} is before you were paired. Please check the date."
                )
            if not 1 <= minutes <= MAX_MEETING_MINUTES:
                raise UserError(
                    "Please give the meeting's length in minutes or hours, e.g. `45m` or `1h30m`."
                )
            meeting = Meeting(pair.id, met_on, minutes, topics.strip()[:500])
            uow.meetings.add(meeting, person.id, now)
            latest = uow.checkins.latest(pair.id)
            if latest is not None and latest.answer is None:
                uow.checkins.answer(latest.id, "yes", person.id, now)
            uow.commit()
        self.on_change()
        return meeting

    # The team's overview --------------------------------------------------------------------------

    def team_overview(self, actor: str, now: datetime) -> list[PairSummary]:
        """Every current pair, those needing attention first."""
        self._team.require_member(actor)
        with self._uow() as uow:
            states = uow.pairs.states()
            people = {p.id: p for p in uow.participants.all()}
        summaries = []
        for state in states:
            pair = state.pair
            summaries.append(
                PairSummary(
                    mentor=people[pair.mentor_id].name,
                    mentee=people[pair.mentee_id].name,
                    pair=pair,
                    last_meeting=state.last_meeting,
                    open_checkins=sum(1 for c in state.checkins if c.sent_at and c.answer is None),
                    attention=needs_attention(state, self._rules, now),
                    not_accepted=[
                        people[m].name
                        for m in pair.members
                        if pair.status == "awaiting" and not pair.accepted_by(m)
                    ],
                )
            )
        return sorted(
            summaries, key=lambda s: (s.attention is None, s.pair.status != "awaiting", s.mentor)
        )


def _next_number(state: PairState) -> int:
    return (state.latest.number if state.latest else 0) + 1
