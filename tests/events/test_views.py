"""How events read: names in the team's attendance list as written, never as Slack markup;
offsets in words; a mistake told kindly with what would be right."""

from __future__ import annotations

from datetime import time, timedelta

from bot.events.rules import EventSchedule
from bot.events.service import (
    AlreadyStarted,
    Attendance,
    DateInPast,
    EndBeforeStart,
    NotInAudience,
    UnknownEvent,
)
from bot.scheme import SHIPPED_PROGRAMME, load_programme
from handlers.views import events as view
from handlers.views.common import user_error

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


def test_offsets_read_as_words() -> None:
    offsets = (timedelta(days=7), timedelta(days=1), timedelta(hours=1), timedelta(minutes=30))
    assert [view.describe_offset(o) for o in offsets] == [
        "in 7 days",
        "tomorrow",
        "in 1 hour",
        "in 30 minutes",
    ]


def test_an_unknown_event_lists_the_events_and_what_was_typed_cannot_be_markup() -> None:
    assert user_error(UnknownEvent("lunch", ("launch", "final-celebration"))) == (
        "There is no event called `lunch`. The events are: launch, final-celebration."
    )
    assert user_error(UnknownEvent("<!channel>", ("launch",))).startswith(
        "There is no event called `&lt;!channel&gt;`."
    )


def test_a_reply_or_a_new_date_that_cannot_be_taken_says_why() -> None:
    event = load_programme(SHIPPED_PROGRAMME).events[0]

    assert [
        user_error(error)
        for error in (
            NotInAudience(event),
            AlreadyStarted(event),
            EndBeforeStart(time(11), time(10, 30)),
            DateInPast(),
        )
    ] == [
        f"{event.title} is for {event.audience}, so there is no reply to record from you.",
        f"{event.title} has already started, so I can't change your reply.",
        "The end time 10:30 must be after the start time 11:00.",
        "That date and time has already passed. Please give a future date.",
    ]
