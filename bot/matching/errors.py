"""What the steering group can put right when changing a suggested match, as data:
handlers/views/matching words them."""

from __future__ import annotations

from bot.errors import UserError
from bot.matching.model import HardRule, Role


class NotInCohort(UserError):
    """An email that is none of the cohort's accepted mentees (or mentors)."""

    def __init__(self, email: str, role: Role):
        super().__init__(email, role)
        self.email, self.role = email, role


class SwapBreaksRule(UserError):
    """A swap to a mentor the hard rules rule out for this mentee: it is never suggested."""

    def __init__(self, mentee_email: str, mentor_email: str, rules: tuple[HardRule, ...]):
        super().__init__(mentee_email, mentor_email, rules)
        self.mentee_email, self.mentor_email, self.rules = mentee_email, mentor_email, rules
