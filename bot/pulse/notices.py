"""What the pulse feature tells people, as data: one question, to one person, in their own DM.
What the team hears of the answers is raised by bot/concerns (its automatic notices)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.notices import Notice
from bot.pulse.model import FIT_ROUND


@dataclass(frozen=True)
class PulseQuestion(Notice):
    """The fit question after the pair's first meeting (round 0), or a pulse: its buttons carry
    the question's id. It names no one, as the person knows whose pairing it is, but for a
    mentor with several mentees: `partner`, the mentee it asks about."""

    question_id: int
    round: int
    partner: str | None = None

    kind: ClassVar[str] = "pulse-question"

    @property
    def subject(self) -> str:
        return str(self.question_id)

    @property
    def is_fit(self) -> bool:
        return self.round == FIT_ROUND
