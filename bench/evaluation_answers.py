"""500 people answering an 8-question form through signed Events API requests to the real app,
against a bare Bolt app in the same run that acknowledges the same requests and does nothing.

    .venv/bin/python bench/evaluation_answers.py [--people 500]

Reports answers per second (each answer processed and replied to) and p50/p99 time to
acknowledge. Target: our p99 ≤ 2× the bare app's, and far inside Slack's 3 seconds.

Loopback: localslack without latency or limits, so the bot is built with its limiter off too
(SLACK_RATE_LIMITS false); with it on, answers a second would measure Slack's one post a second
to each person's DM, not our work. tests/bench runs it at `--people 4`."""

from __future__ import annotations

import argparse
import secrets
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from slack_bolt import App
from slack_sdk import WebClient

from bot.programme_file import load_programme
from bot.programme_forms import EvaluationSettings, Form, Question
from bot.scheme import SHIPPED_PROGRAMME, Programme
from handlers.slack.http import BoltHttpServer
from localslack.sender import message_event, post_signed
from localslack.server import LocalSlack
from mentorbot.app import build
from mentorbot.settings import Settings

NOW = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)
FORM = Form(
    id="bench",
    title="Benchmark form",
    audience="everyone",
    opens=NOW - timedelta(days=1),
    closes=NOW + timedelta(days=7),
    questions=[
        Question(id="q1", kind="scale", text="How valuable is your relationship?"),
        Question(id="q2", kind="scale", text="How confident do you feel?"),
        Question(
            id="q3",
            kind="choice",
            text="How often do you meet?",
            options=["Weekly", "Fortnightly", "Monthly"],
        ),
        Question(id="q4", kind="yes_no", text="On track?"),
        Question(id="q5", kind="number", text="Hours a month?", minimum=0, maximum=40),
        Question(id="q6", kind="scale", text="How useful are the events?"),
        Question(id="q7", kind="text", text="What helped most?"),
        Question(id="q8", kind="text", text="What would you change?", required=False),
    ],
)
ANSWERS = ["start", "4", "3", "2", "yes", "6", "5", "Regular meetings", "More networking", "submit"]


def percentile(samples: list[float], p: float) -> float:
    return statistics.quantiles(samples, n=100)[int(p) - 1]


def one_person(job: tuple[str, str, str, int]) -> list[float]:
    """In a worker process, as Slack is another machine: one person's messages, in order."""
    url, secret, user, n = job
    times = []
    for k, text in enumerate(ANSWERS):
        body = message_event(
            "TLOCAL0001",
            "ALOCAL0001",
            "UBOT00001",
            user,
            "D" + user[1:],
            text,
            f"{1772532000 + k}.{n:06d}",
            f"Ev{n:07d}{k:03d}",
        )
        start = time.perf_counter()
        delivered = post_signed(url, secret, body, {"Content-Type": "application/json"})
        times.append(time.perf_counter() - start)
        assert delivered.status == 200, delivered
    return times


def send_all(url: str, secret: str, people: list[str]) -> list[float]:
    with ProcessPoolExecutor(max_workers=4) as pool:
        jobs = [(url, secret, user, n) for n, user in enumerate(people)]
        return [t for person in pool.map(one_person, jobs, chunksize=8) for t in person]


