"""The events use cases over the real storage: replies, the team's dates, reminders when due.

October's times are BST (UTC+1); November's on are GMT, where UK time is UTC."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import text

from bot.errors import NotAParticipant, TeamOnly
from bot.events.errors import (
    AlreadyStarted,
    DateInPast,
    EndBeforeStart,
    NotInAudience,
    UnknownEvent,
)
from bot.events.feeds import FeedAddress, file_key, file_token
from bot.events.notices import CalendarInvite, EventDateChanged, EventReminder
from bot.events.service import EventsService
from bot.notices import FileNotice, Outgoing
from bot.participants.service import import_participants
from handlers.slack.rendering import render_file, render_message
from handlers.slack.sender import Sender
from handlers.views import events as view
from handlers.views.common import user_error
from tests.seen import buttons, words
from tests.services import (
    COHORT_CSV,
    GRACE,
    JAMIE,
    OLIVER,
    OUTSIDER,
    SERVER_SECRET,
    START,
    SUNITA,
    TEAM_LEAD,
    WORKSPACE,
    Scheme,
    WorkspaceDirectory,
    email_of,
)
from tests.timeline import Timed, uk, walk

EVERYONE = {GRACE, OLIVER, SUNITA, JAMIE}
# The week-before reminder of the mentees' briefing (21 Oct 2025, 10:00 BST).
BRIEFING_WEEK_BEFORE = datetime(2025, 10, 14, 9, tzinfo=UTC)
# The week-before reminder of the launch (13 Nov 2025, 11:00 GMT).
LAUNCH_WEEK_BEFORE = datetime(2025, 11, 6, 11, tzinfo=UTC)


def answer_of(scheme: Scheme, slack_user_id: str, event_id: str, now: datetime) -> str | None:
    mine = scheme.events.my_events(slack_user_id, now).events
    return next(m.answer for m in mine if m.event.id == event_id)


def test_a_reply_is_recorded_and_the_team_sees_who_is_coming(scheme: Scheme) -> None:
    now = datetime(2025, 11, 1, 12, tzinfo=UTC)
    scheme.events.reply(SUNITA, "launch", "yes", now)
    scheme.events.reply(GRACE, "launch", "no", now)
    assert answer_of(scheme, SUNITA, "launch", now) == "yes"
    who = scheme.events.attendance(TEAM_LEAD, "launch")
    assert (who.coming, who.not_coming) == (["Sunita Rao"], ["Grace Mensah"])
    assert who.no_reply == ["Jamie Clarke", "Oliver Byrne"]


def test_a_reply_to_an_event_for_another_audience_is_refused_and_not_recorded(
    scheme: Scheme,
) -> None:
    now = datetime(2025, 11, 1, 12, tzinfo=UTC)
    with pytest.raises(NotInAudience) as refused:
        scheme.events.reply(GRACE, "training-mentees", "yes", now)
    assert refused.value.event.id == "training-mentees"
    assert scheme.events.attendance(TEAM_LEAD, "training-mentees").coming == []


def test_a_reply_once_the_event_has_begun_is_refused_and_the_earlier_one_kept(
    scheme: Scheme,
) -> None:
    scheme.events.reply(SUNITA, "launch", "yes", datetime(2025, 11, 12, 9, tzinfo=UTC))
    begun = datetime(2025, 11, 13, 11, 0, tzinfo=UTC)
    with pytest.raises(AlreadyStarted):
        scheme.events.reply(SUNITA, "launch", "no", begun)
    assert scheme.events.attendance(TEAM_LEAD, "launch").coming == ["Sunita Rao"]


def test_a_reply_from_someone_not_on_the_scheme_or_to_no_such_event_is_refused(
    scheme: Scheme,
) -> None:
    now = datetime(2025, 11, 1, 12, tzinfo=UTC)
    with pytest.raises(NotAParticipant):
        scheme.events.reply(OUTSIDER, "launch", "yes", now)
    with pytest.raises(UnknownEvent) as unknown:
        scheme.events.reply(SUNITA, "lanch", "yes", now)
    assert "launch" in unknown.value.known_ids


def test_reminders_due_go_to_the_events_audience_with_a_calendar_file_and_only_once(
    scheme: Scheme,
) -> None:
    assert scheme.events.upcoming(datetime(2025, 10, 1, 8, tzinfo=UTC)) == BRIEFING_WEEK_BEFORE
    assert scheme.events.run_due(BRIEFING_WEEK_BEFORE) == 4
    for mentee in (SUNITA, JAMIE):
        reminder, invite = scheme.messenger.to(mentee)
        assert isinstance(reminder, EventReminder) and reminder.event.id == "expectations-mentees"
        assert isinstance(invite, CalendarInvite)
    assert scheme.messenger.to(GRACE) == scheme.messenger.to(OLIVER) == []
    assert scheme.events.run_due(BRIEFING_WEEK_BEFORE) == 0


def test_someone_who_cannot_make_it_gets_no_further_reminders_for_that_event(
    scheme: Scheme,
) -> None:
    scheme.events.run_due(BRIEFING_WEEK_BEFORE)
    scheme.events.reply(SUNITA, "expectations-mentees", "no", datetime(2025, 10, 15, 9, tzinfo=UTC))
    scheme.messenger.sent.clear()
    scheme.events.run_due(datetime(2025, 10, 20, 9, tzinfo=UTC))  # the day before
    briefing = [
        (to, type(notice))
        for to, notice in scheme.messenger.of(EventReminder) + scheme.messenger.of(CalendarInvite)
        if notice.event.id == "expectations-mentees"
    ]
    assert briefing == [(JAMIE, EventReminder)], "the calendar file came with the first"


def test_the_team_setting_a_tbc_date_reschedules_the_clock_and_tells_no_one_yet(
    scheme: Scheme,
) -> None:
    now = datetime(2025, 12, 1, 12, tzinfo=UTC)
    set_at = scheme.events.set_date(
        TEAM_LEAD, "networking-jan-2026", date(2026, 1, 21), time(10), time(11), now
    )
    assert set_at.schedule.starts_at == datetime(2026, 1, 21, 10, tzinfo=UTC)
    assert scheme.changes.count == 1
    assert scheme.messenger.sent == [], "nobody was reminded of a TBC event"
    assert scheme.events.upcoming(now) == datetime(2026, 1, 14, 10, tzinfo=UTC)


def test_a_changed_date_is_told_once_to_those_already_reminded_and_their_replies_cleared(
    scheme: Scheme,
) -> None:
    scheme.events.run_due(LAUNCH_WEEK_BEFORE)
    now = datetime(2025, 11, 7, 9, tzinfo=UTC)
    scheme.events.reply(SUNITA, "launch", "yes", now)
    scheme.messenger.sent.clear()
    scheme.events.set_date(TEAM_LEAD, "launch", date(2025, 11, 14), time(11), time(15), now)
    changed = scheme.messenger.of(EventDateChanged)
    assert {to for to, _ in changed} == EVERYONE and len(changed) == 4
    assert all(n.new.starts_at == datetime(2025, 11, 14, 11, tzinfo=UTC) for _, n in changed)
    assert [n.sequence for _, n in scheme.messenger.of(CalendarInvite)] == [1] * 4
    assert answer_of(scheme, SUNITA, "launch", now) is None


def test_a_week_before_reminder_the_change_notice_already_covers_is_skipped(
    scheme: Scheme,
) -> None:
    scheme.events.run_due(LAUNCH_WEEK_BEFORE)
    now = datetime(2025, 11, 7, 9, tzinfo=UTC)
    scheme.events.set_date(TEAM_LEAD, "launch", date(2025, 11, 14), time(11), time(15), now)
    scheme.messenger.sent.clear()
    assert scheme.events.run_due(datetime(2025, 11, 7, 11, tzinfo=UTC)) == 0
    assert scheme.events.run_due(datetime(2025, 11, 13, 11, tzinfo=UTC)) == 4, "the day before"


class Killed(Exception):
    """The process dies here."""


class DyingSender(Sender):
    """A sender whose process dies before it sends anything, just after the use case's commit."""

    def send(self, outgoing: Sequence[Outgoing], now: datetime) -> list[str]:
        raise Killed()

    def flush(self, now: datetime, keys: Sequence[str] | None = None) -> list[str]:
        raise Killed()


