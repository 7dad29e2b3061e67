"""What a person can put right about participants, as data: an import file's problems (each
naming its line; the pairings file's are built on the same ImportProblem), a language or nation
not understood, an email no participant has. handlers/views/participants.py words them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.errors import UserError
from bot.participants.model import COLUMNS


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong with an import file, as data its feature's view words. `line` is the
    file's own line number; None for the file as a whole. Each problem is a subclass holding
    the facts its words need; any feature that imports a file (participants, pairs) uses it."""

    line: int | None


class ImportRejected(Exception):
    """The file has problems; nothing was imported. Each problem names its line."""

    def __init__(self, problems: Sequence[ImportProblem]) -> None:
        super().__init__(problems)
        self.problems = list(problems)


@dataclass(frozen=True)
class MissingColumns(ImportProblem):
    missing: tuple[str, ...]


@dataclass(frozen=True)
class UnknownColumns(ImportProblem):
    """Columns the importer does not read: refused, not dropped, so nothing typed is lost
    unseen (a misspelt slack_id would otherwise leave everyone unlinked)."""

    unknown: tuple[str, ...]
    known: tuple[str, ...] = COLUMNS


@dataclass(frozen=True)
class EmptyName(ImportProblem):
    """The row has no name."""


@dataclass(frozen=True)
class NotAnEmail(ImportProblem):
    email: str  # as written; empty when there was none


@dataclass(frozen=True)
class NotARole(ImportProblem):
    role: str  # as written; empty when there was none


@dataclass(frozen=True)
class NotANation(ImportProblem):
    nation: str  # as written


@dataclass(frozen=True)
class NotASlackId(ImportProblem):
    slack_id: str


@dataclass(frozen=True)
class EmailRepeated(ImportProblem):
    email: str
    first_line: int


@dataclass(frozen=True)
class NoParticipants(ImportProblem):
    """A header and nothing else."""


@dataclass(frozen=True)
class NoSuchSlackUser(ImportProblem):
    slack_id: str


@dataclass(frozen=True)
class EmailNotInWorkspace(ImportProblem):
    email: str


@dataclass(frozen=True)
class SlackUserRepeated(ImportProblem):
    slack_id: str
    first_line: int


@dataclass(frozen=True)
class SlackUserTaken(ImportProblem):
    """The Slack user is already another participant's (by email)."""

    slack_id: str
    owner_email: str


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


class NoSuchParticipant(UserError):
    """The operator named an email no participant has (or one already erased)."""

    def __init__(self, email: str):
        super().__init__(email)
        self.email = email
