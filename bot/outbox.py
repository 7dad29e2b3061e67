"""The one way out: what a notice is, the ledger that makes every delivery happen at most once,
and the sender that claims, sends and confirms.

Every notice is claimed under a unique key before it is sent, so a retry, a restart or a second
process never sends it twice, and a send whose answer was lost is reconciled (was it posted?)
before it is tried again."""

from __future__ import annotations

import base64
import io
import json
import logging
import pickle
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, fields, is_dataclass, replace
from datetime import date, datetime, timedelta
from types import UnionType
from typing import (
    Any,
    ClassVar,
    Literal,
    Protocol,
    Self,
    Union,
    get_args,
    get_origin,
    get_type_hints,
)
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
# restart) takes the message over. A sender renews it on all it holds each third of it while it
# works, so it runs out only when the sender died (or lost the database): a crash delays the
# messages it held by at most this long.
LEASE = timedelta(seconds=45)
# Messages claimed ahead of the senders: enough to keep them busy, and no more, so that another
# sender after a crash finds the rest unclaimed.
CLAIM_CHUNK = 40
# Messages noted as tried in one write ahead of their sending; after a crash, only these, those
# on their way and those sent but not yet recorded are looked for in the channel's history.
ATTEMPT_AHEAD = 8
# What went is recorded every so many outcomes, and at least each second.
RECORD_EVERY = 20
RECORD_WITHIN = 1.0
# A file for many goes to this many people from one upload (Slack takes a list of ids).
SHARE_CHUNK = 100
# Messages go out side by side, each as soon as a sender is free (Slack's round trip hides
# behind the others, and a 429 holds up only its own); each person's own keep their order.
SENDERS = 8


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


@dataclass(frozen=True)
class _Task:
    """What one sender thread takes: a message to one person, or one file shared with many.
    Tasks in the same `lane` (one person's messages) go one after another, in order."""

    lane: str
    items: list[Pending]
    share: bool = False


class _Lanes:
    """Claimed tasks by lane: each lane's in order and one at a time, the lanes side by side. A
    lane Slack holds back waits aside (its task first in it) while the others go."""

    def __init__(self) -> None:
        self._queued: dict[str, deque[_Task]] = {}
        self._busy: set[str] = set()
        self._held: dict[str, float] = {}  # lane: not before this (the sender's clock)
        self._closed: set[str] = set()  # let go for this run
        self.items = 0  # messages queued

    def add(self, tasks: list[_Task]) -> list[Pending]:
        """Queues the tasks; returns the messages of lanes let go, to let go too (in order)."""
        let_go: list[Pending] = []
        for task in tasks:
            if task.lane in self._closed:
                let_go += task.items
                continue
            self._queued.setdefault(task.lane, deque()).append(task)
            self.items += len(task.items)
        return let_go

    def ready(self, most: int, now: float) -> list[_Task]:
        """Up to `most` tasks whose lane is free and not held back, the longest-waiting first."""
        free = [lane for lane in self._queued if lane not in self._busy]
        found: list[_Task] = []
        for lane in [lane for lane in free if self._held.get(lane, 0.0) <= now][:most]:
            queue = self._queued[lane]
            found.append(queue.popleft())
            self._busy.add(lane)
            self._held.pop(lane, None)
            self.items -= len(found[-1].items)
            if not queue:
                del self._queued[lane]
        return found

    def hold(self, task: _Task, until: float) -> None:
        """Puts a task back first in its lane, which waits until `until`."""
        self._queued.setdefault(task.lane, deque()).appendleft(task)
        self.items += len(task.items)
        self._busy.discard(task.lane)
        self._held[task.lane] = until

    def close(self, lane: str) -> list[Pending]:
        """Lets a lane go for this run: its messages queued now, and any claimed later."""
        tasks = self._queued.pop(lane, deque())
        self._closed.add(lane)
        self.done(lane)
        items = [item for task in tasks for item in task.items]
        self.items -= len(items)
        return items

    def held_items(self, now: float) -> int:
        """Messages queued in lanes held back."""
        held = [lane for lane, until in self._held.items() if until > now]
        return sum(len(task.items) for lane in held for task in self._queued.get(lane, ()))

    def next_free(self, now: float) -> float | None:
        """When the first lane held back past `now` may go again; None if none is."""
        return min((until for until in self._held.values() if until > now), default=None)

    def upcoming(self, most: int) -> list[Pending]:
        """The next `most` messages queued, the lanes' first ones first."""
        heads = [item for queue in self._queued.values() for item in queue[0].items]
        return heads[:most]

    def done(self, lane: str) -> None:
        self._busy.discard(lane)
        self._held.pop(lane, None)


