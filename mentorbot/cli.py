"""The `mentorbot` command."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError

from bot.applications.rules import COLUMNS as APPLICATION_COLUMNS
from bot.cohorts.errors import CohortError
from bot.errors import UserError
from bot.participants.errors import ImportRejected
from bot.programme_file import load_programme
from bot.scheme import ProgrammeError
from handlers.slack.messenger import web_client
from handlers.views.common import user_error
from handlers.views.evaluations import answers_csv
from handlers.views.participants import import_problems
from mentorbot.app import ConfigurationError, Mentorbot, build, system_clock
from mentorbot.certificates import add_certificate_command, run_certificate_command
from mentorbot.cohorts import add_erase_expired_command, run_erase_expired, start_cohort
from mentorbot.cohorts_live import load_programmes
from mentorbot.doctor import examine, report
from mentorbot.matching import run_matching_command
from mentorbot.report import add_report_command, run_report_command
from mentorbot.settings import Settings
from storage.database import DatabaseUnreachable, make_engine

log = logging.getLogger("mentorbot")
# SIGTERM to exit: platforms kill a process 10 to 30 s after asking it to stop.
STOP_WITHIN = 8.0
# Commands whose body is a module of its own, each run with the arguments and the settings.
RUN_ELSEWHERE: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
    "applications": run_matching_command,
    "match": run_matching_command,
    "report": run_report_command,
    "certificate": run_certificate_command,
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    # APScheduler says at INFO each time any job runs: the inbox's, every 2 seconds. The clock
    # logs what its runs sent and what failed itself.
    logging.getLogger("apscheduler.executors").setLevel(logging.WARNING)
    try:
        settings = Settings()
        return _dispatch(args, settings)
    except (ProgrammeError, ValidationError, DatabaseUnreachable) as error:
        print(f"mentorbot: {error}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mentorbot", description="The SoR Leadership Mentoring Scheme's Slack bot."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser(
        "run",
        help="run the bot: web and clock in one process (no token: the local workspace, "
        "in the browser)",
    )
    _add_local_options(run)
    commands.add_parser("web", help="serve Slack's requests only (Procfile: web)")
    commands.add_parser("clock", help="run the scheduler only (Procfile: clock; run exactly one)")
    commands.add_parser(
        "doctor",
        help="check this deployment against Slack and its database, and say how to fix each "
        "problem (changes nothing)",
    )
    check = commands.add_parser(
        "check", help="check a programme file and say what is wrong with it"
    )
    check.add_argument("file", type=Path, nargs="?")
    _add_cohort_commands(commands)
    _add_matching_commands(commands)
    add_report_command(commands)
    add_certificate_command(commands)
    _add_data_commands(commands)
    return parser


def _add_local_options(run: argparse.ArgumentParser) -> None:
    """With no Slack token: the local workspace's page, or the transcript."""
    local = run.add_argument_group("with no Slack token (the local workspace)")
    local.add_argument("--port", type=int, default=3000, help="the page's port (default 3000)")
    local.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to serve on (default 127.0.0.1: this machine only)",
    )
    local.add_argument(
        "--fresh", action="store_true", help="start the demo again from an empty workspace"
    )
    local.add_argument(
        "--state",
        type=Path,
        default=Path("mentorbot-local"),
        help="the folder the workspace is kept in between runs (default ./mentorbot-local)",
    )
    local.add_argument(
        "--transcript",
        action="store_true",
        help="print a transcript of the whole scheme instead of serving the page",
    )
    local.add_argument(
        "--pace",
        type=float,
        help="seconds between moments when playing the scheme (default 1 on the page, about "
        "2 minutes for the year; 0.4 in the transcript)",
    )


def _add_cohort_commands(commands: argparse._SubParsersAction) -> None:
    cohort = commands.add_parser("cohort", help="start the next run of the scheme")
    cohort_commands = cohort.add_subparsers(dest="action", required=True)
    new = cohort_commands.add_parser(
        "new",
        help="write the next cohort's programme file from the last's: every date a year on, "
        "to confirm",
    )
    new.add_argument("cohort", help="the new cohort's years, e.g. 2026-27")
    new.add_argument("--from", dest="source", required=True, help="the cohort to start from")
    new.add_argument("--out", type=Path, help="the file to write (default: lms-COHORT.yaml here)")
    add_erase_expired_command(cohort_commands)


