"""Event reminders, walked through the scheme's calendar as the cohort would live it."""

from __future__ import annotations

import re
import secrets
import urllib.request
from email.message import Message as Headers
from urllib.error import HTTPError

import pytest
from icalendar import Calendar

from tests.cast import GRACE, MENTEES, MENTORS, OLIVER, SUNITA, TEAM_LEAD
from tests.events.conftest import PUBLIC_URL
from tests.seen import links, words
from tests.world import World, uk

DATE_CHANGED = ":calendar: *LMS Launch* has a new date."
EVENT_FILE = re.escape(PUBLIC_URL) + r"/calendar/events/[A-Za-z0-9_-]{43}\.ics"


def reminder_lines(world: World, user: str, title: str) -> list[str]:
    return [t for t in world.texts(user) if t.startswith(f"{title} is ")]


def when_said(text: str) -> str:
    """A reminder's heading says when: 'LMS Launch is tomorrow'."""
    return text.split(" is ", 1)[1].splitlines()[0]


def test_each_audience_hears_only_of_its_own_events_and_the_team_of_none(world: World) -> None:
    world.add_cohort()
    world.walk_to(uk("2025-11-13 10:30"))
    for mentee in MENTEES:
        titles = {t.split(" is ")[0] for t in world.texts(mentee)}
        assert titles == {
            "Setting expectations briefing (mentees)",
            "Pre-launch online training (mentees)",
            "LMS Launch",
        }
    for mentor in MENTORS:
        titles = {t.split(" is ")[0] for t in world.texts(mentor)}
        assert titles == {
            "Setting expectations briefing (mentors)",
            "Pre-launch online training (mentors)",
            "LMS Launch",
        }
    assert world.dms(TEAM_LEAD) == []


@pytest.mark.both_databases  # this feature's scenario on PostgreSQL too
def test_who_cannot_make_it_gets_no_more_reminders_and_the_team_sees_who_is_coming(
    world: World,
) -> None:
    world.add_cohort()
    world.walk_to(uk("2025-11-06 11:00"))
    launch_for = {
        u: next(m for m in world.dms(u) if words(m).startswith("LMS Launch is "))
        for u in MENTORS + MENTEES
    }
    said = world.click(GRACE, launch_for[GRACE], "event_rsvp_no")
    assert "I won't send you more reminders for it" in said and "pande@sor.org" in said
    assert "you'll be at LMS Launch" in world.click(SUNITA, launch_for[SUNITA], "event_rsvp_yes")

    world.walk_to(uk("2025-11-13 10:30"))
    # 13 Nov 2025, 10:30: everyone has the 1-hour reminder but the mentor who can't make it.
    assert [when_said(t) for t in reminder_lines(world, GRACE, "LMS Launch")] == ["in 7 days"]
    for user in [OLIVER, *MENTEES]:
        assert [when_said(t) for t in reminder_lines(world, user, "LMS Launch")] == [
            "in 7 days",
            "tomorrow",
            "in 1 hour",
        ]
    [sunitas_last] = [
        m for m in world.dms(SUNITA) if words(m).startswith("LMS Launch is in 1 hour")
    ]
    assert "You told us you'll be there" in words(sunitas_last)

    who = world.command(TEAM_LEAD, "team who launch")
    assert "Coming (1): Sunita Rao" in who
    assert "Can't make it (1): Grace Mensah" in who
    assert "No reply yet (2): Jamie Clarke, Oliver Byrne" in who