class _Holding:
    """What one flush holds, all under one lease that it renews as it works, and what it tried
    and how each went, recorded as it goes."""

    def __init__(self, uow: LedgerWorkFactory, lease: timedelta, now: Callable[[], datetime]):
        self._uow, self._lease, self._now = uow, lease, now
        self._keys: set[str] = set()
        self._since: datetime | None = None  # when the lease on `_keys` was last taken
        self._outcomes: dict[str, str] = {}
        self._recorded_at = time.monotonic()
        self.sent: list[str] = []

    def claim(self, keys: Sequence[str] | None, limit: int, shared: bool) -> list[Pending]:
        """New claims, with the lease on all else held renewed to the same moment, so that after a
        crash all of it falls due at once."""
        now = self._now()
        with self._uow() as uow:
            claimed = uow.deliveries.claim_due(now, self._lease, limit, keys, shared)
            self._renew(uow, now)
            uow.commit()
        self._keys |= {item.delivery.key for item in claimed}
        return claimed

    def keep_alive(self) -> None:
        """Renews the lease once a third of it has passed (Slack may be slow, or holding us
        back): nobody takes over what this sender is still at."""
        now = self._now()
        if self._since is not None and now - self._since >= self._lease / 3:
            with self._uow() as uow:
                self._renew(uow, now)
                uow.commit()

    def _renew(self, uow: LedgerWork, now: datetime) -> None:
        if self._keys and self._since is not None and self._since != now:
            self._keys = uow.deliveries.renew(sorted(self._keys), self._since, now)
        self._since = now

    def attempting(self, items: list[Pending]) -> set[str]:
        """Notes these as tried, before they go; returns those still held, the only ones that
        may go (one taken over is another sender's now)."""
        assert self._since is not None, "claimed first"
        with self._uow() as uow:
            held = uow.deliveries.mark_attempted([i.delivery.key for i in items], self._since)
            uow.commit()
        self._keys -= {i.delivery.key for i in items} - held
        return held

    def settle(self, outcomes: dict[str, str]) -> None:
        """One task's outcomes; what stays pending is let go, to be retried after its lease."""
        self._outcomes |= outcomes
        self._keys -= outcomes.keys()
        waited = time.monotonic() - self._recorded_at
        if len(self._outcomes) >= RECORD_EVERY or waited >= RECORD_WITHIN:
            self.record()

    def record(self) -> None:
        """Confirms what went and what Slack refused for good."""
        sent = [key for key, outcome in self._outcomes.items() if outcome == "sent"]
        failed = [key for key, outcome in self._outcomes.items() if outcome == "failed"]
        if sent or failed:
            with self._uow() as uow:
                uow.deliveries.mark_sent(sent, self._now())
                uow.deliveries.mark_failed(failed, self._now())
                uow.commit()
        self.sent += sent
        self._outcomes = {}
        self._recorded_at = time.monotonic()