def _add_matching_commands(commands: argparse._SubParsersAction) -> None:
    """Applications and the steering group's match, for the team to automate."""
    cohort_help = "the cohort (default: the one this deployment runs)"
    applications = commands.add_parser("applications", help="the cohort's applications")
    do_import = applications.add_subparsers(dest="action", required=True).add_parser(
        "import", help="take applications from a CSV file (outside the window too)"
    )
    do_import.add_argument("file", type=Path, help="CSV with " + ",".join(APPLICATION_COLUMNS))
    do_import.add_argument("--cohort", help=cohort_help)
    match = commands.add_parser("match", help="the steering group's match suggestions")
    match_commands = match.add_subparsers(dest="action", required=True)
    suggest = match_commands.add_parser(
        "suggest", help="write the suggested pairs, each with its reasons, and who is unmatched"
    )
    suggest.add_argument("--cohort", help=cohort_help)
    suggest.add_argument("--out", type=Path, required=True, help="the CSV file to write")
    approve = match_commands.add_parser(
        "approve", help="make the pairs in a suggestions file (as edited by the group)"
    )
    approve.add_argument("file", type=Path)
    approve.add_argument("--cohort", help=cohort_help)


def _add_data_commands(commands: argparse._SubParsersAction) -> None:
    """Importing, erasing and exporting: what the project team may automate."""
    participants = commands.add_parser("participants", help="manage participants")
    participant_commands = participants.add_subparsers(dest="action", required=True)
    do_import = participant_commands.add_parser(
        "import", help="import or update participants from a CSV file"
    )
    do_import.add_argument(
        "file", type=Path, help="CSV with name, email, role (mentor/mentee), optional slack_id"
    )
    erase = participant_commands.add_parser(
        "erase", help="erase a participant (UK GDPR), keeping the anonymised audit trail"
    )
    erase.add_argument("email")
    pairs = commands.add_parser("pairs", help="manage pairs")
    pair_commands = pairs.add_subparsers(dest="action", required=True)
    pairs_import = pair_commands.add_parser(
        "import", help="make the steering group's pairs from a CSV file"
    )
    pairs_import.add_argument("file", type=Path, help="CSV with mentor_email, mentee_email")
    export = commands.add_parser("export", help="export data for the project team")
    export_what = export.add_subparsers(dest="what", required=True)
    evaluations = export_what.add_parser(
        "evaluations", help="one row per person and question of a form"
    )
    evaluations.add_argument("form", help="the form's id, e.g. mid-scheme")
    evaluations.add_argument("--out", type=Path, required=True, help="the CSV file to write")
    evaluations.add_argument("--pseudonymous", action="store_true", help="P001… instead of names")


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "check":
        return _check(args.file, settings)
    if args.command == "cohort":
        return _cohort(args, settings)
    if args.command == "run" and settings.local and args.transcript:
        from mentorbot.demo import run_demo

        run_demo(settings, pace=0.4 if args.pace is None else args.pace)
        return 0
    if args.command == "run" and settings.local:
        from mentorbot.browse import run_workspace

        pace = 1.0 if args.pace is None else args.pace
        return run_workspace(settings, args.state, args.host, args.port, args.fresh, pace)
    if settings.local:
        print(
            "mentorbot: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (see README.md).",
            file=sys.stderr,
        )
        return 2
    if args.command == "doctor":
        return _doctor(settings)
    if args.command == "participants" and args.action == "erase":
        return _erase(settings, args.email)
    if args.command == "participants":
        return _import(settings, args.file, "participants")
    if args.command == "pairs":
        return _import(settings, args.file, "pairs")
    if args.command == "export":
        return _export(settings, args.form, args.out, args.pseudonymous)
    if args.command in RUN_ELSEWHERE:
        return RUN_ELSEWHERE[args.command](args, settings)
    return _serve(
        settings, web=args.command in ("run", "web"), clock=args.command in ("run", "clock")
    )


def _check(file: Path | None, settings: Settings) -> int:
    """The file named, or every live cohort's (two files of one cohort are refused)."""
    checked = [load_programme(file)] if file else load_programmes(settings.programme_places)
    for programme in checked:
        print(f"{programme.name}: {len(programme.events)} events, all fine.")
    return 0


def _cohort(args: argparse.Namespace, settings: Settings) -> int:
    """`cohort new` writes a file, and needs no Slack; `erase-expired` tells the team's channel."""
    if args.action == "new":
        return _new_cohort(args.cohort, args.source, settings.programme_places, args.out)
    if settings.local:
        print(
            "mentorbot: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (see README.md).",
            file=sys.stderr,
        )
        return 2
    return run_erase_expired(settings, args.dry_run)


