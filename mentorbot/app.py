"""Builds everything from settings: database, services, the Bolt app and the scheduler (each
feature's listeners are registered by mentorbot/listeners.py)."""

from __future__ import annotations

import contextvars
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.applications.service import ApplicationsService
from bot.certificates.service import CertificatesService, certificate_key
from bot.cohorts.service import CohortsService, RetentionService
from bot.concerns.service import ConcernsService
from bot.cpd.service import CpdService
from bot.evaluations.inbox import InboxService
from bot.evaluations.service import EvaluationsService
from bot.events.feeds import file_key
from bot.events.service import EventsService
from bot.goals.service import GoalsService
from bot.matching.service import MatchingService
from bot.notice_json import NoticeCodec
from bot.outcomes.service import OutcomesService
from bot.pairs.checkins import CheckInsService
from bot.pairs.service import PairingService
from bot.participants.privacy import PrivacyService
from bot.participants.service import (
    ImportSummary,
    ParticipantsService,
    import_participants,
    language_read_by,
)
from bot.pulse.service import PulseService
from bot.reflections.service import ReflectionsService
from bot.requests.service import RequestsService
from bot.scheme import Programme
from bot.team import Team
from bot.worktime import working_calendar
from handlers.slack.directory import SlackDirectory
from handlers.slack.http import mount
from handlers.slack.limits import RateLimits
from handlers.slack.messenger import SlackMessenger, quiet_slack_libraries, web_client
from handlers.slack.sender import Sender, StoredChannels
from handlers.slack.web import SlackWeb
from mentorbot.cohorts_live import LiveCohorts, load_programmes
from mentorbot.health import Readiness, health_routes
from mentorbot.listeners import register_listeners
from mentorbot.services import Services
from mentorbot.settings import Settings
from scheduler.clock import Clock, until_it_works
from storage.clock import Leadership, beat
from storage.database import make_engine, make_sessions, upgrade_schema, wait_for_database
from storage.pairs import states_read_once
from storage.unit_of_work import SqlUnitOfWorkFactory

INBOX_EVERY = timedelta(seconds=2)
# The active clock says it is alive this often; /readyz calls a clock gone after two minutes.
HEARTBEAT_EVERY = timedelta(seconds=30)
# A standby clock asks this often whether the active one is gone: it takes over within this and
# its own start.
STANDBY_ASKS_EVERY = 5.0

log = logging.getLogger(__name__)
LISTENER_WORKERS = 2


class ConfigurationError(Exception):
    """The bot must not start as configured; the message says how to fix it."""


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass
class Mentorbot:
    services: Services  # the current cohort's (the newest live one)
    bolt: App
    client: WebClient
    scheduler: Clock
    engine: Engine
    uow: SqlUnitOfWorkFactory
    listeners: ThreadPoolExecutor
    web: SlackWeb
    leadership: Leadership
    cohorts: LiveCohorts  # each live cohort's services

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

    def start_timeline(self, paused: bool = False, stop: threading.Event | None = None) -> None:
        """Adopt the programme file's dates, then schedule (and catch up on) the moments. With
        `stop`, a database that fails is waited for (until `stop` is set) rather than fatal."""

        def adopt() -> None:
            for services in self.cohorts.services.values():
                services.events.apply_programme_file(self.services.clock())

        if stop is None:
            adopt()
        elif not until_it_works(adopt, stop, "applying the programme file"):
            return
        self.scheduler.start(paused=paused)

    def run_clock(self, stop: threading.Event) -> None:
        """The clock process: standing by while another clock is the active one, then the
        timeline, and a heartbeat that /readyz reads and that checks this is still the active
        clock. Returns at once; `stop` ends it."""
        if not self._lead(stop):
            return
        self.scheduler.every("heartbeat", HEARTBEAT_EVERY, lambda: self._beat(stop))
        self.start_timeline(stop=stop)

    def _lead(self, stop: threading.Event) -> bool:
        """True once this is the active clock; False if told to stop first. A clock that finds
        another active stands by, asking again every few seconds: the lock goes with the process
        that held it, even one killed outright."""
        said = False
        while not stop.is_set():
            try:
                if self.leadership.take():
                    log.info("this is the active clock")
                    return True
            except SQLAlchemyError as error:
                log.warning("cannot ask to be the active clock yet (%s)", type(error).__name__)
            if not said:
                log.info("another clock is active: standing by to take over")
                said = True
            stop.wait(STANDBY_ASKS_EVERY)
        return False

    def _beat(self, stop: threading.Event) -> None:
        if not self.leadership.held() and not self.leadership.take():
            log.warning("another clock has become the active one: this one stops")
            stop.set()
            return
        with Session(self.engine) as session:
            beat(session, self.services.clock())
            session.commit()

    def wait_for_listeners(self, timeout: float = 10) -> None:
        """Returns once the work Bolt does after its acks has finished (the demo and tests
        look at what it sent): one barrier task per worker can only all run when nothing else
        does."""
        barrier = threading.Barrier(LISTENER_WORKERS)
        waits = [self.listeners.submit(barrier.wait, timeout) for _ in range(LISTENER_WORKERS)]
        for wait in waits:
            wait.result(timeout=timeout)

    def close(self) -> None:
        self.services.outbox.stop()  # a fan-out under way stops at its next message
        self.scheduler.shutdown()
        self.listeners.shutdown(wait=True)
        self.web.close()
        self.leadership.release()
        self.engine.dispose()


