"""Everything the certificates feature shows: the certificate as a PDF (pdf.py), what checking
its code says (page.py), its file, answers and the team's list in Slack (messages.py), its Home
section (home.py) and its console part (console.py). Importing the package imports each module,
so its notice's rendering and error words are registered."""

from __future__ import annotations

from handlers.views.certificates.console import console_section
from handlers.views.certificates.home import HOME_CERTIFICATE, certificate_said, home_section
from handlers.views.certificates.messages import (
    certificate_file,
    certificate_sent,
    still_to_complete,
    team_completed_message,
)
from handlers.views.certificates.page import (
    EXAMPLE_CODE,
    not_a_code_html,
    not_a_code_text,
    verification_html,
    verification_text,
)

__all__ = [
    "EXAMPLE_CODE",
    "HOME_CERTIFICATE",
    "certificate_file",
    "certificate_said",
    "certificate_sent",
    "console_section",
    "home_section",
    "not_a_code_html",
    "not_a_code_text",
    "still_to_complete",
    "team_completed_message",
    "verification_html",
    "verification_text",
]
