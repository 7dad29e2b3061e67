"""A cohort of 2,000 newcomers imported against Slack's published limits.

    .venv/bin/python bench/participants_import.py [--people 2000] [--workspaces 2500,10000]
                                                  [--time-scale 1]

tests/bench runs it at `--people 100 --workspaces 300`: there only that it runs and imports
everyone once with the right zone counts, not its ratios.

Realistic: localslack's realistic mode (Slack's 100 ms round trip, its published tiers: users.list
Tier 2, 20 a minute; users.lookupByEmail Tier 3, 50; users.info Tier 4, 100), the bot built as
production builds it, importing the file through `mentorbot participants import`'s path. Each
workspace size is a case: the newcomers among others not on the scheme, every fifth reading
Slack in Welsh, their zones spread over three. Each prints the time to import (Slack's seconds:
the wall clock's times `--time-scale`; the database's own work is scaled with it, so a faster
clock only overstates), the calls by method and Slack's 429s, and:

  ratio to target   against 2 minutes, the target at the published tiers (≤ 1.00x)
  ratio to old      against the least time the old path could take: each newcomer looked up
                    (users.lookupByEmail) and asked for a locale (users.info), one call after
                    another: at least 2 round trips a person, and no faster than lookupByEmail's
                    Tier 3 allows once its minute's allowance is spent (39 minutes at 2,000)
  duplicates, missing   counted in the database: a newcomer imported twice, or not imported with
                    their own Slack id, zone and language (target 0)
"""

from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from localslack.realism import Realism
from localslack.server import LocalSlack
from localslack.workspace import Workspace
from mentorbot.app import build
from mentorbot.settings import Settings

TARGET_SECONDS = 120.0
ZONES = ("Europe/London", "America/New_York", "Asia/Kolkata")
NOW = datetime(2026, 1, 5, 10, tzinfo=UTC)
OLD_PATH = ("users.lookupByEmail", "users.info")  # the calls each newcomer cost


@dataclass(frozen=True)
class Newcomer:
    user_id: str
    email: str
    zone: str
    language: str | None  # what the bot should set from their Slack locale


def newcomers(people: int) -> list[Newcomer]:
    return [
        Newcomer(
            f"U{n:09d}",
            f"person{n}@example.nhs.uk",
            ZONES[n % len(ZONES)],
            "cy" if n % 5 == 0 else None,
        )
        for n in range(people)
    ]


def workspace_of(people: list[Newcomer], size: int) -> Workspace:
    """The newcomers and enough others to make `size` members, the newcomers spread among them
    (Slack lists in no particular order)."""
    workspace = Workspace()
    others = max(size - len(people), 0)
    for n in range(others):
        workspace.add_user(f"U{n:08d}X", f"Other {n}", f"other{n}@example.org")
    for person in people:
        user = workspace.add_user(person.user_id, "Person", person.email, person.zone)
        user.locale = "cy-GB" if person.language == "cy" else "en-GB"
    return workspace


def cohort_csv(people: list[Newcomer]) -> str:
    rows = [f"Person {n},{p.email},{('mentor', 'mentee')[n % 2]}" for n, p in enumerate(people)]
    return "name,email,role\n" + "\n".join(rows) + "\n"


@dataclass(frozen=True)
class Measured:
    seconds: float  # Slack's
    calls: Counter[str]
    limited: Counter[str]
    duplicates: int
    missing: int


def import_into(people: list[Newcomer], size: int, realism: Realism, folder: str) -> Measured:
    """Imports the cohort into a fresh database through a bot built as production builds it,
    against a realistic stand-in holding a workspace of `size` members."""
    with LocalSlack(workspace=workspace_of(people, size), realistic=realism) as slack:
        settings = Settings(
            slack_bot_token=slack.token,
            slack_signing_secret=secrets.token_hex(8),
            slack_api_url=slack.api_url,
            database_url=f"sqlite:///{folder}/import-{size}.db",
            slack_rate_limits=True,
            _env_file=None,
        )
        bot = build(settings, clock=lambda: NOW)
        calls = slack.workspace.calls_per_method()
        limited = slack.workspace.rate_limited_per_method()
        text = cohort_csv(people)
        started = time.perf_counter()
        bot.import_participants(text)
        wall = time.perf_counter() - started
        with bot.uow() as uow:
            stored = [(p.email, p.slack_user_id, p.tz, p.language) for p in uow.participants.all()]
        bot.close()
        return Measured(
            wall * realism.time_scale,
            slack.workspace.calls_per_method() - calls,
            slack.workspace.rate_limited_per_method() - limited,
            *counted(people, stored),
        )


def counted(
    people: list[Newcomer], stored: list[tuple[str, str | None, str | None, str | None]]
) -> tuple[int, int]:
    """(duplicates, missing): anyone stored twice; any newcomer not stored as Slack has them."""
    by_email = Counter(email for email, *_ in stored)
    by_id = Counter(user_id for _, user_id, *_ in stored)
    duplicates = sum(n - 1 for n in by_email.values()) + sum(n - 1 for n in by_id.values())
    found = set(stored)
    missing = sum((p.email, p.user_id, p.zone, p.language) not in found for p in people)
    return duplicates, missing


def old_path_bound(realism: Realism, people: int) -> float:
    """The least time, in Slack's seconds, of two calls a newcomer one after another: each a
    round trip, and no method faster than its tier once its minute's allowance is spent."""
    round_trips = len(OLD_PATH) * people * realism.round_trip
    waits = []
    for method in OLD_PATH:
        allowance = realism.allowance(method)
        assert allowance, f"{method} has a published tier"
        per_minute, burst = allowance
        waits.append(max(people - burst, 0) / per_minute * 60)
    return max(round_trips, *waits)


def line(size: int, measured: Measured, old: float) -> str:
    calls = ", ".join(f"{m} {n}" for m, n in sorted(measured.calls.items()))
    limited = ", ".join(f"{m} {n}" for m, n in sorted(measured.limited.items())) or "none"
    return (
        f"  workspace of {size:6d}: {measured.seconds:7.1f} s"
        f"  ratio to target {measured.seconds / TARGET_SECONDS:.2f}x (≤ {TARGET_SECONDS:.0f} s)"
        f"  ratio to old {measured.seconds / old:.2f}x (old path's bound {old:.0f} s,"
        f" {old / measured.seconds:.0f}x as long)"
        f"  duplicates {measured.duplicates}, missing {measured.missing}"
        f"  calls: {calls}; 429s: {limited}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--workspaces", default="2500,10000", help="members, comma-separated")
    parser.add_argument("--time-scale", type=float, default=1.0, help="the stand-in's clock speed")
    args = parser.parse_args()
    realism = Realism(round_trip=0.1, time_scale=args.time_scale)
    people = newcomers(args.people)
    old = old_path_bound(realism, args.people)
    print(f"import of {args.people} newcomers at Slack's published tiers; Slack's seconds:")
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(s) for s in args.workspaces.split(",")):
            measured = import_into(people, size, realism, folder)
            print(line(size, measured, old), flush=True)


if __name__ == "__main__":
    main()
