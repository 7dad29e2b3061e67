"""Realistic mode answers as Slack does under load: its round trip, its published rate limits
(429 with Retry-After), on a clock that can run faster; and the workspace counts what a
benchmark reports."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from localslack.api import API_METHODS
from localslack.realism import METHOD_LIMITS, POST_MESSAGE, Limit, RateLimiter, Realism
from localslack.server import LocalSlack

PEOPLE = ["UANN00001", "UBEN00002", "UCAT00003"]
ANN, BEN, CAT = PEOPLE


@contextmanager
def slack_with(realism: Realism | None) -> Iterator[LocalSlack]:
    with LocalSlack(realistic=realism) as slack:
        for user in PEOPLE:
            slack.workspace.add_user(user, f"Person {user}", f"{user.lower()}@example.org")
        yield slack


@pytest.fixture
def strict() -> Iterator[LocalSlack]:
    """Slack's limits with no round trip and no burst on a channel: one post a second."""
    with slack_with(Realism(round_trip=0, channel_burst=1)) as slack:
        yield slack


def client(slack: LocalSlack) -> WebClient:
    return WebClient(token=slack.token, base_url=slack.api_url, retry_handlers=[])


def status_of(call: Callable[[], object]) -> int:
    """The HTTP status of a call made with a client that does not retry."""
    try:
        call()
        return 200
    except SlackApiError as error:
        return error.response.status_code


def post(web: WebClient, to: str, key: str = "k") -> int:
    metadata = {"event_type": "t", "event_payload": {"key": key}}
    return status_of(lambda: web.chat_postMessage(channel=to, text="Hi", metadata=metadata))


def test_every_method_the_stand_in_serves_has_its_published_limit() -> None:
    assert set(API_METHODS) - {POST_MESSAGE} <= set(METHOD_LIMITS)
    assert METHOD_LIMITS["conversations.open"] == Limit(per_minute=50)
    assert METHOD_LIMITS["files.completeUploadExternal"] == Limit(per_minute=100)


def test_a_burst_of_conversations_open_beyond_tier_3_is_answered_429_with_retry_after(
    strict: LocalSlack,
) -> None:
    web = client(strict)
    statuses = [status_of(lambda: web.conversations_open(users=ANN)) for _ in range(55)]
    assert statuses[:50] == [200] * 50 and 429 in statuses[50:]
    with pytest.raises(SlackApiError) as limited:
        web.conversations_open(users=ANN)
    answer = limited.value.response
    assert answer.status_code == 429 and answer.data == {"ok": False, "error": "ratelimited"}
    exact = float(answer.headers["X-LocalSlack-Retry-After"])
    assert 0 < exact <= 1.2 and answer.headers["Retry-After"] == str(math.ceil(exact))
    refused = statuses.count(429) + 1
    assert strict.workspace.rate_limited_per_method() == {"conversations.open": refused}


def test_a_second_post_to_one_channel_within_a_second_is_refused_but_not_to_another(
    strict: LocalSlack,
) -> None:
    web = client(strict)
    ann_dm = strict.workspace.dm_channel(ANN)
    assert post(web, ANN) == 200
    assert post(web, ann_dm) == 429, "a user id and the DM it opens are one channel"
    assert post(web, BEN) == 200
    assert [m.channel for m in strict.workspace.messages] == [
        ann_dm,
        strict.workspace.dm_channel(BEN),
    ]


def test_a_short_burst_to_one_channel_is_tolerated_as_slack_does() -> None:
    with slack_with(Realism(round_trip=0)) as slack:
        web = client(slack)
        assert [post(web, ANN) for _ in range(4)] == [200, 200, 200, 429]


def test_the_workspace_wide_post_allowance_holds_across_channels() -> None:
    with slack_with(Realism(round_trip=0, workspace_posts_per_minute=2)) as slack:
        web = client(slack)
        assert [post(web, person) for person in PEOPLE] == [200, 200, 429]


def test_a_scaled_clock_refills_faster_and_retry_after_is_the_whole_seconds_above_the_wait() -> (
    None
):
    once_a_minute = {"auth.test": Limit(per_minute=1)}
    with slack_with(Realism(round_trip=0, time_scale=120, limits=once_a_minute)) as slack:
        web = client(slack)
        web.auth_test()
        with pytest.raises(SlackApiError) as limited:
            web.auth_test()
        exact = float(limited.value.response.headers["X-LocalSlack-Retry-After"])
        assert 0.3 < exact <= 0.5 and limited.value.response.headers["Retry-After"] == "1"
        time.sleep(exact)
        assert web.auth_test()["ok"]


