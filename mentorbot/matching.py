"""The steering group's match, on the command line: `mentorbot applications import`, `mentorbot
match suggest --out FILE.csv` (their reasons in plain words) and `mentorbot match approve
FILE.csv`, which makes the approved pairs as the pairings file always has: each introduced and
asked to accept."""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Iterable

from bot.applications.model import Application
from bot.cohorts.errors import CohortError
from bot.errors import UserError
from bot.matching.model import Suggestions
from bot.matching.suggestions import suggest
from bot.participants.errors import ImportRejected
from bot.participants.service import ImportSummary
from bot.programme_file import load_programme
from bot.scheme import SHIPPED_PROGRAMME, Programme
from handlers.views.common import user_error
from handlers.views.matching import reason_lines, unmatched_line
from handlers.views.mrkdwn import as_plain_text
from handlers.views.participants import import_problems
from mentorbot.app import Mentorbot, build
from mentorbot.cohorts import find_cohort
from mentorbot.settings import Settings

SUGGESTION_COLUMNS = ["mentee_email", "mentor_email", "score", "reasons"]


def suggestions(bot: Mentorbot) -> Suggestions:
    cohort = bot.services.applications.for_matching()
    return suggest(cohort.mentees, cohort.mentors, cohort.past, bot.services.programme.matching)


def suggestions_csv(found: Suggestions, programme: Programme) -> str:
    """One line per suggested pair with its score and reasons, then one per mentee left
    unmatched, with why (no mentor, no score)."""
    themes = {t.id: t.en for t in programme.applications.themes} if programme.applications else {}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(SUGGESTION_COLUMNS)
    for pair in found.pairs:
        reasons = "; ".join(_plain(line) for line in reason_lines(pair, themes))
        writer.writerow([pair.mentee.email, pair.mentor.email, pair.points, reasons])
    for left in found.unmatched:
        writer.writerow([left.mentee.email, "", "", _plain(unmatched_line(left))])
    return out.getvalue()


def approve(bot: Mentorbot, text: str) -> tuple[ImportSummary, int]:
    """The approved lines (those with a mentor) become participants of the cohort and pairs;
    each email must be an accepted application's. All or nothing, as the other imports."""
    accepted = {a.applicant.email: a for a in bot.services.applications.accepted()}
    pairs: list[tuple[Application, Application]] = []
    problems: list[str] = []
    for line, row in enumerate(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))), start=2):
        mentee_email = (row.get("mentee_email") or "").strip().lower()
        mentor_email = (row.get("mentor_email") or "").strip().lower()
        if not mentor_email:
            continue  # left unmatched
        mentee, mentor = accepted.get(mentee_email), accepted.get(mentor_email)
        for email, found, role in (
            (mentee_email, mentee, "mentee"),
            (mentor_email, mentor, "mentor"),
        ):
            if found is None or found.answers.role != role:
                problems.append(f"line {line}: {email} is not an accepted {role}'s application")
        if mentee and mentor and not problems:
            pairs.append((mentee, mentor))
    if problems:
        raise ApprovalRefused(problems)
    people = {a.applicant.email: a for pair in pairs for a in pair}
    summary = bot.import_participants(_participants_file(people.values()))
    made = bot.import_pairs(
        "mentor_email,mentee_email\n"
        + "".join(
            f"{mentor.applicant.email},{mentee.applicant.email}\n" for mentee, mentor in pairs
        )
    )
    return summary, made


class ApprovalRefused(Exception):
    """Lines that name no accepted application in the role given; nothing was made."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems)
        self.problems = problems


def _participants_file(applications: Iterable[Application]) -> str:
    """The approved as the participants file the team would have written."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "email", "role", "slack_id", "nation"])
    for a in applications:
        person, answers = a.applicant, a.answers
        writer.writerow(
            [person.name, person.email, answers.role, person.slack_user_id or "", answers.nation]
        )
    return out.getvalue()


def _plain(line: str) -> str:
    return as_plain_text(line, lambda user: user)


def run_matching_command(args: argparse.Namespace, settings: Settings) -> int:
    """`applications import`, `match suggest` and `match approve`, for the cohort named (its
    programme file found as `cohort new` finds one) or the one this deployment runs."""
    try:
        text = args.file.read_text(encoding="utf-8") if "file" in args else ""
        programme = _programme_of(args.cohort, settings)
    except OSError as error:
        print(f"mentorbot: cannot read {args.file}: {error.strerror}", file=sys.stderr)
        return 2
    except CohortError as error:
        print(f"mentorbot: {error}", file=sys.stderr)
        return 2
    bot = build(settings, programme=programme)
    try:
        return _run(args, bot, text)
    except ImportRejected as rejected:
        print(
            f"{args.file}: nothing was imported. Please fix these and run it again:",
            file=sys.stderr,
        )
        for problem in import_problems(rejected):
            print(f"  {problem}", file=sys.stderr)
        return 1
    except ApprovalRefused as refused:
        print(f"{args.file}: no pair was made. Please fix these and run it again:", file=sys.stderr)
        for problem in refused.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except UserError as error:
        print(f"mentorbot: {as_plain_text(user_error(error), lambda user: user)}", file=sys.stderr)
        return 2
    finally:
        bot.close()


def _run(args: argparse.Namespace, bot: Mentorbot, text: str) -> int:
    cohort = bot.services.programme.cohort
    if args.command == "applications":
        kept = bot.services.applications.import_file(text, bot.services.clock())
        print(f"{args.file}: {kept} applications to {cohort} kept, for the team to decide on.")
        return 0
    if args.action == "suggest":
        found = suggestions(bot)
        args.out.write_text(suggestions_csv(found, bot.services.programme), encoding="utf-8")
        print(
            f"Wrote {args.out}: {len(found.pairs)} pairs suggested for {cohort}, "
            f"{len(found.unmatched)} mentees unmatched (each with why)."
        )
        return 0
    summary, made = approve(bot, text)
    print(
        f"{args.file}: {made} pairs made in {cohort}; each has been introduced and asked to "
        f"accept ({summary.created} participants added)."
    )
    return 0


def _programme_of(cohort: str | None, settings: Settings) -> Programme | None:
    if cohort is None:
        return None
    path, _ = find_cohort(cohort, [*settings.programme_places, SHIPPED_PROGRAMME.parent])
    return load_programme(path)
