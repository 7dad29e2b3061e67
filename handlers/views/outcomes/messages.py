"""The outcomes report's two files as they reach the team's channel: each drawn, titled and
introduced in the language of the team member who asked for it (the channel has none of its
own)."""

from __future__ import annotations

from bot.outcomes.notices import OutcomesCsv, OutcomesPdf
from handlers.i18n import _, in_language
from handlers.slack.rendering import SharedFile, file_view
from handlers.views.outcomes.report_csv import report_csv


@file_view(OutcomesPdf)
def outcomes_pdf_file(notice: OutcomesPdf) -> SharedFile:
    from handlers.views.outcomes.report_pdf import (
        report_pdf,  # drawn at first use: see handlers/views/documents.py
    )

    with in_language(notice.language):
        return SharedFile(
            report_pdf(notice.report),
            _("Outcomes report, {cohort} (PDF)").format(cohort=notice.report.cohort),
            comment=_(
                "The outcomes report for the {cohort} cohort, for the steering group: a PDF to "
                "read, with charts, and a CSV of its figures. It names nobody, and figures about "
                "fewer than 10 people are hidden."
            ).format(cohort=notice.report.cohort),
        )


@file_view(OutcomesCsv)
def outcomes_csv_file(notice: OutcomesCsv) -> SharedFile:
    with in_language(notice.language):
        return SharedFile(
            report_csv(notice.report).encode(),
            _("Outcomes report, {cohort}: its figures (CSV)").format(cohort=notice.report.cohort),
        )
