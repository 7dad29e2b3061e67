"""The reflections use cases: the clock's invitations (`run_due`: at the close, to each of the
pair in their own DM; after a meeting, to whoever logged it), the forms' contents and their
saving (the closure's with the mentee's goal confidences again, in the same transaction), each
person's own for their Home, and the team's counts, which hold no words. A reflection is read
back only by its writer; the CPD record and the data export read it through the repository."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from bot.errors import NotAParticipant
from bot.goals.model import Goal
from bot.notices import Deliveries, Outgoing, keys_of
from bot.pairs.errors import NotInAPair
from bot.pairs.model import Pair, PairChoice
from bot.pairs.rules import partners_to_name
from bot.pairs.service import own_pair
from bot.participants.model import Participant
from bot.ports import UnitOfWork, UnitOfWorkFactory
from bot.reflections.errors import NotTimeToReflect, NotYourMeeting
from bot.reflections.model import (
    ClosureDraft,
    Due,
    LoggedMeeting,
    Member,
    PairClosing,
    Reflection,
    ReflectionCounts,
)
from bot.reflections.notices import ClosureInvitation, MeetingReflectionOffer
from bot.reflections.rules import (
    OFFER_WITHIN,
    checked_closure,
    checked_meeting,
    closing_scores,
    closing_time,
    counts,
    invitations_due,
    next_moment,
)
from bot.scheme import Programme
from bot.team import Team
from bot.worktime import Whereabouts, working_calendar


@dataclass(frozen=True)
class ClosureForm:
    """What the closure's form shows one person: their pair, whether they are its mentee (who
    scores each goal again), the pair's goals for the mentee, and what they wrote already."""

    pair: Pair
    mentee: bool
    goals: list[Goal]
    mine: Reflection | None


@dataclass(frozen=True)
class MeetingForm:
    meeting: LoggedMeeting
    mine: Reflection | None


@dataclass(frozen=True)
class MyReflections:
    """What a person's Home shows of reflections: whether their pair may reflect at the close
    now, their own closure reflection (their words, for them alone), whether their partner has
    reflected (never what), and how many short reflections they wrote after meetings."""

    pair: Pair
    open: bool
    mine: Reflection | None
    partner: str
    partner_reflected: bool
    after_meetings: int


class ReflectionsService:
    def __init__(
        self, programme: Programme, uow: UnitOfWorkFactory, deliveries: Deliveries, team: Team
    ):
        self._calendar = working_calendar(programme)
        self._uow = uow
        self._deliveries = deliveries
        self._team = team

    # Inviting --------------------------------------------------------------------------------

    def upcoming(self, now: datetime) -> datetime | None:
        with self._uow() as uow:
            pairs, meetings, invited = _what_rules_read(uow, now)
        return next_moment(pairs, meetings, invited, self._calendar, now)

    def run_due(self, now: datetime) -> int:
        """Each invitation due, kept with its message in one transaction, so none is made twice
        (a second clock, a restart) and one Slack does not take now is sent by the outbox."""
        with self._uow() as uow:
            pairs, meetings, invited = _what_rules_read(uow, now)
            due = invitations_due(pairs, meetings, invited, self._calendar, now)
            made = uow.reflections.invite(due, now)
            people = {p.id: p for p in uow.participants.all()}
            current = uow.pairs.current()
            mentees = {pair.id: pair.mentee_id for pair in current}
            partners = partners_to_name(current, people)
            by_meeting = {m.id: m for m in meetings}
            outgoing = [
                _invitation(d, people[d.participant_id], mentees, by_meeting, partners)
                for d in made
            ]
            uow.deliveries.add(outgoing, now)
            uow.commit()
        return len(self._deliveries.flush(now, keys_of(outgoing)))

    # The closure's reflection ------------------------------------------------------------------

    def closure_form(
        self, slack_user_id: str, which: PairChoice | None, now: datetime
    ) -> ClosureForm:
        """The form as it opens: empty, or with what they wrote (NotTimeToReflect before the
        pair's close, unless they reflected already)."""
        with self._uow() as uow:
            person, pair = _their_pair(uow, slack_user_id, which)
            mine = uow.reflections.closure(pair.id, person.id)
            self._may_reflect(pair, mine, now)
            mentee = person.id == pair.mentee_id
            goals = uow.goals.for_pair(pair.id) if mentee else []
            return ClosureForm(pair, mentee, goals, mine)

    def save_closure(
        self,
        slack_user_id: str,
        which: PairChoice | None,
        draft: ClosureDraft,
        scores: Mapping[int, int | None],
        now: datetime,
    ) -> ClosureForm:
        """Keeps the reflection (or its new words) and, for the mentee, each goal's confidence
        scored again (`scores` by the goal's place), together; returns the form as it now
        stands."""
        with self._uow() as uow:
            person, pair = _their_pair(uow, slack_user_id, which)
            self._may_reflect(pair, uow.reflections.closure(pair.id, person.id), now)
            kept = checked_closure(draft)
            mentee = person.id == pair.mentee_id
            if mentee:
                for goal_id, score in closing_scores(uow.goals.for_pair(pair.id), scores).items():
                    uow.goals.close(goal_id, score, person.id, now)
            reflection = uow.reflections.save_closure(pair.id, person.id, kept, now)
            goals = uow.goals.for_pair(pair.id) if mentee else []
            uow.commit()
        return ClosureForm(pair, mentee, goals, reflection)

    def _may_reflect(self, pair: Pair, mine: Reflection | None, now: datetime) -> None:
        """At the close of a pair still going; or, once written, to edit, whenever."""
        if mine is not None:
            return
        today = self._calendar.day_of(now)
        if pair.status != "active" or not closing_time(pair.stage, today, self._calendar.last_day):
            raise NotTimeToReflect()

    # A meeting's reflection --------------------------------------------------------------------

    def meeting_form(self, slack_user_id: str, meeting_id: int) -> MeetingForm:
        with self._uow() as uow:
            person, meeting = _their_meeting(uow, slack_user_id, meeting_id)
            return MeetingForm(meeting, uow.reflections.after_meeting(meeting.id, person.id))

    def save_meeting(
        self, slack_user_id: str, meeting_id: int, text: str, now: datetime
    ) -> Reflection:
        with self._uow() as uow:
            person, meeting = _their_meeting(uow, slack_user_id, meeting_id)
            reflection = uow.reflections.save_meeting(
                meeting, person.id, checked_meeting(text), now
            )
            uow.commit()
        return reflection

    # Reading -------------------------------------------------------------------------------------

    def mine(
        self, slack_user_id: str, now: datetime, which: PairChoice | None = None
    ) -> MyReflections:
        """For their Home, one pair's: `which`, or their only or latest (NotInAPair without
        one)."""
        with self._uow() as uow:
            person, pair = _their_pair(uow, slack_user_id, which)
            partner_id = pair.mentor_id if person.id == pair.mentee_id else pair.mentee_id
            partner = uow.participants.get(partner_id)
            mine = uow.reflections.closure(pair.id, person.id)
            today = self._calendar.day_of(now)
            return MyReflections(
                pair=pair,
                open=pair.status == "active"
                and closing_time(pair.stage, today, self._calendar.last_day),
                mine=mine,
                partner=partner.name if partner else "",
                partner_reflected=uow.reflections.closure(pair.id, partner_id) is not None,
                after_meetings=sum(
                    r.moment == "meeting" and r.pair_id == pair.id
                    for r in uow.reflections.of(person.id)
                ),
            )

    def team_counts(self, actor: str) -> ReflectionCounts:
        """How many reflected at the close, of those invited: never a word."""
        self._team.require_member(actor)
        with self._uow() as uow:
            return counts(uow.reflections.invited(), uow.reflections.all())


