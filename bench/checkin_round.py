"""A check-in round for 1,000 pairs through localslack, against a bare WebClient loop posting the
same messages to the same group DMs in the same run; and "who is due" for 1,000 and for
10,000 pairs (loading their state from the database and applying the rules), and their ratio.

    .venv/bin/python bench/checkin_round.py [--pairs 1000]

Loopback: localslack without latency or limits, so the bot is built with its limiter off too
(SLACK_RATE_LIMITS false); with it on, the round would measure Slack's Tier 3 allowance for
conversations.open (50 a minute: 20 minutes at 1,000 pairs), which the bare loop does not keep
to. tests/bench runs it at `--pairs 20`.

Targets: the round ≤ 1.3× the bare loop; who-is-due at 10× the pairs ≤ 12× the time (linear,
no query per pair)."""

from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from slack_sdk import WebClient
from sqlalchemy import insert

from bot.pairs.notices import CheckInPrompt
from handlers.slack.rendering import render_message
from localslack.server import LocalSlack
from mentorbot.app import Mentorbot, build
from mentorbot.settings import Settings
from storage.pairs import CheckInRecord, PairRecord
from storage.participants import ParticipantRecord

ACTIVATED = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)  # a Monday
ROUND = datetime(2026, 1, 19, 10, 0, tzinfo=UTC)  # 14 days later, in working hours


def timed(action: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def scheme_with_pairs(folder: str, slack: LocalSlack, pairs: int, history: bool) -> Mentorbot:
    """`pairs` active pairs in Enabling Growth, written straight to the database (inserting them
    through the services would take longer than the round we time); with history, each has three
    answered check-ins behind it."""
    settings = Settings(
        slack_bot_token=slack.token,
        slack_signing_secret=secrets.token_hex(8),
        slack_api_url=slack.api_url,
        database_url=f"sqlite:///{folder}/bench-{pairs}-{history}.db",
        slack_rate_limits=False,  # the stand-in has none
        _env_file=None,
    )
    bot = build(settings, clock=lambda: ROUND)
    people = [person for n in range(pairs) for person in pair_members(slack, n)]
    pair_rows = [active_pair(n) for n in range(pairs)]
    checkins = [c for n in range(pairs) for c in answered_checkins(n)] if history else []
    with bot.engine.begin() as connection:
        connection.execute(insert(ParticipantRecord), people)
        connection.execute(insert(PairRecord), pair_rows)
        if checkins:
            connection.execute(insert(CheckInRecord), checkins)
    return bot


def pair_members(slack: LocalSlack, n: int) -> list[dict[str, object]]:
    """The mentor and mentee of pair `n` as participant rows, each also a user of the workspace
    (the round opens their group DM)."""
    rows: list[dict[str, object]] = []
    for role, offset in (("mentor", 0), ("mentee", 1)):
        pid = 2 * n + offset + 1
        user = f"U{pid:09d}"
        slack.workspace.add_user(user, f"Person {pid}", f"p{pid}@example.org")
        rows.append(
            {
                "id": pid,
                "email": f"p{pid}@example.org",
                "name": f"Person {pid}",
                "role": role,
                "slack_user_id": user,
                "tz": "Europe/London",
                "created_at": ACTIVATED,
                "updated_at": ACTIVATED,
            }
        )
    return rows


def active_pair(n: int) -> dict[str, object]:
    """Pair `n`, accepted by both six weeks ago, so a check-in is due at ROUND."""
    return {
        "id": n + 1,
        "mentor_id": 2 * n + 1,
        "mentee_id": 2 * n + 2,
        "status": "active",
        "stage": "enabling_growth",
        "created_at": ACTIVATED - timedelta(days=60),
        "mentor_accepted_at": ACTIVATED - timedelta(days=42),
        "mentee_accepted_at": ACTIVATED - timedelta(days=42),
    }


def answered_checkins(n: int) -> list[dict[str, object]]:
    """Three check-ins a fortnight apart, all answered: the history who-is-due reads through."""
    return [
        {
            "pair_id": n + 1,
            "number": k,
            "created_at": ACTIVATED - timedelta(days=14 * (3 - k)),
            "sent_at": ACTIVATED - timedelta(days=14 * (3 - k)),
            "answer": "yes",
            "answered_at": ACTIVATED - timedelta(days=14 * (3 - k)),
        }
        for k in (1, 2, 3)
    ]


def who_is_due(bot: Mentorbot) -> int:
    with bot.uow() as uow:
        states = uow.pairs.states()
    return len(bot.services.checkins.who_is_due(states, ROUND))


def bare_loop(slack: LocalSlack, pairs: int) -> None:
    """The same prompt to each pair's group DM, by hand: open the group DM, post."""
    client = WebClient(token=slack.token, base_url=slack.api_url)
    for n in range(pairs):
        users = f"U{2 * n + 1:09d},U{2 * n + 2:09d}"
        channel = client.conversations_open(users=users)["channel"]["id"]
        prompt = CheckInPrompt(n + 1, n + 1, 1, "enabling_growth", None, follow_up=False)
        text, blocks = render_message(prompt)
        client.chat_postMessage(channel=channel, text=text, blocks=blocks)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=1000)
    pairs = parser.parse_args().pairs
    with tempfile.TemporaryDirectory() as folder:
        with LocalSlack() as slack:
            bot = scheme_with_pairs(folder, slack, pairs, history=False)
            ours, sent = timed(lambda: bot.services.checkins.run_due(ROUND))
            bare, _ = timed(lambda: bare_loop(slack, pairs))
            bot.close()
        print(
            f"check-in round for {pairs} pairs: ours {ours:6.2f} s ({sent} sent)  bare loop {bare:6.2f} s  "
            f"ratio {ours / bare:4.2f}x  (target ≤ 1.30x)"
        )
        timings = {}
        for size in (pairs, 10 * pairs):
            with LocalSlack() as slack:
                bot = scheme_with_pairs(folder, slack, size, history=True)
                who_is_due(bot)  # warm up: imports, first connection
                median = sorted(timed(partial(who_is_due, bot))[0] for _ in range(5))[2]
                timings[size] = median
                bot.close()
            print(
                f"who is due, {size:6d} pairs with 3 check-ins each: {median * 1000:8.1f} ms (median of 5)"
            )
        ratio = timings[10 * pairs] / timings[pairs]
        print(f"who is due: 10x the pairs took {ratio:4.1f}x the time  (target ≤ 12x)")


if __name__ == "__main__":
    main()
