"""Storage the participants feature needs, and Slack's user directory."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from bot.participants.model import Participant, ParticipantRow
from bot.scheme import Nation


class ParticipantRepository(Protocol):
    def all(self) -> list[Participant]: ...
    def alumni(self) -> list[Participant]:
        """Each person of an earlier cohort (not this one, not erased), as their latest
        enrolment: their last role, language and Slack id."""

    def alumnus(self, slack_user_id: str) -> Participant | None:
        """Their latest enrolment in an earlier cohort, if any (one of `alumni`)."""

    def get(self, participant_id: int) -> Participant | None: ...
    def by_slack_id(self, slack_user_id: str) -> Participant | None: ...
    def by_email(self, email: str) -> Participant | None: ...
    def pause(self, participant_id: int, until: date | None) -> None: ...
    def set_nation(self, participant_id: int, nation: Nation, now: datetime) -> None: ...
    def set_language(self, participant_id: int, language: str, now: datetime) -> None: ...
    def upsert(
        self, rows: Iterable[ParticipantRow], tz_by_email: dict[str, str | None], now: datetime
    ) -> tuple[int, int]: ...


class ReaderLanguageRepository(Protocol):
    """The language each person not on the scheme chose to read, by Slack id (the project team,
    the approver, anyone in the workspace); a participant's is kept on their own row."""

    def of(self, slack_user_id: str) -> str | None: ...
    def choose(self, slack_user_id: str, language: str, now: datetime) -> None: ...
    def take(self, slack_user_ids: Collection[str]) -> dict[str, str]:
        """The choices of those among `slack_user_ids` who made one, removed from here: they
        are joining the scheme, and keep them on their participant row from now on."""


class ErasureRepository(Protocol):
    def erase_participant(self, participant_id: int, now: datetime) -> None: ...


@dataclass(frozen=True)
class SlackMember:
    """A workspace member as the import needs them: who, their zone, the language they read
    Slack in ("en-GB"; None where Slack gives none, or it was not asked for)."""

    id: str
    tz: str | None
    locale: str | None = None


class Directory(Protocol):
    """Slack's user directory, for resolving import rows to Slack users."""

    def members_by_email(
        self, emails: Collection[str], newcomers: Collection[str]
    ) -> dict[str, SlackMember]:
        """The member with each of `emails` (lower case) that the workspace has, with their
        zone; with their locale too for the `newcomers` among them."""

    def time_zone(self, slack_user_id: str) -> str | None | bool:
        """The user's zone; False when the id is not a member of the workspace."""

    def locale(self, slack_user_id: str) -> str | None:
        """The language the user reads Slack in ("en-GB"), where Slack gives one."""

    def channel_members(self, channel: str) -> set[str]:
        """Who is in a channel (the project team's)."""

    def is_private(self, channel: str) -> bool:
        """Whether a channel is private; raises if the bot cannot see it."""
