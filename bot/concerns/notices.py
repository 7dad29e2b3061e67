"""What the concerns feature tells people, as data: the team's alert, and the reporter's
confirmations. A concern's text is only ever in ConcernForTeam, posted to the team's private channel."""

from __future__ import annotations

from dataclasses import dataclass

from bot.concerns.rules import Concern
from bot.outbox import Notice
from bot.participants.rules import Participant
from bot.scheme import Stage


@dataclass(frozen=True)
class ConcernForTeam(Notice):
    """The alert in the team's private channel: the only place a concern's text is posted."""

    concern: Concern
    reporter: Participant | None
    pair_names: str | None
    stage: Stage | None
    recent_checkins: tuple[str, ...]  # e.g. "3 Feb: Not yet"
    escalated_to: str | None = None  # the lead's Slack id, when posted again unacknowledged


@dataclass(frozen=True)
class ConcernReceived(Notice):
    """To the reporter, in their DM only, once the team's channel has the concern."""

    concern_id: int
    contact: str
    respond_within_hours: float


@dataclass(frozen=True)
class ConcernAcknowledged(Notice):
    concern_id: int
    by: str


@dataclass(frozen=True)
class AutomaticNotice(Notice):
    """A lower-priority notice the bot raises by itself, marked as automatic."""

    key: str
    text: str


@dataclass(frozen=True)
class ConcernResolved(Notice):
    """To the team's channel: who resolved it (the note stays in the audit trail)."""

    concern_id: int
    by: str  # a Slack user id
