"""Everything the matching feature shows: reasons.py, the words of a suggestion, of a mentee
left unmatched, of a swap, and of what the steering group can put right."""

from __future__ import annotations

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
