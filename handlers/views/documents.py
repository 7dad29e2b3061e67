"""What every document of ours (a certificate, a CPD record, the outcomes report) shares: a
Unicode font, so Welsh's ŵ and ŷ print, the document's title and language, and typed text made
printable.

The PDF and Word libraries, and the matplotlib charts, are imported by the views that draw them
when they first draw one (each feature's messages.py imports its drawing module inside its file
view), not when the views are imported: with SciPy they cost every process (web, clock, each
command) two seconds at start, and most never make a document."""

from __future__ import annotations

import re
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from handlers.i18n import WELSH, language

if TYPE_CHECKING:
    from fpdf import FPDF

# DejaVu Sans, which matplotlib ships: every letter of Welsh and English, and a monospaced face
# whose 0 is not an O, for codes. Found without importing matplotlib, which only charts need.
FONTS = Path(str(getattr(find_spec("matplotlib"), "origin", ""))).parent / "mpl-data/fonts/ttf"
SANS, MONO = "DejaVuSans", "DejaVuSansMono"
# Each language's tag as a PDF names it, for screen readers and search.
PDF_LANGUAGES = {WELSH: "cy-GB"}
INK, ACCENT = (34, 34, 34), (29, 111, 102)
# Characters that cannot be printed (a control character in a pasted name): left out.
UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def new_pdf(
    title: str, orientation: Literal["portrait", "landscape"], kind: type[FPDF] | None = None
) -> FPDF:
    """An A4 document (an FPDF, or the `kind` of one given) in the reader's language, titled
    `title` (a viewer shows the title, not the file's name), with DejaVu Sans, its bold and
    italic faces, and its monospaced bold loaded."""
    from fpdf import FPDF, ViewerPreferences

    pdf = (kind or FPDF)(orientation=orientation, format="A4")
    for family, style, file in (
        (SANS, "", "DejaVuSans.ttf"),
        (SANS, "B", "DejaVuSans-Bold.ttf"),
        (SANS, "I", "DejaVuSans-Oblique.ttf"),
        (MONO, "B", "DejaVuSansMono-Bold.ttf"),
    ):
        pdf.add_font(family, style, str(FONTS / file))
    pdf.set_title(title)
    pdf.set_lang(PDF_LANGUAGES.get(language(), "en-GB"))
    pdf.set_creator("mentorbot")
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
    pdf.set_text_color(*INK)
    return pdf


def printable(text: str) -> str:
    """Typed text as it can be printed: as written, without control characters."""
    return UNPRINTABLE.sub("", text)
