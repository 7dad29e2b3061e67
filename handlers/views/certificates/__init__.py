"""Everything the certificates feature shows: the certificate as a PDF (pdf.py) and what checking
its code says (page.py)."""

from __future__ import annotations

from handlers.views.certificates.page import (
    EXAMPLE_CODE,
    not_a_code_html,
    not_a_code_text,
    verification_html,
    verification_text,
)
from handlers.views.certificates.pdf import certificate_pdf, new_pdf, printable

__all__ = [
    "EXAMPLE_CODE",
    "certificate_pdf",
    "new_pdf",
    "not_a_code_html",
    "not_a_code_text",
    "printable",
    "verification_html",
    "verification_text",
]
