"""Everything about requests that people read: words and Block Kit, pure. A request's words
appear only in the team's channel and the approver's DM; the person's own messages, their Home
and the console name a request by its number, kind, event and status."""

from __future__ import annotations

import json

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    DividerBlock,
    InputBlock,
    Option,
    PlainTextInputElement,
    RadioButtonsElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.participants.rules import Participant
from bot.requests.notices import (
    ApprovalAsked,
    RequestAnswered,
    RequestForTeam,
    RequestReceived,
    RequestShown,
)
from bot.requests.rules import DONE, EventChoice, Kind, Refusal, Request, RequestStatus
from bot.requests.service import (
    MAX_DETAILS,
    MAX_NOTE,
    CannotAct,
    ConcurrentChange,
    EmptyRequest,
    EventNeeded,
    KindNotChosen,
    NoSuchRequest,
    NotFaceToFace,
    NotTheApprover,
    NotYourEvent,
    RequestView,
)
from bot.scheme import Event, Programme
from handlers.slack.rendering import message_view
from handlers.views.common import error_words, note, sections
from handlers.views.events import when, where
from handlers.views.mrkdwn import escape

ASK_FROM_HOME = "request_ask_home"
ACKNOWLEDGE, RESOLVE = "request_ack", "request_resolve"
APPROVE, DECLINE = "request_approve", "request_decline"
REQUEST_MODAL, RESOLVE_MODAL, DECLINE_MODAL = (
    "request_submit",
    "request_resolve_submit",
    "request_decline_submit",
)
ASK = "Ask for an adjustment…"
# The form's choices, as the person reads them.
KIND_CHOICES: dict[Kind, str] = {
    "adjustment": "A reasonable adjustment, to take part in the scheme or an event",
    "accommodation": "Accommodation for a face-to-face event (needs approval)",
    "travel": "I can't travel to a face-to-face event",
}
# What a request is, in a list.
KIND_LABELS: dict[Kind, str] = {
    "adjustment": "reasonable adjustment",
    "accommodation": "accommodation",
    "travel": "cannot travel",
}
STATUS_WORDS: dict[RequestStatus, str] = {
    "open": "open",
    "awaiting_approval": "waiting for approval",
    "acknowledged": "acknowledged",
    "resolved": "resolved",
    "approved": "approved",
    "declined": "declined",
}
# The same, as the person who asked reads it on their Home.
YOUR_STATUS: dict[RequestStatus, str] = {
    "open": "with the project team",
    "awaiting_approval": "waiting for approval",
    "acknowledged": "the project team is looking after it",
    "resolved": "resolved",
    "approved": "approved",
    "declined": "not approved",
}
SOURCES = {
    "event": "the event's reminder",
    "home": "the bot's Home tab",
    "command": "/mentoring request",
}
REFUSAL_WORDS: dict[Refusal, str] = {
    "already_done": "This request has already been answered.",
    "already_acknowledged": "This request has already been acknowledged.",
    "awaiting_approval": "This request is waiting for the approver's decision.",
    "not_for_approval": "This request is not waiting for anyone's approval.",
}
SHOWN = 5  # requests listed on a person's Home
OPTIONS_MAX = 100  # Block Kit's static select holds at most 100 options
# Each line of a person's words is cut into pieces of at most this many characters once
# escaped, so that, quoted, every piece fits a section (3,000) and nothing is cut off.
PIECE = 2900


def about(kind: Kind, event: Event | None) -> str:
    """'accommodation for LMS Launch', 'cannot travel to LMS Launch', 'a reasonable adjustment
    for LMS Launch', or 'a reasonable adjustment' to take part in the scheme as a whole."""
    title = escape(event.title) if event else ""
    if kind == "accommodation":
        return f"accommodation for {title}"
    if kind == "travel":
        return f"cannot travel to {title}"
    return f"a reasonable adjustment for {title}" if event else "a reasonable adjustment"


# The team's channel and the approver's DM ------------------------------------------------------


@message_view(RequestForTeam)
def request_for_team(n: RequestForTeam) -> tuple[str, list[Block]]:
    r = n.request
    text = f"Private request #{r.id} from {_who(n.requester)}: {about(r.kind, n.event)}"
    details = [
        f"*What:* {KIND_CHOICES[r.kind]}",
        f"*Event:* {_event(n)}",
        f"*Asked from:* {SOURCES[r.source]}",
    ]
    if r.kind == "accommodation":
        details.append(f"*Approval:* {_approval(n.programme)}")
    blocks: list[Block] = [SectionBlock(text=f"*{text}*\n" + "\n".join(details))]
    return text, blocks + quoted(r.details) + _team_controls(n)