T = TypeVar("T")


class ContextKeepingExecutor(ThreadPoolExecutor):
    """Runs Bolt's work after the ack in the context of the request it came from, so the
    language the middleware chose for the person holds there too."""

    def submit(self, fn: Callable[..., T], /, *args: object, **kwargs: object) -> Future[T]:
        context = contextvars.copy_context()
        return super().submit(lambda: context.run(fn, *args, **kwargs))


def languages_in(uow: SqlUnitOfWorkFactory) -> Callable[[str], str | None]:
    """The language each person has chosen to read, by Slack id, on the scheme or not."""

    def language_of(slack_user_id: str) -> str | None:
        with uow() as work:
            return language_read_by(work, slack_user_id)

    return language_of


def build(
    settings: Settings,
    clock: Callable[[], datetime] = system_clock,
    programme: Programme | None = None,
    database_attempts: int | None = 30,
) -> Mentorbot:
    """Raises ProgrammeError for a bad programme file (or two of one cohort), before anything
    else is touched. `programme`: that cohort alone (a command about an earlier cohort); by
    default every live cohort MENTORBOT_PROGRAMME names (mentorbot/cohorts_live.py).
    `database_attempts`: how often to try a database server that does not answer yet (None:
    until it does, for a process that has nothing better to do)."""
    programmes = [programme] if programme else load_programmes(settings.programme_places)
    programme = programmes[0]  # the current cohort: its team, its channel
    if not settings.slack_bot_token or not settings.slack_signing_secret:
        raise ValueError("SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET must both be set")
    engine = make_engine(settings.database_url)
    # A server may still be starting beside us; an embedded SQLite file either opens or never will.
    wait_for_database(engine, attempts=1 if engine.dialect.name == "sqlite" else database_attempts)
    upgrade_schema(engine)
    uow = SqlUnitOfWorkFactory(make_sessions(engine), _codec(programmes), programme.cohort)
    client = web_client(settings.slack_bot_token, settings.slack_api_url)
    directory = SlackDirectory(client)
    team = Team(programme, settings.alert_channel, directory.channel_members)
    scheduler = Clock(clock, reading=states_read_once)
    web = SlackWeb(settings.slack_bot_token, settings.slack_api_url)
    limits = RateLimits(enabled=settings.slack_rate_limits)
    messenger = SlackMessenger(web, StoredChannels(uow), limits, languages=languages_in(uow))
    deliveries = Sender(uow, messenger, senders=settings.outbox_senders)
    units = {p.cohort: uow.for_cohort(p.cohort) for p in programmes}
    live = LiveCohorts(
        {
            p.cohort: _services(
                p, units[p.cohort], deliveries, team, scheduler, settings, directory
            )
            for p in programmes
        },
        units,
    )
    live = _one_inbox(live, uow, deliveries)
    for each in live.services.values():
        each.retention.register()  # its keep-until is known after its programme file is gone
    services = live.services[live.current]
    _keep_on_the_clock(scheduler, live)
    quiet_slack_libraries()
    # Bolt runs lazy listeners (DM answers and concerns, after the ack) here; close() shuts it
    # down. Few workers: the database takes one writer at a time, and acks need the interpreter.
    listeners = ContextKeepingExecutor(LISTENER_WORKERS, thread_name_prefix="bolt-lazy")
    bolt = App(
        listener_executor=listeners,
        signing_secret=settings.slack_signing_secret,
        client=client,
        # Listeners finish before the HTTP answer: they are short (one service call, one reply)
        # and fan-out runs on the scheduler's side, so this stays inside Slack's 3 seconds and a
        # failure is reported to the person instead of vanishing after the ack.
        process_before_response=True,
    )
    register_listeners(bolt, live, settings.inbox_inline)
    readiness = Readiness(engine, client, scheduler.now)
    for path, route in health_routes(readiness).items():
        mount(bolt, path, route)
    leadership = Leadership(engine)
    return Mentorbot(
        services, bolt, client, scheduler, engine, uow, listeners, web, leadership, live
    )


