"""Participants: `/mentoring my-data`, a copy of everything the bot holds about the person, in
their own DM; `/mentoring nation`, whose bank holidays they keep."""

from __future__ import annotations

from slack_bolt import App

from bot.participants.privacy import PrivacyService
from bot.participants.service import ParticipantsService
from bot.scheme import Nation
from handlers.commands import CommandCall, Commands
from handlers.grammar import MyData, SetLanguage, SetNation
from handlers.i18n import in_language
from handlers.views import participants as view


def register(
    app: App,
    commands: Commands,
    privacy: PrivacyService,
    participants: ParticipantsService,
    default_nation: Nation,
) -> None:
    def my_data(_: MyData, call: CommandCall) -> str:
        privacy.send_my_data(call.acting.person, call.acting.now)
        return view.my_data_sent()

    def nation(command: SetNation, call: CommandCall) -> str:
        me = call.acting
        if command.named is None:
            return view.nation_now(participants.nation_of(me.person), default_nation)
        return view.nation_set(participants.set_nation(me.person, command.named, me.now))

    def language(command: SetLanguage, call: CommandCall) -> str:
        me = call.acting
        if command.named is None:
            return view.language_now()
        chosen = participants.set_language(me.person, command.named, me.now)
        with in_language(chosen):  # the answer is the first thing said in it
            return view.language_set()

    commands.on(MyData, my_data)
    commands.on(SetLanguage, language)
    commands.on(SetNation, nation)
