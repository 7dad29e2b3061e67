"""One event's reminders to 2,000 participants, timed against Slack's limits.

    .venv/bin/python bench/reminder_fanout.py [--people 2000] [--time-scale 10]

tests/bench runs it at `--people 2 --time-scale 600` (the harsher workspaces keep the wall
clock's speed): there only that it runs and loses or doubles nothing counts, not its ratios.

Realistic: localslack's realistic mode (Slack's 100 ms round trip, its published tiers, a
workspace allowance of 600 chat.postMessage a minute), its clock `--time-scale` times faster
than the wall clock. Every figure is in the stand-in's seconds, Slack's, so the ratios hold at
any scale. The bot is built as production builds it (Slack's limits kept, 8 senders) and driven
by its own clock: participants imported, then the scheduler runs the moment each reminder of the
launch falls due, timed from that moment to the last message the stand-in takes:

  cold       the first reminder (a week before) from a fresh database: no DM channel id known
  warm       the second (a day before) in the same process: the DM ids kept from the first
  restarted  the third (an hour before) from a new process on the same database

with PUBLIC_URL (reminders link to the calendar file the web process serves) and without it
(Socket Mode: the calendar file is shared in Slack). Each is set against (a) a bare sequential
slack_sdk WebClient loop in the same run, one chat.postMessage a person (after a
conversations.open a person when cold, as a naive bot does), and (b) the least time Slack's
limits allow (`bound`) for one call a person, and for the calls the bot made. Each bot case
prints one line holding `ratio to bound X.XXx` (to the one-call-a-person bound; target ≤ 1.10x)
and `duplicates N, missing N` (counted in the stand-in; target 0).

Harsher workspaces, each the first reminder in Socket Mode (posts and the calendar file's two
methods) from a fresh database on a stand-in of its own, its clock at the wall clock's speed
(Retry-After is whole seconds of the wall clock, which a clock ten times faster would make
ten of Slack's):

  steady     600 chat.postMessage a minute as a steady flow, nothing saved up (a bucket of one):
             bound 0.05 + (2000 - 1) / 10 = 199.95 s
  429s       30 % of calls answered 429 with Retry-After: 1 whatever the buckets hold, as Slack
             answers a limit it does not publish: bound 140.05 s (a refused call takes no token)

each printing `ratio to bound X.XXx` (target ≤ 1.10x) and `duplicates N, missing N` (target 0):
a 429 ought to hold back only the method or channel it was about.

Loopback: the first two reminders (Socket Mode) on the stand-in without latency or limits (the
bot's limiter off too), against the bare loop sending the same messages, the first with a
calendar file uploaded to each person (target ≤ 1.3×); and peak Python memory (tracemalloc, in a
second pass so that tracing does not skew the times)."""

from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).parent.parent))

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

import mentorbot.app
from bench.fanout_slack import (
    Measured,
    bound,
    limited,
    measure,
    one_call_a_person,
    rest,
)
from bot.events.model import ReminderMoment
from bot.events.notices import CalendarInvite, EventReminder
from bot.events.rules import file_schedule, reminder_moments
from bot.programme_file import load_programme
from bot.scheme import SHIPPED_PROGRAMME
from handlers.slack.limits import RateLimits
from handlers.slack.rendering import render_file, render_message
from localslack.realism import Realism
from localslack.server import LocalSlack
from localslack.workspace import Workspace
from mentorbot.app import Mentorbot, build
from mentorbot.settings import Settings

PUBLIC_URL = "https://mentorbot.example.org"
EVENT = "launch"  # for everyone: each reminder goes to every participant
TARGET = 1.10
LOOPBACK_TARGET = 1.30
PROGRAMME = load_programme(SHIPPED_PROGRAMME)


class SimulatedTime:
    """The bot's `now`, moved by the bench to each moment the scheduler wakes up for."""

    def __init__(self, at: datetime):
        self.at = at

    def __call__(self) -> datetime:
        return self.at


@dataclass
class ScaledRateLimits(RateLimits):
    """The bot's own limiter on the stand-in's clock. A stand-in `scale` times faster than the
    wall clock refills its buckets `scale` times faster, so the bot's must too (else the bot
    would keep to a tenth of the allowance at scale 10); a Retry-After, in wall seconds, lasts
    `scale` times as long on that clock. At scale 1 it is the production limiter."""

    scale: float = 1.0

    def hold(self, method: str, seconds: float, channel: str | None = None) -> None:
        super().hold(method, seconds * self.scale, channel)


# The scheme's moments ---------------------------------------------------------------------------


