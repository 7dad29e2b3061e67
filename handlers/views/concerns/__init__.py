"""Everything the concerns feature shows, by surface: messages.py, forms.py, errors.py, console.py.
Importing the package imports each module, so its notices' renderings and error words are
registered, and offers the names the listeners use (`from handlers.views import concerns as
view; view.X`)."""

from __future__ import annotations

from handlers.views.concerns.console import CONCERN, CONSOLE_RESOLVE_MODAL, attention
from handlers.views.concerns.errors import (
    cannot_act,
    concurrent_change,
    empty_concern,
    no_resolution_note,
    no_such_concern,
    urgency_not_chosen,
)
from handlers.views.concerns.forms import CONCERN_MODAL, RESOLVE_MODAL, concern_modal, resolve_modal
from handlers.views.concerns.messages import (
    ABOUT_MESSAGE,
    ACKNOWLEDGE,
    ANSWER_WORDS,
    NOT_ON_THE_SCHEME,
    RAISE,
    REFUSAL_WORDS,
    RESOLVE,
    ROLE_NAMES,
    SOURCES,
    STATUS_WORDS,
    TAKE,
    TELL_ABOUT_MESSAGE,
    TELL_SHORTCUT,
    URGENCY_IN_SHORT,
    URGENCY_WORDS,
    alert_controls,
    alerts_message,
    concern_acknowledged,
    concern_for_team,
    concern_received,
    concern_resolved,
    low_score,
    nothing_open_offer,
    pair_needs_attention,
)

__all__ = [
    "ABOUT_MESSAGE",
    "ACKNOWLEDGE",
    "ANSWER_WORDS",
    "NOT_ON_THE_SCHEME",
    "RAISE",
    "REFUSAL_WORDS",
    "RESOLVE",
    "ROLE_NAMES",
    "SOURCES",
    "STATUS_WORDS",
    "TAKE",
    "TELL_ABOUT_MESSAGE",
    "TELL_SHORTCUT",
    "URGENCY_IN_SHORT",
    "URGENCY_WORDS",
    "alert_controls",
    "alerts_message",
    "concern_acknowledged",
    "concern_for_team",
    "concern_received",
    "concern_resolved",
    "low_score",
    "nothing_open_offer",
    "pair_needs_attention",
    "CONCERN_MODAL",
    "RESOLVE_MODAL",
    "concern_modal",
    "resolve_modal",
    "cannot_act",
    "concurrent_change",
    "empty_concern",
    "no_resolution_note",
    "no_such_concern",
    "urgency_not_chosen",
    "CONCERN",
    "CONSOLE_RESOLVE_MODAL",
    "attention",
]
