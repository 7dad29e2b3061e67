"""What the requests feature tells people, as data. A request's words are only ever in
RequestForTeam (the team's private channel) and ApprovalAsked (the approver's DM, for
accommodation); the person hears of each step in their own DM."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from bot.events.model import EventSchedule
from bot.notices import Notice, Revision
from bot.participants.model import Participant
from bot.requests.model import Kind, Request, RequestEvent, Step
from bot.requests.rules import progress
from bot.scheme import Approver, Event, Programme


@dataclass(frozen=True)
class RequestShown(Revision):
    """A request as it stands, in a message that follows it: each step keeps a new version,
    which takes the place of the one posted before."""

    programme: Programme
    request: Request
    requester: Participant | None
    schedule: EventSchedule | None  # the event's, when the request is about one
    last: RequestEvent | None = None  # the step that brought it here; None: just asked

    where: ClassVar[str]

    @property
    def subject(self) -> str:
        return str(self.request.id)

    @property
    def original(self) -> str:
        return f"request:{self.request.id}:{self.where}"

    @property
    def version(self) -> int:
        return progress(self.request.status)

    @property
    def key(self) -> str:
        return self.original if not self.version else f"{self.original}:{self.request.status}"

    @property
    def since(self) -> datetime:
        return self.request.created_at

    @property
    def event(self) -> Event | None:
        event_id = self.request.event_id
        return self.programme.event(event_id) if event_id else None


@dataclass(frozen=True)
class RequestForTeam(RequestShown):
    """In the team's private channel, with the team's buttons while it is theirs to handle."""

    kind: ClassVar[str] = "request"
    where: ClassVar[str] = "team"


@dataclass(frozen=True)
class ApprovalAsked(RequestShown):
    """In the approver's DM, with Approve and Decline while it waits for them."""

    kind: ClassVar[str] = "request-approval"
    where: ClassVar[str] = "approval"


@dataclass(frozen=True)
class RequestNotice(Notice):
    """To the person who asked, in their DM: about their request, by its number."""

    request_id: int
    asked: Kind
    event: Event | None

    @property
    def subject(self) -> str:
        return str(self.request_id)


@dataclass(frozen=True)
class RequestReceived(RequestNotice):
    approver: Approver | None  # who decides, when it has gone to them

    kind: ClassVar[str] = "request-received"

    @property
    def key(self) -> str:
        return f"request:{self.request_id}:received"


@dataclass(frozen=True)
class RequestAnswered(RequestNotice):
    step: Step
    by: str | None  # who took the step, by name; None when the programme file does not name them
    note: str = ""  # their note to the person, or the reason for declining

    kind: ClassVar[str] = "request-answered"

    @property
    def key(self) -> str:
        return f"request:{self.request_id}:{self.step}"
