"""One event's reminder to 2,000 participants through localslack, against a bare WebClient loop
posting the same 2,000 DMs (same text and blocks, same DM channels) in the same run.

    .venv/bin/python bench/reminder_fanout.py [--people 2000]

Prints both times, their ratio (target: ours ≤ 1.3× the bare loop) and peak Python memory
(tracemalloc) of each, measured in a second pass so that tracing does not skew the times."""

from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from slack_sdk import WebClient

from bot.events.notices import CalendarInvite, EventReminder
from bot.events.rules import file_schedule
from handlers.slack.messenger import render
from handlers.views.events import ics_for
from localslack.server import LocalSlack
from mentorbot.app import build
from mentorbot.settings import Settings

LAUNCH_WEEK_BEFORE = datetime(2025, 11, 6, 11, 0, tzinfo=UTC)
LAUNCH_DAY_BEFORE = datetime(2025, 11, 12, 11, 0, tzinfo=UTC)


def cohort(slack: LocalSlack, people: int) -> str:
    rows = ["name,email,role,slack_id"]
    for n in range(people):
        user_id = f"UB{n:07d}"
        slack.workspace.add_user(user_id, f"Person {n}", f"p{n}@example.org")
        rows.append(f"Person {n},p{n}@example.org,{'mentor' if n % 2 else 'mentee'},{user_id}")
    return "\n".join(rows) + "\n"


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def peak_memory(action: Callable[[], object]) -> float:
    tracemalloc.start()
    action()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def one_round(
    people: int, at: datetime, measure: Callable[[Callable[[], object]], float]
) -> tuple[float, float, int]:
    """Sets up a fresh workspace and database, brings the scheme to just before `at`, then
    measures our fan-out and the bare loop posting the same messages."""
    with LocalSlack() as slack, tempfile.TemporaryDirectory() as folder:
        now = [LAUNCH_WEEK_BEFORE - timedelta(minutes=1)]
        settings = Settings(
            slack_bot_token=slack.token,
            slack_signing_secret=secrets.token_hex(8),
            slack_api_url=slack.api_url,
            database_url=f"sqlite:///{folder}/bench.db",
            _env_file=None,
        )
        bot = build(settings, clock=lambda: now[0])
        bot.import_participants(cohort(slack, people))
        bot.services.events.apply_programme_file(now[0])
        if at > LAUNCH_WEEK_BEFORE:  # the week-before reminder (and calendar file) went out already
            bot.services.events.send_due_reminders(LAUNCH_WEEK_BEFORE)
        before = len(slack.workspace.calls)
        ours = measure(lambda: bot.services.events.send_due_reminders(at))
        calls = len(slack.workspace.calls) - before
        bare = measure(lambda: bare_loop(slack, bot.services.programme, people, at))
        bot.close()
        return ours, bare, calls


def bare_loop(slack: LocalSlack, programme, people: int, at: datetime) -> None:  # type: ignore[no-untyped-def]
    """What a hand-written script would do: the same messages, no ledger, no checks."""
    client = WebClient(token=slack.token, base_url=slack.api_url)
    event = programme.event("launch")
    schedule = file_schedule(programme, event)
    offset = schedule.starts_at - at
    text, blocks = render(EventReminder(programme, event, schedule, offset, "Europe/London", None))
    with_file = at == LAUNCH_WEEK_BEFORE
    ics = ics_for(CalendarInvite(programme, event, schedule, 0)) if with_file else b""
    for n in range(people):
        if not with_file:  # posting to a user id reaches their DM with the app: one call
            client.chat_postMessage(channel=f"UB{n:07d}", text=text, blocks=blocks)
            continue
        channel = client.conversations_open(users=f"UB{n:07d}")["channel"]["id"]
        client.chat_postMessage(channel=channel, text=text, blocks=blocks)
        client.files_upload_v2(
            channel=channel, content=ics, filename="launch.ics", title="Add to calendar"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=2000)
    people = parser.parse_args().people
    print(f"reminder fan-out to {people} participants through localslack (SQLite ledger)")
    for label, at in (
        ("day-before reminder", LAUNCH_DAY_BEFORE),
        ("first reminder + .ics", LAUNCH_WEEK_BEFORE),
    ):
        ours, bare, calls = one_round(people, at, timed)
        ours_mb, bare_mb, _ = one_round(people, at, peak_memory)
        print(
            f"  {label:24} ours {ours:6.2f} s  bare loop {bare:6.2f} s  ratio {ours / bare:4.2f}x"
            f"  (target ≤ 1.30x)  {calls} API calls  peak memory ours {ours_mb:5.1f} MiB, bare {bare_mb:5.1f} MiB"
        )


if __name__ == "__main__":
    main()