@dataclass
class _Run:
    """One pass of the senders over the messages, or over the files for many."""

    holding: _Holding
    lanes: _Lanes = field(default_factory=_Lanes)
    running: dict[Future[dict[str, str]], _Task] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)  # claimed in this pass
    noted: set[str] = field(default_factory=set)  # noted as tried
    held: set[str] = field(default_factory=set)  # noted, and still this sender's


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
        clock: Callable[[], float] = time.monotonic,
    ):
        """`clock`: seconds, as HeldBack counts them (Slack's Retry-After runs on the real
        clock, whatever a test does to `now` and to time.monotonic once imported)."""
        self._uow = uow
        self._messenger = messenger
        self._lease = lease
        self._senders = senders
        self._clock = clock
        self._stopping = threading.Event()

    def stop(self) -> None:
        """Starts nothing more: what is on its way finishes and is recorded; whatever else this
        sender holds is taken over by the next once its lease runs out (a process stopping)."""
        self._stopping.set()

    def flush(self, now: datetime, keys: Sequence[str] | None = None) -> list[str]:
        """Sends what is due (only `keys`, if given), then the files for many, each uploaded
        once; returns what went."""
        started = time.monotonic()

        def at() -> datetime:
            # A long flush's claims and renewals are stamped when they are made, so the lease
            # really runs from then.
            return now + timedelta(seconds=int(time.monotonic() - started))

        holding = _Holding(self._uow, self._lease, at)
        with ThreadPoolExecutor(self._senders) as pool:
            self._send(pool, _Run(holding), keys, shared=False)
            self._send(pool, _Run(holding), keys, shared=True)
        return holding.sent

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

    def _send(
        self, pool: ThreadPoolExecutor, run: _Run, keys: Sequence[str] | None, shared: bool
    ) -> None:
        """A continuous pool: each task starts as soon as a sender and its lane are free, and
        more is claimed as the queue runs low."""
        ahead, limit = (SHARE_CHUNK, 2 * SHARE_CHUNK) if shared else (CLAIM_CHUNK, CLAIM_CHUNK)
        more = True
        while more or run.lanes.items or run.running:
            if self._stopping.is_set():
                if not run.running:
                    break
            else:
                if more and run.lanes.items - run.lanes.held_items(self._clock()) < ahead:
                    claimed = run.holding.claim(keys, limit, shared)
                    more = bool(claimed)
                    self._let_go(run, run.lanes.add(self._tasks(run, claimed, shared)))
                self._start(pool, run)
            self._wait(run)
            run.holding.keep_alive()
        run.holding.record()

    def _wait(self, run: _Run) -> None:
        """Until a task ends or a lane held back may go again, and at most a third of the lease
        (then it is renewed)."""
        now = self._clock()
        timeout = self._lease.total_seconds() / 3
        free = run.lanes.next_free(now)
        if free is not None:
            timeout = min(timeout, free - now)
        if not run.running:
            if free is not None:  # only lanes held back: nothing to do until the first may go
                self._stopping.wait(timeout)
            return
        done, _ = wait(run.running, timeout=timeout, return_when=FIRST_COMPLETED)
        for future in done:
            task = run.running.pop(future)
            try:
                outcomes = future.result()
            except HeldBack as held:
                self._hold(run, task, held)
                continue
            run.lanes.done(task.lane)
            run.holding.settle(outcomes)

    def _hold(self, run: _Run, task: _Task, held: HeldBack) -> None:
        """The task waits first in its lane, already noted as tried, while the other lanes go
        (the lease on it renewed meanwhile). Held back for longer than a lease, it is let go,
        its lane with it (in order): a later run, due once the lease ends, is as soon."""
        # Slack did not take it, and any look in the history was made: none is needed again.
        task = replace(task, items=[replace(item, recovered=False) for item in task.items])
        if held.seconds <= self._lease.total_seconds():
            run.lanes.hold(task, self._clock() + held.seconds)
        else:
            # The key, never the address: it names a person.
            key = task.items[0].delivery.key
            log.warning("delivery %s held back longer than the lease: left to a later run", key)
            self._let_go(run, task.items + run.lanes.close(task.lane))

    @staticmethod
    def _let_go(run: _Run, items: list[Pending]) -> None:
        if items:
            run.holding.settle({item.delivery.key: "pending" for item in items})

    @staticmethod
    def _tasks(run: _Run, claimed: list[Pending], shared: bool) -> list[_Task]:
        """A message each; a file for many once to everyone it is for, except to whom it was
        tried already: to them one by one, so that whether it arrived can be checked."""
        fresh = [item for item in claimed if item.delivery.key not in run.seen]
        run.seen |= {item.delivery.key for item in fresh}
        one_by_one = [item for item in fresh if not shared or item.recovered]
        tasks = [_Task(item.delivery.to, [item]) for item in one_by_one]
        by_file: dict[str, list[Pending]] = {}
        for item in fresh if shared else []:
            if not item.recovered:
                by_file.setdefault(item.notice.filename, []).append(item)  # type: ignore[attr-defined]
        for name, items in by_file.items():
            for start in range(0, len(items), SHARE_CHUNK):
                chunk = items[start : start + SHARE_CHUNK]
                tasks.append(_Task(f"share:{name}:{start}", chunk, share=True))
        return tasks

    def _start(self, pool: ThreadPoolExecutor, run: _Run) -> None:
        """Starts what may start, each noted as tried first (with a few queued behind it)."""
        tasks = run.lanes.ready(self._senders - len(run.running), self._clock())
        unnoted = [i for task in tasks for i in task.items if i.delivery.key not in run.noted]
        if unnoted:
            upcoming = run.lanes.upcoming(ATTEMPT_AHEAD)
            window = unnoted + [i for i in upcoming if i.delivery.key not in run.noted]
            run.noted |= {item.delivery.key for item in window}
            run.held |= run.holding.attempting(window)
        for task in tasks:
            items = [item for item in task.items if item.delivery.key in run.held]
            if not items:
                run.lanes.done(task.lane)
            elif task.share:
                run.running[pool.submit(self._share, items)] = replace(task, items=items)
            else:
                run.running[pool.submit(self._send_one, items[0])] = replace(task, items=items)

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

    def _send_one(self, item: Pending) -> dict[str, str]:
        return {item.delivery.key: self._deliver(item)}

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


