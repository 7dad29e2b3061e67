"""The words for what can go wrong with goals (bot/goals/errors.py), registered with the one
error handler."""

from __future__ import annotations

from bot.goals.errors import (
    ConfidenceOutOfRange,
    GoalsInNegotiation,
    GoalWithoutWords,
    NoGoalQuestion,
    NotClosing,
    NotYourGoal,
    TooManyGoals,
)
from bot.pairs.rules import STAGE_NAMES
from handlers.i18n import _
from handlers.views.common import error_words


@error_words(GoalsInNegotiation)
def goals_in_negotiation(error: GoalsInNegotiation) -> str:
    return _(
        "Your pair agrees its goals and boundaries in Negotiation. It is in {stage} now. To set "
        "or change them, move to Negotiation first: `/mentoring stage negotiation`."
    ).format(stage=_(STAGE_NAMES[error.stage]))


@error_words(TooManyGoals)
def too_many_goals(error: TooManyGoals) -> str:
    return _("A pair keeps at most {most} goals; that was {given}.").format(
        most=error.most, given=error.given
    )


@error_words(GoalWithoutWords)
def goal_without_words(_error: GoalWithoutWords) -> str:
    return _("Please say what this goal is, or empty the rest of it.")


@error_words(ConfidenceOutOfRange)
def confidence_out_of_range(_error: ConfidenceOutOfRange) -> str:
    return _("Confidence is a whole number from 1 to 10.")


@error_words(NoGoalQuestion)
def no_goal_question(_error: NoGoalQuestion) -> str:
    return _("That goal is no longer one of your pair's goals, so there is nothing to record.")


@error_words(NotYourGoal)
def not_your_goal(_error: NotYourGoal) -> str:
    return _("That is not one of your pair's goals.")


@error_words(NotClosing)
def not_closing(error: NotClosing) -> str:
    return _(
        "The mentee scores their confidence in each goal again in Coming to Closure; your pair "
        "is in {stage}."
    ).format(stage=_(STAGE_NAMES[error.stage]))
