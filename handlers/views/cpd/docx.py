"""The CPD record as a Word document its owner edits: Word's own headings (so the navigation
pane lists the sections), tables whose heading row repeats on each page, the draft statement
as ordinary text, and the document's language set so spelling is checked in it."""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from bot.cpd.model import CpdRecord
from handlers.i18n import WELSH, in_language, language
from handlers.views.cpd.words import Block, Heading, Paragraph, Table, cpd_outline, cpd_title
from handlers.views.documents import printable

WORD_LANGUAGES = {WELSH: "cy-GB"}
TEXT_WIDTH_CM = 16.0  # A4 with Word's usual margins


def cpd_docx(record: CpdRecord, reader_language: str) -> bytes:
    """The record in `reader_language` ("en" or "cy"), as a .docx file's bytes."""
    with in_language(reader_language):
        document = Document()
        _describe(document, record)
        for block in cpd_outline(record):
            _add(document, block)
        out = BytesIO()
        document.save(out)
        return out.getvalue()


def _describe(document: WordDocument, record: CpdRecord) -> None:
    tag = WORD_LANGUAGES.get(language(), "en-GB")
    properties = document.core_properties
    properties.title = cpd_title(record)
    properties.subject = printable(record.scheme)
    properties.author = printable(record.name)
    properties.language = tag
    # Word checks spelling in the language of the text: the default of every style (Word's
    # template says US English).
    for default in document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang"):
        default.set(qn("w:val"), tag)


def _add(document: WordDocument, block: Block) -> None:
    if isinstance(block, Heading):
        document.add_heading(block.text, block.level)
    elif isinstance(block, Paragraph):
        paragraph = document.add_paragraph()
        paragraph.add_run(block.text).italic = block.note
    else:
        _add_table(document, block)


def _add_table(document: WordDocument, table: Table) -> None:
    drawn = document.add_table(rows=1, cols=len(table.columns))
    # Word's plain grid (its name, "Table Grid", is Word's and never shown translated)
    drawn.style = document.styles.get_by_id("TableGrid", WD_STYLE_TYPE.TABLE)
    heading_row = drawn.rows[0]
    # Repeated at the top of each page, and read as the heading row by screen readers.
    heading_row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, text in zip(heading_row.cells, table.columns, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for row in table.rows:
        for cell, text in zip(drawn.add_row().cells, row, strict=True):
            cell.text = text
    share = TEXT_WIDTH_CM / sum(table.widths)
    for column, width in zip(drawn.columns, table.widths, strict=True):
        for cell in column.cells:
            cell.width = Cm(width * share)
