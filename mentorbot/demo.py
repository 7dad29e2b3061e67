"""The transcript: the whole programme replayed on a simulated clock against the local
workspace, printing what each person would see (`mentorbot run --transcript`)."""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TextIO
from zoneinfo import ZoneInfo

from localslack.server import LocalSlack
from localslack.workspace import Message
from mentorbot.cohorts_live import load_programmes
from mentorbot.local import START, Cast, LocalRun, SimulatedClock, local_run, start_scheme
from mentorbot.settings import Settings


class Transcript:
    def __init__(self, slack: LocalSlack, clock: SimulatedClock, zone: ZoneInfo, out: TextIO):
        self._slack, self._clock, self._zone, self._out = slack, clock, zone, out
        # Lines come from the main thread and from the workspace's own (a message it was
        # sent); once closed, nothing more is printed, so the closing line is the last.
        self._lock = threading.Lock()
        self._open = True

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
        with self._lock:
            if self._open:
                print(f"{stamp}  {text}", file=self._out, flush=True)

    def close(self, last: str) -> None:
        """Prints `last` and nothing after it, whatever is still being sent."""
        with self._lock:
            self._open = False
            print(last, file=self._out, flush=True)


def run_demo(settings: Settings, pace: float = 0.4, out: TextIO = sys.stdout) -> None:
    programme = load_programmes(settings.programme_places)[0]  # the current cohort alone
    clock = SimulatedClock(START)
    logging.getLogger().setLevel(logging.WARNING)  # the transcript is the output
    database_url = (
        settings.database_url if "database_url" in settings.model_fields_set else "sqlite://"
    )
    with local_run(settings, programme, clock, database_url) as run:
        transcript = Transcript(run.slack, clock, programme.zone, out)
        run.slack.observers.append(transcript.message)
        try:
            transcript.line(
                f"{programme.name}: replaying the programme on a simulated clock (Ctrl-C stops)."
            )
            start_scheme(run)
            _replay(run, transcript, pace)
            transcript.line("The programme is over. Goodbye.")
        except KeyboardInterrupt:
            transcript.close("\nStopped.")


def _replay(run: LocalRun, transcript: Transcript, pace: float) -> None:
    """Walks the scheduler's jobs in time order; people act along the way, through signed
    requests to the real app, to show replies, a stage moved, a date set and a concern."""
    people = Cast(run, transcript.line)
    people.accept_pairings(["UDEMO0001", "UDEMO0004", "UDEMO0002", "UDEMO0005", "UDEMO0003"])
    scenes = _scenes(run, transcript, people)
    while (wakeup := run.bot.scheduler.next_wakeup()) is not None:
        run.clock.now = wakeup
        run.bot.scheduler.run_jobs_due(wakeup)
        people.answer_check_ins()
        for scene in [s for s in scenes if s[0] <= wakeup]:
            scenes.remove(scene)
            scene[1]()
        time.sleep(pace)


Scene = tuple[datetime, Callable[[], None]]


def _scenes(run: LocalRun, transcript: Transcript, people: Cast) -> list[Scene]:
    """What people do, from when; scenes due at the same moment play in this order."""
    lead = run.bot.services.programme.project_team.members[0]
    lead_id = lead.slack_id or ""
    ws, sender = run.slack.workspace, run.sender

    def stage() -> None:
        transcript.line("Grace Mensah types: /mentoring stage enabling growth")
        sender.command("UDEMO0001", "stage enabling growth")

    def overview() -> None:
        transcript.line(f"{lead.name} types: /mentoring team pairs")
        sender.command(lead_id, "team pairs")
        reply = ws.responses[-1].text.replace("\n", "\n" + " " * 26)
        transcript.line(f"   ↳ (only {lead.name} sees) {reply}")

    def set_date() -> None:
        text = "event date networking-jan-2026 2026-01-21 10:00-11:00"
        transcript.line(f"{lead.name} types: /mentoring {text}")
        sender.command(lead_id, text)
        transcript.line(f"   ↳ (only {lead.name} sees) {ws.responses[-1].text}")

    def concern() -> None:
        alert = people.raise_concern(
            "UDEMO0006", "We keep missing each other and I feel I'm a burden to my mentor."
        )
        people.acknowledge(lead_id, alert)

    def cannot_come() -> None:
        answer = people.reply("UDEMO0006", "launch", "event_rsvp_no")
        if answer is not None:
            transcript.line("Aled Pritchard presses “I can't make it” on the launch reminder")
            transcript.line(f"   ↳ (only Aled Pritchard sees) {answer}")

    scenes: list[Scene] = [
        (datetime(2025, 10, 8, tzinfo=UTC), lambda: people.accept_pairings(["UDEMO0006"])),
        (datetime(2025, 11, 13, 10, tzinfo=UTC), stage),
        (datetime(2026, 1, 14, tzinfo=UTC), concern),
        (datetime(2025, 12, 1, tzinfo=UTC), overview),
        (datetime(2025, 11, 6, tzinfo=UTC), cannot_come),
        (datetime(2025, 11, 13, 10, tzinfo=UTC), set_date),
    ]
    return scenes if lead.slack_id else [s for s in scenes if s[1] not in (overview, set_date)]
