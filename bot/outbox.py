"""The one way out: what a notice is, the ledger that makes every delivery happen at most once,
and the sender that claims, sends and confirms.

Every notice is claimed under a unique key before it is sent, so a retry, a restart or a second
process never sends it twice, and a send whose answer was lost is reconciled (was it posted?)
before it is tried again."""

from __future__ import annotations

import io
import logging
import pickle
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Any, ClassVar, Protocol, Self
from zoneinfo import ZoneInfo

from pydantic import BaseModel


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


class Messenger(Protocol):
    def send(self, to: str, notice: Notice, key: str) -> None:
        """Post one notice to a user (DM) or a channel, tagged with its ledger key."""

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
    def mark_failed(self, keys: Sequence[str], now: datetime) -> None: ...
    def mark_sent(self, keys: Sequence[str], now: datetime) -> None: ...
    def mark_skipped(self, deliveries: Sequence[Delivery], now: datetime) -> None: ...
    def recipients(self, kind: str, subject: str) -> set[int]: ...
    def last_sent(self, kinds: Sequence[str]) -> dict[int, datetime]: ...
    def sent_keys_like(self, prefix: str) -> set[str]: ...


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


log = logging.getLogger(__name__)

# How long a sender holds what it claimed: past it, another sender (or this one after a
# restart) takes the message over, first checking whether the earlier attempt arrived. Claims
# are taken a few dozen at a time, each sent within seconds, so a lease this short is safe.
LEASE = timedelta(seconds=45)
CLAIM_CHUNK = 40
# A file for many goes to this many people from one upload (Slack takes a list of ids).
SHARE_CHUNK = 100
# Messages to different people go out side by side (Slack's round trip hides behind the others);
# each person's own messages keep their order.
SENDERS = 8


@dataclass(frozen=True)
class Outgoing:
    delivery: Delivery
    notice: Notice
    expires_at: datetime | None = None  # the rule for its kind: past it, it is not sent


@dataclass(frozen=True)
class Sending:
    """A chunk on its way: each recipient's messages, sent in order by one of the senders."""

    by_recipient: list[Future[dict[str, str]]]

    def result(self) -> dict[str, str]:
        outcomes: dict[str, str] = {}
        for future in self.by_recipient:
            outcomes |= future.result()
        return outcomes


@dataclass(frozen=True)
class Pending:
    """A kept message, claimed by this sender. `recovered`: an earlier attempt was made (it may
    have arrived), so the channel's history is checked before sending again."""

    delivery: Delivery
    notice: Notice
    recovered: bool
    first_tried_at: datetime
    order: int


class StoredChannels:
    """ChannelBook over the database, remembered in memory once read. The senders' threads reach
    the database here one at a time (an in-memory SQLite has one connection for all)."""

    def __init__(self, uow: LedgerWorkFactory):
        self._uow = uow
        self._known: dict[str, str] = {}
        self._lock = threading.Lock()

    def channel(self, address: str) -> str | None:
        with self._lock:
            if address not in self._known:
                with self._uow() as uow:
                    found = uow.channels.get(address)
                if found:
                    self._known[address] = found
            return self._known.get(address)

    def remember(self, address: str, channel: str) -> None:
        with self._lock:
            with self._uow() as uow:
                uow.channels.put(address, channel)
                uow.commit()
            self._known[address] = channel


