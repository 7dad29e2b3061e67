"""A form's errors are plain text: what the views write in mrkdwn is turned into words there,
never shown as raw markup."""

from __future__ import annotations

from handlers.views.mrkdwn import as_plain_text, escape

NAMES = {"USAM00001": "Sam Stranger"}


def plain(message: str) -> str:
    return as_plain_text(message, lambda user: NAMES.get(user, user))


def test_a_mention_becomes_the_persons_name() -> None:
    assert (
        plain("<@USAM00001> is not on the scheme yet.") == "Sam Stranger is not on the scheme yet."
    )


def test_someone_slack_cannot_name_is_written_by_their_id() -> None:
    assert plain("<@UGONE0001> is not in a pair.") == "UGONE0001 is not in a pair."


def test_a_link_keeps_its_label_and_its_address() -> None:
    assert (
        plain("See <https://example.org/a|the guide>.") == "See the guide (https://example.org/a)."
    )


def test_what_someone_typed_reads_exactly_as_typed() -> None:
    typed = "Tom & Jerry <@UX> <!channel>"
    assert plain(f"“{escape(typed)}” is too long.") == f"“{typed}” is too long."