def _team_controls(n: RequestShown) -> list[Block]:
    """The status, with who took the last step and their note; the team's buttons while the
    request is theirs to answer."""
    r = n.request
    blocks: list[Block] = [note(f"Status: {_status(n)}"), *_written(n)]
    if r.status in ("open", "acknowledged"):
        buttons = [ButtonElement(text="Resolved…", action_id=RESOLVE, value=str(r.id))]
        if r.status == "open":
            acknowledge = ButtonElement(
                text="Acknowledge", action_id=ACKNOWLEDGE, value=str(r.id), style="primary"
            )
            buttons.insert(0, acknowledge)
        blocks.append(ActionsBlock(block_id=f"request:{r.id}", elements=buttons))
    return blocks


@message_view(ApprovalAsked)
def approval_asked(n: ApprovalAsked) -> tuple[str, list[Block]]:
    r = n.request
    text = (
        f"Request #{r.id} for your approval: {_who(n.requester)} asks for {about(r.kind, n.event)}"
    )
    details = (
        f"*Event:* {_event(n)}\n"
        "The scheme's terms say accommodation requests need your approval. The project team "
        "has this request too."
    )
    blocks: list[Block] = [SectionBlock(text=f"*{text}*\n{details}"), *quoted(r.details)]
    if r.status == "awaiting_approval":
        approve = ButtonElement(text="Approve", action_id=APPROVE, value=str(r.id), style="primary")
        decline = ButtonElement(text="Decline…", action_id=DECLINE, value=str(r.id))
        blocks.append(ActionsBlock(block_id=f"approval:{r.id}", elements=[approve, decline]))
    else:
        blocks += [note(f"You {STATUS_WORDS[r.status]} this request."), *_written(n)]
    return text, blocks


def _who(person: Participant | None) -> str:
    return f"{escape(person.name)} ({person.role})" if person else "someone no longer on the scheme"


def _event(n: RequestShown) -> str:
    if n.event is None or n.schedule is None:
        return "none named: to take part in the scheme"
    shown = when(n.programme, n.schedule, n.event, None)
    return f"{escape(n.event.title)}, {shown}. {escape(where(n.event))}"


def _approval(programme: Programme) -> str:
    approver = programme.approvals.accommodation
    if approver is None:
        return "no approver is named in the programme file, so the project team decides."
    role = f", {escape(approver.role)}" if approver.role else ""
    if approver.slack_id:
        return f"{escape(approver.name)}{role}, who has it in their DM."
    return (
        f"{escape(approver.name)}{role} ({approver.email}), who is not in Slack: please ask "
        "them, and resolve this with their answer."
    )


def _status(n: RequestShown) -> str:
    r, last = n.request, n.last
    if r.status == "awaiting_approval":
        approver = n.programme.approvals.accommodation
        return f"waiting for {escape(approver.name) if approver else 'the approver'} to decide"
    if last is None:
        return STATUS_WORDS[r.status]
    approver = n.programme.approvals.accommodation
    by = (
        escape(approver.name)
        if r.status in ("approved", "declined") and approver
        else f"<@{last.actor}>"
    )
    return f"{STATUS_WORDS[r.status]} by {by}"


def _written(n: RequestShown) -> list[Block]:
    """The last step's note to the person, or the reason for declining, as it was written (in
    sections, as long as it is)."""
    if n.last is None or not n.last.note:
        return []
    said = "The reason given:" if n.request.status == "declined" else "The note to them:"
    return [note(said), *quoted(n.last.note)]


def quoted(text: str) -> list[Block]:
    """A person's words, escaped and quoted line by line, in as many sections as they need:
    a long line is split (never inside an entity `escape` made), not cut short."""
    pieces: list[str] = []
    for line in text.splitlines() or [""]:
        escaped = escape(line)
        while len(escaped) > PIECE:
            # Every & is the start of an entity: cutting before one never splits it.
            cut = escaped.rfind("&", PIECE - 4, PIECE)
            cut = cut if cut > 0 else PIECE
            pieces.append(escaped[:cut])
            escaped = escaped[cut:]
        pieces.append(escaped)
    return list(sections("\n".join(f"> {piece}" for piece in pieces)))


# The person's own DM ---------------------------------------------------------------------------


