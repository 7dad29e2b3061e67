"""`mentorbot cohort new`: the next cohort's programme file, written from the last's; and
`mentorbot cohort erase-expired [--dry-run]`: each cohort's personal data erased once its
programme file's time for it has run out, as the clock does each day."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.cohorts.errors import AlreadyWritten, NoSuchCohort, NotLater
from bot.cohorts.model import Cohort
from bot.cohorts.rules import next_programme, programme_file_text
from bot.cohorts.service import Expired, RetentionService
from bot.programme_file import checked_programme, programme_settings
from bot.scheme import SHIPPED_PROGRAMME
from mentorbot.app import build
from mentorbot.cohorts_live import programme_files
from mentorbot.settings import Settings


def find_cohort(cohort: str, places: list[Path]) -> tuple[Path, dict]:
    """The file (and its settings) that says `cohort: COHORT`, first place first."""
    for place in places:
        for path in programme_files(place):
            settings = programme_settings(path)
            if str(settings.get("cohort")) == cohort:
                return path, settings
    raise NoSuchCohort(cohort, places)


def start_cohort(new: str, old: str, configured: list[Path], out: Path | None) -> tuple[Path, int]:
    """Writes the new cohort's programme file; returns where, and how many dates to confirm."""
    if Cohort(new).after(Cohort(old)) <= 0:
        raise NotLater(new, old)
    _, settings = find_cohort(old, [*configured, SHIPPED_PROGRAMME.parent])
    target = out or Path(f"lms-{new}.yaml")
    if target.exists():
        raise AlreadyWritten(target)
    carried = next_programme(settings, Cohort(old), Cohort(new))
    programme = checked_programme(target, carried)  # what is written is a file the bot runs on
    text = programme_file_text(carried, Cohort(old), Cohort(new))
    target.write_text(text, encoding="utf-8")
    to_confirm = sum(e.to_confirm for e in programme.events) + sum(
        f.to_confirm for f in programme.evaluations.forms
    )
    return target, to_confirm


def add_erase_expired_command(cohort_commands: argparse._SubParsersAction) -> None:
    erase = cohort_commands.add_parser(
        "erase-expired",
        help="erase the personal data of each cohort kept as long as its programme file says "
        "(keep_personal_data_for), keeping its anonymised counts and results; the clock does "
        "this each day",
    )
    erase.add_argument(
        "--dry-run",
        action="store_true",
        help="say which cohorts and how many people, erase nothing",
    )


def run_erase_expired(settings: Settings, dry_run: bool) -> int:
    """Erases (or with --dry-run, names) each expired cohort, then says when each other
    cohort's data will be erased."""
    bot = build(settings)
    try:
        now = bot.services.clock()
        done = bot.services.retention.erase_expired(now, dry_run=dry_run)
        print(
            "\n".join(_expired_line(e, dry_run) for e in done)
            or "No cohort's data is due to be erased."
        )
        for line in retention_lines(bot.services.retention):
            print(line)
    finally:
        bot.close()
    return 0


def _expired_line(expired: Expired, dry_run: bool) -> str:
    if dry_run:
        return f"{expired.cohort}: {expired.people} people's personal data would be erased."
    if not expired.erased:
        return f"{expired.cohort}: already erased by another process."
    return f"{expired.cohort}: {expired.people} people's personal data erased; its counts and results are kept."


def retention_lines(retention: RetentionService) -> list[str]:
    """Each cohort the bot has run, and when its personal data is (or was) erased."""
    lines = []
    for cohort in retention.cohorts():
        moment = retention.erases_at(cohort)
        if cohort.erased_at is not None:
            when = f"erased on {cohort.erased_at:%Y-%m-%d} ({cohort.erased_people} people)"
        elif moment is not None:
            when = (
                f"kept until {cohort.keep_until:%Y-%m-%d}, erased on {moment:%Y-%m-%d at %H:%M %Z}"
            )
        else:
            when = (
                "kept until the team erases it (its programme file sets no keep_personal_data_for)"
            )
        lines.append(f"  {cohort.id}: {when}")
    return ["Cohorts:", *lines] if lines else []
