"""One catalogue per language for the whole bot and its local workspace page: every word marked
in the code (the files babel.cfg names) is in the Welsh catalogue, translated, not fuzzy, with
the same placeholders; nothing in it is left over from words the code no longer has; and the bot
really speaks it."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from handlers.i18n import WELSH, _, catalogue_path, day, in_language, ngettext

ROOT = Path(__file__).parent.parent.parent
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def marked() -> dict[str, str]:
    """Every message the code marks, with where it is: what pybabel extracts (babel.cfg)."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as mapping:
        method_map, options_map = parse_mapping_cfg(mapping)
    found: dict[str, str] = {}
    for filename, _line, message, _comments, _context in extract_from_dir(
        ROOT, method_map, options_map, keywords=DEFAULT_KEYWORDS
    ):
        found[message if isinstance(message, str) else message[0]] = filename
    return found


def welsh() -> dict[str, object]:
    with catalogue_path(WELSH).open("rb") as source:
        catalogue = read_po(source, locale="cy")
    return {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalogue if m.id}


def test_every_marked_word_has_a_welsh_translation() -> None:
    catalogue = welsh()
    missing = {m: where for m, where in marked().items() if m not in catalogue}
    assert missing == {}, "run the commands in handlers/locale/README.md, then translate"
    untranslated = [
        m
        for m, entry in catalogue.items()
        if not entry.string or entry.fuzzy  # type: ignore[attr-defined]
    ]
    assert untranslated == []


def test_the_catalogue_holds_nothing_the_code_no_longer_says() -> None:
    assert sorted(set(welsh()) - set(marked())) == []


def test_each_translation_keeps_the_placeholders_and_the_commands() -> None:
    for message, entry in welsh().items():
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)  # type: ignore[attr-defined]
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == set(PLACEHOLDER.findall(message)), message
            assert string.count("`") % 2 == 0, message


def test_the_bot_speaks_the_readers_language() -> None:
    asked = "I can write in English or Welsh: `/mentoring language english` or `cymraeg`."
    with in_language(WELSH):
        assert _(asked).startswith("Gallaf ysgrifennu yn Gymraeg")
        assert day(date(2025, 11, 13)) == "Dydd Iau 13 Tachwedd 2025"
        assert ngettext("{n} day", "{n} days", 2) == "{n} days"  # not in the catalogue: as is
    assert _(asked) == asked
    assert day(date(2025, 11, 13)) == "Thursday 13 November 2025"


# Words in the handlers that are not for people: date patterns for Babel, log lines, HTTP
# statuses, an assertion, calendar ids, what a refused payload was, and the reason a pairing's
# end is kept under for the team's records when they give none.
NOT_FOR_PEOPLE = {
    "dd MMM",
    "dd MMMM y",
    "dd MMM y",
    "no link for TBC",
    "no file for a TBC event",
    "-//SoR Leadership Mentoring Scheme//mentorbot//EN",
    "the import's form was closed before it could say how it went",
    "refused a %s request that did not parse (%s)",
    "refused a request that failed before its signature was checked (%s)",
    "view state",
    "refused a %s request naming no Slack user",
    "answer button",
    "404 Not Found",
    "405 Method Not Allowed",
    "ended by the project team",
    "home not published: %s",
    "handlers.middleware.register(app) must run first",
}
# And on the local workspace page: the HTML and class names it writes, why a block it cannot
# draw is malformed (a note in the reader's language is shown instead), its server's failures
# to start, and the guard's refusals, answered to a request from elsewhere, whose reader the
# page does not know.
NOT_FOR_PEOPLE_ON_THE_PAGE = {
    "noopener noreferrer",
    "bk-block bk-",
    "bk-button bk-apply",
    "bk-button bk-primary",
    "bk-button bk-danger",
    '<span class="bk-mention">{}</span>',
    '<a href="{}" rel="noopener noreferrer" target="_blank">{}<span class="bk-sr"> {}</span></a>',
    '<ol start="{}">',
    "a text object",
    "a section needs text or fields",
    "a date and time",
    "an element",
    "an input's element",
    "the page server did not start",
    "the page could not listen on ",
    "This page answers only on its own address.",
    "Forms are taken only from this page.",
}
SENTENCE = re.compile(r"[A-Za-z]{2,} [A-Za-z]{2,}")
MARKING = {"_", "N_", "ngettext"}


def unmarked_sentences(path: Path) -> list[str]:
    """Words in `path` outside _(), N_() and ngettext(), docstrings and commands aside."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parent = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}

    def marked(node: ast.AST) -> bool:
        while node in parent:
            node = parent[node]
            if isinstance(node, ast.Call):
                called = node.func
                name = called.id if isinstance(called, ast.Name) else getattr(called, "attr", "")
                if name in MARKING:
                    return True
        return False

    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and SENTENCE.search(node.value)
        and not node.value.startswith("/")
        and not isinstance(parent.get(node), ast.Expr)  # a docstring
        and node.value not in NOT_FOR_PEOPLE | NOT_FOR_PEOPLE_ON_THE_PAGE
        and not marked(node)
    ]


def test_no_words_for_people_are_left_out_of_the_catalogue() -> None:
    # handlers/slack/ talks to Slack and the logs, never to people
    handlers = [p for p in (ROOT / "handlers").rglob("*.py") if "slack" not in p.parts]
    page = list((ROOT / "localslack" / "browser").glob("*.py"))
    left_out = {
        str(path.relative_to(ROOT)): words
        for path in sorted(handlers + page)
        if (words := unmarked_sentences(path))
    }
    assert left_out == {}, "mark them with _() (or N_() where they are defined)"