@message_view(RequestReceived)
def request_received(n: RequestReceived) -> tuple[str, list[Block]]:
    yours = f"Your request #{n.request_id} ({about(n.asked, n.event)})"
    if n.approver is not None:
        role = f", {escape(n.approver.role)}" if n.approver.role else ""
        then = (
            f"has gone privately to the project team. It has also gone to "
            f"{escape(n.approver.name)}{role}, who decides on requests for a room. I'll tell you "
            "here when they have decided."
        )
    elif n.asked == "travel":
        then = (
            "has gone privately to the project team, who will talk with you about reasonable "
            "adjustments. I'll tell you here when they have read it."
        )
    else:
        then = "has gone privately to the project team. I'll tell you here when they have read it."
    text = f"Thank you. {yours} {then} Nobody else can see it."
    return text, [SectionBlock(text=text)]


@message_view(RequestAnswered)
def request_answered(n: RequestAnswered) -> tuple[str, list[Block]]:
    yours = f"request #{n.request_id} ({about(n.asked, n.event)})"
    by = escape(n.by) if n.by else ""
    if n.step == "acknowledge":
        who = f"{by} from the project team" if by else "A member of the project team"
        text = f"{who} has read your {yours} and is looking after it."
    elif n.step == "resolve":
        text = f"Your {yours} is resolved" + (f" by {by} from the project team." if by else ".")
    elif n.step == "approve":
        text = f"Good news: your {yours} is approved by {by}. The project team will be in touch with the details."
    else:
        text = (
            f"I'm sorry: your {yours} was not approved by {by}. `/mentoring request` reaches "
            "the project team if you would like to talk about it or ask for something else."
        )
    blocks: list[Block] = [SectionBlock(text=text)]
    if n.note:
        said = "Their reason:" if n.step == "decline" else "Their note:"
        blocks += [SectionBlock(text=said), *quoted(n.note)]
    return text, blocks


# The form, and the team's and the approver's --------------------------------------------------


def request_modal(
    choices: list[EventChoice],
    programme: Programme,
    source: str,
    kind: Kind | None = None,
    event_id: str | None = None,
) -> View:
    """`kind` and `event_id` come chosen (from a command, or the event's reminder)."""
    blocks: list[Block] = [
        SectionBlock(
            text="Only the project team will see this (and, for accommodation, the person who "
            "approves it). Your partner will not."
        ),
        _kind_input(kind),
    ]
    if choices:
        blocks.append(_event_input(choices, programme, event_id))
    blocks.append(
        InputBlock(
            block_id="details",
            label="Tell us what would help",
            hint="e.g. step-free access, a quiet room, a hotel for the night before, joining online.",
            element=PlainTextInputElement(
                action_id="value", multiline=True, max_length=MAX_DETAILS
            ),
        )
    )
    return View(
        type="modal",
        callback_id=REQUEST_MODAL,
        title="Ask the project team",
        submit="Send privately",
        close="Cancel",
        private_metadata=json.dumps({"source": source}),
        blocks=blocks,
    )


def _kind_input(chosen: Kind | None) -> Block:
    kinds = [Option(text=words, value=key) for key, words in KIND_CHOICES.items()]
    return InputBlock(
        block_id="kind",
        label="What do you need?",
        element=RadioButtonsElement(
            action_id="value",
            options=kinds,
            initial_option=next((o for o in kinds if o.value == chosen), None),
        ),
    )


def _event_input(choices: list[EventChoice], programme: Programme, chosen: str | None) -> Block:
    options = [Option(text=_choice(c, programme), value=c.event.id) for c in choices[:OPTIONS_MAX]]
    return InputBlock(
        block_id="event",
        label="Which event?",
        optional=True,
        hint="Needed for accommodation, or if you can't travel: face-to-face events only.",
        element=StaticSelectElement(
            action_id="value",
            placeholder="Choose an event",
            options=options,
            initial_option=next((o for o in options if o.value == chosen), None),
        ),
    )


def _choice(choice: EventChoice, programme: Programme) -> str:
    """'LMS Launch (13 Nov 2025)', within Slack's 75 characters for an option."""
    starts = choice.schedule.starts_at
    day = starts.astimezone(programme.zone) if starts else None
    on = f"{day.day} {day:%b %Y}" if day else "date to be confirmed"
    suffix = f" ({on})"
    return choice.event.title[: 75 - len(suffix)] + suffix


def resolve_modal(request_id: int) -> View:
    return _answer_modal(
        RESOLVE_MODAL,
        f"Resolve request #{request_id}",
        "Resolve",
        request_id,
        InputBlock(
            block_id="note",
            label="A note to the person (optional)",
            optional=True,
            hint="They get it in their DM; it is kept with the request.",
            element=PlainTextInputElement(action_id="value", multiline=True, max_length=MAX_NOTE),
        ),
    )


