"""Storage the matching feature needs: the steering group's choices for each mentee of the
cohort, kept so that they survive a restart and every surface shows the same match."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

# What the group chose for a mentee: their pair approved, another mentor swapped in, or left
# unmatched (on the waiting list). "suggested" is no choice: the mentor the console showed when
# the group last acted, kept so that a suggestion they did not touch stays as they saw it.
ChoiceKind = Literal["suggested", "swapped", "approved", "unmatched"]


@dataclass(frozen=True)
class MenteeChoice:
    """One mentee's place in the group's match, by application (no name or email is kept
    here: an application's erasure takes its choices with it)."""

    mentee: int  # the mentee's application
    kind: ChoiceKind
    mentor: int | None  # the mentor's application; None: left unmatched, or none to suggest
    by: str | None  # the team member who chose (Slack id); None for a suggestion kept
    at: datetime


class MatchChoiceRepository(Protocol):
    def all(self) -> list[MenteeChoice]:
        """The cohort's choices, one per mentee."""

    def keep(self, choices: Sequence[MenteeChoice]) -> None:
        """Each in place of any the mentee had."""
