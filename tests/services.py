"""The world of a service test: every use case over the real storage on SQLite in memory, the
shipped programme, and a messenger that records what it was asked to send.

No HTTP, no Bolt, no scheduler: a use case is called with a literal `now`, and the test asserts on
its outcome, on what is stored and on who was told what. The database is migrated once per run
and copied for each test, so each test starts from an empty, fully migrated database in a
millisecond rather than a tenth of a second."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine

from bot.concerns.service import ConcernsService
from bot.evaluations.inbox import InboxService
from bot.evaluations.service import EvaluationsService
from bot.events.feeds import file_key
from bot.events.service import EventsService
from bot.notices import DeliveryFailed, FileNotice, Notice
from bot.pairs.checkins import CheckInsService
from bot.pairs.model import Pair
from bot.pairs.service import PairingService
from bot.participants.model import Participant
from bot.participants.ports import SlackMember
from bot.participants.privacy import PrivacyService
from bot.participants.service import ImportSummary, import_participants
from bot.programme_file import load_programme
from bot.requests.service import RequestsService
from bot.scheme import SHIPPED_PROGRAMME, Programme
from bot.team import Team
from bot.worktime import working_calendar
from handlers.slack.sender import Sender
from storage.database import (
    MIGRATIONS,
    make_engine,
    make_sessions,
    tables_rebuildable,
    upgrade_schema,
)
from storage.unit_of_work import SqlUnitOfWorkFactory
from tests.cast import (  # noqa: F401  (service tests take the cast from here)
    COHORT_CSV,
    COHORT_PEOPLE,
    FIONA,
    GRACE,
    JAMIE,
    OLIVER,
    OUTSIDER,
    SUNITA,
    TEAM_CHANNEL,
    TEAM_LEAD,
    TEAM_MEMBER,
)

# Before the shipped programme's first reminder: its dates are adopted and the cohort imported.
START = datetime(2025, 10, 1, 8, tzinfo=UTC)

# The workspace's members by email: (Slack id, time zone). Here the whole cohort, Jamie too, works
# in London, so a service test reasons about one zone (the scenarios put Jamie in New York).
WORKSPACE: dict[str, tuple[str, str | None]] = {
    **{p.email: (p.slack_id, "Europe/London") for p in COHORT_PEOPLE},
    "fiona.macleod@example.scot.nhs.uk": (FIONA, "Europe/London"),
    "pat.outsider@example.org": (OUTSIDER, None),
}

N = TypeVar("N", bound=Notice)

# The deployment's secret its event files' addresses are keyed from (the signing secret).
SERVER_SECRET = "a server secret"


@dataclass(frozen=True)
class Sent:
    to: str
    notice: Notice
    key: str


class RecordingMessenger:
    """The Messenger port, faked: keeps (to, notice, key) of each send. While `failing`, Slack
    takes nothing (DeliveryFailed); while `losing_answers`, it takes the message but the answer
    is lost (DeliveryFailed after keeping it), as when a connection drops mid-call."""

    def __init__(self) -> None:
        self.sent: list[Sent] = []
        self.failing = False
        self.losing_answers = False

    def send(self, to: str, notice: Notice, key: str) -> None:
        if self.failing:
            raise DeliveryFailed("Slack is down (told to fail)")
        self.sent.append(Sent(to, notice, key))
        if self.losing_answers:
            raise DeliveryFailed("the answer was lost (told to lose it)")

    def share(self, notice: FileNotice, recipients: Sequence[str]) -> None:
        """One file to many: kept once per recipient (Slack shares it by file, not by key)."""
        if self.failing:
            raise DeliveryFailed("Slack is down (told to fail)")
        self.sent += [Sent(to, notice, "") for to in recipients]
        if self.losing_answers:
            raise DeliveryFailed("the answer was lost (told to lose it)")

    def was_sent(self, to: str, notice: Notice, key: str, since: datetime) -> bool:
        """As Slack's history shows it: a message by its key, a file by itself."""
        return any(
            s.to == to and (s.key == key or (isinstance(notice, FileNotice) and s.notice == notice))
            for s in self.sent
        )

    def to(self, recipient: str) -> list[Notice]:
        """What one user's DM, a pair's group DM or a channel was sent, in order."""
        return [s.notice for s in self.sent if s.to == recipient]

    def of(self, kind: type[N]) -> list[tuple[str, N]]:
        """(recipient, notice) of every notice of one kind, in order."""
        return [(s.to, s.notice) for s in self.sent if isinstance(s.notice, kind)]


class WorkspaceDirectory:
    """The Directory port, faked: the workspace's members by email, with their zones."""

    def __init__(
        self, members: dict[str, tuple[str, str | None]], locales: dict[str, str] | None = None
    ):
        self._members = members
        self.locales = locales or {}  # by Slack id; Slack gives none for the others

    def members_by_email(
        self, emails: Collection[str], newcomers: Collection[str]
    ) -> dict[str, SlackMember]:
        found = {e: SlackMember(*self._members[e]) for e in emails if e in self._members}
        return {
            e: replace(m, locale=self.locales.get(m.id)) if e in newcomers else m
            for e, m in found.items()
        }

    def time_zone(self, slack_user_id: str) -> str | None | bool:
        zones: dict[str, str | bool | None] = dict(self._members.values())
        return zones.get(slack_user_id, False)

    def locale(self, slack_user_id: str) -> str | None:
        return self.locales.get(slack_user_id)

    def channel_members(self, channel: str) -> set[str]:
        return set()

    def is_private(self, channel: str) -> bool:
        return True


