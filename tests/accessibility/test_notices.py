"""Every notice reads without its pictures: a plain-text fallback for screen readers and
notifications that says what the blocks say, files named for what they are, emoji beside words
that say the same, and buttons whose colour adds nothing their words do not say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.notices import FileNotice
from handlers.slack.rendering import ALT_TEXT_MAX, notice_types, render_file, render_message
from tests.accessibility.examples import Example, import_every_view, notice_examples
from tests.accessibility.shown import EMOJI, block_texts, plain
from tests.seen import button_elements

import_every_view()
EXAMPLES = notice_examples()
MESSAGES = [e for kind in EXAMPLES.values() for e in kind if not isinstance(e.notice, FileNotice)]
FILES = [e for kind in EXAMPLES.values() for e in kind if isinstance(e.notice, FileNotice)]
VIEWS = Path(__file__).parents[2] / "handlers" / "views"

# Each emoji the bot shows, and the words one of which must stand beside it, saying the same.
EMOJI_WORDS: dict[str, tuple[str, ...]] = {
    "lock": ("concern",),  # a concern, told the team in confidence
    "red_circle": ("open",),
    "large_orange_circle": ("acknowledged",),
    "white_check_mark": ("resolved",),
    "warning": ("attention",),
    "robot_face": ("bot", "automatic"),
    "calendar": ("date",),
}
# An emoji's code in a string: not an id such as "console:event:{…}" nor a time format.
SHORTCODE_IN_SOURCE = re.compile(r"""(?:^|[\s"'}(]):([a-z0-9_+-]+):(?=[\s"'*]|$)""", re.M)
# Words that say nothing of what a button does: its colour would be saying it instead.
VAGUE = {"ok", "okay", "go", "yes", "continue", "confirm", "proceed", "sure"}
# Slack's own markup that it shows as words (a mention as a name, a link as its label).
SLACK_MARKUP = re.compile(r"<(?:[@#!][^>]*|(?:https?|mailto):[^>]*)>")


def example_id(example: Example) -> str:
    return type(example.notice).__name__


def test_every_notice_type_the_bot_sends_has_an_example_here() -> None:
    # The bot's own notices: a test may register one of its own (tests/outbox does)
    sent = {t.__name__ for t in notice_types() if t.__module__.startswith("bot.")}
    missing = sent - {t.__name__ for t in EXAMPLES}
    assert not missing, f"add an example of each to tests/accessibility/examples.py: {missing}"


@pytest.mark.parametrize("example", MESSAGES, ids=example_id)
def test_a_messages_fallback_says_in_short_what_its_blocks_say(example: Example) -> None:
    text, blocks = render_message(example.notice)
    words = plain(text)
    assert len(words.split()) >= 3 and words.lower().rstrip(".") not in {"message", "notice"}, (
        f"a fallback that says nothing: {text!r}"
    )
    missing = [w for w in example.key_words if w.lower() not in text.lower()]
    assert not missing, f"the fallback {text!r} does not say {missing}"
    shown = " ".join(block_texts(blocks)).lower()
    unsaid = [w for w in example.key_words if w.lower() not in shown]
    assert not unsaid, f"the fallback says {unsaid}, which the blocks do not"


@pytest.mark.parametrize("example", MESSAGES, ids=example_id)
def test_a_fallback_holds_no_markup_a_screen_reader_would_read_out(example: Example) -> None:
    """Slack shows mentions and links by name in a notification too; nothing else in angle
    brackets, no code blocks, quotes or struck-out text, no Block Kit leaking in."""
    text, _ = render_message(example.notice)
    rest = SLACK_MARKUP.sub("", text)
    assert "<" not in rest and ">" not in rest, text
    assert "```" not in text and not re.search(r"(^|\n)&gt;|~\S", text), text
    assert not re.search(r'[{\[]\s*"|"type":', text), text


@pytest.mark.parametrize("example", FILES, ids=example_id)
def test_a_file_has_a_title_that_says_what_it_is_and_an_image_says_what_it_shows(
    example: Example,
) -> None:
    assert isinstance(example.notice, FileNotice)
    shared = render_file(example.notice)
    said = " ".join(filter(None, [shared.title, shared.comment])).lower()
    assert all(w.lower() in said for w in example.key_words), said
    if example.notice.filename.endswith((".png", ".jpg", ".gif")):
        assert shared.alt_text and len(shared.alt_text) <= ALT_TEXT_MAX
        assert shared.comment and shared.alt_text.splitlines()[0] in shared.comment


def _emoji_without_words(text: str) -> list[str]:
    """Each emoji in `text` whose words are not in the same sentence."""
    lonely = []
    for found in EMOJI.finditer(text):
        name = found.group(1)
        before = re.split(r"[.!?\n]", text[: found.start()])[-1]
        after = re.split(r"[.!?\n]", text[found.end() :])[0]
        words = set(re.findall(r"[a-z]+", plain(f"{before} {after}").lower()))
        if not set(EMOJI_WORDS.get(name, ())) & words:
            lonely.append(f":{name}: in {text!r}")
    return lonely


def test_every_emoji_a_notice_shows_stands_beside_words_that_say_the_same() -> None:
    lonely = []
    for example in MESSAGES:
        text, blocks = render_message(example.notice)
        for shown in [text, *block_texts(blocks, controls=True)]:
            lonely += _emoji_without_words(shown)
    assert not lonely, f"say it in words too (and list them in EMOJI_WORDS): {lonely}"


def test_every_emoji_in_the_views_has_its_words_listed_here() -> None:
    """Replies and the console are not notices: their emoji are found in the views' source."""
    used = {m for f in VIEWS.glob("*.py") for m in SHORTCODE_IN_SOURCE.findall(f.read_text())}
    assert used <= set(EMOJI_WORDS), f"say in EMOJI_WORDS what {used - set(EMOJI_WORDS)} mean"


def test_a_buttons_colour_never_says_what_its_words_do_not() -> None:
    for example in MESSAGES:
        _, blocks = render_message(example.notice)
        for button in button_elements(blocks):
            words = re.findall(r"[A-Za-z0-9']+", plain(button["text"]["text"]))
            assert words, f"a button needs words (or a score): {button}"
            if button.get("style") == "danger":
                assert " ".join(words).lower() not in VAGUE and "confirm" in button, button
