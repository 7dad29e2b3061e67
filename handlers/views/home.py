"""The App Home tab: what one person sees when they open the bot in Slack. Their next events and
replies, their pair, an open evaluation, their own requests, and the ways to tell the team, ask
for an adjustment or get their data; for a member of the project team, the console follows
(handlers/views/console.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    DatePickerElement,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    Option,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.evaluations.service import MyForm
from bot.events.service import MyCalendar, MyEvent
from bot.pairs.service import PairView
from bot.requests.model import Request
from bot.requests.service import RequestView
from bot.scheme import Nation, Programme
from handlers.i18n import ENGLISH, LANGUAGES, N_, _, clock_time, day, formatted, language
from handlers.views import concerns as concerns_view
from handlers.views import evaluations as evaluations_view
from handlers.views import events as events_view
from handlers.views import pairs as pairs_view
from handlers.views import participants as participants_view
from handlers.views import requests as requests_view
from handlers.views.common import note, sections
from handlers.views.mrkdwn import escape

# The Home's own action ids: its buttons redraw the Home after they act, where the same buttons
# in a message answer in the conversation.
RSVP_YES, RSVP_NO, ACCEPT = "home_rsvp_yes", "home_rsvp_no", "home_accept"
STAGE, AGREEMENT, LOG_MEETING = "home_stage", "home_agreement", "home_log_meeting"
PAUSE, RESUME, MY_DATA = "home_pause", "home_resume", "home_my_data"
CALENDAR_FEED, NATION, LANGUAGE = "home_calendar_feed", "home_nation", "home_language"
PAUSE_MODAL = "home_pause_modal"
APPROVE, DECLINE, DECLINE_MODAL = "home_approve", "home_decline", "home_decline_modal"
# Slack's limits: a Home view holds at most 100 blocks, so each list shows its first few and
# says how many more there are and where to see them all.
EVENTS_SHOWN = 5
MEETINGS_SHOWN = 3
APPROVALS_SHOWN = 10

# Below a participant's Home, whose "Tell the project team privately" button is above it.
HELP = N_(
    "Everything here is also a command: type `/mentoring help` for the list. To tell the project "
    "team something privately, use the button above: only the team's private channel sees it."
)
# Below the Home of anyone else: the team, the approver, someone not on the scheme.
COMMANDS_HELP = N_("Type `/mentoring help` for the list of commands.")
NOT_ON_THE_SCHEME = N_(
    "You are not on the mentoring scheme yet. If you think you should be, please contact the "
    "project team."
)
ON_THE_TEAM = N_("You are on the project team: your console is below.")
THE_APPROVER = N_(
    "You decide the requests for accommodation at the scheme's face-to-face events. Each one "
    "waiting for you is below, and in our DM with its words."
)


@dataclass(frozen=True)
class Mine:
    """What the Home shows one person, read when it is drawn."""

    calendar: MyCalendar | None  # None: not on the scheme
    pair: PairView | None
    next_check_in: datetime | None
    forms: list[MyForm]
    public_url: str | None  # where the deployment serves calendar files and feeds, if anywhere
    requests: list[Request] = field(default_factory=list)  # their own, newest first
    nation: Nation | None = None  # whose bank holidays they keep (None: the programme's)
    language: str = ENGLISH  # the language they read
    on_team: bool = False  # the console follows their Home
    # The requests that came to them for a decision; None: they are not the approver.
    approvals: list[RequestView] | None = None


@dataclass(frozen=True)
class Said:
    """What a press led to, said on the Home right under the block pressed (`block_id`), so the
    person sees it where they are looking: a file on its way, then arrived."""

    block_id: str
    text: str


def home_view(
    mine: Mine, programme: Programme, now: datetime, console: list[Block], said: Said | None = None
) -> View:
    blocks: list[Block] = [HeaderBlock(text=_("Your mentoring"))]
    if mine.calendar is not None:
        blocks += _events(mine.calendar, mine.public_url, programme, now)
        blocks += _pair(mine.pair, mine.next_check_in, programme, now)
        blocks += _forms(mine.forms)
        blocks += requests_view.my_requests(mine.requests, programme)
        blocks += _yours(mine.nation or programme.default_nation)
    else:
        blocks.append(SectionBlock(text=_(_who_you_are(mine))))
    if mine.approvals is not None:
        blocks += _approvals(mine.approvals, programme, now)
    blocks += _language(mine.language)  # anyone may choose, on the scheme or not
    blocks.append(note(_(HELP if mine.calendar is not None else COMMANDS_HELP)))
    return View(type="home", blocks=_with_said(blocks + console, said))


def _who_you_are(mine: Mine) -> str:
    """Who they are to the scheme when they are not on it, so the words fit what follows."""
    if mine.on_team:
        return ON_THE_TEAM
    return THE_APPROVER if mine.approvals is not None else NOT_ON_THE_SCHEME


def _with_said(blocks: list[Block], said: Said | None) -> list[Block]:
    """`said` in small print under the block pressed; at the top if it is no longer shown."""
    if said is None:
        return blocks
    at = next((n for n, b in enumerate(blocks) if b.block_id == said.block_id), 0)
    return [*blocks[: at + 1], note(said.text), *blocks[at + 1 :]]


def _approvals(views: list[RequestView], programme: Programme, now: datetime) -> list[Block]:
    """The approver's requests: each still waiting, with the buttons their DM has, and each
    decided today, in its place, so the list stays put under the pointer as they decide."""
    waiting = [v for v in views if v.request.status == "awaiting_approval"]
    shown = [v for v in views if v in waiting or _decided_today(v, programme, now)]
    blocks: list[Block] = [DividerBlock(), SectionBlock(text=_("*Requests for your decision*"))]
    if not waiting:
        blocks.append(note(_("Nothing is waiting for your decision.")))
    for v in shown[:APPROVALS_SHOWN]:
        blocks += _approval(v, programme)
    if len(shown) > APPROVALS_SHOWN:
        more = _("And {n} more: each is in our DM, with its buttons.")
        blocks.append(note(more.format(n=len(shown) - APPROVALS_SHOWN)))
    return blocks


def _decided_today(v: RequestView, programme: Programme, now: datetime) -> bool:
    last = v.history[-1] if v.history else None
    if last is None or v.request.status == "awaiting_approval":
        return False
    return last.at.astimezone(programme.zone).date() == now.astimezone(programme.zone).date()


def _approval(v: RequestView, programme: Programme) -> list[Block]:
    r = v.request
    asked = r.created_at.astimezone(programme.zone)
    event = programme.event(r.event_id) if r.event_id else None
    line = _("*#{number}* {request}, from {person}, asked {date} {time}").format(
        number=r.id,
        request=requests_view.about(r.kind, event),
        person=escape(v.requester) or _("someone no longer on the scheme"),
        date=formatted(asked, "dd MMM"),
        time=clock_time(asked),
    )
    if r.status != "awaiting_approval":
        return [SectionBlock(text=f"{line}\n_{_(requests_view.YOUR_DECISION[r.status])}_")]
    buttons = [
        ButtonElement(text=_("Approve"), action_id=APPROVE, value=str(r.id), style="primary"),
        ButtonElement(text=_("Decline…"), action_id=DECLINE, value=str(r.id)),
    ]
    return [
        SectionBlock(text=line),
        ActionsBlock(block_id=f"home:approval:{r.id}", elements=buttons),
    ]


def _events(
    calendar: MyCalendar, public_url: str | None, programme: Programme, now: datetime
) -> list[Block]:
    coming = [e for e in calendar.events if _not_over(e, now)]
    blocks: list[Block] = [DividerBlock(), SectionBlock(text=_("*Your next events*"))]
    if not coming:
        blocks.append(
            SectionBlock(text=_("No more scheme events for you. Thank you for taking part!"))
        )
    for mine_event in coming[:EVENTS_SHOWN]:
        blocks += _event(mine_event, programme, calendar.tz, public_url)
    if len(coming) > EVENTS_SHOWN:
        more = len(coming) - EVENTS_SHOWN
        blocks.append(
            note(_("And {more} more: type `/mentoring events` to see them all.").format(more=more))
        )
    if public_url:
        feed = ButtonElement(text=_("My calendar feed"), action_id=CALENDAR_FEED)
        blocks.append(
            SectionBlock(
                text=_("Subscribe once to all your scheme events, kept up to date:"),
                accessory=feed,
            )
        )
    return blocks


def _event(
    mine: MyEvent, programme: Programme, tz: str | None, public_url: str | None
) -> list[Block]:
    event, schedule = mine.event, mine.schedule
    replies = {"yes": _("You'll be there."), "no": _("You can't make it.")}
    reply = replies.get(mine.answer or "", "")
    title = events_view.in_readers_language(event).title
    text = (
        f"*{escape(title)}*\n{events_view.when(programme, schedule, event, tz)}\n"
        f"{escape(events_view.where(event))}" + (f"\n_{reply}_" if reply else "")
    )
    rsvp = ActionsBlock(
        block_id=f"home:rsvp:{event.id}",
        elements=[
            ButtonElement(
                text=_("I'll be there"), action_id=RSVP_YES, value=event.id, style="primary"
            ),
            ButtonElement(text=_("I can't make it"), action_id=RSVP_NO, value=event.id),
        ],
    )
    blocks: list[Block] = [SectionBlock(text=text), rsvp]
    return blocks + events_view.calendar_blocks(programme, event, schedule, public_url)[:1]


def _not_over(mine: MyEvent, now: datetime) -> bool:
    return mine.schedule.ends_at is None or mine.schedule.ends_at > now


def _pair(
    view: PairView | None, next_check_in: datetime | None, programme: Programme, now: datetime
) -> list[Block]:
    blocks: list[Block] = [DividerBlock(), SectionBlock(text=_("*Your pair*"))]
    if view is None:
        blocks.append(
            SectionBlock(text=_("You have not been paired yet: the steering group is on it."))
        )
        return blocks
    pair, me = view.pair, view.me
    shown = pairs_view.my_pair_message(_recent(view), now)
    if next_check_in is not None:
        on = next_check_in.astimezone(programme.zone)
        shown += "\n" + _("*Next check-in:* {day}").format(day=day(on))
    blocks += sections(shown)
    buttons: list = []
    if pair.status == "awaiting" and not pair.accepted_by(me.id):
        buttons.append(
            ButtonElement(
                text=_("Accept the pairing"),
                action_id=ACCEPT,
                value=str(pair.id),
                style="primary",
            )
        )
    if pair.status == "active":
        buttons += [
            ButtonElement(text=_("Log a meeting"), action_id=LOG_MEETING, value=str(pair.id)),
            ButtonElement(text=_("Edit our agreement"), action_id=AGREEMENT),
        ]
        paused = me.paused_until is not None and me.paused_until > now.date()
        buttons.append(
            ButtonElement(text=_("Resume check-ins"), action_id=RESUME)
            if paused
            else ButtonElement(text=_("Pause check-ins"), action_id=PAUSE)
        )
    if buttons:
        blocks.append(ActionsBlock(block_id="home:pair", elements=buttons))
    if pair.status == "active":
        select = pairs_view.stage_select(pair.id, pair.stage)
        select.action_id = STAGE
        blocks.append(SectionBlock(text=_("Move to another stage:"), accessory=select))
    return blocks


def _recent(view: PairView) -> PairView:
    """The last few meetings only: the full list is in `/mentoring pair`."""
    return PairView(
        view.pair,
        view.me,
        view.partner,
        view.agreement,
        view.meetings[-MEETINGS_SHOWN:],
        view.stage_since,
    )


def _forms(forms: list[MyForm]) -> list[Block]:
    open_forms = [f for f in forms if f.status != "submitted"]
    if not open_forms:
        return []
    blocks: list[Block] = [DividerBlock(), SectionBlock(text=_("*Evaluation*"))]
    for mine in open_forms:
        started = mine.answered > 0
        blocks.append(
            SectionBlock(
                text=_("*{title}*: {answered} of {total} answered").format(
                    title=escape(mine.form.title_in(language())),
                    answered=mine.answered,
                    total=mine.total,
                ),
                accessory=ButtonElement(
                    text=_("Resume") if started else _("Start"),
                    action_id=evaluations_view.START,
                    value=mine.form.id,
                    style="primary",
                ),
            )
        )
    blocks.append(note(_("I'll ask the questions one at a time in our direct messages.")))
    return blocks


def _language(reads: str) -> list[Block]:
    # Each language named in itself, so anyone finds their own whatever the Home is in
    tongues = [Option(text=name, value=code) for code, name in LANGUAGES.items()]
    return [
        DividerBlock(),
        # Not translated: both languages' words, so whoever cannot read this Home finds theirs
        SectionBlock(
            block_id="home:language",
            text="*Language · Iaith*",
            accessory=StaticSelectElement(
                action_id=LANGUAGE,
                placeholder="Language · Iaith",
                options=tongues,
                initial_option=next(t for t in tongues if t.value == reads),
            ),
        ),
    ]


def _yours(nation: Nation) -> list[Block]:
    choices = [Option(text=_(name), value=key) for key, name in participants_view.NATION_CHOICES]
    return [
        DividerBlock(),
        SectionBlock(
            block_id="home:nation",
            text=_("*Where you work:* no nudges on your own bank holidays."),
            accessory=StaticSelectElement(
                action_id=NATION,
                placeholder=_("Your nation"),
                options=choices,
                initial_option=next(c for c in choices if c.value == nation),
            ),
        ),
        ActionsBlock(
            block_id="home:yours",
            elements=[
                ButtonElement(
                    text=_("Tell the project team privately"), action_id=concerns_view.RAISE
                ),
                requests_view.ask_button(),
                ButtonElement(text=_("My data"), action_id=MY_DATA),
            ],
        ),
    ]


def feed_modal(text: str) -> View:
    """The feed's secret address in a form, seen once and kept nowhere in the conversation."""
    return View(type="modal", title=_("Your calendar feed"), close=_("Done"), blocks=sections(text))


def pause_modal(today: date) -> View:
    return View(
        type="modal",
        callback_id=PAUSE_MODAL,
        title=_("Pause check-ins"),
        submit=_("Pause"),
        close=_("Cancel"),
        private_metadata=json.dumps({}),
        blocks=[
            InputBlock(
                block_id="until",
                label=_("Until when? (check-ins start again that day)"),
                element=DatePickerElement(action_id="value", initial_date=today.isoformat()),
            ),
        ],
    )
