"""The local workspace: the bot wired to localslack on a simulated clock, with the demo cohort.
No Slack account, nothing leaves the machine. The transcript (mentorbot.demo) and the page
(mentorbot.browse) both run on it.

Like app.py this module wires across packages: it is the no-Slack default of `mentorbot run`.
"""

from __future__ import annotations

import contextlib
import csv
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar

from bot.scheme import Programme
from handlers.slack.http import BoltHttpServer
from localslack.sender import SignedSender
from localslack.server import LocalSlack
from localslack.workspace import Message, Workspace
from mentorbot.app import Mentorbot, build
from mentorbot.settings import Settings

COHORT = Path(__file__).parent / "data" / "demo-cohort.csv"
PAIRS = Path(__file__).parent / "data" / "demo-pairs.csv"
# People in the workspace who are not on the scheme yet: the console's import can add them.
NEWCOMERS = Path(__file__).parent / "data" / "demo-newcomers.csv"
NEWCOMER_IDS = {
    "rhys.evans@example.wales.nhs.uk": "UDEMO0007",
    "niamh.kelly@example.hscni.net": "UDEMO0008",
}
START = datetime(2025, 10, 1, 7, 0, tzinfo=UTC)
# Someone from another zone, so the transcript shows the "in your time zone" line.
ZONES = {"UDEMO0005": "Europe/Madrid"}


class SimulatedClock:
    def __init__(self, start: datetime):
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@dataclass
class LocalRun:
    """The bot and the workspace it talks to, and a way to act in it as anyone."""

    slack: LocalSlack
    bot: Mentorbot
    sender: SignedSender
    clock: SimulatedClock


@contextlib.contextmanager
def local_run(
    settings: Settings,
    programme: Programme,
    clock: SimulatedClock,
    database_url: str,
    workspace: Workspace | None = None,
    senders: int = 1,
) -> Iterator[LocalRun]:
    """The bot against a local workspace (the demo cohort's, unless one is given), serving
    signed requests on a loopback port; stopped, both are gone."""
    with LocalSlack(workspace=workspace or cohort_workspace(programme, clock)) as slack:
        local = settings.model_copy(
            update={
                "slack_bot_token": slack.token,
                "slack_signing_secret": secrets.token_hex(16),
                "slack_api_url": slack.api_url,
                "slack_rate_limits": False,  # the local workspace has none
                "outbox_senders": senders,
                "database_url": database_url,
            }
        )
        bot = build(local, clock=clock, programme=programme)
        http = BoltHttpServer(bot.bolt).start()
        try:
            sender = SignedSender(slack, http.url, local.slack_signing_secret or "")
            yield LocalRun(slack, bot, sender, clock)
        finally:
            http.stop()
            bot.close()


def cohort_workspace(programme: Programme, clock: SimulatedClock) -> Workspace:
    """The demo cohort, two colleagues not on the scheme yet, the project team with its private
    channel, and who approves accommodation; messages are dated by the simulated clock."""
    ws = Workspace(now=lambda: clock.now.timestamp())
    for row in csv.DictReader(COHORT.open()):
        ws.add_user(
            row["slack_id"],
            row["name"],
            row["email"],
            ZONES.get(row["slack_id"], programme.timezone),
        )
    for row in csv.DictReader(NEWCOMERS.open()):
        ws.add_user(NEWCOMER_IDS[row["email"]], row["name"], row["email"], programme.timezone)
    members = [ws.bot_user]
    for member in programme.project_team.members:
        if member.slack_id:
            ws.add_user(member.slack_id, member.name, member.email)
            members.append(member.slack_id)
    ws.add_channel(
        programme.project_team.private_channel, "lms-project-team", private=True, members=members
    )
    approver = programme.approvals.accommodation
    if approver is not None and approver.slack_id:  # in Slack, not in the team's channel
        ws.add_user(approver.slack_id, approver.name, approver.email)
    return ws


