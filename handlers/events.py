"""Events: the "I'll be there" / "I can't make it" buttons on reminders, and the commands
`/mentoring events`, `next`, `event date`, `team who` and `team events`."""

from __future__ import annotations

import re

from slack_bolt import Ack, App, BoltContext, Respond

from bot.events.service import Answer, EventsService
from bot.scheme import Slug
from handlers.commands import CommandCall, Commands
from handlers.grammar import SetEventDate, ShowEvents, ShowNext, TeamEvents, WhoIsComing
from handlers.middleware import Payload, acting, parse
from handlers.views import events as view


class RsvpPressed(Payload):
    action_id: str
    value: Slug  # the event's id


def register(app: App, commands: Commands, events: EventsService) -> None:
    _register_replies(app, events)
    _register_commands(commands, events)


def _register_replies(app: App, events: EventsService) -> None:
    @app.action(re.compile(f"^({view.RSVP_YES}|{view.RSVP_NO})$"))
    def reply(ack: Ack, action: dict, respond: Respond, context: BoltContext) -> None:
        ack()
        pressed, me = parse(RsvpPressed, action), acting(context)
        answer: Answer = "yes" if pressed.action_id == view.RSVP_YES else "no"
        mine = events.reply(me.person, pressed.value, answer, me.now)
        respond(
            text=view.rsvp_confirmation(mine, events.programme),
            replace_original=False,
            response_type="ephemeral",
        )


def _register_commands(commands: Commands, events: EventsService) -> None:
    programme = events.programme

    def show_events(_: ShowEvents, call: CommandCall) -> str:
        mine = events.my_events(call.acting.person, call.acting.now)
        return view.my_events_message(mine.events, programme, mine.tz)

    def show_next(_: ShowNext, call: CommandCall) -> str:
        mine = events.my_events(call.acting.person, call.acting.now)
        return view.next_event_message(mine.events, programme, mine.tz)

    def set_date(command: SetEventDate, call: CommandCall) -> str:
        dated = events.set_date(
            call.acting.person,
            command.event_id,
            command.day,
            command.start,
            command.end,
            call.acting.now,
        )
        return view.date_set_message(dated.event, dated.schedule, programme)

    def who_is_coming(command: WhoIsComing, call: CommandCall) -> str:
        attendance = events.attendance(call.acting.person, command.event_id)
        return view.attendance_message(attendance, programme)

    def team_events(_: TeamEvents, call: CommandCall) -> str:
        return view.team_events_message(events.all_attendance(call.acting.person), programme)

    commands.on(ShowEvents, show_events)
    commands.on(ShowNext, show_next)
    commands.on(SetEventDate, set_date)
    commands.on(WhoIsComing, who_is_coming)
    commands.on(TeamEvents, team_events)
