"""The outcomes report as a PDF for the steering group: A4, in the reader's language, headed
with the scheme and cohort; the note on hidden figures; each paired question's table and chart;
the pairs' goals and meetings; the completion, fit and pulse tables and charts; how to read the
figures. Each chart is a tagged image whose text alternative is also printed beneath it. It
names nobody: nothing it is made from can (bot/outcomes/model.py)."""

from __future__ import annotations

import io
import struct

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

import handlers.views.outcomes.words as words
from bot.outcomes.model import ALL, CountTable, OutcomesReport, QuestionChanges, Section, Suppressed
from handlers.i18n import _
from handlers.views.documents import SANS, new_pdf, printable
from handlers.views.outcomes.charts import (
    any_counted,
    change_png,
    change_words,
    counts_png,
    counts_words,
)

CHART_WIDTH = 170  # mm, of the 190 between the margins
# Room to keep a heading with what follows it on one page, in mm.
KEEP_WITH_HEADING = 45
CHANGE_WIDTHS = (24, 15, 20, 20, 20, 31, 36, 24)


class ReportPdf(FPDF):
    """An A4 page with the page number at its foot."""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(SANS, "", 8)
        page = _("Page {page} of {pages}").format(
            page=self.page_no(), pages=self.str_alias_nb_pages
        )
        self.cell(0, 6, page, align=Align.C)


def report_pdf(report: OutcomesReport) -> bytes:
    """The report in the reader's language (the caller sets it: handlers.i18n.in_language)."""
    scheme, cohort = printable(report.scheme), printable(report.cohort)
    pdf = new_pdf(f"{words.title()}: {scheme}, {cohort}", "portrait", ReportPdf)
    pdf.set_subject(scheme)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    _front(pdf, report)
    _heading(pdf, words.changes_heading())
    _paragraph(pdf, words.changes_intro())
    for asked in report.changes:
        _question(pdf, asked)
    _heading(pdf, words.goals_heading())
    _paragraph(pdf, words.goals_words(report.goals))
    _heading(pdf, words.meetings_heading())
    _paragraph(pdf, words.meetings_words(report.meetings))
    for section, table in report.tables():
        _counts(pdf, section, table)
    _heading(pdf, words.how_to_read_heading())
    for line in words.HOW_TO_READ:
        _paragraph(pdf, _(line), size=9)
    return bytes(pdf.output())


def _front(pdf: FPDF, report: OutcomesReport) -> None:
    pdf.start_section(words.title())
    pdf.set_font(SANS, "B", 20)
    pdf.multi_cell(0, 10, words.title(), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align=Align.L)
    pdf.set_font(SANS, "", 12)
    for line in words.subtitle(report):
        pdf.multi_cell(0, 7, printable(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align=Align.L)
    pdf.ln(4)
    _paragraph(pdf, words.about())
    _heading(pdf, words.hidden_heading())
    _paragraph(pdf, words.hidden_note(report))


def _heading(pdf: FPDF, text: str, level: int = 0) -> None:
    if pdf.will_page_break(KEEP_WITH_HEADING):
        pdf.add_page()
    pdf.ln(3)
    pdf.start_section(text, level=level)
    pdf.set_font(SANS, "B", 14 if level == 0 else 11)
    pdf.multi_cell(
        0, 7 if level == 0 else 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align=Align.L
    )
    pdf.ln(1)


def _paragraph(pdf: FPDF, text: str, size: int = 10) -> None:
    pdf.set_font(SANS, "", size)
    pdf.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align=Align.L)
    pdf.ln(2)


def _question(pdf: FPDF, asked: QuestionChanges) -> None:
    charted = not all(isinstance(row.result, Suppressed) for row in asked.rows)
    png = change_png(asked) if charted else None
    _keep_together(pdf, 65 + 9 * len(asked.rows) + (_chart_height(png) if png else 0))
    _heading(pdf, f"“{words.question_text(asked.question)}”", level=1)
    _paragraph(pdf, words.asked_of(asked), size=9)
    pdf.set_font(SANS, "", 8)
    with pdf.table(col_widths=CHANGE_WIDTHS, line_height=4.5, text_align="LEFT") as table:
        table.row([_(column) for column in words.CHANGE_COLUMNS])
        for row in asked.rows:
            cells = table.row()
            cells.cell(words.group_name(row.group))
            if isinstance(row.result, Suppressed):
                cells.cell(_(words.HIDDEN), colspan=len(CHANGE_WIDTHS) - 1)
            else:
                for text in words.change_cells(row.result):
                    cells.cell(text)
    pdf.ln(3)
    if png is None:
        _paragraph(pdf, words.all_hidden())
        return
    _chart(pdf, png, change_words(asked))


def _counts(pdf: FPDF, section: Section, table: CountTable) -> None:
    png = counts_png(table) if any_counted(table) else None
    _keep_together(pdf, 70 + 6 * len(table.groups) + (_chart_height(png) if png else 0))
    _heading(pdf, _(words.TABLE_HEADINGS[section]))
    _paragraph(pdf, _(words.TABLE_INTROS[section]))
    columns = (*table.categories, ALL)
    pdf.set_font(SANS, "", 9)
    with pdf.table(line_height=5, text_align="LEFT") as shown:
        shown.row([_("Group"), *(words.category_name(c) for c in columns)])
        for group in table.groups:
            shown.row(
                [words.group_name(group), *(words.count(table.count(group, c)) for c in columns)]
            )
    pdf.ln(3)
    if png is None:
        _paragraph(pdf, words.none_counted())
        return
    _chart(pdf, png, counts_words(section, table))


def _keep_together(pdf: FPDF, height: float) -> None:
    """A new page unless `height` mm fit on this one (or would not fit on any)."""
    if pdf.will_page_break(height) and height < pdf.eph:
        pdf.add_page()


def _chart(pdf: FPDF, png: bytes, alternative: str) -> None:
    """The chart, tagged with its text alternative, and the same words printed beneath it for
    everyone; both on one page."""
    _keep_together(pdf, _chart_height(png) + 20)
    pdf.image(io.BytesIO(png), x=Align.C, w=CHART_WIDTH, alt_text=alternative)
    pdf.ln(1)
    _paragraph(pdf, alternative, size=8)


def _chart_height(png: bytes) -> float:
    """How tall a chart is on the page, in mm, from its PNG header's width and height."""
    width, height = struct.unpack(">II", png[16:24])
    return float(CHART_WIDTH * height / width)
