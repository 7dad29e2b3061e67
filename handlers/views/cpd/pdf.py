"""The CPD record as a PDF to keep or send: the same outline as the Word document, on A4 pages,
each table's heading row repeated on every page it runs onto, and the pages numbered."""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from bot.cpd.model import CpdRecord
from handlers.i18n import _, in_language
from handlers.views.cpd.words import Block, Heading, Paragraph, Table, cpd_outline, cpd_title
from handlers.views.documents import ACCENT, INK, SANS, new_pdf, printable

HEADING_SIZES = {0: 20, 1: 15, 2: 12}
TEXT_SIZE = 10.5
HEADING_FILL = (225, 240, 238)
KEPT_WITH_HEADING = 30  # mm: a heading starts a new page unless this much of the page is left


class _NumberedPdf(FPDF):
    """Pages numbered at the foot: a printed record's pages can be put back in order."""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(SANS, "", 8)
        page = _("Page {number} of {total}").format(number=self.page_no(), total="{nb}")
        self.cell(0, 5, page, align="C")


def cpd_pdf(record: CpdRecord, reader_language: str) -> bytes:
    """The record in `reader_language` ("en" or "cy"), as a PDF file's bytes."""
    with in_language(reader_language):
        pdf = new_pdf(cpd_title(record), "portrait", kind=_NumberedPdf)
        pdf.set_subject(printable(record.scheme))
        pdf.set_author(printable(record.name))
        pdf.set_margins(18, 18, 18)
        pdf.set_auto_page_break(True, margin=18)
        pdf.add_page()
        for block in cpd_outline(record):
            _draw(pdf, block)
        return bytes(pdf.output())


def _draw(pdf: FPDF, block: Block) -> None:
    if isinstance(block, Heading):
        _heading(pdf, block)
    elif isinstance(block, Paragraph):
        pdf.set_font(SANS, "I" if block.note else "", TEXT_SIZE)
        pdf.multi_cell(0, 5.5, block.text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)
    else:
        _table(pdf, block)


def _heading(pdf: FPDF, heading: Heading) -> None:
    size = HEADING_SIZES[heading.level]
    if pdf.will_page_break(KEPT_WITH_HEADING):
        pdf.add_page()  # a heading is not left alone at the foot of a page
    pdf.ln(4 if heading.level else 0)
    pdf.set_font(SANS, "B", size)
    pdf.set_text_color(*(ACCENT if heading.level < 2 else INK))
    pdf.multi_cell(0, size * 0.5, heading.text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.ln(2)


def _table(pdf: FPDF, table: Table) -> None:
    pdf.set_font(SANS, "", 9.5)
    headings_style = FontFace(emphasis="BOLD", fill_color=HEADING_FILL)
    with pdf.table(
        col_widths=table.widths,
        headings_style=headings_style,
        line_height=5,
        padding=1.5,
        text_align="LEFT",
    ) as drawn:
        for row in (table.columns, *table.rows):
            drawn.row(row)
    pdf.ln(3)
