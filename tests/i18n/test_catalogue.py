"""One catalogue per language for the whole bot: every word marked in the code is in the Welsh
catalogue, translated, not fuzzy, with the same placeholders; nothing in it is left over from
words the code no longer has; and the bot really speaks it."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from handlers.i18n import WELSH, _, catalogue_path, day, in_language, ngettext

ROOT = Path(__file__).parent.parent.parent
MARKED_IN = ("handlers", "bot")
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def marked() -> dict[str, str]:
    """Every message the code marks, with where it is."""
    found: dict[str, str] = {}
    for folder in MARKED_IN:
        for filename, _line, message, _comments, _context in extract_from_dir(
            ROOT / folder, method_map=[("**.py", "python")], keywords=DEFAULT_KEYWORDS
        ):
            key = message if isinstance(message, str) else message[0]
            found[key] = f"{folder}/{filename}"
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