def _what_rules_read(
    uow: UnitOfWork, now: datetime
) -> tuple[list[PairClosing], list[LoggedMeeting], set[str]]:
    """Every pair still going with its members in Slack, the meetings logged lately, and the
    invitations made."""
    reached = uow.reflections.closure_reached()
    people = {p.id: p for p in uow.participants.all() if p.slack_user_id}
    pairs = [
        PairClosing(
            pair.id,
            tuple(_member(people[m]) for m in pair.members if m in people),
            reached.get(pair.id) if pair.stage == "coming_to_closure" else None,
        )
        for pair in uow.pairs.current()
        if pair.status == "active"
    ]
    meetings = uow.reflections.meetings_logged_since(now - OFFER_WITHIN)
    return pairs, meetings, uow.reflections.invited()


def _member(person: Participant) -> Member:
    return Member(person.id, Whereabouts(person.tz, person.nation))


def _invitation(
    due: Due,
    person: Participant,
    mentees: dict[int, int],
    meetings: dict[int, LoggedMeeting],
    partners: dict[tuple[int, int], str],
) -> Outgoing:
    """Never expires: a reflection is welcome however late it is asked for."""
    if due.moment == "closure":
        mentee = mentees.get(due.pair_id) == person.id
        partner = partners.get((due.pair_id, person.id))
        return ClosureInvitation(due.pair_id, mentee, partner).to_person(person)
    assert due.meeting_id is not None, "a meeting's offer names its meeting"
    met_on = meetings[due.meeting_id].met_on
    return MeetingReflectionOffer(due.meeting_id, met_on).to_person(person)


def _participant(uow: UnitOfWork, slack_user_id: str) -> Participant:
    person = uow.participants.by_slack_id(slack_user_id)
    if person is None:
        raise NotAParticipant()
    return person


def _their_pair(
    uow: UnitOfWork, slack_user_id: str, which: PairChoice | None
) -> tuple[Participant, Pair]:
    """The pair a button names (one of theirs, ended or not), or the current one a command
    names or they have; with none current, their latest (a reflection outlives the pair)."""
    which = which or PairChoice()
    person = _participant(uow, slack_user_id)
    if which.pair_id is None and (which.partner or len(uow.pairs.current_of(person.id)) > 1):
        return own_pair(uow, slack_user_id, which)
    pair_id = which.pair_id
    pair = uow.pairs.get(pair_id) if pair_id is not None else uow.pairs.latest_for(person.id)
    if pair is None or person.id not in pair.members:
        raise NotInAPair()
    return person, pair


def _their_meeting(
    uow: UnitOfWork, slack_user_id: str, meeting_id: int
) -> tuple[Participant, LoggedMeeting]:
    """A meeting of one of their pairs."""
    person = _participant(uow, slack_user_id)
    meeting = uow.reflections.meeting(meeting_id)
    pair = uow.pairs.get(meeting.pair_id) if meeting else None
    if meeting is None or pair is None or person.id not in pair.members:
        raise NotYourMeeting()
    return person, meeting