def launch_reminders() -> list[ReminderMoment]:
    """The launch's reminders in order: a week, a day and an hour before."""
    event = PROGRAMME.event(EVENT)
    assert event is not None
    schedule = file_schedule(PROGRAMME, event)
    return reminder_moments([schedule], PROGRAMME.reminders.offsets, PROGRAMME.zone)


def reminder_text(moment: ReminderMoment, public_url: str | None) -> tuple[str, list[dict]]:
    """The reminder as the bot words it for someone in the programme's zone."""
    event = PROGRAMME.event(EVENT)
    assert event is not None
    schedule = file_schedule(PROGRAMME, event)
    tz = PROGRAMME.timezone
    return render_message(
        EventReminder(PROGRAMME, event, schedule, moment.offset, tz, None, public_url)
    )


def calendar_file() -> bytes:
    event = PROGRAMME.event(EVENT)
    assert event is not None
    return render_file(CalendarInvite(PROGRAMME, event, file_schedule(PROGRAMME, event), 0)).content


# The bot ---------------------------------------------------------------------------------------


def add_people(workspace: Workspace, people: int) -> list[str]:
    users = [f"UB{n:07d}" for n in range(people)]
    for n, user in enumerate(users):
        workspace.add_user(user, f"Person {n}", f"p{n}@example.org")
    return users


def cohort_csv(users: list[str]) -> str:
    rows = ["name,email,role,slack_id"]
    rows += [
        f"Person {n},p{n}@example.org,{'mentor' if n % 2 else 'mentee'},{user}"
        for n, user in enumerate(users)
    ]
    return "\n".join(rows) + "\n"


def bot_settings(slack: LocalSlack, folder: str, public_url: str | None) -> Settings:
    """As production runs: Slack's limits kept, 8 senders side by side."""
    return Settings(
        slack_bot_token=slack.token,
        slack_signing_secret=secrets.token_hex(8),
        slack_api_url=slack.api_url,
        database_url=f"sqlite:///{folder}/bench.db",
        slack_rate_limits=True,
        outbox_senders=8,
        public_url=public_url,
        _env_file=None,
    )


def import_cohort(
    workspace: Workspace, settings: Settings, users: list[str], now: SimulatedTime
) -> None:
    """Imports the participants through a bot on a stand-in without limits over the same
    workspace: the import looks each one up (users.info, Tier 4: 20 minutes of Slack's time at
    2,000 people), which is not what is measured. It opens no DM, so the database stays cold."""
    with LocalSlack(workspace=workspace) as plain:
        setup = {"slack_api_url": plain.api_url, "slack_rate_limits": False}
        bot = build(settings.model_copy(update=setup), clock=now)
        bot.import_participants(cohort_csv(users))
        bot.close()


def started_bot(settings: Settings, now: SimulatedTime, scale: float) -> Mentorbot:
    """A bot process: built by the production wiring (its limiter on the stand-in's clock),
    its clock started paused so that the bench moves time."""
    origin = time.monotonic()

    def limits(enabled: bool) -> RateLimits:
        return ScaledRateLimits(
            enabled=enabled,
            clock=lambda: (time.monotonic() - origin) * scale,
            sleep=lambda seconds: time.sleep(seconds / scale),
            scale=scale,
        )

    with mock.patch.object(mentorbot.app, "RateLimits", limits):
        bot = build(settings, clock=now)
    bot.start_timeline(paused=True)
    return bot


def participants(bot: Mentorbot) -> list[tuple[str, int]]:
    with bot.uow() as uow:
        return [(p.slack_user_id or "", p.id) for p in uow.participants.all()]


# The bot, against Slack's limits ---------------------------------------------------------------


def reminder(
    bot: Mentorbot, now: SimulatedTime, slack: LocalSlack, moment: ReminderMoment
) -> Measured:
    """The scheduler's run at the moment the reminder falls due, as APScheduler would run it."""
    assert bot.scheduler.next_wakeup() == moment.at, "the reminder is the clock's next moment"
    now.at = moment.at
    expected = [(user, f"{moment.key}:{pid}") for user, pid in participants(bot)]
    return measure(slack, partial(bot.scheduler.run_jobs_due, moment.at), expected)


