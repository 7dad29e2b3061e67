"""Requests for a reasonable adjustment, for accommodation, or for help when someone cannot
travel to a face-to-face event, and the answers to them.

A request's words go to the project team's private channel, to the approver the programme file
names (accommodation only) and nowhere else; the person hears of each step in their own DM.
The team acknowledges and resolves adjustments and travel, the approver approves or declines
accommodation, and the messages showing the request follow each step. Every step is kept in
an audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.errors import NotAParticipant, within
from bot.events.model import EventSchedule
from bot.events.rules import current_schedules
from bot.notices import Deliveries, Outgoing, keys_of
from bot.participants.model import Participant
from bot.ports import UnitOfWork, UnitOfWorkFactory
from bot.requests.errors import (
    CannotAct,
    ConcurrentChange,
    EmptyRequest,
    EventNeeded,
    KindNotChosen,
    NoSuchRequest,
    NotFaceToFace,
    NotTheApprover,
    NotYourEvent,
)
from bot.requests.model import (
    KINDS,
    EventChoice,
    Kind,
    Request,
    RequestEvent,
    RequestStatus,
    Source,
    Step,
)
from bot.requests.notices import ApprovalAsked, RequestAnswered, RequestForTeam, RequestReceived
from bot.requests.rules import (
    DONE,
    MOVES,
    TEAM_STEPS,
    askable,
    can_act,
    event_problem,
    first_status,
)
from bot.scheme import Approver, Programme
from bot.team import Team

MAX_DETAILS = 3000
MAX_NOTE = 1000
# Every message here is kept in the outbox with the change that causes it and none expires: a
# request, an answer or a word to the person is still worth having late.


@dataclass(frozen=True)
class Asked:
    """A request just kept, and the keys of what it tells: `send` posts them once Slack has had
    its answer to the form."""

    request_id: int
    keys: tuple[str, ...]


@dataclass(frozen=True)
class RequestView:
    """A request as the team's list shows it: who asked, by name, and every step so far."""

    request: Request
    requester: str
    history: list[RequestEvent]


