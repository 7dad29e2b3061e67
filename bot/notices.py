"""What a notice is, as the features write it: its key, where it goes, the delivery ledger that
makes each happen at most once, and the ports the sender needs (the Messenger that talks to
Slack, the ledger's unit of work). Its JSON form is in bot/notice_json.py; the sender that
claims, sends and confirms is infrastructure, in handlers/slack/sender.py.

Every notice is claimed under a unique key before it is sent, so a retry, a restart or a second
process never sends it twice, and a send whose answer was lost is reconciled (was it posted?)
before it is tried again."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import (
    ClassVar,
    Protocol,
    Self,
)


class Recipient(Protocol):
    """A person a notice goes to in their DM (a participant)."""

    @property
    def id(self) -> int: ...
    @property
    def slack_user_id(self) -> str | None: ...


class Notice:
    """What the bot tells someone, as plain data: each feature's notices derive from this, and
    the feature's view says how it reads (registered with the messenger).

    A notice carries its own ledger entry: its `kind`, its `subject` (what it is about) and its
    `key`, unique to the message, so that the ledger sends it once however often it is kept."""

    kind: ClassVar[str]

    @property
    def subject(self) -> str:
        raise NotImplementedError

    @property
    def key(self) -> str:
        """Most notices are one of a kind per subject; those that come again say how."""
        return f"{self.kind}:{self.subject}"

    def to(self, address: str, expires_at: datetime | None = None) -> Outgoing:
        """To a channel, a pair's group DM ("U1,U2") or a DM by Slack id. `expires_at` is the
        rule for its kind: past it, it is not sent."""
        delivery = Delivery(self.key, self.kind, self.subject, address, None)
        return Outgoing(delivery, self, expires_at)

    def to_person(self, person: Recipient, expires_at: datetime | None = None) -> Outgoing:
        """To one participant's DM: their id completes the key, so the same notice to many
        people is one message each, and is erased with them."""
        key = personal_key(self.key, person.id)
        delivery = Delivery(key, self.kind, self.subject, person.slack_user_id or "", person.id)
        return Outgoing(delivery, self, expires_at)


def keys_of(outgoing: Sequence[Outgoing]) -> list[str]:
    """The ledger keys of what a use case kept, to flush them."""
    return [o.delivery.key for o in outgoing]


def personal_key(key: str, person_id: int) -> str:
    """A notice's key as sent to one person (see `Notice.to_person`)."""
    return f"{key}:{person_id}"


class FileNotice(Notice):
    """A notice that is a file to share rather than a message; the messenger also finds an
    earlier attempt in the channel's history by its file name."""

    # The same file for everyone it goes to: shared from one upload to many at once.
    for_many: ClassVar[bool] = False

    @property
    def filename(self) -> str:
        raise NotImplementedError


class Revision(Notice):
    """A message that is kept up to date where it was posted: each version is a notice of its
    own (its own key, sent once), and the messenger edits the message first posted under
    `original` in that conversation, or posts this version afresh if it cannot find it there.
    `version` orders them, so a late retry of an older one never overwrites a newer."""

    @property
    def original(self) -> str:
        raise NotImplementedError

    @property
    def version(self) -> int:
        raise NotImplementedError

    @property
    def since(self) -> datetime:
        """No earlier than when the first version was kept: where to look for it from."""
        raise NotImplementedError


class DeliveryFailed(Exception):
    """Slack did not take the message. Unless `refused` (Slack said no for good, e.g. the person
    left the workspace), it is kept pending, and a later run reconciles and retries it."""

    def __init__(self, reason: str, refused: bool = False):
        super().__init__(reason)
        self.refused = refused


class HeldBack(Exception):
    """Slack's limits hold back this one conversation for `seconds` more (its one-a-second rule,
    or a 429 about it): nothing was sent, and nothing failed. The sender puts the message back
    first in its person's lane and goes on to others meanwhile."""

    def __init__(self, seconds: float):
        super().__init__(f"held back for {seconds:.2f} s")
        self.seconds = seconds


class Messenger(Protocol):
    def send(self, to: str, notice: Notice, key: str) -> None:
        """Post one notice to a user (DM) or a channel, tagged with its ledger key; HeldBack
        when that conversation may not take it yet."""

    def share(self, notice: FileNotice, recipients: Sequence[str]) -> None:
        """Share one file, uploaded once, with many users or channels at once."""

    def was_sent(self, to: str, notice: Notice, key: str, since: datetime) -> bool:
        """Whether an earlier attempt that lost its answer did reach Slack."""


class ChannelBook(Protocol):
    """The Slack channel id behind an address: a user's DM ("U1") or a pair's group DM
    ("U1,U2"), kept so each is opened at most once, whatever the restarts."""

    def channel(self, address: str) -> str | None: ...
    def remember(self, address: str, channel: str) -> None: ...


class ChannelRepository(Protocol):
    def get(self, address: str) -> str | None: ...
    def put(self, address: str, channel: str) -> None: ...


@dataclass(frozen=True)
class Delivery:
    key: str
    kind: str
    subject: str
    to: str
    participant_id: int | None


class DeliveryLedger(Protocol):
    def add(self, outgoing: Sequence[Outgoing], now: datetime) -> None: ...
    def claim_due(
        self,
        now: datetime,
        lease: timedelta,
        limit: int,
        keys: Sequence[str] | None = None,
        shared: bool = False,
    ) -> list[Pending]: ...
    def expire(self, now: datetime) -> int: ...
    def next_due(self, now: datetime, lease: timedelta) -> datetime | None: ...
    def mark_attempted(self, keys: Sequence[str], held_since: datetime) -> set[str]: ...
    def mark_failed(self, keys: Sequence[str], now: datetime) -> None: ...
    def renew(self, keys: Sequence[str], held_since: datetime, now: datetime) -> set[str]: ...
    def mark_sent(self, keys: Sequence[str], now: datetime) -> None: ...
    def mark_skipped(self, deliveries: Sequence[Delivery], now: datetime) -> None: ...
    def recipients(self, kind: str, subject: str) -> set[int]: ...
    def last_sent(self, kinds: Sequence[str]) -> dict[int, datetime]: ...
    def sent_keys_like(self, prefix: str) -> set[str]: ...
    def sent_among(self, keys: Iterable[str]) -> set[str]: ...
    def kept_keys_like(self, prefix: str) -> set[str]: ...


class LedgerWork(Protocol):
    """The part of a unit of work the sender needs (bot.ports.UnitOfWork has it)."""

    @property
    def deliveries(self) -> DeliveryLedger: ...
    @property
    def channels(self) -> ChannelRepository: ...
    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...
    def commit(self) -> None: ...


class LedgerWorkFactory(Protocol):
    def __call__(self) -> LedgerWork: ...


@dataclass(frozen=True)
class Outgoing:
    delivery: Delivery
    notice: Notice
    expires_at: datetime | None = None  # the rule for its kind: past it, it is not sent


@dataclass(frozen=True)
class Pending:
    """A kept message, claimed by this sender. `recovered`: an earlier attempt was made (it may
    have arrived), so the channel's history is checked before sending again."""

    delivery: Delivery
    notice: Notice
    recovered: bool
    first_tried_at: datetime
    order: int


class Deliveries(Protocol):
    """How a use case has what it kept sent: `flush` those keys (after its transaction commits);
    returns those that went. Whatever did not go is sent by a later run."""

    def flush(self, now: datetime, keys: Sequence[str] | None = None) -> list[str]: ...