class UnreadableNotice(ValueError):
    """A kept notice this release cannot read back (garbage, a kind no longer known, a part the
    programme no longer has): its row is set aside, and the other rows go on."""


# The stored form of a notice: {"v": FORMAT, "kind": ..., "type": ..., "fields": {...}}. A
# change that an older reader would misread takes a new number, read beside the old one.
FORMAT = 1


class NoticeCodec:
    """A notice as a versioned JSON document, kept with its delivery until it is sent, so any
    sender (this process after a restart, another, or the next release) can send it. It names
    no code: the notice's class is found by its `kind` among the Notice subclasses, and its
    fields are rebuilt from the dataclass's type hints. The programme's parts (events, forms,
    questions) are written as references and read back as the live objects, which keeps rows
    small and the words as the programme file now has them."""

    def __init__(self, programme: BaseModel | None = None):
        self._refs: dict[int, tuple[str, ...]] = {}
        self._objects: dict[tuple[str, ...], object] = {}
        if programme is not None:
            self._index(programme, ("programme",))

    def encode(self, notice: Notice) -> bytes:
        document = {
            "v": FORMAT,
            "kind": notice.kind,
            "type": type(notice).__name__,
            "fields": self._fields(notice),
        }
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()

    def decode(self, data: bytes) -> Notice:
        """The notice, or UnreadableNotice (the message says why, never what it held)."""
        try:
            if not data.startswith(b"{"):
                return self._legacy(data)
            document = json.loads(data)
            if document.get("v") != FORMAT:
                raise UnreadableNotice(f"format {document.get('v')!r} is not one this reads")
            kind = notice_class(str(document["kind"]), str(document.get("type")))
            return kind(**self._load_fields(kind, document["fields"]))
        except UnreadableNotice:
            raise
        except (ValueError, TypeError, KeyError, AttributeError, ImportError, EOFError) as error:
            raise UnreadableNotice(type(error).__name__) from None
        except pickle.UnpicklingError as error:
            raise UnreadableNotice(str(error)) from None

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

    # Writing ---------------------------------------------------------------------------------

    def _fields(self, value: Any) -> dict[str, Any]:
        """A dataclass's fields (those its constructor takes), each as JSON."""
        return {f.name: self._dump(getattr(value, f.name)) for f in fields(value) if f.init}

    def _dump(self, value: object) -> Any:
        if value is None or isinstance(value, bool | int | float | str):
            return value
        if isinstance(value, BaseModel):
            path = self._refs.get(id(value))
            return {"$ref": list(path)} if path else {"$value": value.model_dump(mode="json")}
        if is_dataclass(value):
            # Its name only picks between the choices a union field allows (e.g. a reply).
            return {"$type": type(value).__name__, **self._fields(value)}
        if isinstance(value, tuple | list | set | frozenset):
            return [self._dump(item) for item in value]
        if isinstance(value, dict):
            return {str(key): self._dump(item) for key, item in value.items()}
        if isinstance(value, BaseException):  # a domain error a reply carries
            fields = {"args": self._dump(value.args), "fields": self._dump(vars(value))}
            return {"$type": type(value).__name__, **fields}
        return _dump_value(value)

    # Reading ---------------------------------------------------------------------------------

    def _load_fields(self, kind: type, data: dict[str, Any]) -> dict[str, Any]:
        hints = get_type_hints(kind)
        return {
            f.name: self._load(hints[f.name], data[f.name])
            for f in fields(kind)
            if f.init and f.name in data  # one missing keeps its default, if it has one
        }

    def _load(self, hint: Any, data: Any) -> Any:
        origin, args = get_origin(hint), get_args(hint)
        if origin in (Union, UnionType):
            return self._load_union(args, data)
        if origin is Literal:
            if data not in args:
                raise ValueError("not one of the values allowed")
            return data
        if origin is tuple:
            hints = [args[0]] * len(data) if args[-1] is Ellipsis else args
            return tuple(self._load(h, item) for h, item in zip(hints, data, strict=True))
        if origin in (list, set, frozenset):
            return origin(self._load(args[0], item) for item in data)
        if origin is dict:
            key, value = args
            return {_load_key(key, k): self._load(value, v) for k, v in data.items()}
        if hint is Any:  # no hint to go by: only a programme part is read back as more than JSON
            return (
                self._model(BaseModel, data) if isinstance(data, dict) and "$ref" in data else data
            )
        return self._load_class(hint, data)

    def _load_union(self, options: tuple[Any, ...], data: Any) -> Any:
        """The first of the union's types the data reads as (their order in the hint)."""
        if data is None and type(None) in options:
            return None
        for option in options:
            if option is type(None):
                continue
            try:
                return self._load(option, data)
            except (ValueError, TypeError, KeyError):
                continue
        raise ValueError("none of the union's types")

    def _load_class(self, hint: type, data: Any) -> Any:
        if issubclass(hint, BaseModel):
            return self._model(hint, data)
        if is_dataclass(hint):
            if data.get("$type", hint.__name__) != hint.__name__:
                raise ValueError("another of the union's types")
            return hint(**self._load_fields(hint, data))
        if issubclass(hint, BaseException):
            return self._load_error(hint, data)
        return _load_value(hint, data)

    def _load_error(self, hint: type[BaseException], data: dict[str, Any]) -> BaseException:
        """A domain error a reply carries (the view words it), rebuilt from its fields, each read
        by its constructor's or its class's hint."""
        kind = _error_class(hint, data["$type"])
        hints = get_type_hints(kind) | get_type_hints(kind.__init__)
        error = kind.__new__(kind)
        error.args = tuple(self._load(Any, item) for item in data["args"])
        for name, value in data["fields"].items():
            setattr(error, name, self._load(hints.get(name, Any), value))
        return error

    def _model(self, hint: type[BaseModel], data: dict[str, Any]) -> BaseModel:
        if "$ref" not in data:
            return hint.model_validate(data["$value"])
        found = self._objects.get(tuple(data["$ref"]))
        if not isinstance(found, hint):
            raise UnreadableNotice("a part the programme no longer has")
        return found

    # LEGACY: rows kept before the JSON format were pickles (up to commit 429f11e). A pending one
    # is read once and sent; delete this and _LegacyUnpickler, _datetime and _date once every
    # deployment has sent or expired its last such row (`SELECT count(*) FROM deliveries WHERE
    # notice IS NOT NULL AND status = 'pending'` run after the first release with JSON finds 0;
    # a reminder expires within days, and every sender retries within a minute).
    def _legacy(self, data: bytes) -> Notice:
        notice = _LegacyUnpickler(io.BytesIO(data), self._objects).load()
        if not isinstance(notice, Notice):
            raise UnreadableNotice("stored bytes are not a notice")
        return notice


