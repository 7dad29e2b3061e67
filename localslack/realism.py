"""Realistic mode: Slack's round trip and published rate limits, for benchmarks and 429 tests.

Off unless a LocalSlack is given a `Realism`. Then every Web API answer takes `round_trip`
seconds (half on the way in, half on the way back; the server is threaded, so concurrent calls
overlap), and a call beyond its method's allowance is answered as Slack answers it: HTTP 429,
`Retry-After`, `{"ok": false, "error": "ratelimited"}`.

How the limits are counted. Slack applies them "per API method per app per workspace" and
counts per-minute windows (https://api.slack.com/apis/rate-limits). The stand-in serves one app
in one workspace, so it keeps one token bucket per method: a minute's allowance may go at once,
then it refills evenly, so a sender never gets more than the allowance in a burst nor more than
the allowance per minute in the long run. A tier's figure is its published minimum ("Tier 3:
50+ per minute"). chat.postMessage is special: one message a second per channel with a short
burst, and a workspace-wide allowance that Slack does not publish (see Realism).

Faults beyond the limits. `refused_share` answers that share of calls 429 whatever the buckets
hold (a refused call takes no token), with a `Retry-After` of `refused_retry_after` of the
stand-in's seconds: Slack's limits are not all published, and a sender must survive 429s it
could not have foreseen. The draw is seeded, so two runs refuse the same calls in turn.

Scaling the clock. `time_scale=10` runs the stand-in ten times faster than the wall clock: a
100 ms round trip takes 10 ms, a per-minute allowance refills every 6 s. Limits are counted on
the stand-in's own clock, so the ratio of a benchmark to its computed bound is the same at any
scale. `Retry-After` stays what Slack sends, a whole number of seconds (slack_sdk's retry
handler parses it with int()): the smallest integer at or above the wall-clock wait, so in
scaled mode a client may wait up to one second more than needed (another reason not to earn a
429). The exact wall-clock wait is also sent, as `X-LocalSlack-Retry-After` (float seconds).
"""

from __future__ import annotations

import math
import random
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

RATE_LIMITS_PAGE = "https://api.slack.com/apis/rate-limits"


@dataclass(frozen=True)
class Limit:
    """A per-method allowance: so many calls a minute, a minute's worth in a burst."""

    per_minute: float


# The tiers, as published on https://api.slack.com/apis/rate-limits ("Web API Tier 1: 1+ per
# minute ... Tier 4: 100+ per minute"); each figure is the tier's published minimum.
TIER_1 = Limit(per_minute=1)
TIER_2 = Limit(per_minute=20)
TIER_3 = Limit(per_minute=50)
TIER_4 = Limit(per_minute=100)

# Each method's tier, from the "Facts" of its page in Slack's method reference.
METHOD_LIMITS: Mapping[str, Limit] = MappingProxyType(
    {
        # "Rate limits: Tier 3" https://api.slack.com/methods/chat.update
        "chat.update": TIER_3,
        # "Rate limits: Tier 4" https://api.slack-gov.com/methods/chat.postEphemeral/test
        # (Slack's own reference, as served for its GovSlack cloud)
        "chat.postEphemeral": TIER_4,
        # "Rate limits: Tier 3" https://api.slack.com/methods/conversations.open
        "conversations.open": TIER_3,
        # Tier 3 for Marketplace and internal apps, which mentorbot is; commercially
        # distributed non-Marketplace apps get 1 a minute (15 messages a call) since 2025:
        # https://docs.slack.dev/reference/methods/conversations.history
        "conversations.history": TIER_3,
        # "Rate limiting: Tier 3" https://api.slack.com/methods/conversations.info
        "conversations.info": TIER_3,
        # "Rate limits: Tier 4" https://api.slack-gov.com/methods/conversations.members/test
        "conversations.members": TIER_4,
        # "Rate limits: Tier 4" https://api.slack-gov.com/methods/users.info/test
        "users.info": TIER_4,
        # "Rate limits: Tier 2" https://api.slack.com/methods/users.list
        "users.list": TIER_2,
        # "Rate limiting: Tier 3" https://api.slack.com/methods/users.lookupByEmail
        "users.lookupByEmail": TIER_3,
        # "Rate limits: Tier 4" https://api.slack.com/methods/files.getUploadURLExternal
        "files.getUploadURLExternal": TIER_4,
        # "Rate limits: Tier 4" https://api.slack.com/methods/files.completeUploadExternal
        "files.completeUploadExternal": TIER_4,
        # "Rate limits: Tier 4" https://api.slack.com/methods/views.open
        "views.open": TIER_4,
        # "Rate limiting: Tier 4" https://api.slack.com/methods/views.update
        "views.update": TIER_4,
        # "Rate limiting: Tier 4" https://api.slack.com/methods/views.publish
        "views.publish": TIER_4,
        # "Rate limiting: Tier 4" https://api.slack.com/methods/views.push
        "views.push": TIER_4,
        # "Rate limits: Tier 4" https://api.slack.com/methods/files.info
        "files.info": TIER_4,
        # Special: "This method allows hundreds of requests per minute"
        # https://api.slack.com/methods/auth.test; taken as 200, the least "hundreds" can mean.
        "auth.test": Limit(per_minute=200),
    }
)

