"""Slack's side of the reminder bench (bench/reminder_fanout.py): what a run did, read off the
stand-in, and the least time Slack's published limits allow for it."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from localslack.realism import CHANNEL_POSTS_PER_SECOND, POST_MESSAGE, Realism
from localslack.server import LocalSlack
from localslack.workspace import Message, Workspace


@dataclass(frozen=True)
class Measured:
    """What one run did, read off the stand-in. `seconds`: the stand-in's, from the start to the
    last message it took; `calls`: those it let through, by method; `limited`: its 429s."""

    seconds: float
    calls: Counter[str]
    limited: Counter[str]
    duplicates: int
    missing: int
    busiest_channel: int  # the most chat.postMessage calls taken for one channel

    def per_person(self, people: int) -> str:
        return ", ".join(f"{m} {n / people:.2f}" for m, n in sorted(self.calls.items()))


def measure(
    slack: LocalSlack, action: Callable[[], object], expected: list[tuple[str, str]]
) -> Measured:
    """Runs `action` and reads off the stand-in what it did: the time to the last message taken,
    the calls and 429s by method, and which of the posts it was to make (`expected`: (user id,
    key)) arrived twice or never."""
    workspace = slack.workspace
    calls, limited = workspace.calls_per_method(), workspace.rate_limited_per_method()
    first_call = len(workspace.calls)
    posted: list[float] = []

    def taken(message: Message) -> None:
        posted.append(time.perf_counter())

    slack.observers.append(taken)
    start = time.perf_counter()
    try:
        action()
    finally:
        slack.observers.remove(taken)
    scale = slack.realism.time_scale if slack.realism else 1.0
    limited = workspace.rate_limited_per_method() - limited
    keys = {key for _, key in expected}
    return Measured(
        seconds=(max(posted, default=start) - start) * scale,
        calls=workspace.calls_per_method() - calls - limited,
        limited=limited,
        duplicates=sum(n - 1 for (_, key), n in workspace.posts_per_key().items() if key in keys),
        missing=len(workspace.missing(expected)),
        busiest_channel=busiest_channel(workspace, first_call),
    )


def busiest_channel(workspace: Workspace, first_call: int) -> int:
    with workspace.lock:
        posts = Counter(
            workspace.channel_key(str(call.params.get("channel")))
            for call in workspace.calls[first_call:]
            if call.method == POST_MESSAGE and call.ok
        )
    return max(posts.values(), default=0)


def bound(realism: Realism, calls: Counter[str], busiest: int) -> float:
    """The least time, in the stand-in's seconds, from the start to the last of `calls` being
    taken, as localslack's buckets count (localslack/realism.py): a call reaches the stand-in
    half a round trip after it leaves; each method's bucket holds its burst, a minute's
    allowance unless the workspace saves none up (full at the start: the last case drained it
    over a minute ago), and refills at allowance / 60 a second, so its c-th call is taken no
    sooner than (c - burst) / (allowance / 60) s. A channel's bucket holds `channel_burst`
    posts and refills at one a second. Methods run side by side, so the slowest one bounds the
    whole; for 2,000 posts at 600 a minute, 0.05 + (2000 - 600) / 10 = 140.05 s."""
    waits = [method_wait(realism, method, count) for method, count in calls.items()]
    waits.append(max(0, busiest - realism.channel_burst) / CHANNEL_POSTS_PER_SECOND)
    return realism.round_trip / 2 + max(waits)


def method_wait(realism: Realism, method: str, count: int) -> float:
    """The least time until `count` calls of `method` are taken: those beyond its burst come at
    its allowance a minute, evenly."""
    allowed = realism.allowance(method)
    if not allowed:
        return 0.0
    per_minute, burst = allowed
    return max(0.0, (count - burst) / (per_minute / 60))


def one_call_a_person(realism: Realism, people: int) -> float:
    return bound(realism, Counter({POST_MESSAGE: people}), 1)


def rest(realism: Realism) -> None:
    """A minute of the stand-in's time, as the days between two reminders: every bucket full
    (a second more, in the stand-in's time, for the calls still on their way)."""
    time.sleep(realism.wall_seconds(61))


def limited(measured: Measured) -> str:
    by_method = ", ".join(f"{m} {n}" for m, n in sorted(measured.limited.items()))
    return f"429s {measured.limited.total()}" + (f" ({by_method})" if by_method else "")