def test_a_date_change_is_told_once_by_a_later_run_if_the_process_dies_before_sending(
    scheme: Scheme,
) -> None:
    scheme.events.run_due(LAUNCH_WEEK_BEFORE)
    scheme.messenger.sent.clear()
    dying = DyingSender(scheme.uow, scheme.messenger)
    events = EventsService(scheme.programme, scheme.uow, dying, scheme.team, scheme.changes)
    now = datetime(2025, 11, 7, 9, tzinfo=UTC)
    with pytest.raises(Killed):
        events.set_date(TEAM_LEAD, "launch", date(2025, 11, 14), time(11), time(15), now)
    assert scheme.messenger.sent == []
    later = now + timedelta(minutes=1)
    assert scheme.deliveries.run_due(later) == 8, "a message and a calendar file each"
    assert scheme.deliveries.run_due(later + timedelta(minutes=1)) == 0
    assert {to for to, _ in scheme.messenger.of(EventDateChanged)} == EVERYONE
    assert len(scheme.messenger.sent) == 8


def test_a_reminder_slack_did_not_take_is_dropped_once_its_event_has_begun(
    scheme: Scheme,
) -> None:
    scheme.messenger.failing = True
    assert scheme.events.run_due(BRIEFING_WEEK_BEFORE) == 0
    scheme.messenger.failing = False
    begun = datetime(2025, 10, 21, 9, tzinfo=UTC)  # the briefing, 10:00 BST
    assert scheme.deliveries.run_due(begun) == 0
    assert scheme.messenger.sent == []


