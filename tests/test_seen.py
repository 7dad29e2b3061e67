"""The tests' reading of Slack (tests/seen.py) reads the words a person sees, and nothing else, so
an `in` check on it cannot pass on an action id, a value or an address."""

from __future__ import annotations

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
