"""Importing participants: every row of the file is checked against the file, the Slack
workspace and those already imported before anything is written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from bot.errors import NotAParticipant, UserError
from bot.participants.ports import Directory, ParticipantRepository
from bot.participants.rules import (
    EmailNotInWorkspace,
    ImportProblem,
    ImportRejected,
    NoSuchSlackUser,
    ParticipantRow,
    SlackUserRepeated,
    SlackUserTaken,
    language_named,
    language_of_locale,
    nation_named,
    parse_participants_csv,
)
from bot.ports import UnitOfWorkFactory
from bot.scheme import Nation
from bot.team import Team


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int


def import_participants(
    text: str, uow: UnitOfWorkFactory, directory: Directory, now: datetime
) -> ImportSummary:
    """Import or update participants by email. Every row is checked against the file, the
    workspace and those already imported before anything is written."""
    rows = parse_participants_csv(text)
    with uow() as work:
        known = work.participants.all()
    owner_of_id = {p.slack_user_id: p.email for p in known if p.slack_user_id}
    already = {p.email for p in known}
    problems: list[ImportProblem] = []
    resolved: list[ParticipantRow] = []
    zones: dict[str, str | None] = {}
    line_of_id: dict[str, int] = {}
    for row in rows:
        found = _resolve(row, directory)
        if isinstance(found, ImportProblem):
            problems.append(found)
            continue
        slack_id, zone = found
        if slack_id in line_of_id:
            problems.append(SlackUserRepeated(row.line, slack_id, line_of_id[slack_id]))
        elif owner_of_id.get(slack_id, row.email) != row.email:
            problems.append(SlackUserTaken(row.line, slack_id, owner_of_id[slack_id]))
        line_of_id.setdefault(slack_id, row.line)
        zones[row.email] = zone
        resolved.append(replace(row, slack_user_id=slack_id))
    if problems:
        raise ImportRejected(problems)
    # Slack's language for newcomers (one call each, rate-limited, so only for them); a choice
    # of their own always wins later.
    from_slack = {
        row.email: language_of_locale(directory.locale(row.slack_user_id))
        for row in resolved
        if row.slack_user_id and row.email not in already
    }
    asked_for = {email: language for email, language in from_slack.items() if language}
    with uow() as work:
        created, updated = work.participants.upsert(resolved, zones, now)
        for email, language in asked_for.items():  # only those Slack gave a language to
            person = work.participants.by_email(email)
            if person:
                work.participants.set_language(person.id, language, now)
        work.commit()
    return ImportSummary(created, updated)


def _resolve(row: ParticipantRow, directory: Directory) -> tuple[str, str | None] | ImportProblem:
    """(Slack id, zone), or what is wrong with the row."""
    if row.slack_user_id:
        zone = directory.time_zone(row.slack_user_id)
        if zone is False:
            return NoSuchSlackUser(row.line, row.slack_user_id)
        return row.slack_user_id, zone if isinstance(zone, str) else None
    found = directory.lookup_by_email(row.email)
    if found is None:
        return EmailNotInWorkspace(row.line, row.email)
    return found


class UnknownLanguage(UserError):
    """Not a language the bot writes in, as the person wrote it."""

    def __init__(self, said: str):
        super().__init__(said)
        self.said = said


class UnknownNation(UserError):
    """Not a nation of the UK, as the person wrote it."""

    def __init__(self, said: str):
        super().__init__(said)
        self.said = said


class ParticipantsService:
    """Who is on the scheme: the project team imports the participants file (the same
    all-or-nothing checks as the command line) and counts who is in it; each person says
    which nation's bank holidays they keep."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        directory: Directory,
        team: Team,
        on_change: Callable[[], None] = lambda: None,
    ):
        self._uow = uow
        self._directory = directory
        self._team = team
        self._on_change = on_change

    def import_file(self, actor: str, text: str, now: datetime) -> ImportSummary:
        self._team.require_member(actor)
        summary = import_participants(text, self._uow, self._directory, now)
        self._on_change()  # newcomers get the reminders already due
        return summary

    def set_nation(self, actor: str, said: str, now: datetime) -> Nation:
        """The person's own nation, as they name it; their nudges then keep to its bank
        holidays."""
        nation = nation_named(said)
        if nation is None:
            raise UnknownNation(said)
        self._keep_own(actor, lambda people, me: people.set_nation(me, nation, now))
        self._on_change()  # what is owed them moves to their own working days
        return nation

    def set_language(self, actor: str, said: str, now: datetime) -> str:
        """The language the person reads, as they name it (English or Welsh, in either)."""
        language = language_named(said)
        if language is None:
            raise UnknownLanguage(said)
        self._keep_own(actor, lambda people, me: people.set_language(me, language, now))
        return language

    def _keep_own(self, actor: str, keep: Callable[[ParticipantRepository, int], None]) -> None:
        """Stores something a person says about themselves; only someone on the scheme can."""
        with self._uow() as uow:
            person = uow.participants.by_slack_id(actor)
            if person is None:
                raise NotAParticipant()
            keep(uow.participants, person.id)
            uow.commit()

    def language_of(self, slack_user_id: str) -> str | None:
        """The language the person chose; None when they have not (or are not on the scheme)."""
        with self._uow() as uow:
            person = uow.participants.by_slack_id(slack_user_id)
        return person.language if person else None

    def nation_of(self, actor: str) -> Nation | None:
        """The nation the person keeps (None: the programme's default)."""
        with self._uow() as uow:
            person = uow.participants.by_slack_id(actor)
        if person is None:
            raise NotAParticipant()
        return person.nation

    def counts(self, actor: str) -> dict[str, int]:
        """How many mentors and mentees are on the scheme: erased people, who keep a row for
        the audit trail, have no Slack link and are not counted."""
        self._team.require_member(actor)
        with self._uow() as uow:
            people = [p for p in uow.participants.all() if p.slack_user_id]
        return {role: sum(1 for p in people if p.role == role) for role in ("mentor", "mentee")}
