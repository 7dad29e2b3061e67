"""What people read about their CPD record in Slack: the Word document and the PDF in their DM,
and the answer to `/mentoring cpd`. Words, pure."""

from __future__ import annotations

from bot.cpd.notices import CpdDocx, CpdPdf
from handlers.i18n import _
from handlers.slack.rendering import SharedFile, file_view


@file_view(CpdDocx)
def cpd_docx_file(notice: CpdDocx) -> SharedFile:
    from handlers.views.cpd.docx import (
        cpd_docx,  # drawn at first use: see handlers/views/documents.py
    )

    return SharedFile(
        cpd_docx(notice.record, notice.language),
        _("Your CPD record (Word document, to edit)"),
        comment=_(
            "Here is your CPD record for the mentoring scheme, in the shape the HCPC's CPD "
            "profile asks for: a Word document to edit, and the same as a PDF. Only you have "
            "them."
        ),
    )


@file_view(CpdPdf)
def cpd_pdf_file(notice: CpdPdf) -> SharedFile:
    from handlers.views.cpd.pdf import (
        cpd_pdf,  # drawn at first use: see handlers/views/documents.py
    )

    return SharedFile(cpd_pdf(notice.record, notice.language), _("Your CPD record (PDF)"))


def cpd_sent() -> str:
    return _(
        "I've put your CPD record in our direct messages, up to date today: a Word document to "
        "edit and a PDF. Only you have them."
    )
