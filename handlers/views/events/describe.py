"""An event described for its reader: its title in their language, when (in the programme's
time, UK time for the shipped scheme, and their own where it differs) and where."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.events.model import EventSchedule
from bot.scheme import Event, Programme
from handlers.i18n import _, clock_time, day, formatted, language, ngettext


def in_readers_language(event: Event) -> Event:
    """The event's own words (title, venue, joining, description) as the programme file gives
    them in the reader's language, English where it gives none."""
    return event.in_language(language())


def when(
    programme: Programme, schedule: EventSchedule, event: Event, recipient_tz: str | None
) -> str:
    """'Thursday 13 November 2025, 11:00–15:00 UK time (GMT)', plus the person's own time when
    their Slack zone shows a different clock at that moment."""
    event = in_readers_language(event)
    if schedule.starts_at is None or schedule.ends_at is None:
        expected = event.expected
        if event.to_confirm and isinstance(event.date, date):
            expected = day(datetime.combine(event.date, time(12), programme.zone))
        if expected:
            return _("date to be confirmed (expected {expected})").format(expected=expected)
        return _("date to be confirmed")
    zone = programme.zone
    start, end = schedule.starts_at.astimezone(zone), schedule.ends_at.astimezone(zone)
    # Translators: {clock} is "UK time" (or the programme's time zone); {zone} is GMT or BST,
    # as the UK's clocks say.
    text = _("{day}, {start}–{end} {clock} ({zone})").format(
        day=day(start),
        start=clock_time(start),
        end=clock_time(end),
        clock=programme_clock(programme),
        zone=f"{start:%Z}",
    )
    own = _zone(recipient_tz)
    if own is not None and _wall_clock(schedule.starts_at, own) != _wall_clock(
        schedule.starts_at, zone
    ):
        own_start, own_end = schedule.starts_at.astimezone(own), schedule.ends_at.astimezone(own)
        times = {"start": clock_time(own_start), "end": clock_time(own_end), "zone": recipient_tz}
        if own_start.date() == start.date():
            # Translators: {uk_time} is the day and time in the UK; {zone} is the reader's own
            # time zone as Slack names it, such as America/New_York.
            text = _("{uk_time}; {start}–{end} in your time zone ({zone})").format(
                uk_time=text, **times
            )
        else:
            text = _("{uk_time}; {weekday} {start}–{end} in your time zone ({zone})").format(
                uk_time=text, weekday=formatted(own_start, "EEEE"), **times
            )
    return text


def programme_clock(programme: Programme) -> str:
    """What the programme's clock is called: UK time for a UK-wide scheme, otherwise its zone."""
    return _("UK time") if programme.timezone == "Europe/London" else programme.timezone


def where(event: Event) -> str:
    event = in_readers_language(event)
    if event.format == "face_to_face":
        if event.venue:
            return _("Face to face at {venue}").format(venue=event.venue)
        return _("Face to face (venue to be confirmed)")
    return event.joining or _("Online")


def describe_offset(offset: timedelta) -> str:
    """P7D → 'in 7 days', P1D → 'tomorrow', PT1H → 'in 1 hour'."""
    if offset == timedelta(days=1):
        return _("tomorrow")
    if offset.days and not offset.seconds:
        return ngettext("in {n} day", "in {n} days", offset.days).format(n=offset.days)
    hours, minutes = divmod(int(offset.total_seconds()) // 60, 60)
    if hours and not minutes:
        return ngettext("in {n} hour", "in {n} hours", hours).format(n=hours)
    # One message for every count, as the English has always said it ("in 1 minutes" included)
    return _("in {n} minutes").format(n=hours * 60 + minutes)


def _zone(name: str | None) -> ZoneInfo | None:
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _wall_clock(moment: datetime, zone: ZoneInfo) -> tuple[int, int, int]:
    local = moment.astimezone(zone)
    return local.day, local.hour, local.minute