def decline_modal(request_id: int) -> View:
    return _answer_modal(
        DECLINE_MODAL,
        f"Decline request #{request_id}",
        "Decline",
        request_id,
        InputBlock(
            block_id="reason",
            label="Why? (optional)",
            optional=True,
            hint="The person is told this in their DM; it is kept with the request.",
            element=PlainTextInputElement(action_id="value", multiline=True, max_length=MAX_NOTE),
        ),
    )


def _answer_modal(callback_id: str, title: str, submit: str, request_id: int, input: Block) -> View:
    return View(
        type="modal",
        callback_id=callback_id,
        title=title,
        submit=submit,
        close="Cancel",
        private_metadata=json.dumps({"request": request_id}),
        blocks=[input],
    )


# Lists: the person's Home, the console, the team's command --------------------------------------


def my_requests(requests: list[Request], programme: Programme) -> list[Block]:
    """The person's own requests on their Home, newest first: what, and where each stands."""
    if not requests:
        return []
    lines = [
        f"• #{r.id} {about(r.kind, _event_of(r, programme))}: {YOUR_STATUS[r.status]}"
        for r in requests[:SHOWN]
    ]
    blocks: list[Block] = [DividerBlock(), SectionBlock(text="*Your requests*")]
    blocks += sections("\n".join(lines))
    if len(requests) > SHOWN:
        more = len(requests) - SHOWN
        blocks.append(note(f"And {more} more: `/mentoring my-data` has them all."))
    return blocks


def ask_button() -> ButtonElement:
    return ButtonElement(text=ASK, action_id=ASK_FROM_HOME)


def console_line(r: Request) -> str:
    """A request on the console: its number, kind and status, and nothing it says."""
    return f"Request #{r.id} · {KIND_LABELS[r.kind]} · {STATUS_WORDS[r.status]}"


def team_requests_message(views: list[RequestView], programme: Programme) -> str:
    if not views:
        return "Nobody has asked for an adjustment, accommodation or help with travel."
    waiting = sum(1 for v in views if v.request.status not in DONE)
    lines = [f"*Requests* ({waiting} still to answer)"]
    for v in views:
        r = v.request
        asked = r.created_at.astimezone(programme.zone)
        lines.append(
            f"• #{r.id} {about(r.kind, _event_of(r, programme))}: {STATUS_WORDS[r.status]}, "
            f"from {escape(v.requester) or 'someone no longer on the scheme'}, {asked:%d %b %H:%M}"
        )
    return "\n".join(lines)


def _event_of(request: Request, programme: Programme) -> Event | None:
    return programme.event(request.event_id) if request.event_id else None


# Mistakes -----------------------------------------------------------------------------------


@error_words(KindNotChosen)
def kind_not_chosen(_: KindNotChosen) -> str:
    return "Please choose what you need."


@error_words(EmptyRequest)
def empty_request(_: EmptyRequest) -> str:
    return "Please say a little about what would help, so the team can arrange it."


@error_words(EventNeeded)
def event_needed(error: EventNeeded) -> str:
    if error.kind == "travel":
        return "Please choose the face-to-face event you can't travel to."
    return "Please choose the face-to-face event you need accommodation for."


@error_words(NotFaceToFace)
def not_face_to_face(error: NotFaceToFace) -> str:
    return (
        f"{escape(error.event.title)} is online, so you won't need to travel or stay over. "
        "If you need help to take part online, choose “A reasonable adjustment”."
    )


@error_words(NotYourEvent)
def not_your_event(error: NotYourEvent) -> str:
    yours = f"yours are: {', '.join(error.yours)}" if error.yours else "you have none coming up"
    return f"`{escape(error.event_id)}` is not one of your upcoming events; {yours}."


@error_words(NoSuchRequest)
def no_such_request(error: NoSuchRequest) -> str:
    return f"There is no request #{error.request_id}."


@error_words(CannotAct)
def cannot_act(error: CannotAct) -> str:
    return REFUSAL_WORDS[error.reason]


@error_words(ConcurrentChange)
def concurrent_change(_: ConcurrentChange) -> str:
    return "Someone else answered this request just now; nothing more was changed."


@error_words(NotTheApprover)
def not_the_approver(error: NotTheApprover) -> str:
    if error.name:
        return f"Only {escape(error.name)} can do this."
    return "Only the approver named in the programme file can do this."
