"""The local demo: the whole programme replayed on a simulated clock against the local Slack
workspace, printing what each person would see. No Slack account, nothing leaves the machine.

Like bot/app.py this module wires across packages: it is the no-Slack default of `mentorbot run`.
"""

from __future__ import annotations

import csv
import logging
import secrets
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar, TextIO
from zoneinfo import ZoneInfo

from bot.scheme import Programme, load_programme
from handlers.slack.http import BoltHttpServer
from localslack.sender import SignedSender
from localslack.server import LocalSlack
from localslack.workspace import Message
from mentorbot.app import Mentorbot, build
from mentorbot.settings import Settings

COHORT = Path(__file__).parent / "data" / "demo-cohort.csv"
PAIRS = Path(__file__).parent / "data" / "demo-pairs.csv"
START = datetime(2025, 10, 1, 7, 0, tzinfo=UTC)
# Someone from another zone, so the transcript shows the "in your time zone" line.
ZONES = {"UDEMO0005": "Europe/Madrid"}


class SimulatedClock:
    def __init__(self, start: datetime):
        self.now = start

    def __call__(self) -> datetime:
        return self.now


class Transcript:
    def __init__(self, slack: LocalSlack, clock: SimulatedClock, zone: ZoneInfo, out: TextIO):
        self._slack, self._clock, self._zone, self._out = slack, clock, zone, out

    def message(self, message: Message) -> None:
        channel = self._slack.workspace.channels[message.channel]
        people = [
            self._slack.workspace.users[m].name
            for m in channel.members
            if m != self._slack.workspace.bot_user
        ]
        to = f"#{channel.name}" if not (channel.is_im or channel.is_mpim) else " & ".join(people)
        body = message.text or ""
        if message.files:
            body = (
                "📎 " + ", ".join(f["name"] for f in message.files) + (f" {body}" if body else "")
            )
        self.line(f"→ {to}: {body}")

    def line(self, text: str) -> None:
        stamp = self._clock.now.astimezone(self._zone).strftime("%a %d %b %Y %H:%M")
        print(f"{stamp}  {text}", file=self._out, flush=True)


def run_demo(settings: Settings, pace: float = 0.4, out: TextIO = sys.stdout) -> None:
    programme = load_programme(settings.mentorbot_programme)
    clock = SimulatedClock(START)
    logging.getLogger().setLevel(logging.WARNING)  # the transcript is the output
    with LocalSlack() as slack:
        _populate(slack, programme)
        local = settings.model_copy(
            update={
                "slack_bot_token": slack.token,
                "slack_signing_secret": secrets.token_hex(16),
                "slack_api_url": slack.api_url,
                "slack_rate_limits": False,  # the local workspace has none
                "outbox_senders": 1,  # a transcript in a stable order
                "database_url": settings.database_url
                if "database_url" in settings.model_fields_set
                else "sqlite://",
            }
        )
        bot = build(local, clock=clock, programme=programme)
        http = BoltHttpServer(bot.bolt).start()
        transcript = Transcript(slack, clock, programme.zone, out)
        slack.observers.append(transcript.message)
        sender = SignedSender(slack, http.url, local.slack_signing_secret or "")
        try:
            transcript.line(
                f"{programme.name}: replaying the programme on a simulated clock (Ctrl-C stops)."
            )
            bot.check_alert_channel()
            bot.import_participants(COHORT.read_text())
            bot.start_timeline(paused=True)
            bot.import_pairs(PAIRS.read_text())
            _replay(bot, clock, slack, sender, transcript, pace)
            transcript.line("The programme is over. Goodbye.")
        except KeyboardInterrupt:
            print("\nStopped.", file=out)
        finally:
            http.stop()
            bot.close()


def _populate(slack: LocalSlack, programme: Programme) -> None:
    ws = slack.workspace
    for row in csv.DictReader(COHORT.open()):
        ws.add_user(
            row["slack_id"],
            row["name"],
            row["email"],
            ZONES.get(row["slack_id"], programme.timezone),
        )
    members = [ws.bot_user]
    for member in programme.project_team.members:
        if member.slack_id:
            ws.add_user(member.slack_id, member.name, member.email)
            members.append(member.slack_id)
    ws.add_channel(
        programme.project_team.private_channel, "lms-project-team", private=True, members=members
    )


def _replay(
    bot: Mentorbot,
    clock: SimulatedClock,
    slack: LocalSlack,
    sender: SignedSender,
    transcript: Transcript,
    pace: float,
) -> None:
    """Walks the scheduler's jobs in time order; people act along the way, through signed
    requests to the real app, to show replies, a stage moved, a date set and a concern."""
    people = Cast(slack, sender, transcript, bot.wait_for_listeners)
    people.accept_pairings(["UDEMO0001", "UDEMO0004", "UDEMO0002", "UDEMO0005", "UDEMO0003"])
    scenes = _scenes(bot, slack, sender, transcript, people)
    while (wakeup := bot.scheduler.next_wakeup()) is not None:
        clock.now = wakeup
        bot.scheduler.run_jobs_due(wakeup)
        people.answer_check_ins(clock.now)
        for scene in [s for s in scenes if s[0] <= wakeup]:
            scenes.remove(scene)
            scene[1]()
        time.sleep(pace)


Scene = tuple[datetime, Callable[[], None]]


