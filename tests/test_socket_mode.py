"""The bot over Socket Mode, as an internal app without a public address runs it (`mentorbot web`
with SLACK_APP_TOKEN): the real Bolt app joined to the local workspace by slack_bolt's own
SocketModeHandler, no HTTP server at all. A mentee's commands, her DM, a modal and the team's
alert all travel as envelopes; when Slack drops the connection the handler opens a new one."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from freezegun import freeze_time
from slack_bolt.adapter.socket_mode import SocketModeHandler

from localslack.sender import SocketSender
from localslack.server import LocalSlack
from mentorbot.app import Mentorbot, build
from mentorbot.settings import Settings
from tests.cast import COHORT, COHORT_CSV, SUNITA, TEAM_CHANNEL
from tests.localslack.test_socket_mode import close
from tests.seen import words
from tests.waiting import settle

WORRY = "My mentor keeps cancelling and I do not know who else to tell."


@dataclass
class Workspace:
    """What people do and see, with the bot listening over Socket Mode."""

    slack: LocalSlack
    sender: SocketSender
    bot: Mentorbot

    def command(self, user: str, text: str) -> str:
        """Runs `/mentoring text`; returns the one reply the person saw."""
        before = len(self.slack.workspace.responses_to(user))
        assert self.sender.command(user, text).status == 200
        replies = self.slack.workspace.responses_to(user)[before:]
        assert len(replies) == 1, replies
        return replies[0].text  # a command's reply: its text is what is shown

    def say(self, user: str, text: str) -> str:
        """The person writes in her DM; returns what the bot wrote back."""
        before = len(self.slack.workspace.dms_to(user))
        assert self.sender.dm(user, text).status == 200
        bot = self.slack.workspace.bot_user

        def answers() -> list[str]:
            return [words(m) for m in self.slack.workspace.dms_to(user)[before:] if m.user == bot]

        settle(answers, "the bot's answer")
        return answers()[0]

    def dms(self, user: str) -> list[str]:
        return [words(m) for m in self.slack.workspace.dms_to(user)]

    def team_sees(self) -> list[str]:
        return [words(m) for m in self.slack.workspace.messages_in(TEAM_CHANNEL)]


@pytest.fixture
def workspace(slack: LocalSlack, settings: Settings) -> Iterator[Workspace]:
    app_token = slack.socket_mode.app_token
    with freeze_time("2025-10-01 08:00:00", tz_offset=0):
        bot = build(settings.model_copy(update={"slack_app_token": app_token}))
        bot.start_timeline(paused=True)
        # It notices a dropped connection at its next ping: every second, to keep the test short.
        handler = SocketModeHandler(bot.bolt, app_token, ping_interval=1)
        handler.connect()
        try:
            for user_id, (name, email, tz) in COHORT.items():
                slack.workspace.add_user(user_id, name, email, tz)
            bot.import_participants(COHORT_CSV)
            yield Workspace(slack, SocketSender(slack, timeout=30), bot)
        finally:
            close(handler.client, slack)
            bot.close()


def test_a_mentee_is_heard_over_socket_mode_and_after_slack_drops_the_connection(
    workspace: Workspace,
) -> None:
    slack, sender = workspace.slack, workspace.sender
    assert "England's bank holidays" in workspace.command(SUNITA, "nation")
    workspace.command(SUNITA, "nation scotland")
    assert "Scotland's bank holidays" in workspace.command(SUNITA, "nation")
    assert "tell the project team privately" in workspace.say(SUNITA, "hello")

    sender.command(SUNITA, "concern")
    empty = sender.submit_view(SUNITA, {"text": "", "urgency": "soon", "contact": ""})
    assert empty.response_action == "errors" and empty.errors, "the form says what is missing"
    assert slack.workspace.open_modal_of(SUNITA), "and stays open"
    sent = sender.submit_view(SUNITA, {"text": WORRY, "urgency": "soon", "contact": ""})
    assert sent.status == 200 and sent.response_action is None
    assert not slack.workspace.open_modal_of(SUNITA), "the form closes"
    settle(lambda: any(WORRY in seen for seen in workspace.team_sees()), "the team's alert")
    settle(lambda: "has your concern" in workspace.dms(SUNITA)[-1], "the reporter told")

    # Slack goes away (1001); slack_bolt's handler opens a new connection within its ping interval
    slack.socket_mode.drop()
    assert "tell the project team privately" in workspace.say(SUNITA, "are you there?")
    opens = [c for c in slack.workspace.calls if c.method == "apps.connections.open"]
    assert [c.ok for c in opens] == [True, True]