def test_when_a_date_changes_those_already_invited_are_told_once_with_a_new_calendar_file(
    world: World,
) -> None:
    world.add_cohort()
    world.walk_to(uk("2025-11-06 12:00"))
    launch = next(m for m in world.dms(OLIVER) if words(m).startswith("LMS Launch is"))
    world.click(OLIVER, launch, "event_rsvp_no")

    # Brought forward to Monday: its week-before reminder time has passed already.
    done = world.command(TEAM_LEAD, "event date launch 2025-11-10 11:00-15:00")
    assert "Monday 10 November 2025" in done
    for user in MENTORS + MENTEES:
        [changed] = [t for t in world.texts(user) if t.startswith(DATE_CHANGED)]
        assert "*Now:* Monday 10 November 2025, 11:00–15:00 UK time (GMT)" in changed
        assert "*Was:* ~Thursday 13 November 2025, 11:00–15:00 UK time (GMT)" in changed
        launch_files = [f for f in world.files(user) if f.startswith("launch-")]
        assert launch_files == ["launch-202511131100.ics", "launch-202511101100.ics"]
    new_file = next(
        f for f in world.slack.workspace.files.values() if f["name"] == "launch-202511101100.ics"
    )
    assert "SEQUENCE:1" in new_file["content"].decode()

    # The week-before reminder for the new date was due at once; the change message covered it.
    # Oliver's "can't make it" was for the old date: he hears of the new one as everyone does.
    world.walk_to(uk("2025-11-10 10:30"))
    for user in (SUNITA, OLIVER):
        assert [when_said(t) for t in reminder_lines(world, user, "LMS Launch")] == [
            "in 7 days",
            "tomorrow",
            "in 1 hour",
        ]
    world.walk_to(uk("2025-11-13 12:00"))
    assert len(reminder_lines(world, SUNITA, "LMS Launch")) == 3


def test_setting_a_date_is_checked(world: World) -> None:
    world.add_cohort()
    assert "There is no event called `lunch`" in world.command(
        TEAM_LEAD, "event date lunch 2026-01-21 10:00-11:00"
    )
    assert "already passed" in world.command(TEAM_LEAD, "event date launch 2025-09-01 10:00-11:00")
    assert "must be after the start" in world.command(
        TEAM_LEAD, "event date launch 2025-12-01 11:00-10:00"
    )
    assert "Please give the event, the date and the UK times" in world.command(
        TEAM_LEAD, "event date launch soon"
    )


# Calendar files and feeds served by the web process ---------------------------------------------

# Straight to the loopback server, never through a proxy the environment may name.
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def fetch(world: World, url: str, method: str = "GET") -> tuple[int, Headers, bytes]:
    """GETs a URL the bot gave out, from the bot's web process (as the proxy that makes
    PUBLIC_URL public would)."""
    assert url.startswith(PUBLIC_URL), url
    local = world.http.base_url + url.removeprefix(PUBLIC_URL)
    try:
        with _DIRECT.open(urllib.request.Request(local, method=method), timeout=5) as answer:
            return answer.status, answer.headers, answer.read()
    except HTTPError as refused:
        return refused.code, refused.headers, refused.read()


def feed_address(said: str) -> str:
    found = re.search(r"`(https://\S+\.ics)`", said)
    assert found, said
    return found[1]


def launch_in(calendar_bytes: bytes) -> tuple[str, int]:
    """The launch's start (UK wall clock) and SEQUENCE in a calendar."""
    [launch] = [
        e
        for e in Calendar.from_ical(calendar_bytes).walk("VEVENT")
        if e["UID"] == "launch@mentorbot.lms"
    ]
    return f"{launch.decoded('DTSTART'):%Y-%m-%d %H:%M}", int(str(launch["SEQUENCE"]))


def test_without_a_public_address_the_calendar_command_says_feeds_need_one(world: World) -> None:
    world.add_cohort()
    said = world.command(SUNITA, "calendar")
    assert said.startswith("Calendar feeds need the bot to have a public web address")
    assert "*Add to Google Calendar*" in said