class Deliveries:
    """The sender. Use cases keep what they will tell people in their own transaction
    (`uow.deliveries.add`) and then `flush` those keys; this claims, sends and confirms. Any
    message still pending is sent by a later run (the clock's `outbox` feature), so none is
    stranded by a crash or by Slack being down."""

    def __init__(
        self,
        uow: LedgerWorkFactory,
        messenger: Messenger,
        lease: timedelta = LEASE,
        senders: int = SENDERS,
    ):
        self._uow = uow
        self._messenger = messenger
        self._lease = lease
        self._senders = senders

    def flush(self, now: datetime, keys: Sequence[str] | None = None) -> list[str]:
        """Sends what is due (only `keys`, if given), a chunk at a time, then the files for
        many, each uploaded once; returns what went."""
        started = time.monotonic()

        def at() -> datetime:
            # A long flush's later claims are stamped when they are taken, so their lease
            # really runs from then and nobody takes them over while they are being sent.
            return now + timedelta(seconds=int(time.monotonic() - started))

        sent: list[str] = []
        with ThreadPoolExecutor(self._senders) as pool:
            claimed = self._claim(at(), keys, CLAIM_CHUNK, shared=False)
            while claimed:
                sending = self._send_all(pool, claimed)
                # The next chunk is claimed while this one is on its way; it is sent once this
                # one is settled, so each person's messages still go in order.
                following = self._claim(at(), keys, CLAIM_CHUNK, shared=False)
                sent += self._settle(sending.result(), at())
                claimed = following
            while claimed := self._claim(at(), keys, SHARE_CHUNK * self._senders, shared=True):
                sent += self._settle(self._share_all(pool, claimed), at())
        return sent

    # The clock's feature: what is pending goes out, even if its first sender died ------------

    def upcoming(self, now: datetime) -> datetime | None:
        with self._uow() as uow:
            return uow.deliveries.next_due(now, self._lease)

    def run_due(self, now: datetime) -> int:
        with self._uow() as uow:
            uow.deliveries.expire(now)
            uow.commit()
        return len(self.flush(now))

    # Sending -------------------------------------------------------------------------------

    def _claim(
        self, now: datetime, keys: Sequence[str] | None, limit: int, shared: bool
    ) -> list[Pending]:
        with self._uow() as uow:
            claimed = uow.deliveries.claim_due(now, self._lease, limit, keys, shared)
            uow.commit()
        return claimed

    def _send_all(self, pool: ThreadPoolExecutor, claimed: list[Pending]) -> Sending:
        """Each recipient's messages in order; recipients side by side, on their way when this
        returns."""
        by_recipient: dict[str, list[Pending]] = {}
        for item in claimed:
            by_recipient.setdefault(item.delivery.to, []).append(item)
        return Sending([pool.submit(self._send_in_order, items) for items in by_recipient.values()])

    def _share_all(self, pool: ThreadPoolExecutor, claimed: list[Pending]) -> dict[str, str]:
        """Each file once to everyone it is for; one already tried goes person by person, so
        that whether it arrived can be checked."""
        fresh = [item for item in claimed if not item.recovered]
        outcomes = self._send_in_order([item for item in claimed if item.recovered])
        by_file: dict[str, list[Pending]] = {}
        for item in fresh:
            by_file.setdefault(item.notice.filename, []).append(item)  # type: ignore[attr-defined]
        shares = [
            items[start : start + SHARE_CHUNK]
            for items in by_file.values()
            for start in range(0, len(items), SHARE_CHUNK)
        ]
        for done in pool.map(self._share, shares):
            outcomes |= done
        return outcomes

    def _share(self, items: list[Pending]) -> dict[str, str]:
        notice = items[0].notice
        assert isinstance(notice, FileNotice)
        try:
            self._messenger.share(notice, [item.delivery.to for item in items])
            outcome = "sent"
        except DeliveryFailed as error:
            log.warning("file %s not shared with %d: %s", notice.filename, len(items), error)
            outcome = "pending"
        return {item.delivery.key: outcome for item in items}

    def _send_in_order(self, items: list[Pending]) -> dict[str, str]:
        return {item.delivery.key: self._deliver(item) for item in items}

    def _deliver(self, item: Pending) -> str:
        """ "sent", "failed" (Slack refused it for good) or "pending" (try again later)."""
        d = item.delivery
        try:
            if item.recovered and self._messenger.was_sent(
                d.to, item.notice, d.key, item.first_tried_at
            ):
                return "sent"
            self._messenger.send(d.to, item.notice, d.key)
            return "sent"
        except DeliveryFailed as error:
            # The key, never the content: messages can hold personal data.
            log.warning("delivery %s not sent: %s", d.key, error)
            return "failed" if error.refused else "pending"

    def _settle(self, outcomes: dict[str, str], now: datetime) -> list[str]:
        """Confirms what went (returned) and what Slack refused for good."""
        sent = [key for key, outcome in outcomes.items() if outcome == "sent"]
        failed = [key for key, outcome in outcomes.items() if outcome == "failed"]
        with self._uow() as uow:
            uow.deliveries.mark_sent(sent, now)
            uow.deliveries.mark_failed(failed, now)
            uow.commit()
        return sent