def notice_class(kind: str, name: str | None = None) -> type[Notice]:
    """The Notice subclass a stored notice is, by its kind; where several classes share a kind
    (each automatic notice's is "notice"), by its class's name among them. Never by module, so
    notices may move between releases."""
    candidates = [c for c in notice_classes() if c.kind == kind]
    if len(candidates) > 1:
        candidates = [c for c in candidates if c.__name__ == name]
    if len(candidates) != 1:
        raise UnreadableNotice(f"no one notice of kind {kind!r}")
    return candidates[0]


def notice_classes() -> list[type[Notice]]:
    """Every notice class that can be kept: dataclasses with a kind, of the modules imported."""
    found: list[type[Notice]] = []
    todo: list[type[Notice]] = [Notice]
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if is_dataclass(cls) and isinstance(getattr(cls, "kind", None), str):
            found.append(cls)
    return found


def _dump_value(value: object) -> Any:
    """The standard types a notice holds, as JSON; anything else cannot be kept."""
    if isinstance(value, datetime):
        zone = value.tzinfo
        # ISO 8601 with its offset; a named zone follows in brackets (RFC 9557), so a reader
        # can still count days in it across a clock change.
        return value.isoformat() + (f"[{zone.key}]" if isinstance(zone, ZoneInfo) else "")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    raise TypeError(f"a {type(value).__name__} cannot be kept in the outbox")