def _scenes(
    bot: Mentorbot,
    slack: LocalSlack,
    sender: SignedSender,
    transcript: Transcript,
    people: Cast,
) -> list[Scene]:
    """What people do, from when; scenes due at the same moment play in this order."""
    lead = bot.services.programme.project_team.members[0]
    lead_id = lead.slack_id or ""

    def stage() -> None:
        transcript.line("Grace Mensah types: /mentoring stage enabling growth")
        sender.command("UDEMO0001", "stage enabling growth")

    def overview() -> None:
        transcript.line(f"{lead.name} types: /mentoring team pairs")
        sender.command(lead_id, "team pairs")
        reply = slack.workspace.responses[-1].text.replace("\n", "\n" + " " * 26)
        transcript.line(f"   ↳ (only {lead.name} sees) {reply}")

    def set_date() -> None:
        text = "event date networking-jan-2026 2026-01-21 10:00-11:00"
        transcript.line(f"{lead.name} types: /mentoring {text}")
        sender.command(lead_id, text)
        transcript.line(f"   ↳ (only {lead.name} sees) {slack.workspace.responses[-1].text}")

    scenes: list[Scene] = [
        (datetime(2025, 10, 8, tzinfo=UTC), lambda: people.accept_pairings(["UDEMO0006"])),
        (datetime(2025, 11, 13, 10, tzinfo=UTC), stage),
        (datetime(2026, 1, 14, tzinfo=UTC), lambda: people.raise_concern("UDEMO0006", lead_id)),
        (datetime(2025, 12, 1, tzinfo=UTC), overview),
        (
            datetime(2025, 11, 6, tzinfo=UTC),
            lambda: _click_reply(slack, sender, transcript, "UDEMO0006", "launch", "event_rsvp_no"),
        ),
        (datetime(2025, 11, 13, 10, tzinfo=UTC), set_date),
    ]
    return scenes if lead.slack_id else [s for s in scenes if s[1] not in (overview, set_date)]


def _click_reply(
    slack: LocalSlack,
    sender: SignedSender,
    transcript: Transcript,
    user: str,
    event_id: str,
    action: str,
) -> None:
    reminders = [
        m
        for m in slack.workspace.dms_to(user)
        if any(b.get("block_id") == f"rsvp:{event_id}" for b in m.blocks)
    ]
    if not reminders:
        return
    name = slack.workspace.users[user].name
    transcript.line(f"{name} presses “I can't make it” on the {event_id} reminder")
    sender.click(user, reminders[-1], action)
    transcript.line(f"   ↳ (only {name} sees) {slack.workspace.responses[-1].text}")


class Cast:
    """The demo's people: Grace and Sunita meet and say so, Oliver and Jamie keep answering
    "Not yet", Fiona and Aled leave their check-ins unanswered."""

    ANSWERS: ClassVar[dict[str, str]] = {"UDEMO0004": "checkin_yes", "UDEMO0002": "checkin_not_yet"}

    def __init__(
        self,
        slack: LocalSlack,
        sender: SignedSender,
        transcript: Transcript,
        settle: Callable[[], None],
    ):
        self._slack, self._sender, self._transcript = slack, sender, transcript
        self._settle = settle  # waits for what the bot does after acknowledging
        self._answered: set[str] = set()

    def accept_pairings(self, users: list[str]) -> None:
        for user in users:
            for message in self._messages_of(user):
                if self._has(message, "pair_accept"):
                    self._transcript.line(f"{self._name(user)} presses “Accept”")
                    self._sender.click(user, message, "pair_accept")
                    break

    def answer_check_ins(self, now: datetime) -> None:
        for user, action in self.ANSWERS.items():
            for message in self._messages_of(user):
                if message.ts in self._answered or not self._has(message, action):
                    continue
                self._answered.add(message.ts)
                self._transcript.line(
                    f"{self._name(user)} presses “{'Yes' if action == 'checkin_yes' else 'Not yet'}”"
                )
                self._sender.click(user, message, action)
                if action == "checkin_yes":
                    self._sender.submit_view(
                        user,
                        {
                            "met_on": now.date().isoformat(),
                            "minutes": "45",
                            "topics": "goals and next steps",
                        },
                    )
                    self._transcript.line(f"   ↳ {self._name(user)} logs a 45-minute meeting")

    def raise_concern(self, user: str, lead: str) -> None:
        """Aled tells the team, privately, that his pairing is not working; the lead acknowledges."""
        self._transcript.line(
            f"{self._name(user)} types: /mentoring concern (a private form opens)"
        )
        self._sender.command(user, "concern")
        self._sender.submit_view(
            user,
            {
                "text": "We keep missing each other and I feel I'm a burden to my mentor.",
                "urgency": "soon",
                "contact": "Yes, by Slack",
            },
        )
        self._settle()
        alert = next(m for m in reversed(self._slack.workspace.messages) if "Concern #" in m.text)
        self._transcript.line(f"{self._name(lead)} presses “Acknowledge” in #lms-project-team")
        self._sender.click(lead, alert, "concern_ack")

    def _messages_of(self, user: str) -> list[Message]:
        ws = self._slack.workspace
        return [m for m in ws.messages if user in ws.channels[m.channel].members and not m.edited]

    @staticmethod
    def _has(message: Message, action_id: str) -> bool:
        return any(
            e.get("action_id") == action_id for b in message.blocks for e in b.get("elements", [])
        )

    def _name(self, user: str) -> str:
        return self._slack.workspace.users[user].name