def _codec(programmes: list[Programme]) -> NoticeCodec:
    """Notices kept by any live cohort, read back by whichever process sends them."""
    if len(programmes) == 1:
        return NoticeCodec(programmes[0])
    return NoticeCodec(programmes[0], cohorts={p.cohort: p for p in programmes})


def _one_inbox(live: LiveCohorts, uow: SqlUnitOfWorkFactory, deliveries: Sender) -> LiveCohorts:
    """DMs are kept in one inbox, whoever writes them, and drained one at a time (so each
    person's stay in order); each is answered by its writer's cohort."""
    if len(live.services) == 1:
        return live
    inbox = InboxService(uow, live.by_person(), deliveries)
    return live.with_services({c: replace(s, inbox=inbox) for c, s in live.services.items()})


def _services(
    programme: Programme,
    uow: SqlUnitOfWorkFactory,
    deliveries: Sender,
    team: Team,
    scheduler: Clock,
    settings: Settings,
    directory: SlackDirectory,
) -> Services:
    """Each use-case service once; a change to anyone's moments reschedules the clock. Event
    files' addresses and certificates' codes are keyed from the signing secret (each under a
    label of its own), so every process of the deployment writes and checks the same ones, and
    no one else can."""
    calendar = working_calendar(programme)
    changed = scheduler.changed
    evaluations = EvaluationsService(programme, uow, deliveries, team, calendar, changed)
    pairing = PairingService(uow, deliveries, team, changed)
    participants = ParticipantsService(uow, directory, team, changed)
    return Services(
        programme=programme,
        team=team,
        events=EventsService(
            programme,
            uow,
            deliveries,
            team,
            changed,
            settings.public_url,
            file_key(settings.slack_signing_secret or ""),
        ),
        pairing=pairing,
        checkins=CheckInsService(programme, uow, deliveries, team, changed),
        concerns=ConcernsService(programme, uow, deliveries, team, calendar),
        requests=RequestsService(programme, uow, deliveries, team),
        pulse=PulseService(programme, uow, deliveries, team, changed),
        evaluations=evaluations,
        inbox=InboxService(uow, evaluations, deliveries),
        privacy=PrivacyService(programme, uow, deliveries, team),
        participants=participants,
        applications=ApplicationsService(programme, uow, deliveries, team),
        matching=MatchingService(programme, uow, deliveries, team, participants, pairing),
        goals=GoalsService(uow, deliveries, team),
        cohorts=CohortsService(programme, uow, deliveries, team),
        retention=RetentionService(programme, uow, deliveries, team),
        outcomes=OutcomesService(programme, uow, deliveries, team, changed),
        certificates=CertificatesService(
            programme,
            uow,
            deliveries,
            team,
            certificate_key(settings.slack_signing_secret or ""),
            settings.public_url,
        ),
        cpd=CpdService(programme, uow, deliveries),
        reflections=ReflectionsService(programme, uow, deliveries, team),
        outbox=deliveries,
        clock=scheduler.now,
    )


def _keep_on_the_clock(scheduler: Clock, live: LiveCohorts) -> None:
    """The features the clock runs, in the order they run when due at the same moment: each
    live cohort's (the current's under the feature's name, an older one's as "events 2025-26"),
    then what is every cohort's at once."""
    for name, feature in (
        ("events", lambda s: s.events),
        ("pairs", lambda s: s.checkins),
        ("pulse", lambda s: s.pulse),  # the fit after a first meeting, then each pulse
        ("reflections", lambda s: s.reflections),  # at the close, and after a meeting
        ("evaluations", lambda s: s.evaluations),
        ("concerns", lambda s: s.concerns),
        ("applications", lambda s: s.applications),  # alumni asked as the window opens
    ):
        for cohort, each in live.services.items():
            scheduler.keep(live.clock_name(name, cohort), feature(each))
    services = live.services[live.current]
    scheduler.keep("retention", services.retention)  # every cohort's data, once kept enough
    scheduler.keep("outbox", services.outbox)  # whatever is still pending, whoever kept it
    # People's DMs, whichever web process kept them: a web process with INBOX_INLINE=false
    # leaves them all to this, one with it true may have died before working on them. Draining
    # what another process drains is harmless (marking a DM done is the claim).
    scheduler.every("inbox", INBOX_EVERY, lambda: services.inbox.drain(scheduler.now()))
