"""Everything the applications feature shows, by surface: messages.py, forms.py, errors.py,
home.py, console.py. Importing the package imports each module, so its notice's rendering and
error words are registered, and offers the names the listeners use (`from handlers.views import
applications as view; view.X`)."""

from __future__ import annotations

from handlers.views.applications.alumni import alumni_invited
from handlers.views.applications.console import (
    DECIDE,
    DECISION_OF,
    NOTE_SHOWN,
    TO_DECIDE_SHOWN,
    console_section,
    team_applications_message,
)
from handlers.views.applications.errors import (
    NO_EMAIL,
    PROBLEM_WORDS,
    bad_application_row,
    beside_each,
    no_applications,
    not_open,
    unanswerable,
    unknown_application,
)
from handlers.views.applications.forms import (
    APPLICATION_MODAL,
    EMAIL_MAX,
    EMPLOYER_MAX,
    FOR_THE_TEAM_MAX,
    NEVER_PAIR_MAX,
    application_modal,
    applied_modal,
)
from handlers.views.applications.home import HOME_APPLY, home_section
from handlers.views.applications.messages import (
    ACCEPTED,
    DECLINED,
    WAITLISTED,
    YOUR_STATUS,
    application_decided,
)

__all__ = [
    "alumni_invited",
    "DECIDE",
    "DECISION_OF",
    "NOTE_SHOWN",
    "TO_DECIDE_SHOWN",
    "console_section",
    "team_applications_message",
    "NO_EMAIL",
    "PROBLEM_WORDS",
    "bad_application_row",
    "beside_each",
    "no_applications",
    "not_open",
    "unanswerable",
    "unknown_application",
    "APPLICATION_MODAL",
    "EMAIL_MAX",
    "EMPLOYER_MAX",
    "FOR_THE_TEAM_MAX",
    "NEVER_PAIR_MAX",
    "application_modal",
    "applied_modal",
    "HOME_APPLY",
    "home_section",
    "ACCEPTED",
    "DECLINED",
    "WAITLISTED",
    "YOUR_STATUS",
    "application_decided",
]