class RequestsService:
    def __init__(
        self, programme: Programme, uow: UnitOfWorkFactory, deliveries: Deliveries, team: Team
    ):
        self.programme = programme
        self._uow = uow
        self._deliveries = deliveries
        self._team = team

    # Asking -------------------------------------------------------------------------------

    def choices(
        self, slack_user_id: str, now: datetime, event_id: str | None = None
    ) -> list[EventChoice]:
        """The events the person may ask about; NotYourEvent when `event_id` is not one."""
        with self._uow() as uow:
            person = _participant(uow, slack_user_id)
            choices = self._choices(uow, person, now)
        if event_id is not None:
            _chosen(choices, event_id)
        return choices

    def ask(
        self,
        slack_user_id: str,
        kind: Kind | None,
        event_id: str | None,
        details: str,
        source: Source,
        now: datetime,
    ) -> Asked:
        """Keeps the request with what it tells (the team's channel, the approver, the
        person's receipt), so no crash can lose them; `send` then posts them."""
        details = within("details", details, MAX_DETAILS)
        if kind is None or kind not in KINDS:
            raise KindNotChosen()
        if not details:
            raise EmptyRequest()
        with self._uow() as uow:
            person = _participant(uow, slack_user_id)
            choice = _chosen(self._choices(uow, person, now), event_id) if event_id else None
            _check_event(kind, choice)
            status = first_status(kind, self._approver_in_slack is not None)
            request_id = uow.requests.add(person.id, kind, event_id, details, source, status, now)
            uow.requests.record(RequestEvent(request_id, "asked", slack_user_id, now))
            request = uow.requests.get(request_id)
            assert request is not None
            outgoing = self._asked(request, person, choice)
            uow.deliveries.add(outgoing, now)
            uow.commit()
        return Asked(request_id, tuple(keys_of(outgoing)))

    def send(self, asked: Asked, now: datetime) -> None:
        """Posts what a request kept; what Slack does not take now, the outbox sends later."""
        self._deliveries.flush(now, list(asked.keys))

    def _choices(self, uow: UnitOfWork, person: Participant, now: datetime) -> list[EventChoice]:
        return askable(self.programme.events, self._schedules(uow), person.role, now)

    def _schedules(self, uow: UnitOfWork) -> dict[str, EventSchedule]:
        """The events' dates as the events feature reads them, before any clock has stored them."""
        return current_schedules(self.programme, uow.schedules.all(), uow.schedules.file_versions())

    def _asked(
        self, request: Request, person: Participant, choice: EventChoice | None
    ) -> list[Outgoing]:
        shown = (self.programme, request, person, choice.schedule if choice else None)
        outgoing = [RequestForTeam(*shown).to(self._team.channel)]
        approver = self._approver_in_slack if request.status == "awaiting_approval" else None
        if approver is not None and approver.slack_id:
            outgoing.append(ApprovalAsked(*shown).to(approver.slack_id))
        if person.slack_user_id:
            event = choice.event if choice else None
            receipt = RequestReceived(request.id, request.kind, event, approver)
            outgoing.append(receipt.to_person(person))
        return outgoing

    # Answering ----------------------------------------------------------------------------

    def acknowledge(self, actor: str, request_id: int, now: datetime) -> Request:
        return self._step(actor, request_id, "acknowledge", now)

    def resolve(self, actor: str, request_id: int, note: str, now: datetime) -> Request:
        """`note`: to the person, optional (kept in the audit trail too)."""
        return self._step(actor, request_id, "resolve", now, within("note", note, MAX_NOTE))

    def approve(self, actor: str, request_id: int, now: datetime) -> Request:
        return self._step(actor, request_id, "approve", now)

    def decline(self, actor: str, request_id: int, reason: str, now: datetime) -> Request:
        """`reason`: optional; the person is told it."""
        return self._step(actor, request_id, "decline", now, within("reason", reason, MAX_NOTE))

    def is_approver(self, actor: str) -> bool:
        approver = self._approver_in_slack
        return approver is not None and approver.slack_id == actor

    def require_approver(self, actor: str) -> None:
        """Only the approver the programme file names, by their Slack id, decides."""
        if not self.is_approver(actor):
            approver = self.programme.approvals.accommodation
            raise NotTheApprover(approver.name if approver else None)

    def _step(
        self, actor: str, request_id: int, step: Step, now: datetime, note: str = ""
    ) -> Request:
        """One step, by whoever may take it, checked when it is taken. The step is kept in the
        audit trail with what it tells (the person; the messages showing the request, brought
        up to date) in one transaction, then sent."""
        if step in TEAM_STEPS:
            self._team.require_member(actor)
        else:
            self.require_approver(actor)
        with self._uow() as uow:
            request = uow.requests.get(request_id)
            if request is None:
                raise NoSuchRequest(request_id)
            if refusal := can_act(request.status, step):
                raise CannotAct(request_id, refusal)
            from_statuses, to_status = MOVES[step]
            if not uow.requests.move(request_id, from_statuses, to_status):
                raise ConcurrentChange(request_id)
            done = RequestEvent(request_id, to_status, actor, now, note)
            uow.requests.record(done)
            updated = uow.requests.get(request_id)
            assert updated is not None
            told = self._told(uow, updated, step, done)
            uow.deliveries.add(told, now)
            uow.commit()
        self._deliveries.flush(now, keys_of(told))
        return updated

    def _told(
        self, uow: UnitOfWork, request: Request, step: Step, done: RequestEvent
    ) -> list[Outgoing]:
        requester = uow.participants.get(request.requester_id)
        schedule = self._schedules(uow).get(request.event_id) if request.event_id else None
        shown = (self.programme, request, requester, schedule, done)
        told = [RequestForTeam(*shown).to(self._team.channel)]
        if step not in TEAM_STEPS:
            told.append(ApprovalAsked(*shown).to(done.actor))
        if requester is not None and requester.slack_user_id:
            event = self.programme.event(request.event_id) if request.event_id else None
            by = self._name(done.actor, step)
            answered = RequestAnswered(request.id, request.kind, event, step, by, done.note)
            told.append(answered.to_person(requester))
        return told

    # Reading -------------------------------------------------------------------------------

    def mine(self, slack_user_id: str) -> list[Request]:
        """The person's own requests, newest first; none for someone not on the scheme."""
        with self._uow() as uow:
            person = uow.participants.by_slack_id(slack_user_id)
            mine = uow.requests.of(person.id) if person else []
        return sorted(mine, key=lambda r: -r.id)

    def for_team(self, actor: str) -> list[RequestView]:
        """Every request, those still to be answered first, newest first within."""
        self._team.require_member(actor)
        with self._uow() as uow:
            names = {p.id: p.name for p in uow.participants.all()}
            views = [
                RequestView(r, names.get(r.requester_id, ""), uow.requests.history(r.id))
                for r in uow.requests.all()
            ]
        return sorted(views, key=lambda v: (v.request.status in DONE, -v.request.id))

    def for_approver(self, actor: str) -> list[RequestView]:
        """The requests that came to the approver for their decision: those still waiting and
        those decided, in the order asked, so a list of them stays put as each is decided.
        NotTheApprover for anyone else."""
        self.require_approver(actor)
        theirs: tuple[RequestStatus, ...] = ("awaiting_approval", "approved", "declined")
        with self._uow() as uow:
            names = {p.id: p.name for p in uow.participants.all()}
            views = [
                RequestView(r, names.get(r.requester_id, ""), uow.requests.history(r.id))
                for r in uow.requests.all()
                if r.status in theirs
            ]
        return sorted(views, key=lambda v: v.request.id)

    # Helpers -------------------------------------------------------------------------------

    @property
    def _approver_in_slack(self) -> Approver | None:
        approver = self.programme.approvals.accommodation
        return approver if approver is not None and approver.slack_id else None

    def _name(self, actor: str, step: Step) -> str | None:
        """Who took a step, as the programme file names them, if it does."""
        approver = self.programme.approvals.accommodation
        if step not in TEAM_STEPS and approver is not None:
            return approver.name
        members = self.programme.project_team.members
        return next((m.name for m in members if m.slack_id == actor), None)


def _participant(uow: UnitOfWork, slack_user_id: str) -> Participant:
    person = uow.participants.by_slack_id(slack_user_id)
    if person is None:
        raise NotAParticipant()
    return person


def _chosen(choices: list[EventChoice], event_id: str) -> EventChoice:
    found = next((c for c in choices if c.event.id == event_id), None)
    if found is None:
        raise NotYourEvent(event_id, tuple(c.event.id for c in choices))
    return found


def _check_event(kind: Kind, choice: EventChoice | None) -> None:
    problem = event_problem(kind, choice.event if choice else None)
    if problem == "needed":
        raise EventNeeded(kind)
    if problem == "not_face_to_face" and choice is not None:
        raise NotFaceToFace(choice.event)