def _new_cohort(new: str, old: str, configured: list[Path], out: Path | None) -> int:
    try:
        path, to_confirm = start_cohort(new, old, configured, out)
    except CohortError as error:
        print(f"mentorbot: {error}", file=sys.stderr)
        return 2
    print(
        f"Wrote {path}: cohort {new}, from {old}, with {to_confirm} dates to confirm. "
        "Check it with `mentorbot check " + str(path) + "`, then confirm each date."
    )
    return 0


def _doctor(settings: Settings) -> int:
    programme = load_programmes(settings.programme_places)[0]  # the current cohort's
    channel = settings.alert_channel or programme.project_team.private_channel
    client = web_client(settings.slack_bot_token or "", settings.slack_api_url)
    engine = make_engine(settings.database_url)
    try:
        findings = examine(programme, channel, client, engine, system_clock())
    finally:
        engine.dispose()
    return report(findings, print)


def _import(settings: Settings, file: Path, what: str) -> int:
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as error:
        print(f"mentorbot: cannot read {file}: {error.strerror}", file=sys.stderr)
        return 2
    bot = build(settings)
    try:
        if what == "pairs":
            made = bot.import_pairs(text)
            print(f"{file}: {made} pairs made; each has been introduced and asked to accept.")
            return 0
        summary = bot.import_participants(text)
    except ImportRejected as rejected:
        print(
            f"{file}: nothing was imported. Please fix these and run the import again:",
            file=sys.stderr,
        )
        for problem in import_problems(rejected):
            print(f"  {problem}", file=sys.stderr)
        return 1
    finally:
        bot.close()
    print(f"{file}: {summary.created} participants added, {summary.updated} updated.")
    return 0


def _erase(settings: Settings, email: str) -> int:
    bot = build(settings)
    try:
        erasure = bot.services.privacy.erase(email, bot.services.clock())
    except UserError as error:
        print(f"mentorbot: {user_error(error)}", file=sys.stderr)
        return 2
    finally:
        bot.close()
    print(
        f"{erasure.name} ({email}) is erased: their details, replies, answers, meetings and agreement are gone; "
        "their concerns' audit trail is kept, without the concern's words."
    )
    for partner in erasure.partners:
        print(
            f"Their pairing with {partner} has ended; {partner} is told kindly, with no reason given."
        )
    return 0


def _export(settings: Settings, form_id: str, out: Path, pseudonymous: bool) -> int:
    bot = build(settings)
    try:
        text = answers_csv(bot.services.evaluations.answer_rows(form_id, pseudonymous))
    except UserError as error:
        print(f"mentorbot: {user_error(error)}", file=sys.stderr)
        return 2
    finally:
        bot.close()
    out.write_text(text, encoding="utf-8")
    print(f"{out}: {text.count(chr(10)) - 1} answers written.")
    return 0


def _serve(settings: Settings, web: bool, clock: bool) -> int:
    """A web or clock process (or both), until SIGTERM. A database still starting is waited
    for (SIGTERM meanwhile ends the process at once: nothing has begun)."""
    bot = build(settings, database_attempts=None)
    try:
        bot.check_alert_channel()
    except ConfigurationError as error:
        print(f"mentorbot: {error}", file=sys.stderr)
        bot.close()
        return 2
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    stoppers = _start_web(bot, settings) if web else []
    if clock:
        bot.run_clock(stop)
    with contextlib.suppress(KeyboardInterrupt):
        stop.wait()
    for stopper in stoppers:
        stopper()
    _close_within(bot, STOP_WITHIN)
    return 0


def _start_web(bot: Mentorbot, settings: Settings) -> list[Callable[[], None]]:
    """Slack's requests over HTTP, and with an app token over Socket Mode as well; HTTP serves
    /healthz and /readyz either way, for the platform's checks. Returns how to stop."""
    from handlers.slack.http import BoltHttpServer

    http = BoltHttpServer(bot.bolt, host="0.0.0.0", port=settings.port).start()
    log.info("listening on %s", http.url)
    if not settings.slack_app_token:
        return [http.stop]
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    socket = SocketModeHandler(bot.bolt, settings.slack_app_token)
    socket.connect()
    return [socket.close, http.stop]


def _close_within(bot: Mentorbot, seconds: float) -> None:
    """Closes the bot, letting the work in hand finish for at most `seconds`; past that the
    process ends anyway (a platform kills it soon after SIGTERM). Nothing is lost: what a sender
    had claimed but not sent is taken over when its lease runs out, and a DM not yet worked on
    waits in the inbox."""
    closing = threading.Thread(target=bot.close, name="closing", daemon=True)
    closing.start()
    closing.join(seconds)
    if closing.is_alive():
        log.warning("stopped with work in hand; another process or the next start takes it over")
        logging.shutdown()
        os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
