"""Slack's rate limits, kept on our side so the senders stay under them instead of learning each
one from a 429: a token bucket per Web API method (its published tier), the one-message-a-second
rule per channel for chat.postMessage, and a workspace-wide allowance for posts. A 429 holds
back only what it was about: that method (its callers wait), or that channel (its caller is told
how long, and goes on to others); when most posts are refused, the workspace's allowance is
followed at its pace rather than our saved-up burst.

A token bucket of our own rather than a library's: Slack's rules combine per-method tiers, a
per-channel rule and Retry-After pauses, and the whole is shorter here than the adapter a
general limiter would need."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

# Calls a minute per method, from Slack's published tiers
# (https://api.slack.com/apis/rate-limits: Tier 2 20+/min, Tier 3 50+/min, Tier 4 100+/min; each
# method's page names its tier).
TIER_2, TIER_3, TIER_4 = 20, 50, 100
PER_MINUTE = {
    "conversations.open": TIER_3,
    "conversations.history": TIER_3,
    "users.list": TIER_2,
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
# Posts refused out of the last so many: past this share, the workspace's allowance is pacing us
# (Slack's own refusals of limits it does not publish stay well under it).
POSTS_WATCHED = 40
REFUSED_SHARE_PACED = 0.6


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
    # The clock's seconds in one of the wall clock's: 1, but for a bench's faster stand-in.
    scale: float = 1.0
    sleep: Callable[[float], None] = time.sleep
    _buckets: dict[str, _Bucket] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _posts: int = 0  # posts that took their turn
    _refused: deque[int] = field(default_factory=deque)  # which of those had a 429, the latest

    def turn(self, method: str, channel: str | None = None) -> float:
        """Takes the call's turn, waiting only while the whole method (for a post, the
        workspace's allowance) holds it back: 0 once taken. When it is the channel alone that may
        not take a post yet (its one-a-second rule, or a 429 about it), no turn is taken and no
        sender waits: the wall clock's seconds until it may, for the caller to come back then."""
        while True:
            wide, narrow = self._take(method, channel)
            if narrow > 0:
                return narrow / self.scale
            if wide <= 0:
                return 0.0
            self.sleep(wide)

    def _take(self, method: str, channel: str | None) -> tuple[float, float]:
        """Takes the call's turn if it may go now, (0, 0); else the seconds until the method's
        (or the workspace's posts') bucket allows it, and until the channel's does."""
        with self._lock:
            now = self.clock()
            buckets = self._buckets_for(method, channel, now)
            delays = [b.delay(now) if self.enabled else b.held_until - now for b in buckets]
            if max(delays) <= 0:
                for b in buckets:
                    b.tokens -= 1
                if method == POST:
                    self._posts += 1
                return 0.0, 0.0
            return max(delays[0], 0.0), max(delays[1], 0.0) if len(delays) > 1 else 0.0

    def hold(self, method: str, seconds: float, channel: str | None = None) -> None:
        """After a 429: nothing more of this method (for a post: to this channel) for a while.
        Slack did not count the refused call, so neither do we (it gives its turn back)."""
        with self._lock:
            now = self.clock()
            buckets = self._buckets_for(method, channel, now)
            for b in buckets:
                b.tokens = min(b.capacity, b.tokens + 1)
            buckets[-1].held_until = max(buckets[-1].held_until, now + seconds)
            if method == POST and self._paced():
                # Sending the rest of a saved-up burst would only earn more 429s: we follow
                # the workspace's pace instead (a turn a token, as it refills).
                buckets[0].tokens = min(buckets[0].tokens, 1.0)

    def _paced(self) -> bool:
        """Whether most of the latest posts were refused (one just was): the workspace's
        allowance, not a channel's or a passing refusal, is holding us back."""
        self._refused.append(self._posts)
        while self._refused[0] <= self._posts - POSTS_WATCHED:
            self._refused.popleft()
        return len(self._refused) >= POSTS_WATCHED * REFUSED_SHARE_PACED

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
