"""Concerns as plain data, and the pure rules about them: when one escalates, which automatic
notices are due, who may act on it and how."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.pairs.rules import PairState, needs_attention
from bot.scheme import CheckIns
from bot.worktime import Calendar

Urgency = Literal["urgent", "soon", "not_urgent"]
URGENCIES: tuple[Urgency, ...] = ("urgent", "soon", "not_urgent")
ConcernStatus = Literal["open", "acknowledged", "resolved"]
ConcernAction = Literal["acknowledge", "take", "resolve"]
# Why an action on a concern is refused: its view says it in words.
Refusal = Literal["already_resolved", "already_acknowledged"]


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


def escalation_due(concern: Concern, hours: float, calendar: Calendar) -> datetime | None:
    """When an unacknowledged report is posted again with the lead mentioned; None once
    acknowledged, or for one not yet in the team's channel."""
    if concern.status != "open" or concern.delivered_at is None:
        return None
    return calendar.after_working_hours(concern.delivered_at, hours)


def can_act(status: ConcernStatus, action: ConcernAction) -> Refusal | None:
    """Why this action cannot be taken now, or None when it can."""
    if status == "resolved":
        return "already_resolved"
    if action == "acknowledge" and status != "open":
        return "already_acknowledged"
    return None


@dataclass(frozen=True)
class NotYetStreak:
    """The pair answered "Not yet" this many check-ins in a row."""

    times: int


@dataclass(frozen=True)
class NoMeeting:
    """No meeting logged for this many whole weeks."""

    weeks: int


AttentionReason = NotYetStreak | NoMeeting


def attention_reason(
    state: PairState, rules: CheckIns, calendar: Calendar, now: datetime
) -> AttentionReason | None:
    """Why the team should look at this pair, as data, or None. The pairs' rule decides whether
    (one rule for the team's list of pairs and for notices); this says which of its reasons."""
    if needs_attention(state, rules, calendar, now) is None:
        return None
    streak = rules.attention_after_not_yet
    answers = [c.answer for c in state.checkins if c.answer]
    if answers[-streak:] == ["not_yet"] * streak:
        return NotYetStreak(streak)
    pair = state.pair
    since = calendar.start_of(state.last_meeting) if state.last_meeting else pair.activated_at
    assert since is not None, "an active pair needing attention has started"
    return NoMeeting((now - since).days // 7)
