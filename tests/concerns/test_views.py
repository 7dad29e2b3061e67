"""What people typed reads as they typed it in every concern message, and never as Slack markup:
a concern cannot notify the team's channel, mention anyone or disguise a link."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from slack_sdk.models.blocks import Block

from bot.concerns.notices import (
    AutomaticNotice,
    ConcernAcknowledged,
    ConcernForTeam,
    ConcernReceived,
)
from bot.concerns.rules import Concern
from bot.concerns.service import AlertView
from bot.participants.rules import Participant
from handlers.views import concerns as view

TYPED = "<!channel> <@U999> & <https://evil.example|click>"
ESCAPED = "&lt;!channel&gt; &lt;@U999&gt; &amp; &lt;https://evil.example|click&gt;"
MARKUP = ("<!channel>", "<@U999>", "<https://evil.example")
NOW = datetime(2025, 11, 20, 10, 0, tzinfo=UTC)


def shown(message: tuple[str, list[Block]]) -> str:
    text, blocks = message
    return text + "\n" + json.dumps([b.to_dict() for b in blocks], ensure_ascii=False)


def no_markup_from(shown: str) -> bool:
    return not any(markup in shown for markup in MARKUP)


def concern(**changes: object) -> Concern:
    fields: dict = {
        "id": 7,
        "reporter_id": 1,
        "pair_id": 3,
        "source": "command",
        "text": "My mentor keeps cancelling.",
        "created_at": NOW,
    }
    return Concern(**(fields | changes))


def person(name: str = "Sunita Rao", about: str | None = None) -> Participant:
    return Participant(1, name, "sunita.rao@example.nhs.uk", "mentee", "USUNITA01", about=about)


def alert(c: Concern, reporter: Participant | None = None, **changes: object) -> ConcernForTeam:
    fields: dict = {
        "concern": c,
        "reporter": reporter or person(),
        "pair_names": "Grace Mensah (mentor) & Sunita Rao (mentee)",
        "stage": "preparing",
        "recent_checkins": ("3 Feb: Not yet",),
    }
    return ConcernForTeam(**(fields | changes))


def test_a_concerns_text_cannot_notify_the_channel() -> None:
    message = shown(view.concern_for_team(alert(concern(text=f"{TYPED}\nsecond line"))))

    assert f"> {ESCAPED}\\n> second line" in message  # still quoted, line by line
    assert no_markup_from(message)


def test_a_contact_wish_reads_as_typed_in_the_teams_alert() -> None:
    message = shown(view.concern_for_team(alert(concern(contact=TYPED))))

    assert f"*May we contact them?* {ESCAPED}" in message
    assert no_markup_from(message)


def test_the_reporters_name_cannot_notify_the_team_channel() -> None:
    text, blocks = view.concern_for_team(alert(concern(), person(name=TYPED)))

    assert text == f":lock: Concern #7 from {ESCAPED} (mentee) (soon)"
    assert no_markup_from(shown((text, blocks)))


def test_the_pairs_names_in_the_teams_alert_cannot_notify_the_channel() -> None:
    names = f"{TYPED} (mentor) & Sunita Rao (mentee)"  # as the domain joins them

    message = shown(view.concern_for_team(alert(concern(), pair_names=names)))

    # The name's own " & " is left as it is, like the joiner: a bare & is no markup.
    escaped = "&lt;!channel&gt; &lt;@U999&gt; & &lt;https://evil.example|click&gt;"
    assert f"*Pair:* {escaped} (mentor) & Sunita Rao (mentee), stage Preparing" in message
    assert no_markup_from(message)


def test_the_alert_still_mentions_the_lead_and_the_person_looking_after_it() -> None:
    taken = concern(text=TYPED, status="acknowledged", assignee="UTEAM0001")

    text, blocks = view.concern_for_team(alert(taken, escalated_to="ULEAD0001"))

    assert text.startswith("<@ULEAD0001> not yet acknowledged: ")
    assert "Status: :large_orange_circle: acknowledged, with <@UTEAM0001>" in shown((text, blocks))


def test_a_contact_wish_reads_as_typed_when_the_reporter_is_thanked() -> None:
    message = shown(view.concern_received(ConcernReceived(7, TYPED, 4)))

    assert f"They will contact you as you asked: {ESCAPED}." in message
    assert no_markup_from(message)


def test_a_team_members_name_cannot_mention_anyone_in_the_acknowledgement() -> None:
    text, blocks = view.concern_acknowledged(ConcernAcknowledged(7, TYPED))

    assert text.startswith(f"{ESCAPED} from the project team has read your concern")
    assert no_markup_from(shown((text, blocks)))


def test_names_in_an_automatic_notice_cannot_notify_the_team_channel() -> None:
    notice = AutomaticNotice(
        "notice:attention:3:quiet:20251120",
        "<!channel> & Sunita Rao (Preparing) need attention: no meeting logged for 6 weeks.",
    )

    text, blocks = view.automatic_notice(notice)

    assert text == (
        ":robot_face: Automatic notice (lower priority): &lt;!channel&gt; & Sunita Rao "
        "(Preparing) need attention: no meeting logged for 6 weeks."
    )
    assert no_markup_from(shown((text, blocks)))


def test_a_reporters_name_cannot_notify_anyone_in_the_list_of_concerns() -> None:
    taken = concern(status="acknowledged", assignee="UTEAM0001")

    listed = view.alerts_message([AlertView(taken, TYPED, [])], NOW)

    assert f"• #7 :large_orange_circle: acknowledged, with <@UTEAM0001>: from {ESCAPED}," in listed
    assert not any(markup in listed for markup in MARKUP)
