"""The few interfaces the domain needs from the outside world. storage/ and handlers/ implement
them; tests may use the real ones (preferred) or small fakes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from typing import Protocol, Self

from bot.notices import Notice
from bot.participants import Participant, ParticipantRow
from bot.timeline import EventSchedule


class DeliveryFailed(Exception):
    """Slack did not take the message and it is unknown or unlikely that it arrived; the ledger
    keeps it pending so a later run reconciles and retries it."""


class Messenger(Protocol):
    def send(self, to: str, notice: Notice, key: str) -> None:
        """Post one notice to a user (DM) or a channel, tagged with its ledger key."""

    def was_sent(self, to: str, notice: Notice, key: str, since: datetime) -> bool:
        """Whether an earlier attempt that lost its answer did reach Slack."""


class Claim(Enum):
    NEW = "new"
    RECOVERED = "recovered"  # an attempt was made before but never confirmed
    TAKEN = "taken"  # sent, skipped, or being sent by someone else right now


@dataclass(frozen=True)
class Delivery:
    key: str
    kind: str
    subject: str
    to: str
    participant_id: int | None


@dataclass(frozen=True)
class Claimed:
    delivery: Delivery
    claim: Claim
    first_tried_at: datetime


class ParticipantRepository(Protocol):
    def all(self) -> list[Participant]: ...
    def by_slack_id(self, slack_user_id: str) -> Participant | None: ...
    def upsert(
        self, rows: Iterable[ParticipantRow], tz_by_email: dict[str, str | None], now: datetime
    ) -> tuple[int, int]: ...


class ScheduleRepository(Protocol):
    def all(self) -> dict[str, EventSchedule]: ...
    def file_versions(self) -> dict[str, EventSchedule]: ...
    def sequence(self, event_id: str) -> int: ...
    def save(self, current: EventSchedule, file_version: EventSchedule, now: datetime) -> None: ...


class RsvpRepository(Protocol):
    def answers(self, event_id: str | None = None) -> dict[tuple[str, int], str]: ...
    def record(self, event_id: str, participant_id: int, answer: str, now: datetime) -> None: ...
    def clear(self, event_id: str) -> None: ...


class DeliveryLedger(Protocol):
    def claim_many(
        self, deliveries: Sequence[Delivery], now: datetime, lease: timedelta
    ) -> list[Claimed]: ...
    def mark_sent(self, keys: Sequence[str], now: datetime) -> None: ...
    def mark_skipped(self, deliveries: Sequence[Delivery], now: datetime) -> None: ...
    def recipients(self, kind: str, subject: str) -> set[int]: ...


class UnitOfWork(Protocol):
    @property
    def participants(self) -> ParticipantRepository: ...
    @property
    def schedules(self) -> ScheduleRepository: ...
    @property
    def rsvps(self) -> RsvpRepository: ...
    @property
    def deliveries(self) -> DeliveryLedger: ...

    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...
    def commit(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork: ...


class Directory(Protocol):
    """Slack's user directory, for resolving import rows to Slack users."""

    def lookup_by_email(self, email: str) -> tuple[str, str | None] | None:
        """(user id, time zone) of the workspace member with that email, or None."""

    def time_zone(self, slack_user_id: str) -> str | None | bool:
        """The user's zone; False when the id is not a member of the workspace."""
