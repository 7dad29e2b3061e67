"""The local workspace in the browser (`mentorbot run` with no Slack token): the demo cohort's
workspace served as a page where anyone can use the bot as any person in it, on a clock the
page moves. It keeps its state between runs in a folder of its own (its SQLite database and the
workspace's messages), so a demo can be stopped and resumed; --fresh starts again.

Like app.py this module wires across packages."""

from __future__ import annotations

import contextlib
import csv
import json
import logging
import os
import shutil
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.scheme import Programme
from handlers.i18n import (
    ENGLISH,
    LANGUAGES,
    N_,
    clock_time,
    formatted,
    in_language,
    translations,
)
from localslack.browser.app import AppInfo, WorkspacePage
from localslack.browser.model import Person
from localslack.browser.serve import PageServer
from localslack.browser.words import Language
from mentorbot.app import languages_in
from mentorbot.cohorts_live import load_programmes
from mentorbot.local import (
    COHORT,
    NEWCOMER_IDS,
    NEWCOMERS,
    START,
    Cast,
    LocalRun,
    SimulatedClock,
    cohort_workspace,
    local_run,
    run_due_until,
    start_scheme,
)
from mentorbot.settings import Settings

MANIFEST = Path(__file__).parent.parent / "manifest.json"
KEPT = "workspace.json"
DATABASE = "mentorbot.db"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
# Where a fresh demo begins: the first reminders have gone out and some have been answered.
SEEDED_UNTIL = datetime(2025, 10, 14, 9, 30, tzinfo=UTC)
# The manifest's shortcut names, marked for the catalogue: the page shows each in its reader's
# language (tests/browser/test_page.py checks that every name the manifest gives is here).
SHORTCUT_NAMES = (
    N_("Log a mentoring meeting"),
    N_("Tell the project team"),
    N_("Tell the team about this"),
)


class SchemeTime:
    """The page's clock: the simulated time, moved only by running the scheduler's own jobs
    as they fall due on the way (one move at a time)."""

    def __init__(self, run: LocalRun, zone: ZoneInfo):
        self._run, self.zone = run, zone
        self._lock = threading.Lock()

    def now(self) -> datetime:
        return self._run.clock.now

    def next_moment(self) -> datetime | None:
        return self._run.bot.scheduler.next_wakeup()

    def advance(self, by: timedelta | None = None) -> bool:
        with self._lock:
            if by is not None:
                to = self.now() + by
            elif (upcoming := self.next_moment()) is not None:
                to = max(upcoming, self.now())
            else:
                return False
            run_due_until(self._run, to, lambda: None)
            return True


class Keeper:
    """Writes the workspace and the clock to a file whenever they change (and at the end),
    whole or not at all, so a stopped demo resumes where it was."""

    def __init__(self, path: Path, run: LocalRun):
        self._path, self._run = path, run
        self._saved = -1
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._keep, name="workspace-keeper", daemon=True)

    @staticmethod
    def load(path: Path) -> tuple[datetime, dict[str, Any]] | None:
        if not path.exists():
            return None
        kept = json.loads(path.read_text(encoding="utf-8"))
        return datetime.fromisoformat(kept["now"]), kept["workspace"]

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)
        self.save()

    def _keep(self) -> None:
        while not self._stop.wait(0.5):
            if self._run.slack.workspace.version != self._saved:
                self.save()

    def save(self) -> None:
        ws = self._run.slack.workspace
        with ws.lock:
            self._saved = ws.version
            text = json.dumps({"now": self._run.clock.now.isoformat(), "workspace": ws.snapshot()})
        partial = self._path.with_suffix(".partial")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, self._path)


@dataclass
class Served:
    url: str
    run: LocalRun
    page: WorkspacePage


@contextlib.contextmanager
def serving(
    settings: Settings,
    state: Path,
    host: str = "127.0.0.1",
    port: int = 3000,
    fresh: bool = False,
    pace: float = 1.0,
) -> Iterator[Served]:
    """The page, served until the block ends (raises OSError when the port is taken); the
    workspace is kept in `state` as it goes, and once more at the end."""
    programme = load_programmes(settings.programme_places)[0]  # the current cohort alone
    if fresh and state.exists():
        shutil.rmtree(state)
    state.mkdir(parents=True, exist_ok=True)
    kept = Keeper.load(state / KEPT)
    if kept is None:  # a first run stopped while it was being set up starts again
        (state / DATABASE).unlink(missing_ok=True)
    clock = SimulatedClock(kept[0] if kept else START)
    workspace = cohort_workspace(programme, clock)
    if kept:
        workspace.restore(kept[1])
    database = f"sqlite:///{state / DATABASE}"
    with local_run(settings, programme, clock, database, workspace, senders=4) as run:
        if kept:
            run.bot.check_alert_channel()
            run.bot.start_timeline(paused=True)
        else:
            _seed(run, programme)
        page = WorkspacePage(
            run.slack,
            run.sender,
            SchemeTime(run, programme.zone),
            people_of(programme),
            AppInfo.from_manifest(json.loads(MANIFEST.read_text(encoding="utf-8"))),
            settle=lambda: run.bot.wait_for_listeners(timeout=5),
            pace=pace,
            allowed_hosts=page_hosts(host),
            language_of=page_languages(run),
        )
        keeper = Keeper(state / KEPT, run)
        server = PageServer(page.app, host, port)
        keeper.start()
        try:
            server.start()
            yield Served(server.url, run, page)
        finally:
            page.stop()
            server.stop()
            keeper.stop()


