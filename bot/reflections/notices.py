"""What the reflections feature tells people, as data, each to one person's own DM: the
invitation to reflect at the close, and the offer of a short reflection after a meeting they
logged. Neither holds anything anyone wrote."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from bot.notices import Notice


@dataclass(frozen=True)
class ClosureInvitation(Notice):
    """An invitation to reflect at the close; its button opens the form for pair `pair_id`. The
    mentee's also asks them to score each goal's confidence again; a mentor with several
    mentees is told which pairing (`partner`)."""

    pair_id: int
    mentee: bool
    partner: str | None = None

    kind: ClassVar[str] = "reflection-closure"

    @property
    def subject(self) -> str:
        return str(self.pair_id)


@dataclass(frozen=True)
class MeetingReflectionOffer(Notice):
    """To whoever logged a meeting: a short reflection on it, if they would like."""

    meeting_id: int
    met_on: date

    kind: ClassVar[str] = "reflection-meeting"

    @property
    def subject(self) -> str:
        return str(self.meeting_id)
