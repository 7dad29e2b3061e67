"""Time walked in a service test as the clock walks it: each feature's use case run at each
moment it asks for, with no scheduler, HTTP or Slack (the `world` fixture's walk_to, for the
`scheme` fixture)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.notices import Notice
from tests.services import Scheme

UK = ZoneInfo("Europe/London")


def uk(text: str) -> datetime:
    """'2025-11-12 11:00' UK wall-clock time, as an aware UTC datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=UK).astimezone(UTC)


class Timed(Protocol):
    """A service with moments: its next one, and the use case the clock runs at it."""

    def upcoming(self, now: datetime) -> datetime | None: ...

    def run_due(self, now: datetime) -> int: ...


def walk(
    scheme: Scheme, services: Sequence[Timed], since: datetime, until: datetime
) -> list[tuple[datetime, str, Notice]]:
    """Runs `services` at each moment one asks for, earliest first, up to `until` (then at
    `until`, as the clock's move there does); what was sent, to whom and when."""
    told: list[tuple[datetime, str, Notice]] = []
    now = since
    while True:
        moments = [at for s in services if (at := s.upcoming(now)) is not None and at <= until]
        at = min(moments, default=until)
        already = len(scheme.messenger.sent)
        for service in services:
            service.run_due(at)
        told += [(at, s.to, s.notice) for s in scheme.messenger.sent[already:]]
        if not moments:
            return told
        assert at > now or len(scheme.messenger.sent) > already, f"stuck at {at}"
        now = at
