"""Making and running pairs: pairings from the steering group, acceptance, stages, the pair's
agreement, pauses, and ending a pairing. Check-ins themselves are in bot/checkins_service.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from bot.delivery import Deliveries, Outgoing
from bot.errors import NotAParticipant, UserError
from bot.notices import PairEnded, PairIntroduction, PairStarted, StageMoved
from bot.pairs import (
    STAGE_NAMES,
    Agreement,
    Meeting,
    Pair,
    check_pairings,
    pairing_problems,
    parse_stage,
)
from bot.participants import Participant
from bot.ports import Delivery, UnitOfWork, UnitOfWorkFactory
from bot.team import Team


class NotInAPair(UserError):
    def __init__(self) -> None:
        super().__init__(
            "You are not in a mentoring pair yet. The project team will pair you and I'll introduce you."
        )


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
    def __init__(self, uow: UnitOfWorkFactory, deliveries: Deliveries, team: Team):
        self._uow = uow
        self._deliveries = deliveries
        self._team = team
        self.on_change: Callable[[], None] = lambda: None

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
                missing = mentor_slack if mentor is None else mentee_slack
                raise UserError(f"<@{missing}> is not on the scheme yet; import them first.")
            problems = pairing_problems(mentor, mentee, uow.pairs.paired_participants())
            if problems:
                raise UserError(problems[0] + ".")
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
                raise UserError(f"<@{member_slack}> is not in a pair.")
            mentor, mentee = self._people(uow, pair)
            uow.pairs.end(pair.id, reason, now)
            uow.commit()
        self._deliveries.send(
            [
                Outgoing(
                    Delivery(
                        f"pair-ended:{pair.id}:{p.id}",
                        "pair-ended",
                        str(pair.id),
                        p.slack_user_id or "",
                        p.id,
                    ),
                    PairEnded(other),
                )
                for p, other in ((mentor, mentee), (mentee, mentor))
            ],
            now,
        )
        self.on_change()
        return mentor, mentee

    def _make(self, pairs: list[tuple[Participant, Participant]], now: datetime) -> list[Pair]:
        made: list[Pair] = []
        with self._uow() as uow:
            for mentor, mentee in pairs:
                made.append(uow.pairs.add(mentor.id, mentee.id, now))
            uow.commit()
        self._deliveries.send(
            [
                Outgoing(
                    Delivery(f"pair-intro:{p.id}", "pair-intro", str(p.id), group(people), None),
                    PairIntroduction(p.id, *people),
                )
                for p, people in zip(made, pairs, strict=True)
            ],
            now,
        )
        self.on_change()
        return made

    # The pair's own actions ----------------------------------------------------------------------

    def accept(self, slack_user_id: str, pair_id: int, now: datetime) -> Pair:
        with self._uow() as uow:
            person, pair = self._own_pair(uow, slack_user_id, pair_id)
            if pair.accepted_by(person.id):
                raise UserError("You have already accepted this pairing. Thank you!")
            pair = uow.pairs.accept(pair.id, person.id, now)
            mentor, mentee = self._people(uow, pair)
            uow.commit()
        if pair.status == "active":
            started = PairStarted(pair.id, mentor, mentee)
            self._deliveries.send(
                [
                    Outgoing(
                        Delivery(
                            f"pair-started:{pair.id}",
                            "pair-started",
                            str(pair.id),
                            group((mentor, mentee)),
                            None,
                        ),
                        started,
                    )
                ],
                now,
            )
            self.on_change()
        return pair

    def move_stage(
        self, slack_user_id: str, stage_text: str, now: datetime, pair_id: int | None = None
    ) -> Pair:
        stage = parse_stage(stage_text)
        if stage is None:
            names = ", ".join(STAGE_NAMES.values())
            raise UserError(f"“{stage_text}” is not a stage. The stages are: {names}.")
        with self._uow() as uow:
            person, pair = self._own_pair(uow, slack_user_id, pair_id)
            if pair.status != "active":
                raise UserError("Your pairing starts once you have both accepted it.")
            if pair.stage == stage:
                raise UserError(f"Your pair is already in {STAGE_NAMES[stage]}.")
            uow.pairs.set_stage(pair.id, stage, person.id, now)
            mentor, mentee = self._people(uow, pair)
            uow.commit()
        moved = StageMoved(pair.id, stage, person.name)
        key = f"stage:{pair.id}:{stage}:{now:%Y%m%dT%H%M%S}"
        self._deliveries.send(
            [Outgoing(Delivery(key, "stage", str(pair.id), group((mentor, mentee)), None), moved)],
            now,
        )
        self.on_change()
        return pair

    def save_agreement(self, slack_user_id: str, agreement: Agreement, now: datetime) -> None:
        with self._uow() as uow:
            person, pair = self._own_pair(uow, slack_user_id)
            uow.agreements.save(pair.id, agreement, person.id, now)
            uow.commit()

    def pause(self, slack_user_id: str, until: date | None, now: datetime) -> None:
        with self._uow() as uow:
            person = uow.participants.by_slack_id(slack_user_id)
            if person is None:
                raise NotAParticipant()
            if until is not None and until <= now.date():
                raise UserError(
                    "Please give a date in the future, e.g. `/mentoring pause until 2026-03-01`."
                )
            uow.participants.pause(person.id, until)
            uow.commit()
        self.on_change()

    def pause_pair(self, actor: str, member_slack: str, until: date | None, now: datetime) -> None:
        """The team holds a pair's check-ins, e.g. while a concern is looked into."""
        self._team.require_member(actor)
        if until is not None and until <= now.date():
            raise UserError("Please give a date in the future.")
        with self._uow() as uow:
            person = uow.participants.by_slack_id(member_slack)
            pair = uow.pairs.current_for(person.id) if person else None
            if pair is None:
                raise UserError(f"<@{member_slack}> is not in a pair.")
            for member in pair.members:
                uow.participants.pause(member, until)
            uow.commit()
        self.on_change()

    # Views ---------------------------------------------------------------------------------------

    def my_pair(self, slack_user_id: str) -> PairView:
        with self._uow() as uow:
            person, pair = self._own_pair(uow, slack_user_id)
            mentor, mentee = self._people(uow, pair)
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

    def _own_pair(
        self, uow: UnitOfWork, slack_user_id: str, pair_id: int | None = None
    ) -> tuple[Participant, Pair]:
        person = uow.participants.by_slack_id(slack_user_id)
        if person is None:
            raise NotAParticipant()
        pair = uow.pairs.current_for(person.id)
        if pair is None:
            raise NotInAPair()
        if pair_id is not None and pair.id != pair_id:
            raise UserError(
                "That button belongs to a pairing that has changed since. Use `/mentoring pair` to see yours."
            )
        return person, pair

    @staticmethod
    def _people(uow: UnitOfWork, pair: Pair) -> tuple[Participant, Participant]:
        mentor, mentee = uow.participants.get(pair.mentor_id), uow.participants.get(pair.mentee_id)
        assert mentor is not None and mentee is not None
        return mentor, mentee
