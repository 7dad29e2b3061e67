"""Everything the CPD record shows, in its owner's language: its words and outline (words.py),
drawn as a Word document they edit (docx.py) and as a PDF (pdf.py)."""

from __future__ import annotations

from handlers.views.cpd.docx import cpd_docx
from handlers.views.cpd.pdf import cpd_pdf
from handlers.views.cpd.words import (
    LEARNING_NAMES,
    cpd_outline,
    cpd_title,
    hours,
    no_activity_yet,
)

__all__ = [
    "LEARNING_NAMES",
    "cpd_docx",
    "cpd_outline",
    "cpd_pdf",
    "cpd_title",
    "hours",
    "no_activity_yet",
]