def test_an_allowance_refills_evenly_on_the_stand_ins_clock() -> None:
    now = [0.0]
    limiter = RateLimiter(Realism(time_scale=10), clock=lambda: now[0])
    assert [limiter.admit("conversations.open") for _ in range(50)] == [0.0] * 50
    assert limiter.admit("conversations.open") == pytest.approx(1.2)  # 50 a minute: 1.2 s each
    now[0] += 0.12  # 1.2 s of the stand-in's clock at ten times the wall clock
    assert limiter.admit("conversations.open") == 0.0
    assert limiter.admit("a.method.without.a.published.limit") == 0.0


def test_each_answer_takes_the_round_trip_and_concurrent_calls_overlap() -> None:
    # 2 s of the stand-in's clock at twenty times the wall clock: 0.1 s an answer
    with slack_with(Realism(round_trip=2.0, time_scale=20)) as slack:
        web = client(slack)
        start = time.perf_counter()
        for _ in range(3):
            web.users_info(user=ANN)
        sequential = time.perf_counter() - start
        assert 0.3 <= sequential < 1.5
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=5) as pool:
            list(pool.map(lambda user: web.users_info(user=user), PEOPLE + PEOPLE[:2]))
        assert 0.1 <= time.perf_counter() - start < 0.4


def test_the_workspace_counts_calls_429s_duplicates_and_missing_posts(strict: LocalSlack) -> None:
    web = client(strict)
    post(web, ANN, key="reminder-1")
    post(web, ANN, key="reminder-1")  # refused: one a second in a channel
    time.sleep(1.0)
    post(web, ANN, key="reminder-1")
    post(web, BEN, key="reminder-1")
    ann_dm = strict.workspace.dm_channel(ANN)
    workspace = strict.workspace
    assert workspace.calls_per_method() == {"chat.postMessage": 4}
    assert workspace.rate_limited_per_method() == {"chat.postMessage": 1}
    assert workspace.duplicates() == {(ann_dm, "reminder-1"): 1}
    expected = [(person, "reminder-1") for person in PEOPLE]
    assert workspace.missing(expected) == [(CAT, "reminder-1")]


def test_by_default_there_is_no_round_trip_and_no_limit() -> None:
    with slack_with(None) as slack:
        web = client(slack)
        start = time.perf_counter()
        assert [post(web, ANN) for _ in range(10)] == [200] * 10
        assert time.perf_counter() - start < 1.0 and slack.realism is None


def test_a_workspace_without_a_burst_takes_its_allowance_as_a_steady_flow() -> None:
    now = [0.0]
    steady = Realism(workspace_posts_per_minute=600, workspace_posts_burst=1)
    limiter = RateLimiter(steady, clock=lambda: now[0])
    assert limiter.admit(POST_MESSAGE, "D1") == 0.0
    assert limiter.admit(POST_MESSAGE, "D2") == pytest.approx(0.1), "600 a minute: 0.1 s each"
    now[0] += 0.1
    assert limiter.admit(POST_MESSAGE, "D2") == 0.0
    assert steady.allowance(POST_MESSAGE) == (600, 1)
    assert Realism().allowance(POST_MESSAGE) == (600, 600), "by default a minute's allowance"


def test_a_share_of_calls_is_refused_beyond_the_limits_and_a_refused_call_takes_no_token() -> None:
    limiter = RateLimiter(Realism(refused_share=0.3, refused_retry_after=2.0), clock=lambda: 0.0)
    waits = [limiter.admit("conversations.open") for _ in range(100)]
    assert waits.count(0.0) == 50, "Tier 3's whole minute, however many were refused on the way"
    assert 15 <= waits.count(2.0) <= 45, "about 30 refused beyond the limits"
    assert {round(wait, 6) for wait in waits} == {0.0, 1.2, 2.0}, "the rest wait for a token"


def test_refused_calls_are_answered_429_as_slack_does_and_the_same_seed_refuses_the_same() -> None:
    def statuses() -> list[int]:
        with slack_with(Realism(round_trip=0, refused_share=0.3, seed=7)) as slack:
            web = client(slack)
            found = [status_of(lambda: web.users_info(user=ANN)) for _ in range(30)]
            with pytest.raises(SlackApiError) as limited:
                while True:
                    web.users_info(user=ANN)
            assert limited.value.response.headers["Retry-After"] == "1"
            assert limited.value.response.data == {"ok": False, "error": "ratelimited"}
            assert slack.workspace.rate_limited_per_method()["users.info"] == found.count(429) + 1
            return found

    first = statuses()
    assert 429 in first and 200 in first and statuses() == first