POST_MESSAGE = "chat.postMessage"
# chat.postMessage is "Special": "chat.postMessage generally allows posting one message per
# second per channel, while also maintaining a workspace-wide limit"; "Posting messages: 1 per
# second. Short bursts >1 allowed." (https://api.slack.com/apis/rate-limits,
# https://docs.slack.dev/reference/methods/chat.postMessage).
CHANNEL_POSTS_PER_SECOND = 1.0


@dataclass(frozen=True)
class Realism:
    """The settings of realistic mode; LocalSlack(realistic=Realism()) turns it on.

    workspace_posts_per_minute: the workspace-wide chat.postMessage allowance. Slack says it
    exists but does not publish it: 600 a minute is an assumption, one to vary in benchmarks.
    workspace_posts_burst: how many of those may go at once; None, a minute's allowance, as
    Slack counts per minute; 1, a steady flow with nothing saved up (the strictest reading).
    channel_burst: how many posts to one channel may go at once before the one-a-second rule
    bites. Slack allows "short bursts >1" without a figure: 3 is an assumption.
    refused_share, refused_retry_after, seed: the faults beyond the limits (see above).
    """

    round_trip: float = 0.1
    time_scale: float = 1.0
    workspace_posts_per_minute: float = 600
    workspace_posts_burst: float | None = None
    channel_burst: int = 3
    limits: Mapping[str, Limit] = field(default_factory=lambda: METHOD_LIMITS)
    refused_share: float = 0.0
    refused_retry_after: float = 1.0
    seed: int = 0

    def __post_init__(self) -> None:
        if self.time_scale <= 0 or self.round_trip < 0 or self.channel_burst < 1:
            raise ValueError("time_scale > 0, round_trip >= 0 and channel_burst >= 1, please")
        if not 0 <= self.refused_share < 1 or (self.workspace_posts_burst or 1) < 1:
            raise ValueError("0 <= refused_share < 1 and workspace_posts_burst >= 1, please")

    def allowance(self, method: str) -> tuple[float, float] | None:
        """A method's (calls a minute, calls at once) across the workspace; None: no limit."""
        if method == POST_MESSAGE:
            per_minute = self.workspace_posts_per_minute
            return per_minute, self.workspace_posts_burst or per_minute
        limit = self.limits.get(method)
        return (limit.per_minute, limit.per_minute) if limit else None

    def wall_seconds(self, slack_seconds: float) -> float:
        """How long `slack_seconds` of the stand-in's clock take on the wall clock."""
        return slack_seconds / self.time_scale


class TokenBucket:
    """`capacity` tokens at most, refilled at `rate` a second; a call takes one."""

    def __init__(self, rate: float, capacity: float, now: float):
        self.rate = rate
        self.capacity = capacity
        self.tokens = capacity
        self.updated = now

    def wait(self, now: float) -> float:
        """Refills to `now`, then says the seconds until a token is there (0: one is)."""
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    def take(self) -> None:
        self.tokens -= 1


class RateLimiter:
    """Admits or refuses each Web API call by Slack's limits, on the stand-in's scaled clock."""

    def __init__(self, realism: Realism, clock: Callable[[], float] = time.monotonic):
        self.realism = realism
        self._clock = clock
        self._origin = clock()
        self._buckets: dict[tuple[str, str], TokenBucket] = {}
        self._draw = random.Random(realism.seed)
        self._lock = threading.Lock()

    def admit(self, method: str, channel: str | None = None) -> float:
        """0 when the call may go ahead (and it is counted); otherwise the stand-in's seconds
        until it could. `channel` is where a chat.postMessage lands."""
        with self._lock:
            if self._draw.random() < self.realism.refused_share:
                return self.realism.refused_retry_after
            now = (self._clock() - self._origin) * self.realism.time_scale
            buckets = [self._bucket(key, now) for key in self._keys(method, channel)]
            wait = max((bucket.wait(now) for bucket in buckets), default=0.0)
            if wait == 0:
                for bucket in buckets:
                    bucket.take()
            return wait

    def retry_after(self, slack_seconds: float) -> dict[str, str]:
        """The headers of a 429: Slack's whole seconds, and the exact wall-clock wait."""
        wall = self.realism.wall_seconds(slack_seconds)
        return {"Retry-After": str(math.ceil(wall)), "X-LocalSlack-Retry-After": f"{wall:.6f}"}

    def _keys(self, method: str, channel: str | None) -> list[tuple[str, str]]:
        """The buckets a call draws on: its method's, and for a post also its channel's."""
        if method == POST_MESSAGE:
            return [("method", method), ("channel", str(channel))]
        return [("method", method)] if self.realism.allowance(method) else []

    def _bucket(self, key: tuple[str, str], now: float) -> TokenBucket:
        if key not in self._buckets:
            self._buckets[key] = self._new_bucket(key, now)
        return self._buckets[key]

    def _new_bucket(self, key: tuple[str, str], now: float) -> TokenBucket:
        kind, name = key
        if kind == "channel":
            return TokenBucket(CHANNEL_POSTS_PER_SECOND, self.realism.channel_burst, now)
        allowance = self.realism.allowance(name)
        assert allowance, "only a method with an allowance has a bucket"
        per_minute, burst = allowance
        return TokenBucket(per_minute / 60, burst, now)
