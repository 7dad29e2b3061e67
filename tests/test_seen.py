"""The tests' reading of Slack (tests/seen.py) reads the words a person sees, and nothing else, so
an `in` check on it cannot pass on an action id, a value or an address."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from localslack.workspace import Message
from tests.seen import (
    actions_in,
    buttons,
    everywhere,
    held,
    in_each_language,
    links,
    no_markup_in,
    texts,
    words,
)

BLOCKS = [
    HeaderBlock(text="Your request", block_id="request:7"),
    SectionBlock(
        text=MarkdownTextObject(text="*What:* a room"),
        fields=[MarkdownTextObject(text="*When:* Thursday")],
        accessory=ButtonElement(text="Details", action_id="request_details", value="7"),
    ),
    ContextBlock(elements=[MarkdownTextObject(text="Status: open")]),
    ActionsBlock(
        elements=[
            ButtonElement(text="Approve", action_id="request_approve", value="secret-value"),
            ButtonElement(text="Add to Outlook", url="https://outlook.example/add?x=1"),
            StaticSelectElement(
                action_id="request_pick",
                placeholder="Pick one",
                options=[Option(text="Weekly", value="weekly-value")],
            ),
        ]
    ),
]
MESSAGE = Message("D1", "1.0", "UBOT", "the notification only", [b.to_dict() for b in BLOCKS])


def test_a_message_reads_as_its_blocks_words_in_order_one_a_line() -> None:
    assert texts(MESSAGE) == [
        "Your request",
        "*What:* a room",
        "*When:* Thursday",
        "Details",
        "Status: open",
        "Approve",
        "Add to Outlook",
        "Pick one",
        "Weekly",
    ]
    assert words(MESSAGE) == "\n".join(texts(MESSAGE))


def test_no_id_value_or_address_reads_as_words() -> None:
    seen = words(MESSAGE)
    for unseen in ("request:7", "request_approve", "secret-value", "weekly-value", "outlook"):
        assert unseen not in seen
    assert "the notification only" not in seen, "Slack shows the blocks, not the text"


def test_the_same_blocks_read_the_same_however_they_are_held() -> None:
    as_dicts = [b.to_dict() for b in BLOCKS]
    assert words(BLOCKS) == words(as_dicts) == words(("fallback", BLOCKS)) == words(MESSAGE)
    assert words(Message("D1", "1.0", "UBOT", "only text")) == "only text"


def test_a_view_reads_its_title_then_its_blocks_then_its_buttons() -> None:
    modal = View(
        type="modal",
        title="Decline request #2",
        submit="Decline",
        close="Cancel",
        blocks=[
            InputBlock(
                label="Your reason",
                element=PlainTextInputElement(action_id="reason", initial_value="Too late"),
            )
        ],
    )
    assert texts(modal) == ["Decline request #2", "Your reason", "Too late", "Decline", "Cancel"]
    assert texts(modal.to_dict()) == texts(modal)


def test_buttons_links_and_actions_are_read_apart_from_the_words() -> None:
    assert buttons(MESSAGE) == ["Details", "Approve", "Add to Outlook"]
    assert links(MESSAGE) == {"Add to Outlook": "https://outlook.example/add?x=1"}
    assert actions_in(MESSAGE) == ["request_details", "request_approve", "request_pick"]


def test_a_check_for_markup_reads_the_notification_too_and_held_reads_everything() -> None:
    assert "the notification only" in everywhere(MESSAGE)
    assert not no_markup_in(("<!channel> look", BLOCKS)), "a notification can notify"
    assert no_markup_in(("&lt;!channel&gt;", BLOCKS))
    assert "secret-value" in held(MESSAGE) and "weekly-value" in held(MESSAGE)


def test_a_message_in_two_languages_reads_as_each_language_s_words() -> None:
    own = {"type": "divider"}
    welsh = [{"type": "section", "text": {"type": "mrkdwn", "text": "Helo"}}, own]
    english = [{"type": "section", "text": {"type": "mrkdwn", "text": "Hello"}}]
    both = Message("G1", "1.0", "UBOT", "Helo\n\nHello", [*welsh, {"type": "divider"}, *english])
    assert in_each_language(both) == ["Helo", "Hello"], "split at the last divider"
    assert in_each_language(Message("G1", "1.0", "UBOT", "Hello", english)) == ["Hello"]


# Calls that give the messages Slack shows in a conversation (localslack Messages).
_CONVERSATIONS = frozenset({"dms", "dms_to", "messages_in", "group_messages", "last_with"})
_TESTS = Path(__file__).parent
_NOT_TESTS_OF_THE_BOT = ("localslack", "browser")


def _gives_messages(node: ast.expr) -> bool:
    """A call naming one of the conversations, or an item of one (`world.dms(U)[-1]`)."""
    if isinstance(node, ast.Subscript):
        node = node.value
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in _CONVERSATIONS


def _texts_read(tree: ast.AST) -> Iterator[int]:
    """Lines reading `.text` of a message straight from a conversation, or of a comprehension's
    variable that runs over one: the notification's words, not what the person sees."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "text" and _gives_messages(node.value):
            yield node.lineno
        if isinstance(node, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp):
            over = {
                g.target.id
                for g in node.generators
                if isinstance(g.target, ast.Name) and _gives_messages(g.iter)
            }
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.Attribute)
                    and inner.attr == "text"
                    and isinstance(inner.value, ast.Name)
                    and inner.value.id in over
                ):
                    yield inner.lineno


def test_the_checker_finds_a_message_s_text_read_from_a_conversation() -> None:
    read = ast.parse(
        "a = world.dms(U)[-1].text\n"
        "b = [m.text for m in world.slack.workspace.messages_in(C)]\n"
        "c = words(world.dms(U)[-1])\n"
        "d = [r.text for r in world.slack.workspace.responses_to(U)]\n"
    )
    assert list(_texts_read(read)) == [1, 2]


def test_no_test_reads_the_notification_s_text_of_a_message_it_took_from_a_conversation() -> None:
    """A message with blocks shows its blocks; its `text` is only the notification's words, so a
    test reads `words(m)` (tests/seen.py), or `held(m)` where it must see all Slack holds. Only
    reads it can be sure of are found: a message kept in a name first (`intro.text`) is not."""
    found = [
        f"{path.relative_to(_TESTS)}:{line}"
        for path in sorted(_TESTS.rglob("*.py"))
        if path.relative_to(_TESTS).parts[0] not in _NOT_TESTS_OF_THE_BOT
        for line in _texts_read(ast.parse(path.read_text()))
    ]
    assert found == [], "read words(m) instead (tests/seen.py)"
