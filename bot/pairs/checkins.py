"""Check-ins, meetings and the team's overview of pairs (CheckInsService): the pair's
timeline once it is under way; in Enabling Growth a check-in also asks about one of the pair's
goals (bot/goals/). Making and running the pairing itself is bot/pairs/service.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from bot.errors import NotAParticipant, within
from bot.goals.service import ask_about_goals
from bot.notices import Deliveries, Outgoing, keys_of
from bot.pairs.errors import (
    AlreadyAnswered,
    BadMeetingLength,
    CheckInClosed,
    MeetingBeforePairing,
    MeetingInFuture,
    NotInAPair,
    NotYourCheckIn,
    StaleCheckIn,
)
from bot.pairs.model import (
    Attention,
    CheckIn,
    CheckInAnswer,
    Meeting,
    Pair,
    PairChoice,
    PairMoment,
    PairState,
)
from bot.pairs.notices import (
    AcceptanceNudge,
    CheckInPrompt,
)
from bot.pairs.rules import (
    MAX_MEETING_MINUTES,
    MEETING_TOPICS_MAX,
    due_moments,
    needs_attention,
    next_check_in,
    pending_moments,
    quiet_after,
)
from bot.pairs.service import group, own_pair
from bot.participants.model import Participant
from bot.ports import UnitOfWork, UnitOfWorkFactory
from bot.scheme import Programme
from bot.team import Team
from bot.worktime import working_calendar


@dataclass(frozen=True)
class PairSummary:
    mentor: str
    mentee: str
    pair: Pair
    last_meeting: date | None
    open_checkins: int
    attention: Attention | None
    not_accepted: list[str]


class CheckInsService:
    def __init__(
        self,
        programme: Programme,
        uow: UnitOfWorkFactory,
        deliveries: Deliveries,
        team: Team,
        on_change: Callable[[], None],
    ):
        self._rules = programme.checkins
        self._quiet_days = quiet_after(programme.pulse, programme.checkins)
        self._calendar = working_calendar(programme)
        self._uow = uow
        self._deliveries = deliveries
        self._team = team
        self._on_change = on_change

    # The timeline ------------------------------------------------------------------------------

    def upcoming(self, now: datetime) -> datetime | None:
        """The next moment of any pair: a check-in, a follow-up or an acceptance nudge."""
        with self._uow() as uow:
            states = uow.pairs.states()
        return min(
            (m.at for s in states for m in pending_moments(s, self._rules, self._calendar, now)),
            default=None,
        )

    def next_check_in(self, pair_id: int, now: datetime) -> datetime | None:
        """When the pair's next check-in is due (None: not active, or none left this scheme)."""
        with self._uow() as uow:
            states = uow.pairs.states(pair_id)
        return next_check_in(states[0], self._rules, self._calendar, now) if states else None

    def who_is_due(self, states: list[PairState], now: datetime) -> list[PairMoment]:
        return due_moments(states, self._rules, self._calendar, now)

    def run_due(self, now: datetime) -> int:
        """Sends each pair's due check-in, follow-up and acceptance nudge; returns how many went.
        Each message is kept in the outbox with the change that causes it (a check-in opened, a
        nudge or follow-up marked), so one that Slack does not take is retried by the outbox.
        A check-in is marked sent only once its prompt has gone: until then its pair waits."""
        with self._uow() as uow:
            outgoing, checkin_ids = self._queue_due(uow, now)
            uow.deliveries.add(outgoing, now)
            uow.commit()
        sent = self._deliveries.flush(now, keys_of(outgoing))
        with self._uow() as uow:
            uow.checkins.mark_sent(self._prompted(uow, checkin_ids, sent), now)
            uow.commit()
        return len(sent)

    @staticmethod
    def _prompted(uow: UnitOfWork, checkin_ids: dict[str, int], sent: list[str]) -> list[int]:
        """The check-ins whose prompt has gone: sent by this run, or kept by an earlier run and
        sent since by the outbox's own sender (flush does not report a key sent by another, and
        without this its pair would wait for ever on a check-in never marked sent)."""
        went = set(sent)
        if unknown := checkin_ids.keys() - went:
            went |= uow.deliveries.sent_among(unknown)
        return [checkin_id for key, checkin_id in checkin_ids.items() if key in went]

    def _queue_due(self, uow: UnitOfWork, now: datetime) -> tuple[list[Outgoing], dict[str, int]]:
        """The messages due now, each change recorded in the caller's transaction (new check-ins
        opened, nudges and follow-ups marked), and the check-in id behind each prompt's key."""
        states = {s.pair.id: s for s in uow.pairs.states()}
        people = {p.id: p for p in uow.participants.all()}
        due = self.who_is_due(list(states.values()), now)
        new_numbers = {
            m.pair_id: _next_number(states[m.pair_id]) for m in due if m.kind == "check_in"
        }
        opened = uow.checkins.open_many(new_numbers, now)  # a pair missing: another process has it
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
                outgoing.append(self._follow_up(state, latest, to, now))
                uow.checkins.mark_followed_up(latest.id, now)
            elif (
                checkin := latest if moment.kind == "deliver" else opened.get(pair.id)
            ) is not None:
                prompt = self._prompt(state, checkin.id, checkin.number, to, follow_up=False)
                checkin_ids[prompt.delivery.key] = checkin.id
                outgoing.append(prompt)
        # In Enabling Growth, each new check-in also asks about one of the pair's goals (a
        # prompt delivered again had its question kept beside it the first time).
        new = [
            (states[p].pair, checkin, _group_of(states[p].pair, people))
            for p, checkin in opened.items()
        ]
        return outgoing + ask_about_goals(uow, new, now), checkin_ids

    @staticmethod
    def _prompt(
        state: PairState,
        checkin_id: int,
        number: int,
        to: str,
        follow_up: bool,
        expires_at: datetime | None = None,
    ) -> Outgoing:
        """A check-in's question to the pair's group DM. A first prompt never expires: a late
        question is still useful, and its pair's next check-in waits until it has gone."""
        pair = state.pair
        prompt = CheckInPrompt(
            pair.id, checkin_id, number, pair.stage, state.last_meeting, follow_up=follow_up
        )
        return prompt.to(to, expires_at)

    def _follow_up(self, state: PairState, latest: CheckIn, to: str, now: datetime) -> Outgoing:
        """The follow-up expires when the pair's next check-in is due: by then the new prompt
        asks again, and the old one's buttons would only be refused as stale."""
        following = next_check_in(state, self._rules, self._calendar, now)
        return self._prompt(state, latest.id, latest.number, to, True, following)

    def _nudges(self, pair: Pair, members: tuple[Participant, Participant]) -> list[Outgoing]:
        mentor, mentee = members
        return [
            AcceptanceNudge(pair.id, partner).to_person(person)
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
                raise NotYourCheckIn()
            if pair.status != "active":
                raise CheckInClosed()
            latest = uow.checkins.latest(pair.id)
            if latest is not None and latest.id != checkin.id:
                raise StaleCheckIn()
            if not uow.checkins.answer(checkin.id, answer, person.id, now):
                raise AlreadyAnswered()
            uow.commit()
        self._on_change()
        return person, pair

    def log_meeting(
        self,
        slack_user_id: str,
        met_on: date,
        minutes: int,
        topics: str,
        now: datetime,
        which: PairChoice | None = None,
    ) -> Meeting:
        """A meeting of the person's pair (`which`, for a mentor with several mentees)."""
        with self._uow() as uow:
            person, pair = own_pair(uow, slack_user_id, which)
            if pair.status != "active":
                raise NotInAPair()
            if met_on > now.date():
                raise MeetingInFuture(met_on)
            if met_on < pair.created_at.date():
                raise MeetingBeforePairing(met_on)
            if not 1 <= minutes <= MAX_MEETING_MINUTES:
                raise BadMeetingLength(minutes)
            meeting = Meeting(
                pair.id, met_on, minutes, within("topics", topics, MEETING_TOPICS_MAX)
            )
            uow.meetings.add(meeting, person.id, now)
            latest = uow.checkins.latest(pair.id)
            if latest is not None and latest.answer is None:
                uow.checkins.answer(latest.id, "yes", person.id, now)
            uow.commit()
        self._on_change()
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
                    attention=needs_attention(
                        state, self._rules, self._quiet_days, self._calendar, now
                    ),
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


def _group_of(pair: Pair, people: dict[int, Participant]) -> str:
    return group((people[pair.mentor_id], people[pair.mentee_id]))


def _next_number(state: PairState) -> int:
    return (state.latest.number if state.latest else 0) + 1
