"""Concerns raised privately with the project team, and the team's work on them.

A concern's text goes to the team's private channel and nowhere else (the reporter hears, in
their own DM, that the team has it, and when it is acknowledged). Every step is kept in an
audit trail. Unacknowledged reports are posted again with the lead mentioned; pairs needing
attention and low evaluation scores raise automatic, lower-priority notices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.concerns.notices import (
    AutomaticNotice,
    ConcernAcknowledged,
    ConcernForTeam,
    ConcernReceived,
    ConcernResolved,
)
from bot.concerns.rules import URGENCIES, Concern, ConcernEvent, can_act, escalation_due
from bot.errors import UserError, within
from bot.outbox import Deliveries, Delivery, Notice, Outgoing
from bot.pairs.rules import STAGE_NAMES, needs_attention, quiet_from
from bot.ports import UnitOfWork, UnitOfWorkFactory
from bot.scheme import Programme
from bot.team import Team
from bot.worktime import Calendar

MAX_CONCERN_LENGTH = 3000
MAX_CONTACT_LENGTH = 300
ANSWER_WORDS = {"yes": "Yes", "not_yet": "Not yet"}


@dataclass(frozen=True)
class AlertView:
    concern: Concern
    reporter: str
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
    ) -> int:
        """Keeps the concern (its id is returned); `deliver_pending` then posts it to the team's
        channel, after Slack has had its answer, and the reporter is told once it is there."""
        text = within("text", text, MAX_CONCERN_LENGTH)
        contact = within("contact", contact, MAX_CONTACT_LENGTH)
        if not text:
            raise UserError("Please say a little about what is happening, so the team can help.")
        if urgency not in URGENCIES:
            raise UserError("Please choose how urgent it is.")
        with self._uow() as uow:
            reporter = uow.participants.by_slack_id(slack_user_id)
            pair = uow.pairs.current_for(reporter.id) if reporter else None
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
            uow.commit()
        return concern_id

    def deliver_pending(self, now: datetime) -> int:
        """Posts every concern the team's channel does not have yet; the clock retries what
        Slack did not take."""
        with self._uow() as uow:
            waiting = [c.id for c in uow.concerns.all() if c.delivered_at is None]
        return sum(self._deliver(concern_id, now) for concern_id in waiting)

    def _deliver(self, concern_id: int, now: datetime, escalated: bool = False) -> bool:
        with self._uow() as uow:
            alert = self._alert(uow, concern_id, escalated)
        key = f"concern:{concern_id}:{'escalated' if escalated else 'team'}"
        sent = self._deliveries.send(
            [Outgoing(Delivery(key, "concern", str(concern_id), self._team.channel, None), alert)],
            now,
        )
        if key not in sent:
            return False
        with self._uow() as uow:
            uow.concerns.record(
                ConcernEvent(
                    concern_id, "escalated" if escalated else "delivered", "mentorbot", now
                )
            )
            if not escalated:
                uow.concerns.mark_delivered(concern_id, now)
            uow.commit()
        if not escalated:
            self._tell_reporter(
                alert.concern, alert.reporter.slack_user_id if alert.reporter else None, now
            )
        return True

    def _tell_reporter(self, concern: Concern, slack_user_id: str | None, now: datetime) -> None:
        if not slack_user_id:
            return
        received = ConcernReceived(
            concern.id, concern.contact, self._rules.escalate_after_working_hours
        )
        self._deliveries.send(
            [
                Outgoing(
                    Delivery(
                        f"concern:{concern.id}:reporter",
                        "concern-received",
                        str(concern.id),
                        slack_user_id,
                        concern.reporter_id,
                    ),
                    received,
                )
            ],
            now,
        )

    # The team's work ------------------------------------------------------------------------------

    def acknowledge(self, actor: str, concern_id: int, now: datetime) -> Concern:
        return self._act(actor, concern_id, "acknowledge", now)

    def take(self, actor: str, concern_id: int, now: datetime) -> Concern:
        return self._act(actor, concern_id, "take", now)

    def resolve(self, actor: str, concern_id: int, note: str, now: datetime) -> Concern:
        if not note.strip():
            raise UserError("Please add a short note on how it was resolved, for the record.")
        return self._act(actor, concern_id, "resolve", now, note.strip())

    def _act(
        self, actor: str, concern_id: int, action: str, now: datetime, note: str = ""
    ) -> Concern:
        self._team.require_member(actor)
        with self._uow() as uow:
            concern = uow.concerns.get(concern_id)
            if concern is None:
                raise UserError(f"There is no concern #{concern_id}.")
            why_not = can_act(concern.status, action)
            if why_not:
                raise UserError(why_not)
            acknowledges = concern.status == "open" and action in ("acknowledge", "take")
            if action == "resolve":
                moved = uow.concerns.move(concern_id, ["open", "acknowledged"], "resolved", now)
            elif acknowledges:
                moved = uow.concerns.move(
                    concern_id,
                    ["open"],
                    "acknowledged",
                    now,
                    assignee=actor if action == "take" else None,
                )
            else:
                uow.concerns.assign(concern_id, actor)
                moved = True
            if not moved:
                raise UserError(
                    "Someone else changed this concern just now; here it is as it stands."
                )
            if acknowledges:
                uow.concerns.record(ConcernEvent(concern_id, "acknowledged", actor, now))
            if action != "acknowledge":
                uow.concerns.record(
                    ConcernEvent(
                        concern_id,
                        {"take": "assigned", "resolve": "resolved"}[action],
                        actor,
                        now,
                        note,
                    )
                )
            reporter = uow.participants.get(concern.reporter_id) if concern.reporter_id else None
            updated = uow.concerns.get(concern_id)
            uow.commit()
        assert updated is not None
        if action == "resolve":
            self._tell_team(ConcernResolved(concern_id, actor), f"concern:{concern_id}:resolved", now)
        if acknowledges and reporter and reporter.slack_user_id:
            who = self._name(actor)
            told = Outgoing(
                Delivery(
                    f"concern:{concern_id}:acknowledged",
                    "concern-acknowledged",
                    str(concern_id),
                    reporter.slack_user_id,
                    reporter.id,
                ),
                ConcernAcknowledged(concern_id, who),
            )
            self._deliveries.send([told], now)
        return updated

    def open_alerts(self, actor: str) -> list[AlertView]:
        """Every concern, open ones first, then acknowledged, then resolved; newest first within."""
        self._team.require_member(actor)
        order = {"open": 0, "acknowledged": 1, "resolved": 2}
        with self._uow() as uow:
            names = {p.id: p.name for p in uow.participants.all()}
            views = [
                AlertView(
                    c,
                    names.get(c.reporter_id or 0, "someone not on the scheme"),
                    uow.concerns.history(c.id),
                )
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
            if delivered and concern.id in escalations and f"concern:{concern.id}:escalated" not in done:
                sent += self._deliver(concern.id, now, escalated=True)
        return sent + self._automatic_notices(now)

    def upcoming(self, now: datetime) -> datetime | None:
        """Now, while a concern or an automatic notice waits to be sent; otherwise the next
        escalation, or the next moment a pair will have gone quiet for too long."""
        with self._uow() as uow:
            concerns = uow.concerns.all()
            done = uow.deliveries.sent_keys_like("concern:") | uow.deliveries.sent_keys_like("notice:")
            states = uow.pairs.states()
        hours = self._rules.escalate_after_working_hours
        waiting = any(c.delivered_at is None for c in concerns) or any(
            n.key not in done for n in self._due_notices(now)
        )
        moments = [now] if waiting else []
        moments += [
            at
            for c in concerns
            if (at := escalation_due(c, hours, self._calendar))
            and f"concern:{c.id}:escalated" not in done
        ]
        rules = self._programme.checkins
        moments += [
            at
            for s in states
            if (at := quiet_from(s, rules, self._calendar)) is not None and at > now
        ]
        return min(moments, default=None)

    def _automatic_notices(self, now: datetime) -> int:
        outgoing = [
            Outgoing(Delivery(n.key, "notice", n.key.split(":")[1], self._team.channel, None), n)
            for n in self._due_notices(now)
        ]
        return len(self._deliveries.send(outgoing, now))

    def _tell_team(self, notice: Notice, key: str, now: datetime) -> None:
        subject = key.split(":")[1]
        delivery = Delivery(key, "concern-team", subject, self._team.channel, None)
        self._deliveries.send([Outgoing(delivery, notice)], now)

    def _due_notices(self, now: datetime) -> list[AutomaticNotice]:
        """Pairs needing attention and low evaluation scores, each keyed once per episode."""
        notices: list[AutomaticNotice] = []
        with self._uow() as uow:
            people = {p.id: p for p in uow.participants.all()}
            for state in uow.pairs.states():
                reason = needs_attention(state, self._programme.checkins, self._calendar, now)
                if reason is None:
                    continue
                pair = state.pair
                # Once per episode: until the pair meets again, the same worry is not raised twice.
                kind = "not-yet" if reason.startswith("answered") else "quiet"
                anchor = f"{kind}:{state.last_meeting or pair.activated_at:%Y%m%d}"
                names = f"{people[pair.mentor_id].name} & {people[pair.mentee_id].name}"
                notices.append(
                    AutomaticNotice(
                        f"notice:attention:{pair.id}:{anchor}",
                        f"{names} ({STAGE_NAMES[pair.stage]}) need attention: {reason}.",
                    )
                )
            for form in self._programme.evaluations.forms:
                watched = [
                    q
                    for q in form.questions
                    if q.kind == "scale"
                    and (
                        not self._rules.low_score_questions
                        or q.id in self._rules.low_score_questions
                    )
                ]
                for record in uow.evaluations.for_form(form.id):
                    for question in watched:
                        score = record.progress.answers.get(question.id)
                        person = people.get(record.participant_id)
                        if (
                            isinstance(score, int)
                            and score <= self._rules.low_score_at_most
                            and person
                        ):
                            notices.append(
                                AutomaticNotice(
                                    f"notice:low-score:{form.id}:{person.id}:{question.id}",
                                    f"{person.name} ({person.role}) answered {score} of {question.high} to “{question.text}” in the {form.title.lower()}.",
                                )
                            )
        return notices

    # Helpers ---------------------------------------------------------------------------------------

    def _alert(self, uow: UnitOfWork, concern_id: int, escalated: bool) -> ConcernForTeam:
        concern = uow.concerns.get(concern_id)
        assert concern is not None
        reporter = uow.participants.get(concern.reporter_id) if concern.reporter_id else None
        pair = uow.pairs.get(concern.pair_id) if concern.pair_id else None
        names: str | None = None
        recent: tuple[str, ...] = ()
        if pair is not None:
            mentor, mentee = (
                uow.participants.get(pair.mentor_id),
                uow.participants.get(pair.mentee_id),
            )
            names = f"{mentor.name if mentor else '?'} (mentor) & {mentee.name if mentee else '?'} (mentee)"
            recent = tuple(
                f"{c.sent_at:%d %b}: {ANSWER_WORDS.get(c.answer or '', 'no answer')}"
                for c in uow.checkins.for_pair(pair.id)[-4:]
                if c.sent_at
            )
        return ConcernForTeam(
            concern,
            reporter,
            names,
            pair.stage if pair else None,
            recent,
            self._team.lead if escalated else None,
        )

    def _name(self, slack_user_id: str) -> str:
        member = next(
            (m for m in self._programme.project_team.members if m.slack_id == slack_user_id), None
        )
        return member.name if member else "A member of the project team"
