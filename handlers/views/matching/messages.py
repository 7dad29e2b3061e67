"""What the matching feature says in messages: a mentee left unmatched, told kindly in their DM
and language; the words of what the steering group can put right (`@error_words`); and the
names the console and the forms show people by."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from slack_sdk.models.blocks import Block, SectionBlock

from bot.applications.model import Application
from bot.matching.errors import NotInCohort, SwapBreaksRule
from bot.matching.model import Candidate
from bot.matching.notices import LeftUnmatched
from bot.matching.service import Approved
from bot.participants.errors import ImportRejected
from bot.scheme import Programme
from handlers.i18n import _, language
from handlers.slack.rendering import message_view
from handlers.views.applications.messages import team_contact
from handlers.views.common import error_words, import_problems
from handlers.views.matching.reasons import not_in_cohort, swap_breaks_rule
from handlers.views.mrkdwn import escape

# A name is cut to this many characters where it is shown, so a suggestion naming five people
# fits one section whatever their names.
NAME_SHOWN = 60

error_words(NotInCohort)(not_in_cohort)
error_words(SwapBreaksRule)(swap_breaks_rule)


@message_view(LeftUnmatched)
def left_unmatched(n: LeftUnmatched) -> tuple[str, list[Block]]:
    text = left_unmatched_words(n.application, n.programme)
    return text, [SectionBlock(text=text)]


def left_unmatched_words(application: Application, programme: Programme) -> str:
    return _(
        "Thank you for waiting while the steering group matched people for the {cohort} cohort "
        "of the mentoring scheme. I'm sorry: we don't have a mentor for you this time. You are "
        "on the waiting list, and I'll tell you here if a mentor is free. If you would like to "
        "talk about it, please write to the project team at {email}."
    ).format(cohort=application.cohort, email=escape(team_contact(programme)))


def plain_name(email: str, people: Mapping[str, Application]) -> str:
    """A person's name as they gave it (their email if the cohort has no application of
    theirs), cut short: for plain text."""
    found = people.get(email)
    name = found.applicant.name if found else email
    return name if len(name) <= NAME_SHOWN else name[: NAME_SHOWN - 1] + "…"


def name(email: str, people: Mapping[str, Application]) -> str:
    """The same, escaped and in bold, for mrkdwn."""
    return f"*{escape(plain_name(email, people))}*"


def name_of(people: Mapping[str, Application]) -> Callable[[Candidate], str]:
    """How a swap's words name each candidate."""
    return lambda candidate: name(candidate.email, people)


def theme_names(programme: Programme) -> dict[str, str]:
    """Each theme's name in the reader's language, by id."""
    window = programme.applications
    return {t.id: t.text_in(language()) for t in window.themes} if window else {}


def made_words(approved: Approved) -> str:
    """What approving did, said under the console's counts."""
    made = _("Pairs made: {n}. Each has been introduced and asked to accept.")
    if not approved.waiting:
        return made.format(n=approved.made)
    waiting = _("Waiting until one of their mentor's pairings ends: {n}.")
    return f"{made.format(n=approved.made)} {waiting.format(n=approved.waiting)}"


def not_made_words(rejected: ImportRejected) -> str:
    """Approved, but the pair could not be made: the participants' or pairs' import refused."""
    return _(
        "Approved, but no pair was made: {problems}. Please put this right and approve again."
    ).format(problems=escape("; ".join(import_problems(rejected))))
