"""Everything people read about events: words and Block Kit layout, as pure functions."""

from __future__ import annotations

from datetime import date, time

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.events.feeds import FeedAddress
from bot.events.model import EventSchedule
from bot.events.notices import EventDateChanged, EventReminder
from bot.events.service import Attendance, MyEvent
from bot.scheme import Event, Programme
from handlers.i18n import N_, _, formatted, language
from handlers.slack.rendering import message_view
from handlers.views.events.calendar import (
    calendar_blocks,
    feed_url,
)
from handlers.views.events.describe import describe_offset, in_readers_language, when, where
from handlers.views.mrkdwn import escape

RSVP_YES = "event_rsvp_yes"


RSVP_NO = "event_rsvp_no"


# Beside the replies on a face-to-face event's reminder: the request form, with the event chosen
# (handlers/requests.py answers it).
ASK_FOR_ADJUSTMENT = "request_ask_event"


# A person's reply, said back to them whole in each place it is shown (word order differs in Welsh).
TOLD_US = {
    "yes": N_("You told us you'll be there. You can change that below."),
    "no": N_("You told us you can't make it. You can change that below."),
}


YOU_SAID = {"yes": N_("You said you'll be there."), "no": N_("You said you can't make it.")}


YOU_SAID_IN_A_LIST = {"yes": N_("you said you'll be there"), "no": N_("you said you can't make it")}


NOT_FOR_YOU = {
    "mentees": N_("{title} is for mentees, so there is no reply to record from you."),
    "mentors": N_("{title} is for mentors, so there is no reply to record from you."),
    "everyone": N_("{title} is for everyone, so there is no reply to record from you."),
}


# The scheme's last event is where Coming to Closure is marked together.
CELEBRATE = N_(
    "This is the scheme's last event: a time to celebrate what you have learned and achieved "
    "together this year. We hope to see you there."
)


def _closes_the_scheme(notice: EventReminder) -> bool:
    """Whether the reminder is for the programme's last dated event."""
    dated = [
        (e.date, e.start or time(0), e.id)
        for e in notice.programme.events
        if isinstance(e.date, date)
    ]
    return bool(dated) and max(dated)[2] == notice.event.id


@message_view(EventReminder)
def reminder_message(notice: EventReminder) -> tuple[str, list[Block]]:
    event, programme = in_readers_language(notice.event), notice.programme
    # Translators: {when} is "tomorrow", "in 7 days", "in 1 hour"…
    headline = _("{title} is {when}").format(title=event.title, when=describe_offset(notice.offset))
    when_text = when(programme, notice.schedule, event, notice.recipient_tz)
    blocks: list[Block] = [
        HeaderBlock(text=headline[:150]),
        SectionBlock(
            text=MarkdownTextObject(
                text=_("*When:* {when}\n*Where:* {where}").format(
                    when=when_text, where=where(event)
                )
            )
        ),
    ]
    if event.description:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=event.description)))
    if _closes_the_scheme(notice):
        blocks.append(SectionBlock(text=MarkdownTextObject(text=_(CELEBRATE))))
    blocks += _practicalities(event, programme)
    if notice.rsvp:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=_(TOLD_US[notice.rsvp]))]))
    replies = rsvp_buttons(event.id)
    if event.format == "face_to_face":
        replies.elements.append(
            ButtonElement(
                text=_("Ask for an adjustment…"), action_id=ASK_FOR_ADJUSTMENT, value=event.id
            )
        )
    blocks.append(replies)
    blocks += calendar_blocks(
        programme, event, notice.schedule, notice.public_url, notice.file_token
    )
    fallback = _("Reminder: {headline}. {when}. {where}.").format(
        headline=headline, when=when_text, where=where(event).rstrip(".")
    )
    return fallback, blocks


@message_view(EventDateChanged)
def date_changed_message(notice: EventDateChanged) -> tuple[str, list[Block]]:
    event, programme = in_readers_language(notice.event), notice.programme
    old = when(programme, notice.old, event, notice.recipient_tz)
    new = when(programme, notice.new, event, notice.recipient_tz)
    text = _("The date of {title} has changed. It is now {new} (it was {old}).").format(
        title=event.title, new=new, old=old
    )
    changed = _(
        ":calendar: *{title}* has a new date.\n*Now:* {new}\n*Was:* ~{old}~\n*Where:* {where}"
    ).format(title=event.title, new=new, old=old, where=where(event))
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=changed))]
    if not notice.new.is_tbc:
        calendar = (
            _("A new calendar file follows.") if notice.public_url is None else _(NEW_DATE_LINKS)
        )
        # Translators: {calendar} is a sentence on how to put the new date in a calendar.
        tell_again = _(
            "{calendar} Any reply you gave was for the old date, so please tell us again."
        ).format(calendar=calendar)
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=tell_again)]))
        blocks.append(rsvp_buttons(event.id))
        blocks += calendar_blocks(
            programme, event, notice.new, notice.public_url, notice.file_token
        )
    return text, blocks


NEW_DATE_LINKS = N_(
    "Put the new date in your calendar with the links below "
    "(a feed from `/mentoring calendar` follows changes by itself)."
)


def rsvp_buttons(event_id: str) -> ActionsBlock:
    return ActionsBlock(
        block_id=f"rsvp:{event_id}",
        elements=[
            ButtonElement(
                text=_("I'll be there"), action_id=RSVP_YES, value=event_id, style="primary"
            ),
            ButtonElement(text=_("I can't make it"), action_id=RSVP_NO, value=event_id),
        ],
    )


