"""Storage the requests feature needs: requests and their audit trail."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from bot.requests.model import Request, RequestEvent


class RequestRepository(Protocol):
    def add(
        self,
        requester_id: int,
        kind: str,
        event_id: str | None,
        details: str,
        source: str,
        status: str,
        now: datetime,
    ) -> int: ...
    def get(self, request_id: int) -> Request | None: ...
    def all(self) -> list[Request]: ...
    def of(self, requester_id: int) -> list[Request]: ...
    def move(self, request_id: int, from_statuses: Sequence[str], to_status: str) -> bool: ...
    def record(self, event: RequestEvent) -> None: ...
    def history(self, request_id: int) -> list[RequestEvent]: ...
