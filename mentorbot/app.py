"""Builds everything from settings: database, services, the Bolt app and the scheduler.

This module and bot/cli.py are the only ones that wire across packages."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import Engine

import handlers.commands
import handlers.concerns
import handlers.errors
import handlers.evaluations
import handlers.events
import handlers.pairs
from bot.concerns.service import AlertsService
from bot.evaluations.inbox import InboxService
from bot.evaluations.service import EvaluationsService
from bot.events.service import EventsService
from bot.outbox import Deliveries
from bot.pairs.service import CheckInsService, PairingService
from bot.participants.privacy import PrivacyService
from bot.participants.rules import ImportSummary, import_participants
from bot.scheme import Programme, load_programme
from bot.team import Team
from bot.worktime import working_calendar
from handlers.slack.directory import SlackDirectory
from handlers.slack.messenger import SlackMessenger, quiet_slack_libraries, web_client
from mentorbot.services import Clock, Services
from mentorbot.settings import Settings
from scheduler.timeline import TimelineScheduler
from storage.database import make_engine, make_sessions, upgrade_schema
from storage.unit_of_work import SqlUnitOfWorkFactory


class ConfigurationError(Exception):
    """The bot must not start as configured; the message says how to fix it."""


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass
class Mentorbot:
    services: Services
    bolt: App
    client: WebClient
    scheduler: TimelineScheduler
    engine: Engine
    uow: SqlUnitOfWorkFactory
    listeners: ThreadPoolExecutor

    def import_pairs(self, csv_text: str) -> int:
        return self.services.pairing.import_pairs(csv_text, self.services.clock())

    def import_participants(self, csv_text: str) -> ImportSummary:
        summary = import_participants(
            csv_text, self.uow, SlackDirectory(self.client), self.services.clock()
        )
        self.scheduler.run_due()  # newcomers get the reminders already due
        return summary

    def check_alert_channel(self) -> None:
        """Refuses to run alerts into a channel others can read."""
        channel = self.services.team.channel
        try:
            private = SlackDirectory(self.client).is_private(channel)
        except SlackApiError as error:
            raise ConfigurationError(
                f"The project team's alert channel {channel} cannot be read ({error.response.get('error')}). "
                "Invite the bot to that private channel, or set ALERT_CHANNEL (or project_team.private_channel in the programme file)."
            ) from None
        if not private:
            raise ConfigurationError(
                f"The project team's alert channel {channel} is public: concerns would be seen by anyone in the workspace. "
                "Make it private in Slack, or set ALERT_CHANNEL (or project_team.private_channel) to a private channel."
            )

    def start_timeline(self, paused: bool = False) -> None:
        """Adopt the programme file's dates, then schedule (and catch up on) the moments."""
        self.services.events.apply_programme_file(self.services.clock())
        self.scheduler.start(paused=paused)

    def close(self) -> None:
        self.scheduler.shutdown()
        self.listeners.shutdown(wait=True)
        self.engine.dispose()


def build(
    settings: Settings, clock: Clock = system_clock, programme: Programme | None = None
) -> Mentorbot:
    """Raises ProgrammeError for a bad programme file, before anything else is touched."""
    programme = programme or load_programme(settings.mentorbot_programme)
    if not settings.slack_bot_token or not settings.slack_signing_secret:
        raise ValueError("SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET must both be set")
    engine = make_engine(settings.database_url)
    upgrade_schema(engine)
    uow = SqlUnitOfWorkFactory(make_sessions(engine))
    client = web_client(settings.slack_bot_token, settings.slack_api_url)
    directory = SlackDirectory(client)
    team = Team(programme, settings.alert_channel, directory.channel_members)
    deliveries = Deliveries(uow, SlackMessenger(client))
    calendar = working_calendar(programme)
    evaluations = EvaluationsService(programme, uow, deliveries, team, calendar)
    services = Services(
        programme=programme,
        team=team,
        events=EventsService(programme, uow, deliveries, team),
        pairing=PairingService(uow, deliveries, team),
        checkins=CheckInsService(programme, uow, deliveries, team),
        alerts=AlertsService(programme, uow, deliveries, team, calendar),
        evaluations=evaluations,
        inbox=InboxService(uow, evaluations, deliveries),
        privacy=PrivacyService(uow, deliveries),
        clock=clock,
    )
    scheduler = TimelineScheduler(services)
    services.events.on_timeline_change = scheduler.sync
    services.pairing.on_change = scheduler.sync
    services.checkins.on_change = scheduler.sync
    services.evaluations.on_change = scheduler.sync

    quiet_slack_libraries()
    # Bolt runs lazy listeners (DM answers, after the ack) here; close() shuts it down. Few
    # workers: the database takes one writer at a time, and acks need the interpreter too.
    listeners = ThreadPoolExecutor(max_workers=2, thread_name_prefix="bolt-lazy")
    bolt = App(
        listener_executor=listeners,
        signing_secret=settings.slack_signing_secret,
        client=client,
        # Listeners finish before the HTTP answer: they are short (one service call, one reply)
        # and fan-out runs on the scheduler's side, so this stays inside Slack's 3 seconds and a
        # failure is reported to the person instead of vanishing after the ack.
        process_before_response=True,
    )
    handlers.errors.register(bolt)
    handlers.commands.register(bolt, services)
    handlers.events.register(bolt, services)
    handlers.pairs.register(bolt, services)
    handlers.evaluations.register(bolt, services, inline=settings.inbox_inline)
    handlers.concerns.register(bolt, services)
    return Mentorbot(services, bolt, client, scheduler, engine, uow, listeners)
