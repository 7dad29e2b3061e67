"""Everything the goals feature shows, by surface: messages.py, forms.py, errors.py, home.py,
console.py. Importing the package imports each module, so its notices' renderings and error
words are registered, and offers the names the listeners use (`from handlers.views import goals
as view; view.X`)."""

from __future__ import annotations

from handlers.views.goals.console import console_section, counts_words
from handlers.views.goals.errors import (
    confidence_out_of_range,
    goal_without_words,
    goals_in_negotiation,
    no_goal_question,
    not_closing,
    not_your_goal,
    too_many_goals,
)
from handlers.views.goals.forms import (
    GOAL_PARTS,
    GOALS_MODAL,
    HOME_GOALS_MODAL,
    goals_modal,
    goals_saved_modal,
)
from handlers.views.goals.home import HOME_GOALS, pair_section
from handlers.views.goals.messages import (
    PROGRESS_BUTTON,
    PROGRESS_NAMES,
    SET_GOALS,
    goal_answered,
    goal_question,
    goals_message,
    goals_updated,
    progress_name,
    set_goals_button,
)

__all__ = [
    "console_section",
    "counts_words",
    "confidence_out_of_range",
    "goal_without_words",
    "goals_in_negotiation",
    "no_goal_question",
    "not_closing",
    "not_your_goal",
    "too_many_goals",
    "GOAL_PARTS",
    "GOALS_MODAL",
    "HOME_GOALS_MODAL",
    "goals_modal",
    "goals_saved_modal",
    "HOME_GOALS",
    "pair_section",
    "PROGRESS_BUTTON",
    "PROGRESS_NAMES",
    "SET_GOALS",
    "goal_answered",
    "goal_question",
    "goals_message",
    "goals_updated",
    "progress_name",
    "set_goals_button",
]
