"""The events feature's modals, and what each says once its work is done."""

from __future__ import annotations

from datetime import date, time

from slack_sdk.models.blocks import (
    DatePickerElement,
    InputBlock,
    SectionBlock,
    TimePickerElement,
)
from slack_sdk.models.views import View

from bot.events.service import Attendance
from bot.scheme import Event, Programme
from handlers.i18n import _
from handlers.views.common import console_form, sections
from handlers.views.events.describe import programme_clock
from handlers.views.mrkdwn import escape


def feed_modal(text: str) -> View:
    """The feed's secret address in a form, seen once and kept nowhere in the conversation."""
    return View(type="modal", title=_("Your calendar feed"), close=_("Done"), blocks=sections(text))


SET_DATE_MODAL = "console_set_date_modal"


def set_date_modal(event: Event, programme: Programme) -> View:
    """The team's form to set an event's date; one carried from the last cohort starts at that
    date, so confirming it is one press."""
    proposed = event.date if event.to_confirm and isinstance(event.date, date) else None
    said = _("*{event}*: everyone invited is told the new date.")
    if proposed is not None:
        said = _("*{event}*: carried from last year's date. Confirm it, or change it first.")
    clock, starts, ends = programme_clock(programme), _("Starts ({clock})"), _("Ends ({clock})")
    return console_form(
        SET_DATE_MODAL,
        _("Set the date"),
        _("Set date"),
        metadata={"event": event.id},
        blocks=[
            SectionBlock(text=said.format(event=escape(event.title))),
            InputBlock(
                block_id="day",
                label=_("Day"),
                element=DatePickerElement(
                    action_id="value", initial_date=proposed.isoformat() if proposed else None
                ),
            ),
            _time_input("start", starts.format(clock=clock), event.start if proposed else None),
            _time_input("end", ends.format(clock=clock), event.end if proposed else None),
        ],
    )


def _time_input(block_id: str, label: str, initial: time | None) -> InputBlock:
    return InputBlock(
        block_id=block_id,
        label=label,
        element=TimePickerElement(
            action_id="value", initial_time=f"{initial:%H:%M}" if initial else None
        ),
    )


def who_modal(attendance: Attendance) -> View:
    def names(people: list[str]) -> str:
        shown = ", ".join(map(escape, people[:50])) or _("nobody")
        if len(people) <= 50:
            return shown
        return _("{names} and {n} more (type `/mentoring team who {event}` for everyone)").format(
            names=shown, n=len(people) - 50, event=attendance.event.id
        )

    text = _(
        "*{event}*\n"
        "*Coming ({coming}):* {coming_names}\n"
        "*Not coming ({not_coming}):* {not_coming_names}\n"
        "*Not replied ({no_reply}):* {no_reply_names}"
    ).format(
        event=escape(attendance.event.title),
        coming=len(attendance.coming),
        coming_names=names(attendance.coming),
        not_coming=len(attendance.not_coming),
        not_coming_names=names(attendance.not_coming),
        no_reply=len(attendance.no_reply),
        no_reply_names=names(attendance.no_reply),
    )
    return View(type="modal", title=_("Who is coming"), close=_("Close"), blocks=sections(text))