def _load_value(hint: type, data: Any) -> Any:
    """`data` read as `hint`, one of the standard types `_dump_value` writes, or a plain one."""
    if issubclass(hint, datetime):
        moment, _, zone = str(data).partition("[")
        read = datetime.fromisoformat(moment)  # `datetime` as the test's frozen clock has it
        return read.astimezone(ZoneInfo(zone.rstrip("]"))) if zone else read
    if issubclass(hint, date):
        return date.fromisoformat(data)
    if issubclass(hint, timedelta):
        return timedelta(seconds=data)
    if hint is bytes:
        return base64.b64decode(data, validate=True)
    if hint is float and type(data) in (int, float):
        return float(data)
    if type(data) is not hint:
        raise TypeError(f"not a {hint.__name__}")
    return data


def _load_key(hint: Any, key: str) -> Any:
    """A dict's key: JSON's are strings; a numbered one is read back as its number."""
    return int(key) if hint is int else key


def _error_class(hint: type[BaseException], name: str) -> type[BaseException]:
    """The error class of this name among `hint` and its subclasses."""
    todo: list[type[BaseException]] = [hint]
    while todo:
        cls = todo.pop()
        if cls.__name__ == name:
            return cls
        todo += cls.__subclasses__()
    raise UnreadableNotice("an error no longer known")


class _LegacyUnpickler(pickle.Unpickler):
    """LEGACY (see NoticeCodec._legacy): reads only the bot's own and a few standard types."""

    ALLOWED = ("bot.", "datetime", "zoneinfo", "builtins", "copyreg", "collections")

    def __init__(self, file: io.BytesIO, objects: dict[tuple[str, ...], object]):
        super().__init__(file)
        self._objects = objects

    def persistent_load(self, pid: object) -> object:
        if not isinstance(pid, tuple) or pid not in self._objects:
            raise UnreadableNotice("a part the programme no longer has")
        return self._objects[pid]

    def find_class(self, module: str, name: str) -> object:
        if not (module + ".").startswith(self.ALLOWED) and module not in self.ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} may not be read from the outbox")
        return super().find_class(module, name)


def _datetime(*fields: Any) -> datetime:
    """LEGACY: how the pickle format rebuilt a datetime."""
    return datetime(*fields)


def _date(year: int, month: int, day: int) -> date:
    """LEGACY: how the pickle format rebuilt a date."""
    return date(year, month, day)