class Changes:
    """An `on_change` callback that counts: a use case that changed someone's moments tells the
    clock to reschedule, and a test can see that it did."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> None:
        self.count += 1


@dataclass
class Scheme:
    """The services as mentorbot/app.py builds them, over one in-memory database."""

    programme: Programme
    uow: SqlUnitOfWorkFactory
    messenger: RecordingMessenger
    deliveries: Sender
    changes: Changes
    directory: WorkspaceDirectory
    team: Team
    events: EventsService
    pairing: PairingService
    checkins: CheckInsService
    concerns: ConcernsService
    requests: RequestsService
    evaluations: EvaluationsService
    inbox: InboxService
    privacy: PrivacyService

    def import_people(self, csv_text: str, now: datetime) -> ImportSummary:
        return import_participants(csv_text, self.uow, self.directory, now)

    def add_pair(self, mentor: str, mentee: str, now: datetime) -> Pair:
        """Pairs two participants (by Slack id) as the steering group's file does."""
        rows = f"mentor_email,mentee_email\n{email_of(mentor)},{email_of(mentee)}\n"
        self.pairing.import_pairs(rows, now)
        return self.pair_of(mentor)

    def start_pair(self, mentor: str, mentee: str, paired: datetime, accepted: datetime) -> Pair:
        """A pair both have accepted: active, in the Preparing stage, from `accepted`."""
        pair = self.add_pair(mentor, mentee, paired)
        self.pairing.accept(mentor, pair.id, accepted)
        return self.pairing.accept(mentee, pair.id, accepted)

    def person(self, slack_user_id: str) -> Participant:
        with self.uow() as uow:
            found = uow.participants.by_slack_id(slack_user_id)
        assert found is not None, f"{slack_user_id} is not a participant"
        return found

    def pair_of(self, slack_user_id: str) -> Pair:
        person = self.person(slack_user_id)
        with self.uow() as uow:
            pairs = uow.pairs.current_of(person.id)
        assert len(pairs) == 1, f"{slack_user_id} is in {len(pairs)} pairs, not one"
        return pairs[0]


def email_of(slack_user_id: str) -> str:
    return next(email for email, (sid, _) in WORKSPACE.items() if sid == slack_user_id)


@functools.cache
def shipped_programme() -> Programme:
    return load_programme(SHIPPED_PROGRAMME)


@functools.cache
def _migrated() -> Engine:
    """Every migration applied once per run; tests get copies (see fresh_database)."""
    engine = make_engine("sqlite://")
    upgrade_schema(engine)
    return engine


def fresh_database() -> Engine:
    """An in-memory database with every migration applied, copied from the migrated one with
    SQLite's backup (make_engine keeps one connection, so the copy lives as long as the engine)."""
    engine = make_engine("sqlite://")
    source, target = _migrated().raw_connection(), engine.raw_connection()
    try:
        source.driver_connection.backup(target.driver_connection)  # type: ignore[union-attr]
    finally:
        source.close()
        target.close()
    return engine


def migrated_file(path: str) -> None:
    """A SQLite file at `path` holding a copy of the migrated database (as fresh_database), so a
    bot built on it finds no migration left to run."""
    target = sqlite3.connect(path)
    source = _migrated().raw_connection()
    try:
        source.driver_connection.backup(target)  # type: ignore[union-attr]
    finally:
        source.close()
        target.close()


def build_scheme(uow: SqlUnitOfWorkFactory) -> Scheme:
    """Each service once, as mentorbot/app.py's `_services` builds them, with one recorder for
    every `on_change` in place of the clock's reschedule."""
    programme = shipped_programme()
    messenger, changes = RecordingMessenger(), Changes()
    deliveries = Sender(uow, messenger)
    team = Team(programme)
    calendar = working_calendar(programme)
    evaluations = EvaluationsService(programme, uow, deliveries, team, calendar, changes)
    return Scheme(
        programme=programme,
        uow=uow,
        messenger=messenger,
        deliveries=deliveries,
        changes=changes,
        directory=WorkspaceDirectory(WORKSPACE),
        team=team,
        events=EventsService(
            programme, uow, deliveries, team, changes, file_key=file_key(SERVER_SECRET)
        ),
        pairing=PairingService(uow, deliveries, team, changes),
        checkins=CheckInsService(programme, uow, deliveries, team, changes),
        concerns=ConcernsService(programme, uow, deliveries, team, calendar),
        requests=RequestsService(programme, uow, deliveries, team),
        evaluations=evaluations,
        inbox=InboxService(uow, evaluations, deliveries),
        privacy=PrivacyService(programme, uow, deliveries, team),
    )


@contextmanager
def scheme_with_cohort() -> Iterator[Scheme]:
    """The shipped programme's dates adopted and the cohort (two mentors, two mentees, nobody
    paired) imported at START; nothing sent, and the clock not yet told of anything."""
    engine = fresh_database()
    try:
        scheme = build_scheme(SqlUnitOfWorkFactory(make_sessions(engine)))
        scheme.events.apply_programme_file(START)
        scheme.import_people(COHORT_CSV, START)
        yield scheme
    finally:
        engine.dispose()


@contextmanager
def migrating(engine: Engine, direction: str, revision: str) -> Iterator[Connection]:
    """Migrates up or down (`direction`: "upgrade", "downgrade") to `revision` as
    storage.database.upgrade_schema does (`tables_rebuildable`), and gives the connection, still
    in the migration's transaction, to put rows in as stored then."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.connect() as connection, tables_rebuildable(connection), connection.begin():
        config.attributes["connection"] = connection
        getattr(command, direction)(config, revision)
        yield connection
