"""`/mentoring`: parse the text, call one service, answer privately to the person who asked."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond

from bot.commands import (
    TEAM_USAGE,
    USAGE,
    Help,
    SetEventDate,
    ShowEvents,
    ShowNext,
    WhoIsComing,
    parse_command,
)
from bot.services import Services
from handlers import events_view as view


def register(app: App, services: Services) -> None:
    @app.command("/mentoring")
    def mentoring(ack: Ack, command: dict, respond: Respond) -> None:
        ack()
        respond(
            text=answer(services, command["user_id"], command.get("text", "")),
            response_type="ephemeral",
        )


def answer(services: Services, user_id: str, text: str) -> str:
    command = parse_command(text)
    now = services.clock()
    programme = services.programme
    match command:
        case Help(team=True):
            services.team.require_member(user_id)
            return TEAM_USAGE
        case Help():
            return USAGE
        case ShowEvents():
            mine = services.events.my_events(user_id, now)
            return view.my_events_message(mine.events, programme, mine.tz)
        case ShowNext():
            mine = services.events.my_events(user_id, now)
            return view.next_event_message(mine.events, programme, mine.tz)
        case SetEventDate(event_id, day, start, end):
            schedule = services.events.set_date(user_id, event_id, day, start, end, now)
            event = programme.event(schedule.event_id)
            assert event is not None
            return view.date_set_message(event, schedule, programme)
        case WhoIsComing(event_id):
            return view.attendance_message(services.events.attendance(user_id, event_id), programme)
    raise AssertionError(f"unhandled command {command!r}")
