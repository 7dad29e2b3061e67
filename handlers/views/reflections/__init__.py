"""Everything the reflections feature shows, by surface: messages.py (the invitation and a
meeting's offer, in each person's DM), forms.py, home.py, console.py, errors.py. Importing the
package imports each module, so its notices' renderings and error words are registered, and
offers the names the listeners use (`from handlers.views import reflections as view; view.X`)."""

from __future__ import annotations

from handlers.views.reflections.console import console_section, counts_words
from handlers.views.reflections.errors import (
    not_time_to_reflect,
    not_your_meeting,
    nothing_written,
)
from handlers.views.reflections.forms import (
    CLOSURE_MODAL,
    MEETING_MODAL,
    PART_LABELS,
    closure_modal,
    closure_saved_modal,
    meeting_modal,
    meeting_saved_modal,
)
from handlers.views.reflections.home import HOME_REFLECT, pair_section
from handlers.views.reflections.messages import (
    PRIVATE,
    REFLECT,
    REFLECT_ON_MEETING,
    closure_invitation,
    meeting_reflection_offer,
)

__all__ = [
    "console_section",
    "counts_words",
    "not_time_to_reflect",
    "not_your_meeting",
    "nothing_written",
    "CLOSURE_MODAL",
    "MEETING_MODAL",
    "PART_LABELS",
    "closure_modal",
    "closure_saved_modal",
    "meeting_modal",
    "meeting_saved_modal",
    "HOME_REFLECT",
    "pair_section",
    "PRIVATE",
    "REFLECT",
    "REFLECT_ON_MEETING",
    "closure_invitation",
    "meeting_reflection_offer",
]
