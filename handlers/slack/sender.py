"""The outbox's sender: it claims what use cases kept (bot/notices.py), sends it through the
Messenger side by side within Slack's limits, and confirms each, so every notice goes once,
whatever the crashes, restarts, retries or rate limits."""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from bot.notices import (
    DeliveryFailed,
    FileNotice,
    HeldBack,
    LedgerWork,
    LedgerWorkFactory,
    Messenger,
    Pending,
)

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


class Sender:
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