def start_scheme(run: LocalRun) -> None:
    """The scheme's first morning: the cohort imported, the timeline waiting on the simulated
    clock, the steering group's pairs introduced."""
    run.bot.check_alert_channel()
    run.bot.import_participants(COHORT.read_text())
    run.bot.start_timeline(paused=True)
    run.bot.import_pairs(PAIRS.read_text())


def run_due_until(run: LocalRun, until: datetime, after_each: Callable[[], None]) -> bool:
    """Moves the clock to `until`, stopping at each of the scheduler's moments on the way to
    run what it has due, as APScheduler would at that time; False when none was on the way."""
    moved = False
    while (wakeup := run.bot.scheduler.next_wakeup()) is not None and wakeup <= until:
        run.clock.now = max(wakeup, run.clock.now)
        run.bot.scheduler.run_jobs_due(run.clock.now)
        after_each()
        moved = True
    run.clock.now = max(until, run.clock.now)
    return moved


class Cast:
    """The demo's people: Grace and Sunita meet and say so, Oliver and Jamie keep answering
    "Not yet", Fiona and Aled leave their check-ins unanswered. `say` narrates what they do."""

    ANSWERS: ClassVar[dict[str, str]] = {"UDEMO0004": "checkin_yes", "UDEMO0002": "checkin_not_yet"}

    def __init__(self, run: LocalRun, say: Callable[[str], None] = lambda line: None):
        self._run, self._say = run, say
        self._answered: set[str] = set()

    @property
    def _ws(self) -> Workspace:
        return self._run.slack.workspace

    def accept_pairings(self, users: list[str]) -> None:
        for user in users:
            for message in self._messages_of(user):
                if self._has(message, "pair_accept"):
                    self._say(f"{self._name(user)} presses “Accept”")
                    self._run.sender.click(user, message, "pair_accept")
                    break

    def answer_check_ins(self) -> None:
        for user, action in self.ANSWERS.items():
            for message in self._messages_of(user):
                if message.ts in self._answered or not self._has(message, action):
                    continue
                self._answered.add(message.ts)
                self._say(
                    f"{self._name(user)} presses “{'Yes' if action == 'checkin_yes' else 'Not yet'}”"
                )
                self._run.sender.click(user, message, action)
                if action == "checkin_yes":
                    self._run.sender.submit_view(
                        user,
                        {
                            "met_on": self._run.clock.now.date().isoformat(),
                            "minutes": "45",
                            "topics": "goals and next steps",
                        },
                    )
                    self._say(f"   ↳ {self._name(user)} logs a 45-minute meeting")

    def raise_concern(self, user: str, text: str, urgency: str = "soon") -> Message:
        """Someone tells the team, privately, that something is wrong; the team's alert."""
        self._say(f"{self._name(user)} types: /mentoring concern (a private form opens)")
        self._run.sender.command(user, "concern")
        self._run.sender.submit_view(
            user, {"text": text, "urgency": urgency, "contact": "Yes, by Slack"}
        )
        self._run.bot.wait_for_listeners()
        return next(m for m in reversed(self._ws.messages) if "Concern #" in m.text)

    def acknowledge(self, lead: str, alert: Message) -> None:
        self._say(f"{self._name(lead)} presses “Acknowledge” in #lms-project-team")
        self._run.sender.click(lead, alert, "concern_ack")

    def reply(self, user: str, event_id: str, action: str) -> str | None:
        """Presses a reply button on the person's latest reminder of the event; what only
        they see in answer, or None when they have no reminder of it yet."""
        reminders = [
            m
            for m in self._ws.dms_to(user)
            if any(b.get("block_id") == f"rsvp:{event_id}" for b in m.blocks)
        ]
        if not reminders:
            return None
        self._run.sender.click(user, reminders[-1], action)
        return self._ws.responses[-1].text

    def _messages_of(self, user: str) -> list[Message]:
        ws = self._ws
        return [m for m in ws.messages if user in ws.channels[m.channel].members and not m.edited]

    @staticmethod
    def _has(message: Message, action_id: str) -> bool:
        return any(
            e.get("action_id") == action_id for b in message.blocks for e in b.get("elements", [])
        )

    def _name(self, user: str) -> str:
        return self._ws.users[user].name
