"""Concerns raised privately with the project team, and the team's work on them.

A concern's text goes to the team's private channel and nowhere else (the reporter hears, in
their own DM, that the team has it, and when it is acknowledged). Every step is kept in an
audit trail. Unacknowledged reports are posted again with the lead mentioned; pairs needing
attention, low evaluation scores and worrying answers about how a pairing is going raise
automatic, lower-priority notices (bot/concerns/automatic.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.concerns.automatic import due_notices, quiet_moments
from bot.concerns.errors import (
    CannotAct,
    ConcurrentChange,
    EmptyConcern,
    NoResolutionNote,
    NoSuchConcern,
    UrgencyNotChosen,
)
from bot.concerns.model import URGENCIES, Concern, ConcernAction, ConcernEvent
from bot.concerns.notices import (
    ConcernAcknowledged,
    ConcernForTeam,
    ConcernReceived,
    ConcernResolved,
    ReportersPair,
    SentCheckIn,
)
from bot.concerns.rules import can_act, escalation_due, steps_taken
from bot.errors import within
from bot.notices import Deliveries, Outgoing, keys_of
from bot.participants.model import Participant
from bot.ports import UnitOfWork, UnitOfWorkFactory
from bot.scheme import Programme
from bot.team import Team
from bot.worktime import Calendar

MAX_CONCERN_LENGTH = 3000
MAX_CONTACT_LENGTH = 300
RECENT_CHECKINS = 4  # how many of the pair's check-ins an alert shows
# Every message here is kept in the outbox with the change that causes it and none expires: an
# alert, an escalation, a notice or a word to the reporter is still worth having late, so the
# outbox retries each until Slack takes it or refuses it for good.


@dataclass(frozen=True)
class AlertView:
    concern: Concern
    reporter: str | None  # the reporter's name; None: someone not on the scheme
    history: list[ConcernEvent]


class ConcernsService:
    def __init__(
        self,
        programme: Programme,
        uow: UnitOfWorkFactory,
        deliveries: Deliveries,
        team: Team,
        calendar: Calendar,
    ):
        self._programme = programme
        self._rules = programme.alerts
        self._uow = uow
        self._deliveries = deliveries
        self._team = team
        self._calendar = calendar

    # Raising ------------------------------------------------------------------------------------

    def raise_concern(
        self,
        slack_user_id: str,
        source: str,
        text: str,
        now: datetime,
        urgency: str = "soon",
        contact: str = "",
        pair_id: int | None = None,
    ) -> int:
        """Keeps the concern (its id is returned) with its alert to the team, so no crash can
        lose the alert; `deliver_pending` then posts it to the team's channel, after Slack has
        had its answer, and the reporter is told once it is there."""
        text = within("text", text, MAX_CONCERN_LENGTH)
        contact = within("contact", contact, MAX_CONTACT_LENGTH)
        if not text:
            raise EmptyConcern()
        if urgency not in URGENCIES:
            raise UrgencyNotChosen(urgency)
        with self._uow() as uow:
            reporter = uow.participants.by_slack_id(slack_user_id)
            pairs = uow.pairs.current_of(reporter.id) if reporter else []
            # The pair named (one of theirs), else their only one: a mentor with several
            # mentees writing from elsewhere may mean any of them, and the team asks.
            named = next((p for p in pairs if p.id == pair_id), None)
            pair = named or (pairs[0] if len(pairs) == 1 else None)
            concern_id = uow.concerns.add(
                reporter.id if reporter else None,
                pair.id if pair else None,
                source,
                text,
                now,
                urgency,
                contact,
            )
            uow.concerns.record(ConcernEvent(concern_id, "raised", slack_user_id, now))
            uow.deliveries.add([self._alert(uow, concern_id, escalated=False)], now)
            uow.commit()
        return concern_id

    def deliver_pending(self, now: datetime) -> int:
        """Posts every concern the team's channel does not have yet; the clock retries what
        Slack did not take."""
        with self._uow() as uow:
            waiting = [c.id for c in uow.concerns.all() if c.delivered_at is None]
        return sum(self._deliver(concern_id, now) for concern_id in waiting)

    def _deliver(self, concern_id: int, now: datetime, escalated: bool = False) -> bool:
        """Posts the alert (kept when the concern was raised; an escalation is kept here) and,
        once the channel has it, records so; True when this call posted it. An alert another
        sender posted (the outbox's clock, after Slack failed this one) is recorded all the
        same, or the concern would wait for ever to be marked delivered."""
        with self._uow() as uow:
            alert = self._alert(uow, concern_id, escalated)
            uow.deliveries.add([alert], now)  # a no-op for an alert kept when raised
            uow.commit()
        key = alert.delivery.key
        posted = key in self._deliveries.flush(now, [key])
        if posted or self._posted_elsewhere(key):
            self._delivered(concern_id, now, escalated)
        return posted

    def _posted_elsewhere(self, key: str) -> bool:
        with self._uow() as uow:
            return key in uow.deliveries.sent_keys_like(key)

    def _delivered(self, concern_id: int, now: datetime, escalated: bool) -> None:
        """The channel has the alert: the audit trail says so and, for the first alert, the
        reporter's "the team has it" is kept in the same transaction, then sent."""
        with self._uow() as uow:
            concern = uow.concerns.get(concern_id)
            assert concern is not None
            if not escalated and concern.delivered_at is not None:
                return  # another sender saw it posted and recorded it first
            action = "escalated" if escalated else "delivered"
            uow.concerns.record(ConcernEvent(concern_id, action, "mentorbot", now))
            told: list[Outgoing] = []
            if not escalated:
                uow.concerns.mark_delivered(concern_id, now)
                told = self._received(uow, concern)
                uow.deliveries.add(told, now)
            uow.commit()
        if told:
            self._deliveries.flush(now, keys_of(told))

    def _received(self, uow: UnitOfWork, concern: Concern) -> list[Outgoing]:
        """The reporter's word that the team has their concern (none for someone not on the
        scheme or not in Slack)."""
        reporter = uow.participants.get(concern.reporter_id) if concern.reporter_id else None
        if reporter is None or not reporter.slack_user_id:
            return []
        received = ConcernReceived(
            concern.id, concern.contact, self._rules.escalate_after_working_hours
        )
        return [received.to_person(reporter)]

    # The team's work ------------------------------------------------------------------------------

    def acknowledge(self, actor: str, concern_id: int, now: datetime) -> Concern:
        return self._act(actor, concern_id, "acknowledge", now)

    def take(self, actor: str, concern_id: int, now: datetime) -> Concern:
        return self._act(actor, concern_id, "take", now)

    def resolve(self, actor: str, concern_id: int, note: str, now: datetime) -> Concern:
        if not note.strip():
            raise NoResolutionNote()
        return self._act(actor, concern_id, "resolve", now, note.strip())

    def _act(
        self, actor: str, concern_id: int, action: ConcernAction, now: datetime, note: str = ""
    ) -> Concern:
        """One step of the team's work on a concern. What it tells (the team's channel, of a
        resolution; the reporter, that the team has read their concern) is kept in the same
        transaction as the step, then sent."""
        self._team.require_member(actor)
        with self._uow() as uow:
            concern = self._actionable(uow, concern_id, action)
            acknowledged = self._apply(uow, concern, action, actor, now, note)
            reporter = uow.participants.get(concern.reporter_id) if concern.reporter_id else None
            updated = uow.concerns.get(concern_id)
            told = self._revised(uow, concern_id)
            told += self._told(concern_id, action, actor, reporter if acknowledged else None)
            uow.deliveries.add(told, now)
            uow.commit()
        assert updated is not None
        if told:
            self._deliveries.flush(now, keys_of(told))
        return updated

    def _revised(self, uow: UnitOfWork, concern_id: int) -> list[Outgoing]:
        """The alert, and its escalation once posted, as the concern now stands: each takes the
        place of the message showing it, wherever the step was taken (a button on the alert,
        the console, a form), so the channel never shows a step behind."""
        steps = steps_taken(uow.concerns.history(concern_id))
        revised = [self._alert(uow, concern_id, escalated=False, steps=steps)]
        escalation = f"concern:{concern_id}:escalated"
        if escalation in uow.deliveries.sent_keys_like(escalation):
            revised.append(self._alert(uow, concern_id, escalated=True, steps=steps))
        return revised

    def _told(
        self,
        concern_id: int,
        action: ConcernAction,
        actor: str,
        acknowledged_to: Participant | None,
    ) -> list[Outgoing]:
        """The team's channel hears of a resolution; the reporter, when this step acknowledged
        their concern, that the team has read it."""
        told: list[Outgoing] = []
        if action == "resolve":
            told.append(ConcernResolved(concern_id, actor).to(self._team.channel))
        if acknowledged_to is not None and acknowledged_to.slack_user_id:
            acknowledged = ConcernAcknowledged(concern_id, self._name(actor))
            told.append(acknowledged.to_person(acknowledged_to))
        return told

    @staticmethod
    def _actionable(uow: UnitOfWork, concern_id: int, action: ConcernAction) -> Concern:
        """The concern, when its status allows the action."""
        concern = uow.concerns.get(concern_id)
        if concern is None:
            raise NoSuchConcern(concern_id)
        refusal = can_act(concern.status, action)
        if refusal:
            raise CannotAct(concern_id, refusal)
        return concern

    def _apply(
        self,
        uow: UnitOfWork,
        concern: Concern,
        action: ConcernAction,
        actor: str,
        now: datetime,
        note: str,
    ) -> bool:
        """Moves the stored concern and keeps the step in its audit trail. True when this
        acknowledged it: taking an open concern acknowledges it too."""
        acknowledges = concern.status == "open" and action in ("acknowledge", "take")
        if not self._move(uow, concern.id, action, acknowledges, actor, now):
            raise ConcurrentChange(concern.id)
        if acknowledges:
            uow.concerns.record(ConcernEvent(concern.id, "acknowledged", actor, now))
        if action != "acknowledge":
            done = {"take": "assigned", "resolve": "resolved"}[action]
            uow.concerns.record(ConcernEvent(concern.id, done, actor, now, note))
        return acknowledges

    @staticmethod
    def _move(
        uow: UnitOfWork,
        concern_id: int,
        action: ConcernAction,
        acknowledges: bool,
        actor: str,
        now: datetime,
    ) -> bool:
        """Changes the stored concern only from the status it was read in: False when someone
        else changed it meanwhile."""
        if action == "resolve":
            return uow.concerns.move(concern_id, ["open", "acknowledged"], "resolved", now)
        if acknowledges:
            assignee = actor if action == "take" else None
            return uow.concerns.move(concern_id, ["open"], "acknowledged", now, assignee=assignee)
        uow.concerns.assign(concern_id, actor)
        return True

    def open_alerts(self, actor: str) -> list[AlertView]:
        """Every concern, open ones first, then acknowledged, then resolved; newest first within."""
        self._team.require_member(actor)
        order = {"open": 0, "acknowledged": 1, "resolved": 2}
        with self._uow() as uow:
            names = {p.id: p.name for p in uow.participants.all()}
            views = [
                AlertView(c, names.get(c.reporter_id or 0), uow.concerns.history(c.id))
                for c in uow.concerns.all()
            ]
        return sorted(views, key=lambda v: (order[v.concern.status], -v.concern.id))

    # The sweep: retries, escalation, automatic notices --------------------------------------------

    def run_due(self, now: datetime) -> int:
        with self._uow() as uow:
            concerns = uow.concerns.all()
            escalations = {
                c.id
                for c in concerns
                if (
                    at := escalation_due(
                        c, self._rules.escalate_after_working_hours, self._calendar
                    )
                )
                and at <= now
            }
            done = uow.deliveries.sent_keys_like("concern:")
        sent = self.deliver_pending(now)
        for concern in concerns:
            delivered = concern.delivered_at is not None
            if (
                delivered
                and concern.id in escalations
                and f"concern:{concern.id}:escalated" not in done
            ):
                sent += self._deliver(concern.id, now, escalated=True)
        return sent + self._automatic_notices(now)

    def upcoming(self, now: datetime) -> datetime | None:
        """Now, while a concern or an automatic notice waits to be sent; otherwise the next
        escalation, or the next moment a pair will have gone quiet for too long."""
        with self._uow() as uow:
            concerns = uow.concerns.all()
            states = uow.pairs.states()
            notices = due_notices(uow, self._programme, self._calendar, now, states)
            escalations = [f"concern:{c.id}:escalated" for c in concerns]
            done = uow.deliveries.sent_among([n.key for n in notices] + escalations)
        hours = self._rules.escalate_after_working_hours
        waiting = any(c.delivered_at is None for c in concerns) or any(
            n.key not in done for n in notices
        )
        moments = [now] if waiting else []
        moments += [
            at
            for c in concerns
            if (at := escalation_due(c, hours, self._calendar))
            and f"concern:{c.id}:escalated" not in done
        ]
        moments += quiet_moments(states, self._programme, self._calendar, now)
        return min(moments, default=None)

    def _automatic_notices(self, now: datetime) -> int:
        """Kept in the transaction that read what they say (a notice kept before stays as it
        was), then sent; returns how many went."""
        with self._uow() as uow:
            due = due_notices(uow, self._programme, self._calendar, now, uow.pairs.states())
            outgoing = [n.to(self._team.channel) for n in due]
            uow.deliveries.add(outgoing, now)
            uow.commit()
        return len(self._deliveries.flush(now, keys_of(outgoing)))

    # Helpers ---------------------------------------------------------------------------------------

    def _alert(self, uow: UnitOfWork, concern_id: int, escalated: bool, steps: int = 0) -> Outgoing:
        """The concern, its reporter and their pair's recent check-ins, for the team's channel
        (mentioning the lead when escalated), as it stands after the team's `steps`."""
        concern = uow.concerns.get(concern_id)
        assert concern is not None
        reporter = uow.participants.get(concern.reporter_id) if concern.reporter_id else None
        pair = uow.pairs.get(concern.pair_id) if concern.pair_id else None
        shown: ReportersPair | None = None
        if pair is not None:
            recent = uow.checkins.for_pair(pair.id)[-RECENT_CHECKINS:]
            shown = ReportersPair(
                uow.participants.get(pair.mentor_id),
                uow.participants.get(pair.mentee_id),
                pair.stage,
                tuple(SentCheckIn(c.sent_at, c.answer) for c in recent if c.sent_at),
            )
        lead = self._team.lead if escalated else None
        alert = ConcernForTeam(concern, reporter, shown, escalated, lead, steps, self._programme)
        return alert.to(self._team.channel)

    def _name(self, slack_user_id: str) -> str | None:
        """The team member's name as the programme file gives it, if it does."""
        member = next(
            (m for m in self._programme.project_team.members if m.slack_id == slack_user_id), None
        )
        return member.name if member else None
