"""The pure rules about concerns: when one escalates, who may act on it and how, and how far the
team has taken it. Why a pair needs the team's attention is the pairs' rule (bot.pairs.rules) and,
for a quiet pair, the pulse feature's (bot.pulse.rules): bot/concerns/automatic.py asks both."""

from __future__ import annotations

from datetime import datetime

from bot.concerns.model import Concern, ConcernAction, ConcernEvent, ConcernStatus, Refusal
from bot.worktime import Calendar

# The audit trail's words for the team's steps (the bot's own are "raised", "delivered", …).
TEAM_STEPS = ("acknowledged", "assigned", "resolved")


def escalation_due(concern: Concern, hours: float, calendar: Calendar) -> datetime | None:
    """When an unacknowledged report is posted again with the lead mentioned; None once
    acknowledged, or for one not yet in the team's channel."""
    if concern.status != "open" or concern.delivered_at is None:
        return None
    return calendar.after_working_hours(concern.delivered_at, hours)


def steps_taken(history: list[ConcernEvent]) -> int:
    """How many of the team's steps the concern has had: the version of each message that shows
    it, so a message showing a later step is never replaced by one showing an earlier."""
    return sum(1 for event in history if event.action in TEAM_STEPS)


def can_act(status: ConcernStatus, action: ConcernAction) -> Refusal | None:
    """Why this action cannot be taken now, or None when it can."""
    if status == "resolved":
        return "already_resolved"
    if action == "acknowledge" and status != "open":
        return "already_acknowledged"
    return None