def test_only_the_team_sets_a_date_and_only_a_future_one_that_ends_after_it_starts(
    scheme: Scheme,
) -> None:
    now = datetime(2025, 12, 1, 12, tzinfo=UTC)
    event, day = "networking-jan-2026", date(2026, 1, 21)
    with pytest.raises(TeamOnly):
        scheme.events.set_date(GRACE, event, day, time(10), time(11), now)
    with pytest.raises(EndBeforeStart):
        scheme.events.set_date(TEAM_LEAD, event, day, time(11), time(10), now)
    with pytest.raises(DateInPast):
        scheme.events.set_date(TEAM_LEAD, event, date(2025, 12, 1), time(9), time(10), now)
    assert scheme.changes.count == 0
    assert scheme.events.attendance(TEAM_LEAD, event).schedule.is_tbc


# Calendar files and feeds -----------------------------------------------------------------------

PUBLIC = "https://mentorbot.example.org"
SUNITAS_EVENTS = ["expectations-mentees", "training-mentees", "launch", "final-celebration"]


def events_with_public_address(scheme: Scheme) -> EventsService:
    """The events service as built with PUBLIC_URL set, over the same scheme."""
    return EventsService(
        scheme.programme, scheme.uow, scheme.deliveries, scheme.team, scheme.changes, PUBLIC
    )


def stored(scheme: Scheme, column: str) -> list[object]:
    """A column of the calendar_feeds table as the database holds it."""
    with scheme.uow() as uow:
        return list(uow._session.scalars(text(f"SELECT {column} FROM calendar_feeds")))


def feed_of(scheme: Scheme, token: str | None) -> list[str] | None:
    assert token is not None
    feed = scheme.events.feeds.feed(token)
    return None if feed is None else [invite.event.id for invite in feed.events]


def test_a_feed_address_is_made_on_first_use_and_kept_only_as_a_fingerprint(
    scheme: Scheme,
) -> None:
    now = datetime(2025, 11, 3, 9, tzinfo=UTC)
    made = scheme.events.feeds.address(SUNITA, now)
    assert made.token is not None and len(made.token) == 43 and made.since == now
    assert stored(scheme, "token_hash") == [hashlib.sha256(made.token.encode()).hexdigest()]
    later = scheme.events.feeds.address(SUNITA, now + timedelta(days=1))
    assert later == FeedAddress(None, now), "the secret cannot be shown again"
    assert feed_of(scheme, made.token) == SUNITAS_EVENTS


def test_a_new_address_stops_the_old_one(scheme: Scheme) -> None:
    now = datetime(2025, 11, 3, 9, tzinfo=UTC)
    old = scheme.events.feeds.address(SUNITA, now).token
    new = scheme.events.feeds.address(SUNITA, now + timedelta(hours=1), renew=True).token
    assert new != old
    assert feed_of(scheme, old) is None
    assert feed_of(scheme, new) == SUNITAS_EVENTS


def test_an_unknown_address_has_no_feed_and_someone_off_the_scheme_gets_none(
    scheme: Scheme,
) -> None:
    assert feed_of(scheme, "x" * 43) is None
    with pytest.raises(NotAParticipant):
        scheme.events.feeds.address(OUTSIDER, datetime(2025, 11, 3, 9, tzinfo=UTC))


def test_a_feed_holds_the_dated_events_of_ones_audience_but_those_one_cannot_make(
    scheme: Scheme,
) -> None:
    now = datetime(2025, 11, 3, 9, tzinfo=UTC)
    mentor = scheme.events.feeds.address(GRACE, now).token
    mentee = scheme.events.feeds.address(SUNITA, now).token
    assert feed_of(scheme, mentor) == [
        "expectations-mentors",
        "training-mentors",
        "launch",
        "final-celebration",
    ]
    scheme.events.reply(SUNITA, "launch", "no", now)
    assert feed_of(scheme, mentee) == [
        "expectations-mentees",
        "training-mentees",
        "final-celebration",
    ]


