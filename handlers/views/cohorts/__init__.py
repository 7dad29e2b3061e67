"""Everything the cohorts feature shows: the console's section (this cohort, and starting the
next) and the next programme file as the team receives it."""

from __future__ import annotations

from handlers.views.cohorts.console import BLOCK, START_NEXT, console_section, said
from handlers.views.cohorts.files import next_programme_file

__all__ = ["BLOCK", "START_NEXT", "console_section", "next_programme_file", "said"]
