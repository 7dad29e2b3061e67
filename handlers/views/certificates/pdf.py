"""The certificate of participation as a PDF: one A4 landscape page in its owner's language, with
the scheme, their role, the dates, the number of meetings, and the verification code with where
to check it. Also the setting up every PDF of ours shares (`new_pdf`): a Unicode font, so
Welsh's ŵ and ŷ print, and the document's title and language."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

import matplotlib
from fpdf import FPDF, ViewerPreferences
from fpdf.enums import XPos, YPos

from bot.certificates.model import Certificate
from handlers.i18n import N_, WELSH, _, formatted, in_language, language, ngettext

# DejaVu Sans, which matplotlib ships: every letter of Welsh and English, and a monospaced face
# whose 0 is not an O, for codes.
FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
SANS, MONO = "DejaVuSans", "DejaVuSansMono"
# Each language's tag as a PDF names it, for screen readers and search.
PDF_LANGUAGES = {WELSH: "cy-GB"}
INK, ACCENT = (34, 34, 34), (29, 111, 102)
# Characters that cannot be printed (a control character in a pasted name): left out.
UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

ROLE_LINES = {
    "mentor": N_("took part as a mentor in"),
    "mentee": N_("took part as a mentee in"),
}


def new_pdf(
    title: str, orientation: Literal["portrait", "landscape"], kind: type[FPDF] = FPDF
) -> FPDF:
    """An A4 document (an FPDF, or the `kind` of one given) in the reader's language, titled
    `title` (a viewer shows the title, not the file's name), with DejaVu Sans, its bold and
    italic faces, and its monospaced bold loaded."""
    pdf = kind(orientation=orientation, format="A4")
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


def certificate_pdf(certificate: Certificate, public_url: str | None) -> bytes:
    """The certificate in its owner's language. `public_url` is where the public reaches the web
    process, whose /certificates/CODE checks a code; without one, the project team checks it."""
    with in_language(certificate.language):
        name = printable(certificate.name)
        pdf = new_pdf(_("Certificate of participation: {name}").format(name=name), "landscape")
        pdf.set_subject(certificate.scheme)
        pdf.set_auto_page_break(False)
        pdf.add_page()
        _frame(pdf)
        _award(pdf, certificate, name)
        _verification(pdf, certificate.code, public_url)
        return bytes(pdf.output())


def _frame(pdf: FPDF) -> None:
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(1.6)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_line_width(0.4)
    pdf.rect(14, 14, pdf.w - 28, pdf.h - 28)


def _award(pdf: FPDF, certificate: Certificate, name: str) -> None:
    pdf.set_y(38)
    _line(pdf, _("Certificate of participation"), 30, bold=True, colour=ACCENT)
    pdf.ln(10)
    _line(pdf, _("This certifies that"), 14)
    pdf.ln(4)
    _name(pdf, name)
    pdf.ln(4)
    _line(pdf, _(ROLE_LINES[certificate.role]), 14)
    _line(pdf, printable(certificate.scheme), 18, bold=True)
    pdf.ln(6)
    dates = _("{cohort} cohort, from {first} to {last}").format(
        cohort=printable(certificate.cohort),
        first=formatted(certificate.first_day, "d MMMM y"),
        last=formatted(certificate.last_day, "d MMMM y"),
    )
    _line(pdf, dates, 14)
    meetings = ngettext("{n} mentoring meeting", "{n} mentoring meetings", certificate.meetings)
    _line(pdf, meetings.format(n=certificate.meetings), 14)


def _name(pdf: FPDF, name: str) -> None:
    """The name as large as fits on one line, down to 16 points; a longer one wraps."""
    size = 28
    pdf.set_font(SANS, "B", size)
    while size > 16 and pdf.get_string_width(name) > pdf.epw - 20:
        size -= 1
        pdf.set_font(SANS, "B", size)
    _line(pdf, name, size, bold=True)


def _verification(pdf: FPDF, code: str, public_url: str | None) -> None:
    pdf.set_y(pdf.h - 48)
    pdf.set_font(SANS, "", 11)
    pdf.cell(0, 7, _("Verification code:"), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(MONO, "B", 16)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 9, code, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    if public_url:
        where = _("Check this certificate at {address}").format(
            address=f"{public_url.rstrip('/')}/certificates/{code}"
        )
    else:
        where = _(
            "To check this certificate, ask the project team to run: mentorbot certificate "
            "verify {code}"
        ).format(code=code)
    _line(pdf, where, 10)


def _line(
    pdf: FPDF, text: str, size: float, *, bold: bool = False, colour: tuple[int, int, int] = INK
) -> None:
    """`text` centred across the page, wrapping if it must."""
    pdf.set_font(SANS, "B" if bold else "", size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, size * 0.5, text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
