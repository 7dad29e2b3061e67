"""How events read: names in the team's attendance list as written, never as Slack markup;
offsets in words; a mistake told kindly with what would be right."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from icalendar import Calendar

from bot.events.errors import (
    AlreadyStarted,
    DateInPast,
    EndBeforeStart,
    NotInAudience,
    UnknownEvent,
)
from bot.events.feeds import Feed, FeedAddress
from bot.events.model import EventSchedule
from bot.events.notices import CalendarInvite, EventDateChanged, EventReminder
from bot.events.service import Attendance
from bot.programme_file import load_programme
from bot.scheme import SHIPPED_PROGRAMME, Event
from handlers.events import CalendarFeed
from handlers.features import parse_command
from handlers.grammar import NotUnderstood
from handlers.views import events as view
from handlers.views.commands import not_understood
from handlers.views.common import user_error
from tests.seen import ESCAPED, TYPED, links, no_markup_in, words

STAMP = datetime(2025, 10, 1, 8, tzinfo=UTC)


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
    assert no_markup_in(listed)


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


# Add-to-calendar links, calendar files and feeds ------------------------------------------------

PROGRAMME = load_programme(SHIPPED_PROGRAMME)
PUBLIC = "https://mentorbot.example.org"
# 12 June 2026 is in BST: 09:30–12:00 UK time is 08:30–11:00 UTC.
SUPPER = Event(
    id="supper",
    title="Fish & chips #1",
    audience="everyone",
    format="online",
    date=date(2026, 6, 12),
    start=time(9, 30),
    end=time(12),
    joining="Room 2/B, ask <Ana>",
    description="Bring 1+1 friends?\nLäuft!",
)
SUPPER_DATES = EventSchedule(
    "supper", datetime(2026, 6, 12, 8, 30, tzinfo=UTC), datetime(2026, 6, 12, 11, tzinfo=UTC)
)
SUPPER_TITLE = "Fish%20%26%20chips%20%231%20%28SoR%20Leadership%20Mentoring%20Scheme%202025-26%29"
SUPPER_DETAILS = (
    "Bring%201%2B1%20friends%3F%0AL%C3%A4uft%21%0A%0ARoom%202/B%2C%20ask%20%3CAna%3E"
    "%0A%0AReasonable%20adjustments%3A%20pande%40sor.org"
)
SUPPER_PLACE = "Room%202/B%2C%20ask%20%3CAna%3E"


def test_the_google_calendar_link_has_the_event_in_utc_and_every_value_encoded() -> None:
    assert view.google_calendar_url(PROGRAMME, SUPPER, SUPPER_DATES) == (
        "https://calendar.google.com/calendar/render?action=TEMPLATE"
        f"&text={SUPPER_TITLE}"
        "&dates=20260612T083000Z/20260612T110000Z"
        f"&details={SUPPER_DETAILS}"
        f"&location={SUPPER_PLACE}"
    )


def test_the_outlook_link_has_the_event_in_utc_and_every_value_encoded() -> None:
    assert view.outlook_calendar_url(PROGRAMME, SUPPER, SUPPER_DATES) == (
        "https://outlook.office.com/calendar/0/deeplink/compose"
        "?path=/calendar/action/compose&rru=addevent"
        f"&subject={SUPPER_TITLE}"
        "&startdt=2026-06-12T08%3A30%3A00Z&enddt=2026-06-12T11%3A00%3A00Z"
        f"&body={SUPPER_DETAILS}"
        f"&location={SUPPER_PLACE}"
    )


def test_a_launch_in_gmt_is_the_same_clock_time_in_utc() -> None:
    launch = PROGRAMME.event("launch")
    assert launch is not None
    dates = EventSchedule(
        "launch", datetime(2025, 11, 13, 11, tzinfo=UTC), datetime(2025, 11, 13, 15, tzinfo=UTC)
    )
    google = view.google_calendar_url(PROGRAMME, launch, dates)
    assert "&dates=20251113T110000Z/20251113T150000Z&" in google
    assert "&location=Face%20to%20face%20at%20SCoR%20HQ%2C%20207%20Providence%20Square" in google
    assert "The%20SoR%20pays%20your%20travel%20costs" in google
    outlook = view.outlook_calendar_url(PROGRAMME, launch, dates)
    assert "&startdt=2025-11-13T11%3A00%3A00Z&enddt=2025-11-13T15%3A00%3A00Z&" in outlook


def test_a_long_description_is_cut_so_that_the_link_fits_a_slack_button() -> None:
    wordy = SUPPER.model_copy(update={"description": "Café " * 2000})
    for link in (view.google_calendar_url, view.outlook_calendar_url):
        url = link(PROGRAMME, wordy, SUPPER_DATES)
        assert len(url) <= 3000
        assert f"%E2%80%A6&location={SUPPER_PLACE}" in url, "cut, marked, the place kept"


def reminder(public_url: str | None, file_token: str | None = None) -> EventReminder:
    return EventReminder(
        PROGRAMME, SUPPER, SUPPER_DATES, timedelta(days=1), None, None, public_url, file_token
    )


def test_a_reminder_has_google_and_outlook_buttons_and_no_file_link_without_a_public_address() -> (
    None
):
    _, blocks = view.reminder_message(reminder(None))
    buttons = links(blocks)
    assert buttons == {
        "Add to Google Calendar": view.google_calendar_url(PROGRAMME, SUPPER, SUPPER_DATES),
        "Add to Outlook": view.outlook_calendar_url(PROGRAMME, SUPPER, SUPPER_DATES),
    }
    assert "/mentoring calendar" not in words(blocks)


def test_with_a_public_address_a_reminder_links_to_the_served_file_and_tells_of_the_feed() -> None:
    token = "Qm9vdHN0cmFwcGVkIGFkZHJlc3Mgb2YgYSBmaWxlIGZvcg"
    _, blocks = view.reminder_message(reminder(PUBLIC + "/", token))
    buttons = links(blocks)
    assert buttons["Calendar file (.ics)"] == f"{PUBLIC}/calendar/events/{token}.ics"
    assert set(buttons) == {"Add to Google Calendar", "Add to Outlook", "Calendar file (.ics)"}
    assert "`/mentoring calendar`" in words(blocks)


def test_the_date_change_message_links_to_the_new_date() -> None:
    old = EventSchedule("supper", None, None)
    for public_url, said in ((None, "A new calendar file follows."), (PUBLIC, "links below")):
        notice = EventDateChanged(PROGRAMME, SUPPER, old, SUPPER_DATES, None, public_url)
        _, blocks = view.date_changed_message(notice)
        assert said in words(blocks)
        google = links(blocks)["Add to Google Calendar"]
        assert "dates=20260612T083000Z/20260612T110000Z" in google
    moved_to_tbc = EventDateChanged(PROGRAMME, SUPPER, SUPPER_DATES, old, None, PUBLIC)
    assert links(view.date_changed_message(moved_to_tbc)[1]) == {}


def test_a_feed_holds_each_event_once_by_uid_with_its_sequence_and_nothing_about_anyone() -> None:
    launch = PROGRAMME.event("launch")
    assert launch is not None
    launch_dates = EventSchedule(
        "launch", datetime(2025, 11, 10, 11, tzinfo=UTC), datetime(2025, 11, 10, 15, tzinfo=UTC)
    )
    feed = Feed(
        PROGRAMME,
        [
            CalendarInvite(PROGRAMME, launch, launch_dates, 1),
            CalendarInvite(PROGRAMME, SUPPER, SUPPER_DATES, 0),
        ],
    )
    calendar = Calendar.from_ical(view.feed_ics(feed, STAMP))
    entries = [c for c in calendar.walk("VEVENT")]
    assert [(str(e["UID"]), e["SEQUENCE"]) for e in entries] == [
        ("launch@mentorbot.lms", 1),
        ("supper@mentorbot.lms", 0),
    ]
    assert entries[0].decoded("DTSTART") == datetime(2025, 11, 10, 11, tzinfo=PROGRAMME.zone)
    assert str(calendar["X-WR-CALNAME"]) == PROGRAMME.name
    assert not any(name in c for c in entries for name in ("ATTENDEE", "ORGANIZER", "CONTACT"))
    one = Calendar.from_ical(
        view.ics_for(CalendarInvite(PROGRAMME, launch, launch_dates, 1), STAMP)
    )
    [alone] = one.walk("VEVENT")
    assert alone.to_ical() == entries[0].to_ical(), "the feed's entry is the calendar file's"


def test_a_feed_is_in_its_holders_language() -> None:
    launch = PROGRAMME.event("launch")
    assert launch is not None and launch.cy is not None and launch.cy.title
    dates = EventSchedule(
        "launch", datetime(2025, 11, 10, 11, tzinfo=UTC), datetime(2025, 11, 10, 15, tzinfo=UTC)
    )
    invites = [CalendarInvite(PROGRAMME, launch, dates, 1)]
    welsh = Calendar.from_ical(view.feed_ics(Feed(PROGRAMME, invites, "cy"), STAMP))
    english = Calendar.from_ical(view.feed_ics(Feed(PROGRAMME, invites), STAMP))
    assert str(welsh.walk("VEVENT")[0]["SUMMARY"]).startswith(f"{launch.cy.title} (")
    assert str(english.walk("VEVENT")[0]["SUMMARY"]).startswith(f"{launch.title} (")


def test_an_empty_feed_is_still_a_valid_calendar() -> None:
    calendar = Calendar.from_ical(view.feed_ics(Feed(PROGRAMME, []), STAMP))
    assert calendar.walk("VEVENT") == [] and calendar.walk("VTIMEZONE") != []


def test_a_new_feed_address_is_shown_with_how_to_subscribe() -> None:
    made = datetime(2025, 11, 3, 9, tzinfo=UTC)
    said = view.feed_message(FeedAddress("s3cr3t-t0ken", made), PROGRAMME, PUBLIC)
    assert f"`{PUBLIC}/calendar/feed/s3cr3t-t0ken.ics`" in said
    assert "*From URL*" in said and "*Subscribe from web*" in said
    assert "`/mentoring calendar new`" in said


def test_an_existing_feed_address_is_not_shown_again_and_how_to_replace_it_is() -> None:
    made = datetime(2025, 11, 3, 9, tzinfo=UTC)
    said = view.feed_message(FeedAddress(None, made), PROGRAMME, PUBLIC)
    assert said.startswith("You already have a calendar feed (since 3 November 2025).")
    assert "`/mentoring calendar new`" in said and PUBLIC not in said


@pytest.mark.parametrize(
    ("text", "command"),
    [("calendar", CalendarFeed()), ("Calendar NEW", CalendarFeed(renew=True))],
)
def test_the_calendar_command(text: str, command: CalendarFeed) -> None:
    assert parse_command(text) == command


def test_a_calendar_command_with_other_words_gets_the_usage() -> None:
    with pytest.raises(NotUnderstood) as refused:
        parse_command("calendar please")
    assert "`/mentoring calendar`" in not_understood(refused.value)