class NoticeCodec:
    """A notice as bytes, kept with its delivery until it is sent, so any sender (this process
    after a restart, or another) can send it. The programme's parts (events, forms, questions)
    are written as references and read back as the live objects, which keeps rows small; only
    the bot's own and a few standard types may be read back, so stored bytes cannot name other
    code to run."""

    ALLOWED_MODULES = ("bot.", "datetime", "zoneinfo", "builtins", "copyreg", "collections")

    def __init__(self, programme: BaseModel | None = None):
        self._refs: dict[int, tuple[str, ...]] = {}
        self._objects: dict[tuple[str, ...], object] = {}
        if programme is not None:
            self._index(programme, ("programme",))

    def encode(self, notice: Notice) -> bytes:
        buffer = io.BytesIO()
        _Pickler(buffer, self._refs).dump(notice)
        return buffer.getvalue()

    def decode(self, data: bytes) -> Notice:
        notice = _Unpickler(io.BytesIO(data), self._objects, self.ALLOWED_MODULES).load()
        if not isinstance(notice, Notice):
            raise ValueError("stored bytes are not a notice")
        return notice

    def _index(self, model: BaseModel, path: tuple[str, ...]) -> None:
        """Every pydantic model in the programme, by its path of fields and ids."""
        self._refs[id(model)] = path
        self._objects[path] = model
        for name, value in model:
            items = value if isinstance(value, list) else [value]
            for position, item in enumerate(items):
                if isinstance(item, BaseModel):
                    label = str(getattr(item, "id", position))
                    self._index(item, (*path, name, label))


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, refs: dict[int, tuple[str, ...]]):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._refs = refs

    def persistent_id(self, obj: object) -> tuple[str, ...] | None:
        return self._refs.get(id(obj))

    def reducer_override(self, obj: object) -> Any:
        """Dates and times are kept by their fields and rebuilt with whatever `datetime` means
        when read: a test's frozen clock swaps the class, which pickle would otherwise name."""
        if isinstance(obj, datetime):
            fields = (obj.year, obj.month, obj.day, obj.hour, obj.minute, obj.second)
            return _datetime, (*fields, obj.microsecond, _plain_zone(obj))
        if isinstance(obj, date):
            return _date, (obj.year, obj.month, obj.day)
        return NotImplemented


def _plain_zone(moment: datetime) -> tzinfo | None:
    """A zone the reader may rebuild: a named zone or UTC as it is; any other (pydantic's own,
    from the programme file) as its fixed offset at that moment."""
    zone = moment.tzinfo
    if zone is None or isinstance(zone, ZoneInfo | timezone):
        return zone
    offset = moment.utcoffset()
    return timezone(offset) if offset is not None else None


def _datetime(*fields: Any) -> datetime:
    return datetime(*fields)


def _date(year: int, month: int, day: int) -> date:
    return date(year, month, day)


class _Unpickler(pickle.Unpickler):
    def __init__(
        self, file: io.BytesIO, objects: dict[tuple[str, ...], object], allowed: tuple[str, ...]
    ):
        super().__init__(file)
        self._objects, self._allowed = objects, allowed

    def persistent_load(self, pid: object) -> object:
        if not isinstance(pid, tuple) or pid not in self._objects:
            raise pickle.UnpicklingError("a reference to a part of another programme")
        return self._objects[pid]

    def find_class(self, module: str, name: str) -> object:
        if not (module + ".").startswith(self._allowed) and module not in self._allowed:
            raise pickle.UnpicklingError(f"{module}.{name} may not be read from the outbox")
        return super().find_class(module, name)
