"""Importing participants: every row of the file is checked against the file, the Slack
workspace and those already imported before anything is written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from bot.errors import NotAParticipant
from bot.participants.errors import (
    EmailNotInWorkspace,
    ImportProblem,
    ImportRejected,
    NoSuchSlackUser,
    SlackUserRepeated,
    SlackUserTaken,
    UnknownLanguage,
    UnknownNation,
)
from bot.participants.model import ParticipantRow
from bot.participants.ports import Directory, ParticipantRepository, SlackMember
from bot.participants.rules import (
    language_named,
    language_of_locale,
    nation_named,
    parse_participants_csv,
)
from bot.ports import UnitOfWork, UnitOfWorkFactory
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
    by_email = _members_by_email(rows, directory, already)
    found = _members_or_rejected(rows, directory, by_email, owner_of_id)
    resolved = [replace(row, slack_user_id=found[row.email].id) for row in rows]
    from_slack = _languages_from_slack(rows, found, directory, already)
    with uow() as work:
        zones = {email: member.tz for email, member in found.items()}
        created, updated = work.participants.upsert(resolved, zones, now)
        _keep_languages(work, found, from_slack, now)
        work.commit()
    return ImportSummary(created, updated)


def _keep_languages(
    work: UnitOfWork, found: dict[str, SlackMember], from_slack: dict[str, str], now: datetime
) -> None:
    """Each imported person's language: Slack's for a newcomer, but a choice they made before
    joining wins, and moves to their row here, so that each person's language is kept in one
    place and read with one query a message."""
    email_of = {member.id: email for email, member in found.items()}
    own = {
        email_of[slack_id]: chosen
        for slack_id, chosen in work.reader_languages.take(email_of).items()
    }
    for email, language in (from_slack | own).items():
        person = work.participants.by_email(email)
        if person:
            work.participants.set_language(person.id, language, now)


def _members_by_email(
    rows: list[ParticipantRow], directory: Directory, already: set[str]
) -> dict[str, SlackMember]:
    """The members the file names by email alone, found together: the directory can then
    read them in one pass over the workspace instead of a call or two each."""
    emails = [row.email for row in rows if not row.slack_user_id]
    return directory.members_by_email(emails, [e for e in emails if e not in already])


def _members_or_rejected(
    rows: list[ParticipantRow],
    directory: Directory,
    by_email: dict[str, SlackMember],
    owner_of_id: dict[str, str],
) -> dict[str, SlackMember]:
    """Each row's Slack member by email; raises ImportRejected naming every bad row."""
    problems: list[ImportProblem] = []
    found: dict[str, SlackMember] = {}
    line_of_id: dict[str, int] = {}
    for row in rows:
        member = _resolve(row, directory, by_email)
        if isinstance(member, ImportProblem):
            problems.append(member)
            continue
        if member.id in line_of_id:
            problems.append(SlackUserRepeated(row.line, member.id, line_of_id[member.id]))
        elif owner_of_id.get(member.id, row.email) != row.email:
            problems.append(SlackUserTaken(row.line, member.id, owner_of_id[member.id]))
        line_of_id.setdefault(member.id, row.line)
        found[row.email] = member
    if problems:
        raise ImportRejected(problems)
    return found


def _resolve(
    row: ParticipantRow, directory: Directory, by_email: dict[str, SlackMember]
) -> SlackMember | ImportProblem:
    """The row's Slack member, or what is wrong with the row."""
    if row.slack_user_id:
        zone = directory.time_zone(row.slack_user_id)
        if zone is False:
            return NoSuchSlackUser(row.line, row.slack_user_id)
        return SlackMember(row.slack_user_id, zone if isinstance(zone, str) else None)
    return by_email.get(row.email) or EmailNotInWorkspace(row.line, row.email)


def _languages_from_slack(
    rows: list[ParticipantRow],
    found: dict[str, SlackMember],
    directory: Directory,
    already: set[str],
) -> dict[str, str]:
    """Slack's language for newcomers, where it names one the bot writes in; a choice of their
    own always wins later. Those found by email came with their locale; a row naming its Slack
    id costs a call, made only once the whole file is good."""
    languages: dict[str, str] = {}
    for row in rows:
        if row.email in already:
            continue
        member = found[row.email]
        locale = directory.locale(member.id) if row.slack_user_id else member.locale
        language = language_of_locale(locale)
        if language:
            languages[row.email] = language
    return languages


def language_read_by(work: UnitOfWork, slack_user_id: str) -> str | None:
    """The language a person chose to read (None: not chosen): a participant's on their row,
    anyone else's by Slack id. One query for a participant, who never has both."""
    person = work.participants.by_slack_id(slack_user_id)
    if person is not None:
        return person.language
    chosen = work.reader_languages.of(slack_user_id)
    if chosen is not None:
        return chosen
    # someone from an earlier cohort keeps the language they chose then
    earlier = work.participants.alumnus(slack_user_id)
    return earlier.language if earlier else None


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
        """The language the person reads, as they name it (English or Welsh, in either): anyone
        in the workspace can choose, a participant's kept on their row, anyone else's by Slack
        id until they join the scheme (see import_participants)."""
        language = language_named(said)
        if language is None:
            raise UnknownLanguage(said)
        with self._uow() as uow:
            person = uow.participants.by_slack_id(actor)
            if person is None:
                uow.reader_languages.choose(actor, language, now)
            else:
                uow.participants.set_language(person.id, language, now)
            uow.commit()
        return language

    def _keep_own(self, actor: str, keep: Callable[[ParticipantRepository, int], None]) -> None:
        """Stores something a person says about themselves; only someone on the scheme can."""
        with self._uow() as uow:
            person = uow.participants.by_slack_id(actor)
            if person is None:
                raise NotAParticipant()
            keep(uow.participants, person.id)
            uow.commit()

    def on_the_scheme(self, slack_user_id: str) -> bool:
        with self._uow() as uow:
            return uow.participants.by_slack_id(slack_user_id) is not None

    def language_of(self, slack_user_id: str) -> str | None:
        """The language the person chose, on the scheme or not; None when they have not."""
        with self._uow() as uow:
            return language_read_by(uow, slack_user_id)

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