def bot_cases(people: int, realism: Realism, public_url: str | None) -> dict[str, Measured]:
    """Cold, warm and restarted, on one stand-in and one database."""
    cold, warm, restarted = launch_reminders()
    scale = realism.time_scale
    with LocalSlack(realistic=realism) as slack, tempfile.TemporaryDirectory() as folder:
        settings = bot_settings(slack, folder, public_url)
        now = SimulatedTime(cold.at - timedelta(minutes=1))
        import_cohort(slack.workspace, settings, add_people(slack.workspace, people), now)
        bot = started_bot(settings, now, scale)
        measured = {"cold": reminder(bot, now, slack, cold)}
        rest(realism)
        measured["warm"] = reminder(bot, now, slack, warm)
        bot.close()
        rest(realism)
        now.at = restarted.at - timedelta(minutes=1)
        bot = started_bot(settings, now, scale)
        measured["restarted"] = reminder(bot, now, slack, restarted)
        bot.close()
    return measured


def harsh_case(people: int, realism: Realism) -> Measured:
    """The first reminder in Socket Mode from a fresh database, on a stand-in of its own."""
    first = launch_reminders()[0]
    with LocalSlack(realistic=realism) as slack, tempfile.TemporaryDirectory() as folder:
        settings = bot_settings(slack, folder, None)
        now = SimulatedTime(first.at - timedelta(minutes=1))
        import_cohort(slack.workspace, settings, add_people(slack.workspace, people), now)
        bot = started_bot(settings, now, realism.time_scale)
        measured = reminder(bot, now, slack, first)
        bot.close()
    return measured


# The bare loop ---------------------------------------------------------------------------------


def bare_loop(
    slack: LocalSlack,
    users: list[str],
    moment: ReminderMoment,
    channels: dict[str, str],
    public_url: str | None,
    ics: bytes | None = None,
) -> None:
    """What a hand-written script does: one person after another, opening each DM it does not
    know yet (conversations.open) and posting the reminder, tagged as the bot tags it so that
    the stand-in can count it; with `ics`, uploading the calendar file to each. slack_sdk's own
    handler waits out each 429."""
    client = WebClient(
        token=slack.token,
        base_url=slack.api_url,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=100)],
    )
    text, blocks = reminder_text(moment, public_url)
    for user in users:
        if user not in channels:
            channels[user] = client.conversations_open(users=user)["channel"]["id"]
        client.chat_postMessage(
            channel=channels[user],
            text=text,
            blocks=blocks,
            metadata={"event_type": "bench", "event_payload": {"key": f"{moment.key}:{user}"}},
        )
        if ics:
            client.files_upload_v2(channel=channels[user], content=ics, filename="launch.ics")


def bare_cases(people: int, realism: Realism) -> dict[str, Measured]:
    """The bare loop, cold (conversations.open, then a post, a person) and warm (a post a
    person, to the channels opened then), on a stand-in of its own."""
    cold, warm, _ = launch_reminders()
    channels: dict[str, str] = {}
    with LocalSlack(realistic=realism) as slack:
        users = add_people(slack.workspace, people)
        measured = {}
        for label, moment in (("cold", cold), ("warm", warm)):
            expected = [(user, f"{moment.key}:{user}") for user in users]
            loop = partial(bare_loop, slack, users, moment, channels, PUBLIC_URL)
            measured[label] = measure(slack, loop, expected)
            rest(realism)
    return measured


# Loopback: no latency, no limits ---------------------------------------------------------------


def peak_memory(action: Callable[[], object]) -> float:
    tracemalloc.start()
    action()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def loopback(
    people: int, run: Callable[[Callable[[], object]], float]
) -> list[tuple[float, float, int]]:
    """The first reminder (with the calendar file, Socket Mode) and the second, each by the bot
    (its limiter off: the stand-in has none) and then by the bare loop sending the same;
    `run` gives each one's time or peak memory. Returns (ours, bare, the bot's calls)."""
    first, second, _ = launch_reminders()
    channels: dict[str, str] = {}
    with LocalSlack() as slack, tempfile.TemporaryDirectory() as folder:
        settings = bot_settings(slack, folder, None).model_copy(update={"slack_rate_limits": False})
        now = SimulatedTime(first.at - timedelta(minutes=1))
        users = add_people(slack.workspace, people)
        import_cohort(slack.workspace, settings, users, now)
        bot = started_bot(settings, now, 1.0)
        rows = []
        for moment, ics in ((first, calendar_file()), (second, None)):
            before = len(slack.workspace.calls)
            now.at = moment.at
            ours = run(partial(bot.scheduler.run_jobs_due, moment.at))
            calls = len(slack.workspace.calls) - before
            bare = run(partial(bare_loop, slack, users, moment, channels, None, ics))
            rows.append((ours, bare, calls))
        bot.close()
    return rows


