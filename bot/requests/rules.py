"""Requests as plain data, and the pure rules about them: which events a person may ask about,
which kinds need a face-to-face event, who decides, and which step may follow which.

The scheme's terms promise three things, and these are the kinds: a reasonable adjustment to
take part (in the scheme or an event), accommodation for a face-to-face event (approved by the
approver the programme file names), and, for someone who cannot travel to one, a conversation
with the project team about adjustments."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.events.model import EventSchedule
from bot.events.rules import calendar_order, in_audience
from bot.scheme import Event

Kind = Literal["adjustment", "accommodation", "travel"]
KINDS: tuple[Kind, ...] = ("adjustment", "accommodation", "travel")
Source = Literal["event", "home", "command"]
RequestStatus = Literal[
    "open", "awaiting_approval", "acknowledged", "resolved", "approved", "declined"
]
Step = Literal["acknowledge", "resolve", "approve", "decline"]
TEAM_STEPS: tuple[Step, ...] = ("acknowledge", "resolve")
# Why a step cannot be taken now: the view says it in words.
Refusal = Literal["already_done", "already_acknowledged", "awaiting_approval", "not_for_approval"]
# Why an event does not fit the kind asked for.
EventProblem = Literal["needed", "not_face_to_face"]

DONE: tuple[RequestStatus, ...] = ("resolved", "approved", "declined")
# Each step: the statuses it moves a request from, where to, and what the audit trail calls it.
MOVES: Mapping[Step, tuple[tuple[RequestStatus, ...], RequestStatus]] = {
    "acknowledge": (("open",), "acknowledged"),
    "resolve": (("open", "acknowledged"), "resolved"),
    "approve": (("awaiting_approval",), "approved"),
    "decline": (("awaiting_approval",), "declined"),
}


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


def askable(
    events: Iterable[Event], schedules: Mapping[str, EventSchedule], role: str, now: datetime
) -> list[EventChoice]:
    """The events a person may ask about: those for them, not yet over, in calendar order (TBC
    ones where the programme expects them)."""
    choices = [
        EventChoice(e, schedules[e.id])
        for e in events
        if in_audience(role, e.audience)
        and (schedules[e.id].ends_at is None or schedules[e.id].ends_at > now)  # type: ignore[operator]
    ]
    order = calendar_order(list(events), schedules)
    return sorted(choices, key=lambda c: order[c.event.id])


def event_problem(kind: Kind, event: Event | None) -> EventProblem | None:
    """Accommodation and not being able to travel are about a face-to-face event; an adjustment
    may be about any event, or none."""
    if kind == "adjustment":
        return None
    if event is None:
        return "needed"
    return None if event.format == "face_to_face" else "not_face_to_face"


def first_status(kind: Kind, approver_in_slack: bool) -> RequestStatus:
    """Accommodation waits for the approver; where none is named in Slack, the team handles it
    as it does the rest (and asks the approver itself)."""
    return "awaiting_approval" if kind == "accommodation" and approver_in_slack else "open"


def can_act(status: RequestStatus, step: Step) -> Refusal | None:
    """Why this step cannot be taken now, or None when it can."""
    if status in DONE:
        return "already_done"
    if status == "awaiting_approval" and step in TEAM_STEPS:
        return "awaiting_approval"
    if step not in TEAM_STEPS and status != "awaiting_approval":
        return "not_for_approval"
    if step == "acknowledge" and status != "open":
        return "already_acknowledged"
    return None


def progress(status: RequestStatus) -> int:
    """How far along a request is: a message showing a later status is never replaced by one
    showing an earlier."""
    if status in DONE:
        return 2
    return 1 if status == "acknowledged" else 0
