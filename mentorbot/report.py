"""`mentorbot report COHORT [--language cy] --out DIR`: a cohort's outcomes report for the
steering group, the same PDF and CSV the console sends to the team's channel, written to
DIR/outcomes-COHORT.pdf and DIR/outcomes-COHORT.csv. Another cohort's programme file is found as
`cohort new` finds one (mentorbot/cohorts.py): the file the deployment is configured with, or
one beside it, or the shipped one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.cohorts.errors import NoSuchCohort
from bot.outcomes.errors import UnknownCohort
from bot.outcomes.model import OutcomesReport
from bot.programme_file import load_programme, programme_settings
from bot.scheme import SHIPPED_PROGRAMME, Programme
from handlers.i18n import ENGLISH, LANGUAGES, in_language
from handlers.views.common import user_error
from handlers.views.mrkdwn import as_plain_text
from handlers.views.outcomes import report_csv
from mentorbot.app import build
from mentorbot.cohorts import find_cohort
from mentorbot.cohorts_live import programme_files
from mentorbot.settings import Settings


def add_report_command(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser(
        "report",
        help="write a cohort's outcomes report (a PDF and a CSV of its figures; small numbers "
        "hidden, nobody named) for the steering group",
    )
    report.add_argument("cohort", help="the cohort's years, e.g. 2025-26")
    report.add_argument(
        "--language",
        choices=sorted(LANGUAGES),
        default=ENGLISH,
        help="the report's language (default en; cy: Welsh)",
    )
    report.add_argument("--out", type=Path, required=True, help="the folder to write them in")


def run_report_command(args: argparse.Namespace, settings: Settings) -> int:
    try:
        programme = programme_of(args.cohort, settings)
    except UnknownCohort as error:
        print(f"mentorbot: {as_plain_text(user_error(error), lambda user: user)}", file=sys.stderr)
        return 2
    bot = build(settings, programme=programme)
    try:
        report = bot.services.outcomes.cohort_report(bot.services.clock())
    finally:
        bot.close()
    try:
        written = write_report(report, args.language, args.out)
    except OSError as error:
        print(f"mentorbot: cannot write to {args.out}: {error.strerror}", file=sys.stderr)
        return 2
    print(
        f"Wrote {' and '.join(str(p) for p in written)}: the {report.cohort} cohort's outcomes "
        f"report, with {len(report.hidden())} figures hidden so that nobody can be recognised."
    )
    return 0


def programme_of(cohort: str, settings: Settings) -> Programme:
    """The cohort's programme file; UnknownCohort, naming those there are, if none says it."""
    places = [*settings.programme_places, SHIPPED_PROGRAMME.parent]
    try:
        path, _ = find_cohort(cohort, places)
    except NoSuchCohort:
        raise UnknownCohort(cohort, known_cohorts(places)) from None
    return load_programme(path)


def known_cohorts(places: list[Path]) -> tuple[str, ...]:
    """The cohorts whose programme files are in `places` (as `find_cohort` looks for them)."""
    found = (programme_settings(path).get("cohort") for p in places for path in programme_files(p))
    return tuple(sorted({str(cohort) for cohort in found if cohort}))


def write_report(report: OutcomesReport, language: str, folder: Path) -> list[Path]:
    """outcomes-COHORT.pdf and .csv in `folder` (made if need be), in `language`."""
    from handlers.views.outcomes.report_pdf import report_pdf  # see handlers/views/documents.py

    with in_language(language):
        files = {"pdf": report_pdf(report), "csv": report_csv(report).encode()}
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for extension, content in files.items():
        path = folder / f"outcomes-{report.cohort}.{extension}"
        path.write_bytes(content)
        written.append(path)
    return written
