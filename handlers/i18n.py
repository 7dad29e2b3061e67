"""Every word people read comes from the catalogue of their language: gettext catalogues in
handlers/locale/<language>/LC_MESSAGES/mentorbot.po, English being the source the code is
written in. The reader's language is set around each piece of work done for them
(`in_language`); views call `_()` at the moment they word something, and write dates and times
with `day()` (`on_day()` after "on"), `short_day()`, `clock_time()` or, for any other CLDR
pattern, `formatted()`, which Babel formats for the language.

Marking: `_("…")` translates now; `N_("…")` only marks a module-level word for the catalogue
(translate it with `_()` where it is shown); `ngettext` for counts. Placeholders are named:
`_("Hello {name}").format(name=…)`, so a translation can put them where its grammar needs."""

from __future__ import annotations

import contextlib
import gettext
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import date, datetime, time
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.dates import format_date, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

DOMAIN = "mentorbot"
LOCALE_DIR = Path(__file__).parent / "locale"
ENGLISH, WELSH = "en", "cy"
LANGUAGES = {ENGLISH: "English", WELSH: "Cymraeg"}
# Babel's locale for each language. The patterns are ours (UK order, 24-hour clock); plain
# "en" names the months as the bot always has ("Sep", where CLDR's en_GB now says "Sept").
LOCALES = {ENGLISH: "en", WELSH: "cy_GB"}

_reading: ContextVar[str] = ContextVar("language", default=ENGLISH)


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The language's catalogue, compiled in memory from its .po file (no build step); the
    source language, or one without a catalogue, is the code's own words."""
    path = catalogue_path(language)
    if language == ENGLISH or not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as source:
        catalogue = read_po(source, locale=LOCALES[language], domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalogue, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def language() -> str:
    """The language of whoever is being written to now."""
    return _reading.get()


@contextlib.contextmanager
def in_language(chosen: str | None) -> Iterator[None]:
    """Words and dates inside are in `chosen` (English when None or not one we have)."""
    token = _reading.set(chosen if chosen in LANGUAGES else ENGLISH)
    try:
        yield
    finally:
        _reading.reset(token)


def read_in(chosen: str | None) -> None:
    """Words and dates from here on, in this thread of work, are in `chosen`: for a request,
    where what comes next runs after the one who sets it has returned (Bolt's middleware)."""
    _reading.set(chosen if chosen in LANGUAGES else ENGLISH)


def _(message: str) -> str:
    return translations(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks `message` for the catalogue; it is translated where it is shown, with `_()`."""
    return message


def formatted(on: date | datetime, pattern: str) -> str:
    """`on` written by a CLDR `pattern` in the reader's language: "dd MMM y" gives "05 Sep 2025";
    "05 Medi 2025". A datetime is written as it stands: convert it to the zone shown first."""
    return format_date(on, pattern, locale=LOCALES[language()])


def day(on: date) -> str:
    """ "Thursday 13 November 2025"; "Dydd Iau 13 Tachwedd 2025"."""
    return formatted(on, "EEEE d MMMM y")


# "on" with each weekday, Monday first, as each language joins them: Welsh mutates the day after
# "ar" ("ar ddydd Llun"), which a translation of "on {day}" cannot do to a day already written.
ON_WEEKDAYS = (
    N_("on Monday"),
    N_("on Tuesday"),
    N_("on Wednesday"),
    N_("on Thursday"),
    N_("on Friday"),
    N_("on Saturday"),
    N_("on Sunday"),
)


# "until" with each weekday, as "on": Welsh mutates the day after "tan" too ("tan ddydd Llun").
UNTIL_WEEKDAYS = (
    N_("until Monday"),
    N_("until Tuesday"),
    N_("until Wednesday"),
    N_("until Thursday"),
    N_("until Friday"),
    N_("until Saturday"),
    N_("until Sunday"),
)


def on_day(on: date) -> str:
    """ "on Thursday 13 November 2025"; "ar ddydd Iau 13 Tachwedd 2025": a day after "on",
    for a sentence that says when (`day` stands alone, or after words that leave it as it is)."""
    return f"{_(ON_WEEKDAYS[on.weekday()])} {formatted(on, 'd MMMM y')}"


def until_day(until: date) -> str:
    """ "until Thursday 13 November 2025"; "tan ddydd Iau 13 Tachwedd 2025", as `on_day`."""
    return f"{_(UNTIL_WEEKDAYS[until.weekday()])} {formatted(until, 'd MMMM y')}"


def short_day(on: date) -> str:
    """ "Thu 13 Nov"; "Iau 13 Tach"."""
    return formatted(on, "EEE d MMM")


def clock_time(at: time | datetime) -> str:
    """ "14:30", the 24-hour clock both languages use in the UK."""
    return format_time(at, "HH:mm", locale=LOCALES[language()])
