"""Participants: `/mentoring my-data`, a copy of everything the bot holds about the person, in
their own DM."""

from __future__ import annotations

from slack_bolt import App

from bot.participants.privacy import PrivacyService
from handlers.commands import CommandCall, Commands
from handlers.grammar import MyData
from handlers.views import participants as view


def register(app: App, commands: Commands, privacy: PrivacyService) -> None:
    def my_data(_: MyData, call: CommandCall) -> str:
        privacy.send_my_data(call.acting.person, call.acting.now)
        return view.my_data_sent()

    commands.on(MyData, my_data)
