"""The certificate of participation as a PDF: one A4 landscape page in its owner's language, with
the scheme, their role, the dates, the number of meetings, and the verification code with where
to check it."""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from bot.certificates.model import Certificate
from handlers.i18n import N_, _, formatted, in_language, ngettext
from handlers.views.documents import ACCENT, INK, MONO, SANS, new_pdf, printable

ROLE_LINES = {
    "mentor": N_("took part as a mentor in"),
    "mentee": N_("took part as a mentee in"),
}


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
