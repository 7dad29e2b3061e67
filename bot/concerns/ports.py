"""Storage the concerns feature needs: concerns and their audit trail."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from bot.concerns.model import Concern, ConcernEvent


class ConcernRepository(Protocol):
    def add(
        self,
        reporter_id: int | None,
        pair_id: int | None,
        source: str,
        text: str,
        now: datetime,
        urgency: str = "soon",
        contact: str = "",
    ) -> int: ...
    def get(self, concern_id: int) -> Concern | None: ...
    def all(self) -> list[Concern]: ...
    def mark_delivered(self, concern_id: int, now: datetime) -> None: ...
    def move(
        self,
        concern_id: int,
        from_statuses: Sequence[str],
        to_status: str,
        now: datetime,
        assignee: str | None = None,
    ) -> bool: ...
    def assign(self, concern_id: int, assignee: str) -> None: ...
    def record(self, event: ConcernEvent) -> None: ...
    def history(self, concern_id: int) -> list[ConcernEvent]: ...