def test_a_feed_is_subscribed_to_over_http_and_follows_a_date_change(public_world: World) -> None:
    world = public_world
    world.add_cohort()
    said = world.command(SUNITA, "calendar")
    assert "*From URL*" in said and "*Subscribe from web*" in said
    url = feed_address(said)
    assert re.fullmatch(rf"{PUBLIC_URL}/calendar/feed/[A-Za-z0-9_-]{{43}}\.ics", url)

    status, headers, body = fetch(world, url)
    assert status == 200 and headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert launch_in(body) == ("2025-11-13 11:00", 0)
    assert b"Setting expectations briefing (mentees)" in body
    assert b"(mentors)" not in body, "only her audience's events"
    assert not any(name.encode() in body for name in ("Sunita", "Grace", "Oliver", "Jamie"))

    world.command(TEAM_LEAD, "event date launch 2025-11-10 11:00-15:00")
    assert launch_in(fetch(world, url)[2]) == ("2025-11-10 11:00", 1)
    assert fetch(world, url, "HEAD")[0] == 200


def test_a_feed_address_is_shown_once_and_a_new_one_stops_the_old(public_world: World) -> None:
    world = public_world
    world.add_cohort()
    old = feed_address(world.command(GRACE, "calendar"))
    again = world.command(GRACE, "calendar")
    assert again.startswith("You already have a calendar feed (since 1 October 2025).")
    assert "/calendar/feed/" not in again

    new = feed_address(world.command(GRACE, "calendar new"))
    assert new != old
    assert fetch(world, new)[0] == 200
    status, _, body = fetch(world, old)
    assert (status, body) == (404, b""), "a revoked address says nothing"


def test_an_unknown_address_or_path_is_a_bare_404(public_world: World) -> None:
    world = public_world
    world.add_cohort()
    feed_address(world.command(SUNITA, "calendar"))
    unknown = f"{PUBLIC_URL}/calendar/feed/{secrets.token_urlsafe(32)}.ics"
    for url in (
        unknown,
        f"{PUBLIC_URL}/calendar/feed/short.ics",
        f"{PUBLIC_URL}/calendar/events/launch.ics",  # an event's id is not its address
        f"{PUBLIC_URL}/calendar/events/{secrets.token_urlsafe(32)}.ics",
        f"{PUBLIC_URL}/calendar/",
    ):
        status, _, body = fetch(world, url)
        assert (status, body) == (404, b""), url
    assert fetch(world, f"{PUBLIC_URL}/elsewhere")[0] == 404, "Bolt's answer off its path"
    assert fetch(world, unknown, "POST")[0] == 405


def test_with_a_public_address_reminders_link_to_the_served_file_and_upload_nothing(
    public_world: World,
) -> None:
    world = public_world
    world.add_cohort()
    world.walk_to(uk("2025-11-06 12:00"))
    [message] = [m for m in world.dms(SUNITA) if words(m).startswith("LMS Launch is ")]
    opens = links(message)
    assert re.fullmatch(EVENT_FILE, opens["Calendar file (.ics)"])
    assert "dates=20251113T110000Z/20251113T150000Z" in opens["Add to Google Calendar"]
    assert "startdt=2025-11-13T11%3A00%3A00Z" in opens["Add to Outlook"]
    assert world.files(SUNITA) == [] and world.slack.workspace.files == {}

    status, headers, body = fetch(world, opens["Calendar file (.ics)"])
    assert status == 200
    assert headers["Content-Disposition"] == 'attachment; filename="launch-202511131100.ics"'
    assert "DTSTART;TZID=Europe/London:20251113T110000" in body.decode()
    # Slack tells the app of a press on a link button too: it is acknowledged, nothing more.
    assert world.click(SUNITA, message, "event_calendar_google") == ""


def test_with_a_public_address_the_date_change_links_to_the_new_date(public_world: World) -> None:
    world = public_world
    world.add_cohort()
    world.walk_to(uk("2025-11-06 12:00"))
    world.command(TEAM_LEAD, "event date launch 2025-11-10 11:00-15:00")
    [changed] = [m for m in world.dms(OLIVER) if words(m).startswith(DATE_CHANGED)]
    opens = links(changed)
    assert "dates=20251110T110000Z/20251110T150000Z" in opens["Add to Google Calendar"]
    [new_file] = [url for url in opens.values() if re.fullmatch(EVENT_FILE, url)]
    assert world.files(OLIVER) == []
    assert launch_in(fetch(world, new_file)[2]) == ("2025-11-10 11:00", 1)