def test_a_feed_follows_a_date_change_with_the_next_sequence_and_a_set_tbc_date(
    scheme: Scheme,
) -> None:
    now = datetime(2025, 11, 3, 9, tzinfo=UTC)
    token = scheme.events.feeds.address(SUNITA, now).token
    scheme.events.reply(SUNITA, "launch", "no", now)
    scheme.events.set_date(TEAM_LEAD, "launch", date(2025, 11, 14), time(11), time(15), now)
    scheme.events.set_date(
        TEAM_LEAD, "networking-jan-2026", date(2026, 1, 21), time(10), time(11), now
    )
    assert token is not None
    feed = scheme.events.feeds.feed(token)
    assert feed is not None
    versions = {i.event.id: (i.schedule.starts_at, i.sequence) for i in feed.events}
    assert versions["launch"] == (datetime(2025, 11, 14, 11, tzinfo=UTC), 1), "back: reply cleared"
    assert versions["networking-jan-2026"] == (datetime(2026, 1, 21, 10, tzinfo=UTC), 1)


def test_an_events_file_is_its_current_version_at_its_current_dates_address_only(
    scheme: Scheme,
) -> None:
    key, feeds = file_key(SERVER_SECRET), scheme.events.feeds
    now = datetime(2025, 11, 3, 9, tzinfo=UTC)
    first = file_token(key, "launch", datetime(2025, 11, 13, 11, tzinfo=UTC))
    assert feeds.event_file(first) is not None
    scheme.events.set_date(TEAM_LEAD, "launch", date(2025, 11, 14), time(11), time(15), now)
    new = datetime(2025, 11, 14, 11, tzinfo=UTC)
    launch = feeds.event_file(file_token(key, "launch", new))
    assert launch is not None and launch.sequence == 1 and launch.schedule.starts_at == new
    assert feeds.event_file(first) is None, "the old date's address leads nowhere"
    assert feeds.event_file(file_token(file_key("another"), "launch", new)) is None
    assert feeds.event_file("launch") is None


def test_erasing_someone_deletes_their_feed_addresses(scheme: Scheme) -> None:
    now = datetime(2025, 11, 3, 9, tzinfo=UTC)
    old = scheme.events.feeds.address(SUNITA, now).token
    new = scheme.events.feeds.address(SUNITA, now, renew=True).token
    with scheme.uow() as uow:
        uow.erasure.erase_participant(scheme.person(SUNITA).id, now)
        uow.commit()
    assert feed_of(scheme, old) is feed_of(scheme, new) is None
    assert stored(scheme, "id") == []


def test_with_a_public_address_reminders_link_to_the_calendar_and_carry_no_file(
    scheme: Scheme,
) -> None:
    events = events_with_public_address(scheme)
    assert events.run_due(LAUNCH_WEEK_BEFORE) == 4
    assert scheme.messenger.of(CalendarInvite) == []
    assert {(to, n.public_url) for to, n in scheme.messenger.of(EventReminder)} == {
        (person, PUBLIC) for person in EVERYONE
    }


def test_with_a_public_address_a_date_change_is_told_with_links_and_no_file(
    scheme: Scheme,
) -> None:
    events = events_with_public_address(scheme)
    events.run_due(LAUNCH_WEEK_BEFORE)
    now = datetime(2025, 11, 7, 9, tzinfo=UTC)
    events.set_date(TEAM_LEAD, "launch", date(2025, 11, 14), time(11), time(15), now)
    changed = scheme.messenger.of(EventDateChanged)
    assert len(changed) == 4 and all(n.public_url == PUBLIC for _, n in changed)
    assert scheme.messenger.of(CalendarInvite) == []


# Moved down from the scenarios: the clock walked over the scheme's calendar -------------------


def walked(scheme: Scheme, until: datetime, everything: bool = False) -> None:
    """The events' reminders (with `everything`, every use case the clock runs) at each moment
    they ask for, from START to `until`."""
    timed: list[Timed] = [scheme.events, scheme.checkins, scheme.concerns, scheme.evaluations]
    walk(scheme, timed if everything else [scheme.events], START, until)


def shown_to(scheme: Scheme, person: str) -> list[str]:
    """The words of each message in the person's DM, oldest first (files aside)."""
    return [
        words(render_message(n))
        for n in scheme.messenger.to(person)
        if not isinstance(n, FileNotice)
    ]


