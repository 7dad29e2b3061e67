"""Words every feature shares: apologies, and how a domain error reads. A feature's own errors
are worded in its view, registered with `error_words`."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, TypeVar

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    SectionBlock,
    UserSelectElement,
)
from slack_sdk.models.views import View

from bot.errors import NotAParticipant, TeamOnly, TooLong, UserError
from bot.participants.errors import ImportProblem, ImportRejected
from handlers.i18n import N_, _
from handlers.views.mrkdwn import escape

E = TypeVar("E", bound=UserError)

# Marked here, worded in the reader's language where they are shown: _(SORRY)
SORRY = N_(
    "Sorry, something went wrong on my side and I couldn't do that. "
    "Please try again in a few minutes."
)
BAD_PAYLOAD = N_(
    "Sorry, I couldn't read that: the button or form may be from an old message, or was "
    "changed on the way. Nothing has been changed. Please try again from a new message, or "
    "type `/mentoring help`."
)
_WORDS: dict[type, Callable[[Any], str]] = {}
# Slack refuses views.open, push and update for a modal whose title is longer than this.
MODAL_TITLE_LIMIT = 24


def modal_title(text: str) -> str:
    """A modal's title as Slack takes it: one made with a number or a name from a request (or
    a long translation) is cut to fit, never refused with the modal."""
    return shortened(text, MODAL_TITLE_LIMIT)


def shortened(text: str, most: int) -> str:
    """`text` cut to `most` characters, with an ellipsis where it was cut (before escaping, so
    no entity is cut in two)."""
    if len(text) <= most:
        return text
    return text[: most - 1].rstrip() + "…"


# Slack refuses a section whose text is longer than this (Block Kit's section block).
SECTION_TEXT_MAX = 3000


def sections(text: str) -> list[SectionBlock]:
    """`text` in as many sections as Slack's limit needs, split between lines; a single line
    too long for one (a long agreement, once escaped) is cut short with an ellipsis."""
    chunks: list[str] = []
    for line in text.split("\n"):
        if len(line) > SECTION_TEXT_MAX:
            line = line[: SECTION_TEXT_MAX - 1] + "…"
        if chunks and len(chunks[-1]) + 1 + len(line) <= SECTION_TEXT_MAX:
            chunks[-1] += "\n" + line
        else:
            chunks.append(line)
    return [SectionBlock(text=chunk) for chunk in chunks if chunk.strip()]


# Each line of a person's words is cut into pieces of at most this many characters once
# escaped, so that, quoted, every piece fits a section (3,000) and nothing is cut off.
PIECE = 2900


def quoted(text: str) -> list[Block]:
    """A person's words, escaped and quoted line by line, in as many sections as they need:
    a long line is split (never inside an entity `escape` made), not cut short."""
    pieces: list[str] = []
    for line in text.splitlines() or [""]:
        escaped = escape(line)
        while len(escaped) > PIECE:
            # Every & is the start of an entity: cutting before one never splits it.
            cut = escaped.rfind("&", PIECE - 4, PIECE)
            cut = cut if cut > 0 else PIECE
            pieces.append(escaped[:cut])
            escaped = escaped[cut:]
        pieces.append(escaped)
    return list(sections("\n".join(f"> {piece}" for piece in pieces)))


CHANNEL_ID = re.compile("^[CG][A-Z0-9]+$")


def channel_link(channel: str) -> str:
    """The team's channel as Slack shows it: an id becomes a link showing its name."""
    return f"<#{channel}>" if CHANNEL_ID.match(channel) else f"#{escape(channel.lstrip('#'))}"


def note(text: str) -> ContextBlock:
    """A line in small print (Block Kit's context block): a hint, a tip, how many more."""
    return ContextBlock(elements=[MarkdownTextObject(text=text)])


def error_words(error_type: type[E]) -> Callable[[Callable[[E], str]], Callable[[E], str]]:
    """Registers the decorated function as how `error_type` reads to the person."""

    def register(words: Callable[[E], str]) -> Callable[[E], str]:
        _WORDS[error_type] = words
        return words

    return register


def worded_errors() -> frozenset[type]:
    """Every domain error a view has words for."""
    return frozenset(_WORDS)


def user_error(error: UserError) -> str:
    """The words for a domain error, as its feature's view registered them."""
    return _WORDS[type(error)](error)


@error_words(NotAParticipant)
def not_a_participant(_error: NotAParticipant) -> str:
    return _(
        "I don't have you on the mentoring scheme yet. If you have joined it, please ask the "
        "project team to add you."
    )


@error_words(TeamOnly)
def team_only(_error: TeamOnly) -> str:
    return _("Only the project team can do this.")


@error_words(TooLong)
def too_long(error: TooLong) -> str:
    return _("That is {length} characters; please keep it to {limit} or fewer.").format(
        length=f"{error.length:,}", limit=f"{error.limit:,}"
    )


def console_form(
    callback_id: str, title: str, submit: str, blocks: list[Block], metadata: dict | None = None
) -> View:
    """A console form: its listener is `callback_id`; `metadata` what it acts on."""
    return View(
        type="modal",
        callback_id=callback_id,
        title=modal_title(title),
        submit=submit,
        close=_("Cancel"),
        private_metadata=json.dumps(metadata) if metadata is not None else None,
        blocks=blocks,
    )


def done_modal(title: str, text: str) -> View:
    """What a console form says once its work is done, in place of the form."""
    return View(
        type="modal", title=modal_title(title), close=_("Done"), blocks=[SectionBlock(text=text)]
    )


def person_picker(block_id: str, label: str) -> InputBlock:
    return InputBlock(block_id=block_id, label=label, element=UserSelectElement(action_id="value"))


P = TypeVar("P", bound=ImportProblem)

_PROBLEM_WORDS: dict[type, Callable[[Any], str]] = {}


# The import report ------------------------------------------------------------------------------
# Printed by the command line, so plain text: nothing here is Slack mrkdwn.


def problem_words(
    problem_type: type[P],
) -> Callable[[Callable[[P], str]], Callable[[P], str]]:
    """Registers the decorated function as how `problem_type` reads in an import report; every
    feature that imports a file (the pairs' view too) words its own problems here."""

    def register(words: Callable[[P], str]) -> Callable[[P], str]:
        _PROBLEM_WORDS[problem_type] = words
        return words

    return register


def import_problems(rejected: ImportRejected) -> list[str]:
    """Each problem as the report prints it: 'line 3: the name is empty'."""
    return [_import_problem(p) for p in rejected.problems]


def _import_problem(problem: ImportProblem) -> str:
    words = _PROBLEM_WORDS[type(problem)](problem)
    if problem.line is None:
        return words
    return _("line {line}: {problem}").format(line=problem.line, problem=words)