def page_hosts(host: str) -> tuple[str, ...]:
    """The names the page answers to: this machine's own, and the one --host named. Any other
    Host is refused, so a web page elsewhere cannot reach the page by pointing a name of its own
    at our address (DNS rebinding), however widely the page is served."""
    named = host.strip("[]").lower()
    return LOOPBACK if named in LOOPBACK else (*LOOPBACK, named)


def run_workspace(
    settings: Settings,
    state: Path,
    host: str = "127.0.0.1",
    port: int = 3000,
    fresh: bool = False,
    pace: float = 1.0,
) -> int:
    """Serves the page until Ctrl-C or SIGTERM; the one line printed is its address."""
    logging.getLogger().setLevel(logging.WARNING)
    try:
        with serving(settings, state, host, port, fresh, pace) as served:
            print(f"mentorbot's local workspace: {served.url}  (Ctrl-C stops)", flush=True)
            if host not in LOOPBACK:
                print(
                    f"mentorbot: serving beyond this machine ({host}): anyone who can reach it "
                    "can act as anyone in the demo.",
                    file=sys.stderr,
                    flush=True,
                )
            _wait_for_stop()
    except OSError as error:
        print(f"mentorbot: cannot serve on {host}:{port} ({error}); try --port.", flush=True)
        return 2
    return 0


def _wait_for_stop() -> None:
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)


def page_languages(run: LocalRun) -> Callable[[str], Language]:
    """The page speaks to each person in the language they chose for the bot's words: with
    the bot's own catalogue, and moments written by Babel as the bot writes them."""
    language_of = languages_in(run.bot.uow)
    return lambda user_id: _page_language(language_of(user_id) or ENGLISH)


@cache
def _page_language(code: str) -> Language:
    code = code if code in LANGUAGES else ENGLISH
    return Language(code, translations(code), lambda moment: _moment_in(code, moment))


def _moment_in(code: str, moment: datetime) -> str:
    """ "Tue 14 Oct 2025, 10:00"; "Maw 14 Hyd 2025, 10:00"."""
    with in_language(code):
        return f"{formatted(moment, 'EEE d MMM y')}, {clock_time(moment)}"


def people_of(programme: Programme) -> list[Person]:
    """Everyone the page can be used as: mentees, mentors, the project team, and colleagues
    the team can import (mentorbot/data/demo-newcomers.csv is a file to try)."""
    rows = list(csv.DictReader(COHORT.open(encoding="utf-8")))
    people = [
        Person(r["slack_id"], r["name"], N_("Mentees") if r["role"] == "mentee" else N_("Mentors"))
        for r in sorted(rows, key=lambda r: r["role"] != "mentee")
    ]
    team = [
        Person(m.slack_id, m.name, N_("Project team"))
        for m in programme.project_team.members
        if m.slack_id
    ]
    approver = programme.approvals.accommodation
    if approver and approver.slack_id:
        team.append(Person(approver.slack_id, approver.name, N_("Approves accommodation")))
    newcomers = [
        Person(NEWCOMER_IDS[r["email"]], r["name"], N_("Not on the scheme yet"))
        for r in csv.DictReader(NEWCOMERS.open(encoding="utf-8"))
    ]
    return people + team + newcomers


def _seed(run: LocalRun, programme: Programme) -> None:
    """A fresh demo's first fortnight, so every screen has something to show: two pairs have
    accepted and one waits; check-ins answered; the first event reminders, with replies; a
    concern acknowledged by the team lead and one still open."""
    cast = Cast(run)
    lead = programme.project_team.members[0].slack_id
    start_scheme(run)
    cast.accept_pairings(["UDEMO0001", "UDEMO0004", "UDEMO0002"])
    run_due_until(run, START + timedelta(days=1), cast.answer_check_ins)
    alert = cast.raise_concern(
        "UDEMO0002",
        "Jamie hasn't answered my messages about a first meeting. Should I keep trying?",
    )
    if lead:
        cast.acknowledge(lead, alert)
    run_due_until(run, SEEDED_UNTIL, cast.answer_check_ins)
    cast.reply("UDEMO0001", "expectations-mentors", "event_rsvp_yes")
    cast.reply("UDEMO0004", "expectations-mentees", "event_rsvp_yes")
    cast.reply("UDEMO0005", "expectations-mentees", "event_rsvp_no")
    cast.raise_concern(
        "UDEMO0004",
        "My manager may not release me for the training day. Could someone advise me?",
        "not_urgent",
    )
    run.bot.wait_for_listeners()
    ws = run.slack.workspace
    for root in list(ws.modal_stacks):  # each has read the app's "thank you" and closed it
        ws.close_view(root, whole_modal=True)
