"""Making and running pairs: pairings from the steering group, acceptance, stages, the pair's
agreement, pauses, and ending a pairing (PairingService); check-ins, meetings and the team's
overview (CheckInsService). What can go wrong is raised as data; handlers/views/pairs.py words it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from bot.errors import NotAParticipant, NotOnTheScheme, within
from bot.notices import Deliveries, Outgoing
from bot.pairs.errors import (
    AlreadyAccepted,
    AlreadyAnswered,
    AlreadyInStage,
    BadMeetingLength,
    CheckInClosed,
    MeetingBeforePairing,
    MeetingInFuture,
    NotInAPair,
    NotPaired,
    NotStarted,
    NotYourCheckIn,
    NotYourPair,
    PairingEnded,
    PauseNotInFuture,
    StaleCheckIn,
    TeamPauseNotInFuture,
    UnknownStage,
)
from bot.pairs.model import (
    Agreement,
    Attention,
    CheckIn,
    CheckInAnswer,
    Meeting,
    Pair,
    PairMoment,
    PairState,
)
from bot.pairs.notices import (
    AcceptanceNudge,
    CheckInPrompt,
    PairEnded,
    PairIntroduction,
    PairStarted,
    StageMoved,
)
from bot.pairs.rules import (
    AGREEMENT_FIELD_MAX,
    MAX_MEETING_MINUTES,
    MEETING_TOPICS_MAX,
    check_pairings,
    due_moments,
    needs_attention,
    next_check_in,
    pairing_faults,
    parse_stage,
    pending_moments,
)
from bot.participants.model import Participant
from bot.ports import UnitOfWork, UnitOfWorkFactory
from bot.scheme import Programme
from bot.team import Team
from bot.worktime import working_calendar


@dataclass(frozen=True)
class PairView:
    pair: Pair
    me: Participant
    partner: Participant
    agreement: Agreement
    meetings: list[Meeting]
    stage_since: datetime


def group(pair_people: tuple[Participant, Participant]) -> str:
    """The group DM of a pair, as the Messenger addresses it."""
    return ",".join(p.slack_user_id or "" for p in pair_people)


class PairingService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        deliveries: Deliveries,
        team: Team,
        on_change: Callable[[], None],
    ):
        """`on_change` is told when a pair's moments change (the clock reschedules)."""
        self._uow = uow
        self._deliveries = deliveries
        self._team = team
        self._on_change = on_change

    # Making and ending pairs -------------------------------------------------------------------

    def import_pairs(self, text: str, now: datetime) -> int:
        with self._uow() as uow:
            rows = check_pairings(text, uow.participants.all(), uow.pairs.paired_participants())
        return len(self._make([(r.mentor, r.mentee) for r in rows], now))

    def pair(self, actor: str, mentor_slack: str, mentee_slack: str, now: datetime) -> Pair:
        self._team.require_member(actor)
        with self._uow() as uow:
            people = {p.slack_user_id: p for p in uow.participants.all()}
            mentor, mentee = people.get(mentor_slack), people.get(mentee_slack)
            if mentor is None or mentee is None:
                raise NotOnTheScheme(mentor_slack if mentor is None else mentee_slack)
            faults = pairing_faults(mentor, mentee, uow.pairs.paired_participants())
            if faults:
                raise faults[0]
        [made] = self._make([(mentor, mentee)], now)
        return made

    def unpair(
        self, actor: str, member_slack: str, reason: str, now: datetime
    ) -> tuple[Participant, Participant]:
        self._team.require_member(actor)
        with self._uow() as uow:
            person = uow.participants.by_slack_id(member_slack)
            pair = uow.pairs.current_for(person.id) if person else None
            if person is None or pair is None:
                raise NotPaired(member_slack)
            mentor, mentee = _people(uow, pair)
            ended = end_pairing(uow, pair, reason, now)
            uow.commit()
        self._deliveries.flush(now, _keys(ended))
        self._on_change()
        return mentor, mentee

    def _make(self, pairs: list[tuple[Participant, Participant]], now: datetime) -> list[Pair]:
        """The pairs and their introductions, kept together: an introduction never expires (a
        pair has to hear of its pairing to accept it), so Slack being down only delays it."""
        with self._uow() as uow:
            made = [uow.pairs.add(mentor.id, mentee.id, now) for mentor, mentee in pairs]
            introductions = [
                PairIntroduction(p.id, *people).to(group(people))
                for p, people in zip(made, pairs, strict=True)
            ]
            uow.deliveries.add(introductions, now)
            uow.commit()
        self._deliveries.flush(now, _keys(introductions))
        self._on_change()
        return made

    # The pair's own actions ----------------------------------------------------------------------

    def accept(self, slack_user_id: str, pair_id: int, now: datetime) -> Pair:
        with self._uow() as uow:
            person, pair = self._own_pair(uow, slack_user_id, pair_id)
            if pair.accepted_by(person.id):
                raise AlreadyAccepted()
            pair = uow.pairs.accept(pair.id, person.id, now)
            started = self._started(uow, pair) if pair.status == "active" else []
            uow.deliveries.add(started, now)
            uow.commit()
        if started:
            self._deliveries.flush(now, _keys(started))
            self._on_change()
        return pair

    def _started(self, uow: UnitOfWork, pair: Pair) -> list[Outgoing]:
        """The pair told, in its group DM, that both have accepted."""
        mentor, mentee = _people(uow, pair)
        return [PairStarted(pair.id, mentor, mentee).to(group((mentor, mentee)))]

    def move_stage(
        self, slack_user_id: str, stage_text: str, now: datetime, pair_id: int | None = None
    ) -> Pair:
        stage = parse_stage(stage_text)
        if stage is None:
            raise UnknownStage(stage_text)
        with self._uow() as uow:
            person, pair = self._own_pair(uow, slack_user_id, pair_id)
            if pair.status != "active":
                raise NotStarted()
            if pair.stage == stage:
                raise AlreadyInStage(stage)
            uow.pairs.set_stage(pair.id, stage, person.id, now)
            moved = StageMoved(pair.id, stage, person.name, now)
            told = [moved.to(group(_people(uow, pair)))]
            uow.deliveries.add(told, now)
            uow.commit()
        self._deliveries.flush(now, _keys(told))
        self._on_change()
        return pair

    def save_agreement(self, slack_user_id: str, agreement: Agreement, now: datetime) -> None:
        with self._uow() as uow:
            person, pair = self._own_pair(uow, slack_user_id)
            for field in ("goals", "availability", "topics", "contact"):
                within(field, getattr(agreement, field), AGREEMENT_FIELD_MAX)
            uow.agreements.save(pair.id, agreement, person.id, now)
            uow.commit()

    def pause(self, slack_user_id: str, until: date | None, now: datetime) -> None:
        with self._uow() as uow:
            person = uow.participants.by_slack_id(slack_user_id)
            if person is None:
                raise NotAParticipant()
            if until is not None and until <= now.date():
                raise PauseNotInFuture(until)
            uow.participants.pause(person.id, until)
            uow.commit()
        self._on_change()

    def pause_pair(self, actor: str, member_slack: str, until: date | None, now: datetime) -> None:
        """The team holds a pair's check-ins, e.g. while a concern is looked into."""
        self._team.require_member(actor)
        if until is not None and until <= now.date():
            raise TeamPauseNotInFuture(until)
        with self._uow() as uow:
            person = uow.participants.by_slack_id(member_slack)
            pair = uow.pairs.current_for(person.id) if person else None
            if pair is None:
                raise NotPaired(member_slack)
            for member in pair.members:
                uow.participants.pause(member, until)
            uow.commit()
        self._on_change()

    # Views ---------------------------------------------------------------------------------------

    def my_pair(self, slack_user_id: str) -> PairView:
        """The person's pair; once it has ended, the last they had, so they see that it ended
        (until they are paired again)."""
        with self._uow() as uow:
            person = _participant(uow, slack_user_id)
            pair = uow.pairs.latest_for(person.id)
            if pair is None:
                raise NotInAPair()
            mentor, mentee = _people(uow, pair)
            partner = mentee if person.id == mentor.id else mentor
            history = uow.pairs.stage_history(pair.id)
            return PairView(
                pair,
                person,
                partner,
                uow.agreements.get(pair.id),
                uow.meetings.for_pair(pair.id),
                history[-1].changed_at,
            )

    def agreement(self, slack_user_id: str) -> Agreement:
        """The pair's agreement as it stands, to edit (not once the pairing has ended)."""
        with self._uow() as uow:
            _person, pair = self._own_pair(uow, slack_user_id)
            return uow.agreements.get(pair.id)

    def _own_pair(
        self, uow: UnitOfWork, slack_user_id: str, pair_id: int | None = None
    ) -> tuple[Participant, Pair]:
        """The person's current pair (the one `pair_id` names, where a button names one). A
        pairing of theirs that has ended is said to have ended, not that they have none."""
        person = _participant(uow, slack_user_id)
        pair = uow.pairs.latest_for(person.id)
        if pair_id is not None and (pair is None or pair.id != pair_id):
            pressed = uow.pairs.get(pair_id)
            if pressed is not None and person.id in pressed.members:
                raise PairingEnded()  # one of theirs, and not their latest: it has ended
            raise NotInAPair() if pair is None else NotYourPair()
        if pair is None:
            raise NotInAPair()
        if pair.status == "ended":
            raise PairingEnded()
        return person, pair


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
        sent = self._deliveries.flush(now, _keys(outgoing))
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
        if checkin_ids.keys() - went:
            went |= uow.deliveries.sent_keys_like("checkin:")
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
        return outgoing, checkin_ids

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
                    attention=needs_attention(state, self._rules, self._calendar, now),
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


