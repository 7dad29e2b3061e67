"""`/mentoring`: parse the text, call one service, answer privately to the person who asked."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.pairs.rules import STAGE_NAMES
from handlers.grammar import (
    TEAM_USAGE,
    USAGE,
    EditAgreement,
    Help,
    LogMeeting,
    MoveStage,
    MyData,
    Pause,
    RaiseConcern,
    SetEventDate,
    ShowEvents,
    ShowNext,
    ShowPair,
    TeamAlerts,
    TeamChart,
    TeamEvaluations,
    TeamEvents,
    TeamExport,
    TeamPair,
    TeamPairs,
    TeamPause,
    TeamUnpair,
    WhoIsComing,
    parse_command,
)
from handlers.pairs import open_agreement
from handlers.views import concerns as alerts_view
from handlers.views import evaluations as evaluations_view
from handlers.views import events as events_view
from handlers.views import pairs as pairs_view
from mentorbot.services import Services


def register(app: App, services: Services) -> None:
    @app.command("/mentoring")
    def mentoring(ack: Ack, command: dict, respond: Respond, client: WebClient) -> None:
        ack()
        user, text = command["user_id"], command.get("text", "")
        match parse_command(text):
            case EditAgreement():
                open_agreement(client, services, user, command["trigger_id"])
            case RaiseConcern():
                client.views_open(
                    trigger_id=command["trigger_id"], view=alerts_view.concern_modal("command")
                )
            case parsed:
                respond(text=answer(services, user, parsed), response_type="ephemeral")


def answer(services: Services, user_id: str, command: object) -> str:
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
            return events_view.my_events_message(mine.events, programme, mine.tz)
        case ShowNext():
            mine = services.events.my_events(user_id, now)
            return events_view.next_event_message(mine.events, programme, mine.tz)
        case SetEventDate(event_id, day, start, end):
            schedule = services.events.set_date(user_id, event_id, day, start, end, now)
            event = programme.event(schedule.event_id)
            assert event is not None
            return events_view.date_set_message(event, schedule, programme)
        case WhoIsComing(event_id):
            return events_view.attendance_message(
                services.events.attendance(user_id, event_id), programme
            )
        case ShowPair():
            return pairs_view.my_pair_message(services.pairing.my_pair(user_id), now)
        case MoveStage(stage):
            pair = services.pairing.move_stage(user_id, stage, now)
            return f"Done: your pair has moved from {STAGE_NAMES[pair.stage]}. I've told you both in your group message."
        case LogMeeting(met_on, minutes, topics):
            meeting = services.checkins.log_meeting(user_id, met_on, minutes, topics, now)
            return pairs_view.meeting_logged(meeting.met_on, meeting.minutes)
        case Pause(until):
            services.pairing.pause(user_id, until, now)
            if until is None:
                return "Welcome back: your pair's check-ins have resumed."
            return f"Enjoy your time away. Your pair's check-ins are paused until {until:%A} {until.day} {until:%B %Y}."
        case TeamPairs():
            return pairs_view.team_pairs_message(services.checkins.team_overview(user_id, now))
        case TeamPair(mentor, mentee):
            services.pairing.pair(user_id, mentor, mentee, now)
            return f"Done: <@{mentor}> and <@{mentee}> are paired. I've introduced them and asked them both to accept."
        case MyData():
            services.privacy.send_my_data(user_id, now)
            return "I've put a file in our direct messages with everything I hold about you."
        case TeamPause(member, until):
            services.pairing.pause_pair(user_id, member, until, now)
            return f"Done: <@{member}>'s pair " + (
                f"has no check-ins until {until:%d %B %Y}." if until else "has its check-ins back."
            )
        case TeamAlerts():
            return alerts_view.alerts_message(services.alerts.open_alerts(user_id), now)
        case TeamEvents():
            return events_view.team_events_message(
                services.events.all_attendance(user_id), programme
            )
        case TeamEvaluations():
            return evaluations_view.status_message(services.evaluations.status(user_id), now)
        case TeamExport(form_id, pseudonymous):
            services.evaluations.send_export(user_id, form_id, pseudonymous, now)
            return f"Done: the {form_id} answers are in the team channel as a CSV file."
        case TeamChart(form_id):
            services.evaluations.post_results(user_id, form_id, now)
            return f"Done: the {form_id} chart is in the team channel."
        case TeamUnpair(member, reason):
            ended = services.pairing.unpair(user_id, member, reason, now)
            return f"Done: the pairing of {ended[0].name} and {ended[1].name} has ended ({reason}). Each has been told, separately."
    raise AssertionError(f"unhandled command {command!r}")
