"""Everything the outcomes report shows: the PDF (report_pdf.py), the CSV (report_csv.py), their
charts (charts.py) and words (words.py), and its errors' words (errors.py). Each is made in the
reader's language: call them inside `handlers.i18n.in_language(...)`."""

from __future__ import annotations

from handlers.views.outcomes.charts import change_png, change_words, counts_png, counts_words
from handlers.views.outcomes.errors import unknown_cohort, unknown_question
from handlers.views.outcomes.report_csv import COLUMNS, report_csv
from handlers.views.outcomes.report_pdf import report_pdf

__all__ = [
    "COLUMNS",
    "change_png",
    "change_words",
    "counts_png",
    "counts_words",
    "report_csv",
    "report_pdf",
    "unknown_cohort",
    "unknown_question",
]
