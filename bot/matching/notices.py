"""What the matching feature tells people: a mentee the steering group leaves unmatched this
time, told kindly in their DM and language that they are on the waiting list. The pairs it
approves are introduced by the pairs feature, as every pair is."""

from __future__ import annotations

from dataclasses import dataclass

from bot.applications.model import Application
from bot.notices import Notice
from bot.scheme import Programme


@dataclass(frozen=True)
class LeftUnmatched(Notice):
    """Once per application: no reason is given (it would speak of other people)."""

    kind = "match-unmatched"
    programme: Programme
    application: Application

    @property
    def subject(self) -> str:
        return str(self.application.id)