def end_pairing(
    uow: UnitOfWork, pair: Pair, reason: str, now: datetime, leaving: int | None = None
) -> list[Outgoing]:
    """Ends the pair, and keeps in the caller's transaction a kind word to each of the two, on
    their own, giving no reason (`reason` is for the team's records). Someone `leaving` the
    scheme (being erased) is told nothing, and their partner's word does not name them."""
    uow.pairs.end(pair.id, reason, now)
    mentor, mentee = _people(uow, pair)
    ended = [
        PairEnded(pair.id, None if other.id == leaving else other).to_person(person)
        for person, other in ((mentor, mentee), (mentee, mentor))
        if person.id != leaving
    ]
    uow.deliveries.add(ended, now)
    return ended


def _people(uow: UnitOfWork, pair: Pair) -> tuple[Participant, Participant]:
    mentor, mentee = uow.participants.get(pair.mentor_id), uow.participants.get(pair.mentee_id)
    assert mentor is not None and mentee is not None
    return mentor, mentee


def _participant(uow: UnitOfWork, slack_user_id: str) -> Participant:
    person = uow.participants.by_slack_id(slack_user_id)
    if person is None:
        raise NotAParticipant()
    return person


def _keys(outgoing: list[Outgoing]) -> list[str]:
    return [o.delivery.key for o in outgoing]


def _next_number(state: PairState) -> int:
    return (state.latest.number if state.latest else 0) + 1
