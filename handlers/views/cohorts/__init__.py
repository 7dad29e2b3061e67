"""Everything the cohorts feature shows: the console's section (this cohort, and starting the
next) and the next programme file as the team receives it; and the team's word that a closed
cohort's personal data was erased."""

from __future__ import annotations

from handlers.views.cohorts.console import BLOCK, START_NEXT, console_section, said
from handlers.views.cohorts.files import next_programme_file
from handlers.views.cohorts.messages import cohort_erased

__all__ = [
    "BLOCK",
    "START_NEXT",
    "cohort_erased",
    "console_section",
    "next_programme_file",
    "said",
]
