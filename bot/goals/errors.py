"""What a person can put right about goals, as data: setting them outside Negotiation, a row of
the form that cannot be kept (each names its input), and a check-in's goal buttons or a closing
score that no longer fit. handlers/views/goals/ words them."""

from __future__ import annotations

from bot.errors import FieldError, UserError
from bot.scheme import Stage


class GoalsInNegotiation(UserError):
    """Goals and boundaries are agreed, and changed, in Negotiation: a pair elsewhere (`stage`)
    can move back to it."""

    def __init__(self, stage: Stage):
        self.stage = stage


class TooManyGoals(UserError):
    """More goals than a pair keeps (five)."""

    def __init__(self, given: int, most: int):
        self.given, self.most = given, most


class GoalWithoutWords(FieldError):
    """A row of the form with a date, a confidence or how they will know, but no goal."""

    def __init__(self, position: int):
        super().__init__(position)
        self.field, self.position = f"what_{position}", position


class ConfidenceOutOfRange(FieldError):
    """A confidence score that is not a whole number from 1 to 10; `field` is its input."""

    def __init__(self, field: str, given: int):
        super().__init__(field)
        self.field, self.given = field, given


class NoGoalQuestion(UserError):
    """A goal's buttons on a check-in that asked about no goal of the pair's, or about one the
    pair has since taken off its list."""


class NotYourGoal(UserError):
    """A goal that is not one of the person's pair's."""


class NotClosing(UserError):
    """The mentee's closing confidence, given before the pair is Coming to Closure (`stage`)."""

    def __init__(self, stage: Stage):
        self.stage = stage
