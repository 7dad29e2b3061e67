"""Everything the CPD record shows, in its owner's language: its words and outline (words.py),
drawn as a Word document they edit (docx.py) and as a PDF (pdf.py); its files and answer in
Slack (messages.py) and its Home section (home.py). Importing the package imports each module,
so its notices' renderings and error words are registered."""

from __future__ import annotations

from handlers.views.cpd.home import HOME_CPD, cpd_said, home_section
from handlers.views.cpd.messages import cpd_docx_file, cpd_pdf_file, cpd_sent
from handlers.views.cpd.words import (
    LEARNING_NAMES,
    cpd_outline,
    cpd_title,
    hours,
    no_activity_yet,
)

__all__ = [
    "HOME_CPD",
    "LEARNING_NAMES",
    "cpd_docx_file",
    "cpd_pdf_file",
    "cpd_said",
    "cpd_sent",
    "home_section",
    "cpd_outline",
    "cpd_title",
    "hours",
    "no_activity_yet",
]
