"""Everything the matching feature shows: reasons.py, the words of a suggestion, of a mentee
left unmatched, of a swap, and of what the steering group can put right; console.py, the
group's match on the console; forms.py, the Swap mentor form; messages.py, a mentee told they
are left unmatched. Importing the package imports each module, so its notice's rendering and
error words are registered."""

from __future__ import annotations

from handlers.views.matching.console import (
    APPROVE,
    APPROVE_ALL,
    LEAVE,
    SUMMARY_BLOCK,
    SWAP,
    TO_DECIDE_SHOWN,
    console_section,
    team_match_message,
)
from handlers.views.matching.forms import (
    SWAP_CONFIRM_MODAL,
    SWAP_MODAL,
    not_swapped_modal,
    swap_confirm_modal,
    swap_modal,
    swapped_modal,
)
from handlers.views.matching.messages import left_unmatched, made_words, not_made_words
from handlers.views.matching.reasons import (
    CRITERION_NAMES,
    FORMAT_WORDS,
    PROFESSION_NAMES,
    RULE_WORDS,
    TIME_WORDS,
    not_in_cohort,
    reason_line,
    reason_lines,
    swap_breaks_rule,
    swap_lines,
    unmatched_line,
)

__all__ = [
    "APPROVE",
    "APPROVE_ALL",
    "LEAVE",
    "SUMMARY_BLOCK",
    "SWAP",
    "TO_DECIDE_SHOWN",
    "console_section",
    "team_match_message",
    "SWAP_CONFIRM_MODAL",
    "SWAP_MODAL",
    "swap_confirm_modal",
    "not_swapped_modal",
    "swap_modal",
    "swapped_modal",
    "left_unmatched",
    "made_words",
    "not_made_words",
    "CRITERION_NAMES",
    "FORMAT_WORDS",
    "PROFESSION_NAMES",
    "RULE_WORDS",
    "TIME_WORDS",
    "not_in_cohort",
    "reason_line",
    "reason_lines",
    "swap_breaks_rule",
    "swap_lines",
    "unmatched_line",
]