def files_to(scheme: Scheme, person: str) -> list[str]:
    return [n.filename for n in scheme.messenger.to(person) if isinstance(n, FileNotice)]


def reminder_lines(scheme: Scheme, person: str, title: str) -> list[str]:
    return [t for t in shown_to(scheme, person) if t.startswith(f"{title} is ")]


def when_said(text: str) -> str:
    """A reminder's heading says when: 'LMS Launch is tomorrow'."""
    return text.split(" is ", 1)[1].splitlines()[0]


def test_mentees_get_their_briefing_reminders_a_week_a_day_and_an_hour_before(
    scheme: Scheme,
) -> None:
    walked(scheme, uk("2025-10-21 09:30"), everything=True)
    briefing = reminder_lines(scheme, SUNITA, "Setting expectations briefing (mentees)")
    assert [when_said(t) for t in briefing] == ["in 7 days", "tomorrow", "in 1 hour"]
    assert "Tuesday 21 October 2025, 10:00–11:00 UK time (BST)" in briefing[0]
    assert files_to(scheme, SUNITA) == ["expectations-mentees-202510210900.ics"]


def test_someone_abroad_also_sees_the_time_in_their_own_zone(scheme: Scheme) -> None:
    in_new_york = WorkspaceDirectory({**WORKSPACE, email_of(JAMIE): (JAMIE, "America/New_York")})
    import_participants(COHORT_CSV, scheme.uow, in_new_york, START)
    walked(scheme, uk("2025-11-06 12:00"))
    [launch] = reminder_lines(scheme, JAMIE, "LMS Launch")
    assert "11:00–15:00 UK time (GMT); 06:00–10:00 in your time zone (America/New_York)" in launch
    [sunitas] = reminder_lines(scheme, SUNITA, "LMS Launch")
    assert "in your time zone" not in sunitas


def test_the_calendar_file_is_a_real_ics_in_uk_time(scheme: Scheme) -> None:
    walked(scheme, uk("2025-11-06 12:00"))
    invite = next(
        n for _, n in scheme.messenger.of(CalendarInvite) if n.filename.startswith("launch-")
    )
    ics = render_file(invite).content.decode()
    assert "DTSTART;TZID=Europe/London:20251113T110000" in ics
    assert "DTEND;TZID=Europe/London:20251113T150000" in ics
    assert "UID:launch@mentorbot.lms" in ics and "BEGIN:VTIMEZONE" in ics
    assert "SCoR HQ" in ics


def test_nothing_is_sent_for_a_tbc_event_until_the_team_sets_its_date(scheme: Scheme) -> None:
    now = uk("2025-12-01 09:00")
    walked(scheme, now)
    assert not any("Networking and training" in t for u in EVERYONE for t in shown_to(scheme, u))

    with pytest.raises(TeamOnly) as refused:
        scheme.events.set_date(
            SUNITA, "networking-jan-2026", date(2026, 1, 21), time(10), time(11), now
        )
    assert user_error(refused.value) == "Only the project team can do this."
    dated = scheme.events.set_date(
        TEAM_LEAD, "networking-jan-2026", date(2026, 1, 21), time(10), time(11), now
    )
    done = view.date_set_message(dated.event, dated.schedule, scheme.programme)
    assert "Wednesday 21 January 2026, 10:00–11:00 UK time (GMT)" in done

    walk(scheme, [scheme.events], now, uk("2026-01-21 09:30"))
    for user in EVERYONE:
        lines = reminder_lines(scheme, user, "Networking and training (virtual)")
        assert [when_said(t) for t in lines] == ["in 7 days", "tomorrow", "in 1 hour"]
    assert "networking-jan-2026-202601211000.ics" in files_to(scheme, SUNITA)


def test_a_face_to_face_reminder_has_the_venue_travel_expenses_adjustments_contact_and_buttons(
    scheme: Scheme,
) -> None:
    walked(scheme, uk("2025-11-06 12:00"))
    [launch] = [
        shown
        for n in scheme.messenger.to(SUNITA)
        if not isinstance(n, FileNotice)
        and words(shown := render_message(n)).startswith("LMS Launch is ")
    ]
    assert "SCoR HQ, 207 Providence Square, Mill Street, London SE1 2EW" in words(launch)
    assert "The SoR pays your travel costs" in words(launch) and "pande@sor.org" in words(launch)
    assert buttons(launch) == [
        "I'll be there",
        "I can't make it",
        "Ask for an adjustment…",
        "Add to Google Calendar",
        "Add to Outlook",
    ]
