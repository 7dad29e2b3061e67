"""The page's own words (its picker, clock, sidebar, notices, the names it gives Block Kit's
controls) in the language of the person it is used as. Whoever serves the page says what each
person's language is and hands over its gettext translations, so these words live in the same
catalogue as the app's.

Marking, as the app marks its own: `_("…")` translates now; `N_("…")` only marks a word defined
at module level (translate it with `_()` where it is shown); `ngettext` for counts. Placeholders
are named: `_("Message {place}").format(place=…)`."""

from __future__ import annotations

import gettext
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime


def _english_moment(local: datetime) -> str:
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M}"


@dataclass(frozen=True)
class Language:
    """How the page speaks to a person: its words, and how it writes a moment."""

    code: str  # the page's lang: "en", "cy"
    translations: gettext.NullTranslations
    moment: Callable[[datetime], str] = _english_moment  # "Tue 14 Oct 2025, 10:00"


ENGLISH = Language("en", gettext.NullTranslations())

_speaking: ContextVar[Language] = ContextVar("page_language", default=ENGLISH)


def speak(language: Language) -> None:
    """The page's words are in `language` for the rest of this request: Starlette runs each
    request in a context of its own (its task, or a copy of it in a worker thread)."""
    _speaking.set(language)


def language() -> Language:
    return _speaking.get()


def _(message: str) -> str:
    return _speaking.get().translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _speaking.get().translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks `message` for the catalogue; it is translated where it is shown, with `_()`."""
    return message


def written(moment: datetime) -> str:
    """A moment as the reader's language writes it, as it stands (convert it to the zone
    shown first)."""
    return _speaking.get().moment(moment)