# Report ----------------------------------------------------------------------------------------


def bot_line(
    variant: str, case: str, ours: Measured, bare: Measured, realism: Realism, people: int
) -> str:
    target = one_call_a_person(realism, people)
    own = bound(realism, ours.calls, ours.busiest_channel)
    return (
        f"  {variant:11} {case:9} {ours.seconds:7.1f} s  ratio to bound {ours.seconds / target:.2f}x"
        f" (own calls' bound {own:.1f} s: {ours.seconds / own:.2f}x)"
        f"  bare loop {bare.seconds / ours.seconds:4.1f}x ours"
        f"  duplicates {ours.duplicates}, missing {ours.missing}"
        f"  calls a person: {ours.per_person(people)}  {limited(ours)}"
    )


def bare_line(case: str, bare: Measured, realism: Realism, people: int) -> str:
    own = bound(realism, bare.calls, bare.busiest_channel)
    return (
        f"  {'bare loop':11} {case:9} {bare.seconds:7.1f} s  (own calls' bound {own:.1f} s:"
        f" {bare.seconds / own:.2f}x)  duplicates {bare.duplicates}, missing {bare.missing}"
        f"  calls a person: {bare.per_person(people)}  {limited(bare)}"
    )


def report_realistic(people: int, realism: Realism) -> None:
    target = one_call_a_person(realism, people)
    print(
        f"reminder fan-out to {people} participants, localslack realistic: {realism.round_trip * 1000:.0f} ms"
        f" round trip, {realism.workspace_posts_per_minute:.0f} posts a minute, clock x{realism.time_scale:g};"
        f" Slack's seconds. One call a person: bound {target:.2f} s, target ≤ {TARGET * target:.1f} s"
        f" ({TARGET:.2f}x)",
        flush=True,
    )
    bare = bare_cases(people, realism)
    for case, measured in bare.items():
        print(bare_line(case, measured, realism, people), flush=True)
    for variant, public_url in (("PUBLIC_URL", PUBLIC_URL), ("Socket Mode", None)):
        for case, ours in bot_cases(people, realism, public_url).items():
            versus = bare.get(case, bare["warm"])  # restarted: the DM ids are known, as warm
            print(bot_line(variant, case, ours, versus, realism, people), flush=True)


def harsh_workspaces() -> dict[str, Realism]:
    """At the wall clock's speed: a Retry-After is whole seconds (see the docstring)."""
    return {
        "steady": Realism(round_trip=0.1, workspace_posts_burst=1),
        "429s": Realism(round_trip=0.1, refused_share=0.3, refused_retry_after=1.0),
    }


def report_harsh(people: int) -> None:
    print("harsher workspaces, Socket Mode, the first reminder, clock x1; Slack's seconds:")
    for case, realism in harsh_workspaces().items():
        ours, target = harsh_case(people, realism), one_call_a_person(realism, people)
        own = bound(realism, ours.calls, ours.busiest_channel)
        print(
            f"  {case:7} {ours.seconds:7.1f} s  ratio to bound {ours.seconds / target:.2f}x"
            f" (bound {target:.2f} s, target ≤ {TARGET:.2f}x; own calls' bound {own:.1f} s:"
            f" {ours.seconds / own:.2f}x)  duplicates {ours.duplicates}, missing {ours.missing}"
            f"  calls a person: {ours.per_person(people)}  {limited(ours)}",
            flush=True,
        )


def report_loopback(people: int) -> None:
    print(f"loopback (no latency, no limits), {people} participants, SQLite ledger:", flush=True)
    times, memory = loopback(people, timed), loopback(people, peak_memory)
    labels = ("first reminder + .ics", "second reminder")
    for label, (ours, bare, calls), (ours_mb, bare_mb, _) in zip(
        labels, times, memory, strict=True
    ):
        print(
            f"  {label:22} ours {ours:6.2f} s  bare loop {bare:6.2f} s  ratio {ours / bare:4.2f}x"
            f" (target ≤ {LOOPBACK_TARGET:.2f}x)  {calls} API calls"
            f"  peak memory ours {ours_mb:5.1f} MiB, bare {bare_mb:5.1f} MiB"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--time-scale", type=float, default=10.0, help="the stand-in's clock speed")
    parser.add_argument("--skip-loopback", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    realism = Realism(round_trip=0.1, time_scale=args.time_scale, workspace_posts_per_minute=600)
    report_realistic(args.people, realism)
    report_harsh(args.people)
    if not args.skip_loopback:
        report_loopback(args.people)
    print(f"run time {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
