"""Everything the outcomes report shows: the PDF (report_pdf.py), the CSV (report_csv.py), their
charts (charts.py) and words (words.py), the files as they reach the team's channel
(messages.py), the console's button (console.py), and its errors' words (errors.py). Each is
made in the reader's language: call them inside `handlers.i18n.in_language(...)` (the files'
views set the asker's themselves). Importing the package registers the files' views and the
errors' words."""

from __future__ import annotations

from handlers.views.outcomes.charts import change_png, change_words, counts_png, counts_words
from handlers.views.outcomes.console import (
    ARRIVED,
    BLOCK,
    DELAYED,
    ON_ITS_WAY,
    REPORT,
    console_section,
    report_not_sent,
    report_said,
    report_words,
)
from handlers.views.outcomes.errors import unknown_cohort, unknown_question
from handlers.views.outcomes.messages import outcomes_csv_file, outcomes_pdf_file
from handlers.views.outcomes.report_csv import COLUMNS, report_csv

__all__ = [
    "ARRIVED",
    "BLOCK",
    "COLUMNS",
    "DELAYED",
    "ON_ITS_WAY",
    "REPORT",
    "change_png",
    "change_words",
    "console_section",
    "counts_png",
    "counts_words",
    "outcomes_csv_file",
    "outcomes_pdf_file",
    "report_csv",
    "report_not_sent",
    "report_said",
    "report_words",
    "unknown_cohort",
    "unknown_question",
]
