"""People's names in the team's attendance list read as written, never as Slack markup."""

from __future__ import annotations

from bot.events.rules import EventSchedule
from bot.events.service import Attendance
from bot.scheme import SHIPPED_PROGRAMME, load_programme
from handlers.views import events as view

TYPED = "<!channel> <@U999> & <https://evil.example|click>"
ESCAPED = "&lt;!channel&gt; &lt;@U999&gt; &amp; &lt;https://evil.example|click&gt;"
MARKUP = ("<!channel>", "<@U999>", "<https://evil.example")


def test_names_in_the_attendance_list_cannot_notify_the_team_channel() -> None:
    programme = load_programme(SHIPPED_PROGRAMME)
    event = programme.events[0]
    attendance = Attendance(
        event, EventSchedule(event.id, None, None), [TYPED, "Sunita Rao"], [TYPED], [TYPED]
    )

    listed = view.attendance_message(attendance, programme)

    assert f"• Coming (2): {ESCAPED}, Sunita Rao\n" in listed
    assert f"• Can't make it (1): {ESCAPED}\n" in listed
    assert listed.endswith(f"• No reply yet (1): {ESCAPED}")
    assert not any(markup in listed for markup in MARKUP)
