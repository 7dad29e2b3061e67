"""The `/mentoring` command's router: the text split into words (the first two read in Welsh
too), `help`, and a parser built from the features' grammar tables. Each feature's commands,
typed values and parsers, are in its handlers/<feature>.py; handlers/features.py lists the
features whose grammars make up `/mentoring`."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass


class NotUnderstood(Exception):
    """A `/mentoring` text that is not a command: `hint` names what was wrong (the view words
    it), `said` is the part the person typed."""

    def __init__(self, hint: str, said: str = ""):
        super().__init__(hint)
        self.hint, self.said = hint, said


@dataclass(frozen=True)
class Help:
    team: bool = False


# How a command is read from the words after those it begins with: lower-cased, and as typed.
# None: these words are not that command (the router then tries a shorter beginning).
Parse = Callable[[list[str], list[str]], object | None]
# A feature's grammar: the words each of its commands begins with (one or two, in English: the
# Welsh is read first), and how the rest is read.
Grammar = dict[tuple[str, ...], Parse]

# Slack sends a mention as <@U123|name> when the command escapes them (see manifest.json)
_MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")

# The Welsh for each command's first word, so a command can be typed in either language
WELSH_WORDS = {
    "cymorth": "help",
    "digwyddiadau": "events",
    "nesaf": "next",
    "pâr": "pair",
    "par": "pair",
    "cytundeb": "agreement",
    "nodau": "goals",
    "pryder": "concern",
    "fy-nata": "my-data",
    "calendr": "calendar",
    "cam": "stage",
    "cwrdd": "met",
    "saib": "pause",
    "tîm": "team",
    "tim": "team",
    "cenedl": "nation",
    "cais": "request",
    "digwyddiad": "event",
    "dyddiad": "date",
    "tan": "until",
    "iaith": "language",
    "diffodd": "off",
    "newydd": "new",
    "addasiad": "adjustment",
    "llety": "accommodation",
    "teithio": "travel",
    "methu": "can't",
    "ymgeisio": "apply",
    "tystysgrif": "certificate",
    "dpp": "cpd",
    "myfyrio": "reflect",
}


def mention(word: str) -> str | None:
    """The Slack id a typed word mentions, if it is a mention."""
    match = _MENTION.match(word)
    return match[1] if match else None


def member(typed: list[str], hint: str) -> str:
    """The person a team command names first, or NotUnderstood(`hint`)."""
    person = mention(typed[0]) if typed else None
    if person is None:
        raise NotUnderstood(hint)
    return person


def naming_partner(words: list[str], typed: list[str]) -> tuple[str | None, list[str], list[str]]:
    """A command about a pair may begin with the partner it is about (`met @Sam …`, for a mentor
    with several mentees): their Slack id (None: not named), and the words after, lower-cased
    and as typed."""
    partner = mention(typed[0]) if typed else None
    return (partner, words[1:], typed[1:]) if partner else (None, words, typed)


def alone(command: object) -> Parse:
    """A command of its first words only, such as `events`: with more words, it is not that."""
    return lambda words, _: None if words else command


def router(*grammars: Grammar) -> Callable[[str], object]:
    """`/mentoring`'s parser over the features' grammars, which may not share a beginning."""
    table: Grammar = {**_OWN}
    for grammar in grammars:
        shared = table.keys() & grammar.keys()  # two commands would begin with these words
        assert not shared, sorted(shared)
        table |= grammar
    return lambda text: _parse(table, text)


def _parse(table: Grammar, text: str) -> object:
    """The command the longest known beginning of `text` reads as, or NotUnderstood."""
    typed = text.replace("\u2019", "'").strip().split()  # a phone's curly apostrophe made straight
    words = [w.lower() for w in typed]
    words[:2] = [WELSH_WORDS.get(w, w) for w in words[:2]]
    for length in (2, 1, 0):
        parse = table.get(tuple(words[:length])) if len(words) >= length else None
        command = parse(words[length:], typed[length:]) if parse else None
        if command is not None:
            return command
    raise NotUnderstood("unknown", text.strip())


def _help(words: list[str], _: list[str]) -> Help | None:
    return Help() if words in ([], ["help"]) else None


def _team_help(words: list[str], typed: list[str]) -> Help:
    """`team` or `team help`; any other team command is one no feature knows."""
    if words in ([], ["help"]):
        return Help(team=True)
    raise NotUnderstood("unknown-team", " ".join(typed))


# The router's own: `help` (and an empty text), and the team's help.
_OWN: Grammar = {(): _help, ("team",): _team_help}
