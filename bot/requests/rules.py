"""The pure rules about requests: which events a person may ask about, which kinds need a
face-to-face event, who decides, and which step may follow which."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from bot.events.model import EventSchedule
from bot.events.rules import calendar_order, in_audience
from bot.requests.model import EventChoice, EventProblem, Kind, Refusal, RequestStatus, Step
from bot.scheme import Event

TEAM_STEPS: tuple[Step, ...] = ("acknowledge", "resolve")

DONE: tuple[RequestStatus, ...] = ("resolved", "approved", "declined")
# Each step: the statuses it moves a request from, where to, and what the audit trail calls it.
MOVES: Mapping[Step, tuple[tuple[RequestStatus, ...], RequestStatus]] = {
    "acknowledge": (("open",), "acknowledged"),
    "resolve": (("open", "acknowledged"), "resolved"),
    "approve": (("awaiting_approval",), "approved"),
    "decline": (("awaiting_approval",), "declined"),
}


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