def rsvp_confirmation(mine: MyEvent, programme: Programme) -> str:
    title = in_readers_language(mine.event).title
    if mine.answer == "yes":
        return _("Thank you, I've noted that you'll be at {title}. See you there!").format(
            title=title
        )
    return _(
        "Thank you for letting us know you can't make {title}. I won't send you more "
        "reminders for it. If you need reasonable adjustments to take part, contact {contact}."
    ).format(title=title, contact=programme.contacts.reasonable_adjustments)


def my_events_message(mine: list[MyEvent], programme: Programme, tz: str | None) -> str:
    if not mine:
        return _("You have no more scheme events coming up.")
    lines = [_("*Your upcoming scheme events*")]
    for item in mine:
        title = in_readers_language(item.event).title
        dated = when(programme, item.schedule, item.event, tz)
        line = f"• *{title}*: {dated}. {where(item.event)}"
        if item.answer:
            line += f" · {_(YOU_SAID_IN_A_LIST[item.answer])}"
        lines.append(line)
    return "\n".join(lines)


def next_event_message(mine: list[MyEvent], programme: Programme, tz: str | None) -> str:
    dated = [m for m in mine if not m.schedule.is_tbc]
    if not dated:
        return _(
            "You have no dated events coming up. "
            "`/mentoring events` lists those still to be confirmed."
        )
    item = dated[0]
    text = _("Your next event is *{title}*: {when}. {where}.").format(
        title=in_readers_language(item.event).title,
        when=when(programme, item.schedule, item.event, tz),
        where=where(item.event).rstrip("."),
    )
    return f"{text} {_(YOU_SAID[item.answer])}" if item.answer else text


def attendance_message(attendance: Attendance, programme: Programme) -> str:
    def names(people: list[str]) -> str:
        return ", ".join(map(escape, people)) if people else _("nobody")

    event, schedule = attendance.event, attendance.schedule
    heading = f"*{in_readers_language(event).title}*: {when(programme, schedule, event, None)}"
    lines = [
        heading,
        _("• Coming ({n}): {names}").format(
            n=len(attendance.coming), names=names(attendance.coming)
        ),
        _("• Can't make it ({n}): {names}").format(
            n=len(attendance.not_coming), names=names(attendance.not_coming)
        ),
        _("• No reply yet ({n}): {names}").format(
            n=len(attendance.no_reply), names=names(attendance.no_reply)
        ),
    ]
    return "\n".join(lines)


def team_events_message(attendances: list[Attendance], programme: Programme) -> str:
    lines = [_("*Scheme events*")]
    for a in attendances:
        lines.append(
            _(
                "• *{title}* (`{event_id}`): {when}: "
                "{coming} coming, {not_coming} can't, {no_reply} no reply"
            ).format(
                title=in_readers_language(a.event).title,
                event_id=a.event.id,
                when=when(programme, a.schedule, a.event, None),
                coming=len(a.coming),
                not_coming=len(a.not_coming),
                no_reply=len(a.no_reply),
            )
        )
    lines.append(_("`/mentoring team who EVENT` names them."))
    return "\n".join(lines)


def date_set_message(event: Event, schedule: EventSchedule, programme: Programme) -> str:
    return _(
        "Done: *{title}* is now {when}. Reminders are rescheduled, and anyone already invited "
        "has been told of the change."
    ).format(title=in_readers_language(event).title, when=when(programme, schedule, event, None))


# Worded where it is shown: `feeds_need_an_address()`.
FEEDS_NEED_AN_ADDRESS = N_(
    "Calendar feeds need the bot to have a public web address, and this one has none yet, "
    "so there is no feed to subscribe to. Each reminder has *Add to Google Calendar* and "
    "*Add to Outlook* buttons, and the first one brings a calendar file."
)


def feeds_need_an_address() -> str:
    return _(FEEDS_NEED_AN_ADDRESS)


def feed_message(address: FeedAddress, programme: Programme, public_url: str) -> str:
    """A new feed address with how to subscribe; or, for someone who has one, why it cannot be
    shown again and how to get another."""
    if address.token is None:
        had = (
            _("You already have a calendar feed (since {date}).").format(
                date=formatted(address.since.astimezone(programme.zone), "d MMMM y")
            )
            if address.since
            else _("You already have a calendar feed.")
        )
        return (
            had
            + " "
            + _(
                "I keep only a fingerprint of its address, so I can't show it again. If you have "
                "lost it, or shared it by mistake, `/mentoring calendar new` gives you a new "
                "address and stops the old one."
            )
        )
    return _(
        "*Your calendar feed* of every scheme event for you, kept up to date:\n"
        "`{address}`\n"
        "• Google Calendar: *Other calendars* › *+* › *From URL*, paste the address.\n"
        "• Outlook: *Add calendar* › *Subscribe from web*, paste the address.\n"
        "When a date changes, your calendar follows (calendar apps check every few hours); "
        "events you said you can't make are left out. The address is yours alone: anyone "
        "who has it can see your scheme events. `/mentoring calendar new` gives you a new "
        "one and stops this one."
    ).format(address=feed_url(public_url, address.token))


def _practicalities(event: Event, programme: Programme) -> list[Block]:
    if event.format != "face_to_face":
        return []
    # Translators: {travel_expenses} is the programme file's own sentences on travel costs.
    words = _(
        "{travel_expenses} To ask for an adjustment or accommodation, or to say you can't "
        "travel, use the button below or contact {contact}."
    ).format(
        travel_expenses=programme.travel_expenses_in(language()),
        contact=programme.contacts.reasonable_adjustments,
    )
    return [ContextBlock(elements=[MarkdownTextObject(text=words)])]