def main() -> None:
    """The bare app first, then ours with the answers worked by the clock and inline."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=500)
    count = parser.parse_args().people
    programme = load_programme(SHIPPED_PROGRAMME)
    programme = programme.model_copy(update={"evaluations": EvaluationSettings(forms=[FORM])})
    with tempfile.TemporaryDirectory() as folder, LocalSlack() as slack:
        people, participants_csv = workspace_people(slack, count)
        settings = Settings(
            slack_bot_token=slack.token,
            slack_signing_secret=secrets.token_hex(8),
            slack_api_url=slack.api_url,
            database_url=f"sqlite:///{folder}/bench.db",
            slack_rate_limits=False,  # the stand-in has none
            _env_file=None,
        )
        bare_times = time_bare_app(settings, slack, people)
        results = {
            inline: time_ours(settings, folder, programme, participants_csv, people, inline)
            for inline in (False, True)
        }
    report(count, bare_times, results)


def workspace_people(slack: LocalSlack, count: int) -> tuple[list[str], str]:
    """`count` users with a DM open to the bot, half mentors, half mentees; and the same people
    as the participants file the bot imports."""
    people = [f"UE{n:07d}" for n in range(count)]
    rows = ["name,email,role,slack_id"]
    for n, user in enumerate(people):
        slack.workspace.add_user(user, f"Person {n}", f"e{n}@example.org")
        slack.workspace.open_dm([user])
        rows.append(f"Person {n},e{n}@example.org,{'mentor' if n % 2 else 'mentee'},{user}")
    return people, "\n".join(rows) + "\n"


def time_bare_app(settings: Settings, slack: LocalSlack, people: list[str]) -> list[float]:
    """The baseline: a Bolt app that verifies the same signed requests, acks, and does nothing."""
    bare = App(
        signing_secret=settings.slack_signing_secret,
        client=WebClient(token=slack.token, base_url=slack.api_url),
        token_verification_enabled=False,
        process_before_response=True,
    )
    bare.event("message")(lambda ack: ack())  # type: ignore[arg-type]
    bare_http = BoltHttpServer(bare).start()
    times = send_all(bare_http.url, settings.slack_signing_secret or "", people)
    bare_http.stop()
    return times


def time_ours(
    settings: Settings,
    folder: str,
    programme: Programme,
    participants_csv: str,
    people: list[str],
    inline: bool,
) -> tuple[list[float], float, int]:
    """Everyone answers the form through our app, on a database of its own: the time to ack each
    message, the time until every answer is processed, and how many forms were submitted."""
    variant = settings.model_copy(
        update={"inbox_inline": inline, "database_url": f"sqlite:///{folder}/bench-{inline}.db"}
    )
    bot = build(variant, clock=lambda: NOW, programme=programme)
    bot.import_participants(participants_csv)
    bot.services.evaluations.run_due(NOW)  # the invitations
    http = BoltHttpServer(bot.bolt).start()
    started = time.perf_counter()
    times = send_all(http.url, settings.slack_signing_secret or "", people)
    while bot.services.inbox.drain(NOW):  # what the clock process does when not inline
        pass
    bot.listeners.shutdown(wait=True)
    elapsed = time.perf_counter() - started
    http.stop()
    lead = programme.project_team.members[0].slack_id or ""
    finished = next(
        s.finished
        for s in bot.services.evaluations.status(lead, datetime.now(UTC))
        if s.form.id == "bench"
    )
    bot.close()
    return times, elapsed, finished


def report(
    count: int, bare_times: list[float], results: dict[bool, tuple[list[float], float, int]]
) -> None:
    """Ack times against the bare app's, answers processed a second, and how many forms were
    submitted (every person's, when nothing was lost)."""
    answers = count * len(ANSWERS)
    bare_p50, bare_p99 = percentile(bare_times, 50), percentile(bare_times, 99)
    print(
        f"{count} people × {len(ANSWERS)} messages (start, 8 answers, submit), senders in 4 processes"
    )
    print(
        f"  bare Bolt app:            ack p50 {bare_p50 * 1000:6.1f} ms, p99 {bare_p99 * 1000:6.1f} ms"
    )
    for inline, label in ((False, "web acks, clock works"), (True, "one process, inline")):
        times, elapsed, finished = results[inline]
        p50, p99 = percentile(times, 50), percentile(times, 99)
        print(
            f"  ours, {label:21} ack p50 {p50 * 1000:6.1f} ms, p99 {p99 * 1000:6.1f} ms  p99 ratio {p99 / bare_p99:5.2f}x"
            f"  {answers / elapsed:5.0f} answers/s end to end, {finished} forms submitted"
        )
    print(
        "  target: p99 ≤ 2.00x the bare app's (web acks, clock works: the Procfile's shape); Slack allows 3,000 ms"
    )


if __name__ == "__main__":
    main()
