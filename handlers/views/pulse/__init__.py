"""Everything the pulse feature shows, by surface: messages.py (the questions in each person's
DM and the thank-you), console.py (the team's counts), errors.py. Importing the package imports
each module, so its notices' renderings and error words are registered, and offers the names the
listeners use (`from handlers.views import pulse as view; view.X`)."""

from __future__ import annotations

from handlers.views.pulse.console import console_section, counts_words, team_pulse_message
from handlers.views.pulse.errors import already_answered, not_an_answer, not_your_question
from handlers.views.pulse.messages import (
    ANSWER,
    ANSWERED,
    FIT_WORDS,
    PRIVATE,
    PULSE_WORDS,
    answer_words,
    pulse_question,
    pulse_words,
    thanked,
)

__all__ = [
    "ANSWER",
    "ANSWERED",
    "FIT_WORDS",
    "PRIVATE",
    "PULSE_WORDS",
    "already_answered",
    "answer_words",
    "console_section",
    "counts_words",
    "not_an_answer",
    "not_your_question",
    "pulse_question",
    "pulse_words",
    "team_pulse_message",
    "thanked",
]
