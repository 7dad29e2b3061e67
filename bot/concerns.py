"""Concerns as plain data, and the pure rules about them: when one escalates, which automatic
notices are due, who may act on it and how."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from bot.checkins import Calendar

Urgency = Literal["urgent", "soon", "not_urgent"]
URGENCIES: tuple[Urgency, ...] = ("urgent", "soon", "not_urgent")
ConcernStatus = Literal["open", "acknowledged", "resolved"]
UK = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class Concern:
    id: int
    reporter_id: int | None
    pair_id: int | None
    source: str
    text: str
    created_at: datetime
    urgency: Urgency = "soon"
    contact: str = ""
    status: ConcernStatus = "open"
    assignee: str | None = None
    delivered_at: datetime | None = None
    acknowledged_at: datetime | None = None


@dataclass(frozen=True)
class ConcernEvent:
    concern_id: int
    action: str
    actor: str
    at: datetime
    note: str = ""


def after_working_hours(
    start: datetime, hours: float, calendar: Calendar, zone: ZoneInfo = UK
) -> datetime:
    """The moment `hours` of working time (the programme's working hours, working days) have
    passed since `start`: 4 working hours from Friday 16:00 is Monday 11:30."""
    left = timedelta(hours=hours)
    at = calendar.working_time(start, [zone.key])
    while True:
        local = at.astimezone(zone)
        close = datetime.combine(local.date(), calendar.end, tzinfo=zone).astimezone(UTC)
        if at + left <= close:
            return at + left
        left -= close - at
        at = calendar.working_time(close, [zone.key])


def escalation_due(concern: Concern, hours: float, calendar: Calendar) -> datetime | None:
    """When an unacknowledged report is posted again with the lead mentioned; None once
    acknowledged, or for one not yet in the team's channel."""
    if concern.status != "open" or concern.delivered_at is None:
        return None
    return after_working_hours(concern.delivered_at, hours, calendar)


def can_act(status: ConcernStatus, action: str) -> str | None:
    """Why this action cannot be taken now, or None when it can."""
    if status == "resolved":
        return "This concern is already resolved."
    if action == "acknowledge" and status != "open":
        return "This concern has already been acknowledged."
    return None
