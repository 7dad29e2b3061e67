"""Making and running pairs: pairings from the steering group, acceptance, stages, pauses, and
ending a pairing (PairingService). Check-ins, meetings and the team's overview are
bot/pairs/checkins.py; the pair's goals and boundaries are bot/goals/. What can go wrong is
raised as data (bot/pairs/errors.py); handlers/views/pairs/ words it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from bot.errors import NotAParticipant, NotOnTheScheme
from bot.notices import Deliveries, Outgoing, keys_of
from bot.pairs.errors import (
    AlreadyAccepted,
    AlreadyInStage,
    NotInAPair,
    NotPaired,
    NotStarted,
    NotYourPair,
    NotYourPartner,
    PairingEnded,
    PauseNotInFuture,
    TeamPauseNotInFuture,
    UnknownStage,
    WhichPair,
)
from bot.pairs.model import Meeting, Pair, PairChoice
from bot.pairs.notices import (
    PairEnded,
    PairIntroduction,
    PairStarted,
    StageMoved,
)
from bot.pairs.rules import check_pairings, pairing_faults, parse_stage
from bot.participants.model import Participant
from bot.ports import UnitOfWork, UnitOfWorkFactory
from bot.team import Team


@dataclass(frozen=True)
class PairView:
    pair: Pair
    me: Participant
    partner: Participant
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
            rows = check_pairings(text, uow.participants.all(), uow.pairs.paired_counts())
        return len(self._make([(r.mentor, r.mentee) for r in rows], now))

    def pair(self, actor: str, mentor_slack: str, mentee_slack: str, now: datetime) -> Pair:
        self._team.require_member(actor)
        with self._uow() as uow:
            people = {p.slack_user_id: p for p in uow.participants.all()}
            mentor, mentee = people.get(mentor_slack), people.get(mentee_slack)
            if mentor is None or mentee is None:
                raise NotOnTheScheme(mentor_slack if mentor is None else mentee_slack)
            faults = pairing_faults(mentor, mentee, uow.pairs.paired_counts())
            if faults:
                raise faults[0]
        [made] = self._make([(mentor, mentee)], now)
        return made

    def unpair(
        self, actor: str, member_slack: str, reason: str, now: datetime
    ) -> tuple[Participant, Participant]:
        self._team.require_member(actor)
        with self._uow() as uow:
            pair = _named_pair(uow, member_slack)
            mentor, mentee = members_of(uow, pair)
            ended = end_pairing(uow, pair, reason, now)
            uow.commit()
        self._deliveries.flush(now, keys_of(ended))
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
        self._deliveries.flush(now, keys_of(introductions))
        self._on_change()
        return made

    # The pair's own actions ----------------------------------------------------------------------

    def accept(self, slack_user_id: str, pair_id: int, now: datetime) -> Pair:
        with self._uow() as uow:
            person, pair = own_pair(uow, slack_user_id, PairChoice(pair_id))
            if pair.accepted_by(person.id):
                raise AlreadyAccepted()
            pair = uow.pairs.accept(pair.id, person.id, now)
            started = self._started(uow, pair) if pair.status == "active" else []
            uow.deliveries.add(started, now)
            uow.commit()
        if started:
            self._deliveries.flush(now, keys_of(started))
            self._on_change()
        return pair

    def _started(self, uow: UnitOfWork, pair: Pair) -> list[Outgoing]:
        """The pair told, in its group DM, that both have accepted."""
        mentor, mentee = members_of(uow, pair)
        return [PairStarted(pair.id, mentor, mentee).to(group((mentor, mentee)))]

    def move_stage(
        self, slack_user_id: str, stage_text: str, now: datetime, which: PairChoice | None = None
    ) -> Pair:
        stage = parse_stage(stage_text)
        if stage is None:
            raise UnknownStage(stage_text)
        with self._uow() as uow:
            person, pair = own_pair(uow, slack_user_id, which)
            if pair.status != "active":
                raise NotStarted()
            if pair.stage == stage:
                raise AlreadyInStage(stage)
            uow.pairs.set_stage(pair.id, stage, person.id, now)
            moved = StageMoved(pair.id, stage, person.name, now)
            told = [moved.to(group(members_of(uow, pair)))]
            uow.deliveries.add(told, now)
            uow.commit()
        self._deliveries.flush(now, keys_of(told))
        self._on_change()
        return pair

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
            pair = _named_pair(uow, member_slack)
            uow.pairs.hold(pair.id, until)
            uow.commit()
        self._on_change()

    # Views ---------------------------------------------------------------------------------------

    def my_pairs(self, slack_user_id: str) -> list[PairView]:
        """The person's current pairs (a mentor may have several); once they have none, the
        last they had, so they see that it ended (until they are paired again)."""
        with self._uow() as uow:
            person = _participant(uow, slack_user_id)
            latest = uow.pairs.latest_for(person.id)
            pairs = uow.pairs.current_of(person.id) or ([latest] if latest else [])
            if not pairs:
                raise NotInAPair()
            return [_pair_view(uow, person, pair) for pair in pairs]


def _pair_view(uow: UnitOfWork, person: Participant, pair: Pair) -> PairView:
    partner = _partner_of(uow, person, pair)
    history = uow.pairs.stage_history(pair.id)
    return PairView(pair, person, partner, uow.meetings.for_pair(pair.id), history[-1].changed_at)


def own_pair(
    uow: UnitOfWork, slack_user_id: str, which: PairChoice | None = None
) -> tuple[Participant, Pair]:
    """The person's current pair, as `which` chooses it: the one its `pair_id` names (where a
    button names one), the one they share with its `partner` (a Slack id, where a command names
    one), or else their only one.
    A mentor with several must say which; a pairing of theirs that has ended is said to have
    ended, not that they have none."""
    person = _participant(uow, slack_user_id)
    current = uow.pairs.current_of(person.id)
    which = which or PairChoice()
    if which.pair_id is not None:
        return person, _pressed(uow, person, current, which.pair_id)
    if which.partner is not None:
        other = uow.participants.by_slack_id(which.partner)
        shared = [p for p in current if other is not None and other.id in p.members]
        if not shared:
            raise NotYourPartner(which.partner)
        return person, shared[0]
    if len(current) > 1:
        raise WhichPair(tuple(_partner_of(uow, person, p).name for p in current))
    if current:
        return person, current[0]
    if uow.pairs.latest_for(person.id) is not None:
        raise PairingEnded()
    raise NotInAPair()


def _pressed(uow: UnitOfWork, person: Participant, current: list[Pair], pair_id: int) -> Pair:
    """The current pair a button names; one of theirs that has ended is said to have."""
    found = next((p for p in current if p.id == pair_id), None)
    if found is not None:
        return found
    pressed = uow.pairs.get(pair_id)
    if pressed is not None and person.id in pressed.members:
        raise PairingEnded()
    raise NotInAPair() if uow.pairs.latest_for(person.id) is None else NotYourPair()


def _named_pair(uow: UnitOfWork, member_slack: str) -> Pair:
    """The current pair of someone the team names: a mentor with several is asked which, by
    naming the mentee."""
    person = uow.participants.by_slack_id(member_slack)
    current = uow.pairs.current_of(person.id) if person else []
    if person is None or not current:
        raise NotPaired(member_slack)
    if len(current) > 1:
        names = tuple(_partner_of(uow, person, p).name for p in current)
        raise WhichPair(names, mentor=person.name)
    return current[0]


def _partner_of(uow: UnitOfWork, person: Participant, pair: Pair) -> Participant:
    mentor, mentee = members_of(uow, pair)
    return mentee if person.id == mentor.id else mentor


def end_pairing(
    uow: UnitOfWork, pair: Pair, reason: str, now: datetime, leaving: int | None = None
) -> list[Outgoing]:
    """Ends the pair, and keeps in the caller's transaction a kind word to each of the two, on
    their own, giving no reason (`reason` is for the team's records). Someone `leaving` the
    scheme (being erased) is told nothing, and their partner's word does not name them."""
    uow.pairs.end(pair.id, reason, now)
    mentor, mentee = members_of(uow, pair)
    ended = [
        PairEnded(pair.id, None if other.id == leaving else other).to_person(person)
        for person, other in ((mentor, mentee), (mentee, mentor))
        if person.id != leaving
    ]
    uow.deliveries.add(ended, now)
    return ended


def members_of(uow: UnitOfWork, pair: Pair) -> tuple[Participant, Participant]:
    """The pair's mentor and mentee."""
    mentor, mentee = uow.participants.get(pair.mentor_id), uow.participants.get(pair.mentee_id)
    assert mentor is not None and mentee is not None
    return mentor, mentee


def _participant(uow: UnitOfWork, slack_user_id: str) -> Participant:
    person = uow.participants.by_slack_id(slack_user_id)
    if person is None:
        raise NotAParticipant()
    return person
