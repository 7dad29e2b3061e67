"""A whole scheme in a test: the real Bolt app over HTTP, the local Slack workspace, a real
database, and time that the test moves (freezegun)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from freezegun.api import FrozenDateTimeFactory

from handlers.slack.http import BoltHttpServer
from localslack.sender import Choice, Delivered, SignedSender
from localslack.server import LocalSlack
from localslack.workspace import Message
from mentorbot.app import Mentorbot
from mentorbot.settings import Settings
from tests.cast import COHORT, COHORT_CSV
from tests.seen import words
from tests.waiting import settle

UK = ZoneInfo("Europe/London")


def uk(text: str) -> datetime:
    """'2025-11-12 11:00' UK wall-clock time, as an aware UTC datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=UK).astimezone(UTC)


@dataclass
class World:
    bot: Mentorbot
    slack: LocalSlack
    http: BoltHttpServer
    sender: SignedSender
    clock: FrozenDateTimeFactory
    bot_settings: Settings

    def add_cohort(self) -> None:
        for user_id, (name, email, tz) in COHORT.items():
            self.slack.workspace.add_user(user_id, name, email, tz)
        self.bot.import_participants(COHORT_CSV)

    def now(self) -> datetime:
        return datetime.now(UTC)

    def walk_to(self, until: datetime) -> None:
        """Moves time forward moment by moment, running the scheduler's jobs as they fall due."""
        while (wakeup := self.bot.scheduler.next_wakeup()) is not None and wakeup <= until:
            self.clock.move_to(wakeup)
            self.bot.scheduler.run_jobs_due(wakeup)
        self.clock.move_to(until)
        self.bot.scheduler.run_jobs_due(until)

    def dms(self, user_id: str) -> list[Message]:
        return self.slack.workspace.dms_to(user_id)

    def texts(self, user_id: str) -> list[str]:
        """The words the person reads in each message of their DM, oldest first (tests/seen.py:
        a message's blocks where it has them, not the notification's text)."""
        return [shown for m in self.dms(user_id) if (shown := words(m))]

    def files(self, user_id: str) -> list[str]:
        return [f["name"] for m in self.dms(user_id) for f in m.files]

    def open_home(self, user_id: str) -> dict[str, Any]:
        """The person opens their Home tab; returns the view the app published for it."""
        assert self.sender.open_home(user_id).status == 200
        return self.home(user_id)

    def home(self, user_id: str) -> dict[str, Any]:
        """The Home as last published, without opening it again."""
        home = self.slack.workspace.home_view(user_id)
        assert home is not None, f"no Home published for {user_id}"
        return home

    def modal(self, user_id: str) -> dict[str, Any]:
        """The modal open in front of the person, as they see it now."""
        view_id = self.slack.workspace.open_modal_of(user_id)
        assert view_id is not None, f"no modal open for {user_id}"
        return self.slack.workspace.views[view_id]

    def command(self, user_id: str, text: str) -> str:
        """Runs a slash command and returns what the person saw in reply."""
        before = len(self.slack.workspace.responses_to(user_id))
        delivered = self.sender.command(user_id, text)
        assert delivered.status == 200, delivered
        replies = self.slack.workspace.responses_to(user_id)[before:]
        assert len(replies) == 1, f"expected one reply to {text!r}, got {replies}"
        return replies[0].text  # a command's reply is text alone: the text is what is shown

    def command_opens_modal(self, user_id: str, text: str) -> None:
        views = len(self.slack.workspace.views)
        delivered = self.sender.command(user_id, text)
        assert delivered.status == 200 and len(self.slack.workspace.views) == views + 1, delivered

    def settle(self, until: Callable[[], object]) -> None:
        """Waits for work the bot does after acknowledging (a DM's answer): tests/waiting.py."""
        settle(until, "the bot's work after its ack")

    def submit_view(self, user_id: str, values: Mapping[str, Choice | None]) -> Delivered:
        """Submits the modal open for `user_id`, then waits for what the bot does after the ack."""
        delivered = self.sender.submit_view(user_id, dict(values))
        self.bot.wait_for_listeners()
        return delivered

    def click(self, user_id: str, message: Message, action_id: str) -> str:
        before = len(self.slack.workspace.responses_to(user_id))
        delivered = self.sender.click(user_id, message, action_id)
        assert delivered.status == 200, delivered
        replies = self.slack.workspace.responses_to(user_id)[before:]
        return words(replies[-1]) if replies else ""

    def say(self, user_id: str, text: str) -> str:
        """The person writes in their DM; returns the words of the one thing the bot wrote back
        (tests/seen.py: its blocks where it has them)."""
        before = len(self.dms(user_id))
        assert self.sender.dm(user_id, text).status == 200
        bot = self.slack.workspace.bot_user
        self.settle(lambda: any(m.user == bot for m in self.dms(user_id)[before:]))
        replies = [m for m in self.dms(user_id)[before:] if m.user == bot]
        assert len(replies) == 1, [words(m) for m in replies]
        return words(replies[0])


def restart(world: World, programme_path: str | None = None) -> Mentorbot:
    """Stops the bot as a crash or deploy would, and starts a new one on the same database."""
    from mentorbot.app import build

    world.http.stop()
    world.bot.close()
    settings = world.bot_settings
    if programme_path:
        settings = settings.model_copy(update={"mentorbot_programme": Path(programme_path)})
    world.bot = build(settings)
    world.http = BoltHttpServer(world.bot.bolt).start()
    world.sender.bot_url = world.http.url
    world.bot.start_timeline(paused=True)
    world.bot.scheduler.run_due()  # what a real start does before waiting: catch up
    return world.bot


def group_messages(world: World, *users: str) -> list[Message]:
    return world.slack.workspace.messages_in(world.slack.workspace.open_dm(list(users)).id)


def sent_at(message: Message) -> datetime:
    return datetime.fromtimestamp(int(message.ts.split(".")[0]), UTC)


def last_with(messages: list[Message], action_id: str) -> Message:
    for message in reversed(messages):
        for block in message.blocks:
            if any(e.get("action_id") == action_id for e in block.get("elements", [])):
                return message
    raise AssertionError(f"no message with {action_id!r}")
