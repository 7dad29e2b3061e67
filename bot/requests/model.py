"""Requests as plain data: a request, its kind and status, the steps taken on it (its audit
trail), an event a person may ask about, and why a step or an event is refused.

The scheme's terms promise three things, and these are the kinds: a reasonable adjustment to
take part (in the scheme or an event), accommodation for a face-to-face event (approved by the
approver the programme file names), and, for someone who cannot travel to one, a conversation
with the project team about adjustments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.events.model import EventSchedule
from bot.scheme import Event

Kind = Literal["adjustment", "accommodation", "travel"]
KINDS: tuple[Kind, ...] = ("adjustment", "accommodation", "travel")
Source = Literal["event", "home", "command"]
RequestStatus = Literal[
    "open", "awaiting_approval", "acknowledged", "resolved", "approved", "declined"
]
Step = Literal["acknowledge", "resolve", "approve", "decline"]
# Why a step cannot be taken now: the view says it in words.
Refusal = Literal["already_done", "already_acknowledged", "awaiting_approval", "not_for_approval"]
# Why an event does not fit the kind asked for.
EventProblem = Literal["needed", "not_face_to_face"]


@dataclass(frozen=True)
class Request:
    id: int
    requester_id: int
    kind: Kind
    event_id: str | None  # None: an adjustment to take part in the scheme as a whole
    details: str
    source: Source
    created_at: datetime
    status: RequestStatus = "open"


@dataclass(frozen=True)
class RequestEvent:
    """One step of the audit trail: who did what, when; `note` is what they wrote (a note to
    the person, a reason for declining)."""

    request_id: int
    action: str
    actor: str
    at: datetime
    note: str = ""


@dataclass(frozen=True)
class EventChoice:
    event: Event
    schedule: EventSchedule
