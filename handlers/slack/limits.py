"""Slack's rate limits, kept on our side so the senders stay under them instead of learning each
one from a 429: a token bucket per Web API method (its published tier), the one-message-a-second
rule per channel for chat.postMessage, and a workspace-wide allowance for posts. A 429 holds
back only what it was about: that method, or that channel.

A token bucket of our own rather than a library's: Slack's rules combine per-method tiers, a
per-channel rule and Retry-After pauses, and the whole is shorter here than the adapter a
general limiter would need."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

# Calls a minute per method, from Slack's published tiers
# (https://api.slack.com/apis/rate-limits: Tier 2 20+/min, Tier 3 50+/min, Tier 4 100+/min; each
# method's page names its tier).
TIER_2, TIER_3, TIER_4 = 20, 50, 100
PER_MINUTE = {
    "conversations.open": TIER_3,
    "conversations.history": TIER_3,
    "chat.update": TIER_3,
    "files.getUploadURLExternal": TIER_4,
    "files.completeUploadExternal": TIER_4,
}
# chat.postMessage is "special": about one message a second per channel
# (https://api.slack.com/methods/chat.postMessage#rate_limiting), with a workspace-wide limit
# Slack does not publish; 600 a minute is our assumption, and a setting.
POSTS_PER_MINUTE = 600
POSTS_PER_CHANNEL_PER_SECOND = 1.0
POST = "chat.postMessage"


# Slack counts a method's allowance per minute, and a minute's worth may go at once; we keep a
# second's worth back, so the stand-in's and Slack's clocks need not agree to the millisecond.
@dataclass
class _Bucket:
    per_second: float
    capacity: float
    tokens: float
    updated: float
    held_until: float = 0.0

    def delay(self, now: float) -> float:
        """Seconds until a token is free (0: now)."""
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.per_second)
        self.updated = now
        wait_for_token = max(0.0, (1 - self.tokens) / self.per_second)
        return max(wait_for_token, self.held_until - now)


def _bucket(per_minute: float, now: float, burst_seconds: float = 59.0) -> _Bucket:
    per_second = per_minute / 60
    capacity = max(1.0, per_second * burst_seconds)
    return _Bucket(per_second, capacity, capacity, now)


@dataclass
class RateLimits:
    per_minute: dict[str, float] = field(default_factory=lambda: dict(PER_MINUTE))
    posts_per_minute: float = POSTS_PER_MINUTE
    posts_per_channel_per_second: float = POSTS_PER_CHANNEL_PER_SECOND
    enabled: bool = True  # off: only Slack's own 429s hold anything back
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _buckets: dict[str, _Bucket] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, method: str, channel: str | None = None) -> None:
        """Returns when `method` (to `channel`) may be called, having taken its turn."""
        while True:
            with self._lock:
                now = self.clock()
                buckets = self._buckets_for(method, channel, now)
                delay = max(b.delay(now) if self.enabled else b.held_until - now for b in buckets)
                if delay <= 0:
                    for b in buckets:
                        b.tokens -= 1
                    return
            self.sleep(delay)

    def hold(self, method: str, seconds: float, channel: str | None = None) -> None:
        """After a 429: nothing more of this method (for a post: to this channel) for a while."""
        with self._lock:
            now = self.clock()
            bucket = self._buckets_for(method, channel, now)[-1]
            bucket.held_until = max(bucket.held_until, now + seconds)

    def _buckets_for(self, method: str, channel: str | None, now: float) -> list[_Bucket]:
        """The buckets a call draws on, the narrowest last."""
        if method != POST:
            rate = self.per_minute.get(method, TIER_3)
            return [self._get(method, rate, now)]
        found = [self._get(POST, self.posts_per_minute, now)]
        if channel:
            per_minute = self.posts_per_channel_per_second * 60
            # Slack tolerates short bursts to one channel: a reminder and its follow-ups.
            found.append(self._get(f"{POST}:{channel}", per_minute, now, burst_seconds=3.0))
        return found

    def _get(self, key: str, per_minute: float, now: float, burst_seconds: float = 59.0) -> _Bucket:
        if key not in self._buckets:
            self._buckets[key] = _bucket(per_minute, now, burst_seconds)
        return self._buckets[key]
