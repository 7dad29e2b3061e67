"""Concerns as plain data: a concern, its urgency and status, a step of its audit trail, and why
an action on one is refused."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

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
