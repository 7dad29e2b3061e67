"""Storage the reflections feature needs: the reflections themselves, the invitations made
(so none is made twice), and what the rules read of pairs and meetings."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from bot.reflections.model import ClosureDraft, Due, LoggedMeeting, Reflection


class ReflectionRepository(Protocol):
    def all(self) -> list[Reflection]:
        """Every reflection of the cohort (for counts: never shown)."""

    def of(self, participant_id: int) -> list[Reflection]:
        """The person's own reflections, oldest first."""

    def closure(self, pair_id: int, participant_id: int) -> Reflection | None: ...
    def after_meeting(self, meeting_id: int, participant_id: int) -> Reflection | None: ...

    def save_closure(
        self, pair_id: int, participant_id: int, draft: ClosureDraft, now: datetime
    ) -> Reflection:
        """Keeps the closure reflection, or its new words (its first day stays)."""

    def save_meeting(
        self, meeting: LoggedMeeting, participant_id: int, text: str, now: datetime
    ) -> Reflection: ...

    def invited(self) -> set[str]:
        """The keys of every invitation made in the cohort."""

    def invite(self, due: Sequence[Due], now: datetime) -> list[Due]:
        """Keeps each invitation as made now; one another process made first is left out."""

    def closure_reached(self) -> dict[int, datetime]:
        """When each pair last moved to Coming to Closure, by pair."""

    def meetings_logged_since(self, since: datetime) -> list[LoggedMeeting]: ...
    def meeting(self, meeting_id: int) -> LoggedMeeting | None: ...
