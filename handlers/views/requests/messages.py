"""Everything about requests that people read: words and Block Kit, pure. A request's words
appear only in the team's channel and the approver's DM; the person's own messages, their Home
and the console name a request by its number, kind, event and status."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    DividerBlock,
    SectionBlock,
)

from bot.participants.model import Participant, Role
from bot.requests.model import Kind, Refusal, Request, RequestStatus, Step
from bot.requests.notices import (
    ApprovalAsked,
    RequestAnswered,
    RequestForTeam,
    RequestReceived,
    RequestShown,
)
from bot.requests.rules import DONE
from bot.requests.service import RequestView
from bot.scheme import Approver, Event, Programme
from handlers.i18n import N_, _, clock_time, formatted, language
from handlers.slack.rendering import message_view
from handlers.views.common import note, quoted, sections
from handlers.views.events.describe import when, where
from handlers.views.mrkdwn import escape

ASK_FROM_HOME = "request_ask_home"


ACKNOWLEDGE = "request_ack"


RESOLVE = "request_resolve"


APPROVE = "request_approve"


DECLINE = "request_decline"


ASK = N_("Ask for an adjustment…")


# The form's choices, as the person reads them.
KIND_CHOICES: dict[Kind, str] = {
    "adjustment": N_("A reasonable adjustment, to take part in the scheme or an event"),
    "accommodation": N_("Accommodation for a face-to-face event (needs approval)"),
    "travel": N_("I can't travel to a face-to-face event"),
}
# What a request is, in a list.
KIND_LABELS: dict[Kind, str] = {
    "adjustment": N_("reasonable adjustment"),
    "accommodation": N_("accommodation"),
    "travel": N_("cannot travel"),
}


# How to name an event in each command that takes one, by its number in the list shown.
NAMING_EVENTS: dict[Kind, str] = {
    "travel": N_("Say its number or a clear part of its name, e.g. `/mentoring can't travel 1`."),
    "accommodation": N_(
        "Say its number or a clear part of its name, e.g. `/mentoring request accommodation 1`."
    ),
    "adjustment": N_(
        "Say its number or a clear part of its name, e.g. `/mentoring request adjustment 1`."
    ),
}


STATUS_WORDS: dict[RequestStatus, str] = {
    "open": N_("open"),
    "awaiting_approval": N_("waiting for approval"),
    "acknowledged": N_("acknowledged"),
    "resolved": N_("resolved"),
    "approved": N_("approved"),
    "declined": N_("declined"),
}


# Where a request stands after a step, and who took it: each a whole phrase for translation.
STATUS_BY: dict[RequestStatus, str] = {
    "acknowledged": N_("acknowledged by {person}"),
    "resolved": N_("resolved by {person}"),
    "approved": N_("approved by {person}"),
    "declined": N_("declined by {person}"),
}


# The same, as the person who asked reads it on their Home.
YOUR_STATUS: dict[RequestStatus, str] = {
    "open": N_("with the project team"),
    "awaiting_approval": N_("waiting for approval"),
    "acknowledged": N_("the project team is looking after it"),
    "resolved": N_("resolved"),
    "approved": N_("approved"),
    "declined": N_("not approved"),
}


# The approver's own message, once they have decided (only their steps bring it here).
YOUR_DECISION: dict[RequestStatus, str] = {
    "approved": N_("You approved this request."),
    "declined": N_("You declined this request."),
}


ROLE_WORDS: dict[Role, str] = {"mentor": N_("mentor"), "mentee": N_("mentee")}


SOURCES = {
    "event": N_("the event's reminder"),
    "home": N_("the bot's Home tab"),
    "command": N_("/mentoring request"),
}


REFUSAL_WORDS: dict[Refusal, str] = {
    "already_done": N_("This request has already been answered."),
    "already_acknowledged": N_("This request has already been acknowledged."),
    "awaiting_approval": N_("This request is waiting for the approver's decision."),
    "not_for_approval": N_("This request is not waiting for anyone's approval."),
}


# What the person hears of each step, naming who took it; {request} is what `about` says.
ANSWERED_BY: dict[Step, str] = {
    "acknowledge": N_(
        "{name} from the project team has read your request #{number} ({request}) and is "
        "looking after it."
    ),
    "resolve": N_(
        "Your request #{number} ({request}) is resolved by {name} from the project team."
    ),
    "approve": N_(
        "Good news: your request #{number} ({request}) is approved by {name}. The project team "
        "will be in touch with the details."
    ),
    "decline": N_(
        "I'm sorry: your request #{number} ({request}) was not approved by {name}. "
        "`/mentoring request` reaches the project team if you would like to talk about it or "
        "ask for something else."
    ),
}


# The same when the bot does not know their name.
ANSWERED: dict[Step, str] = {
    "acknowledge": N_(
        "A member of the project team has read your request #{number} ({request}) and is "
        "looking after it."
    ),
    "resolve": N_("Your request #{number} ({request}) is resolved."),
}


SHOWN = 5  # requests listed on a person's Home


def about(kind: Kind, event: Event | None) -> str:
    """'accommodation for LMS Launch', 'cannot travel to LMS Launch', 'a reasonable adjustment
    for LMS Launch', or 'a reasonable adjustment' to take part in the scheme as a whole."""
    title = event_title(event) if event else ""
    if kind == "accommodation":
        # Translators: what a request is about, shown in brackets or after a colon.
        return _("accommodation for {title}").format(title=title)
    if kind == "travel":
        # Translators: what a request is about, shown in brackets or after a colon.
        return _("cannot travel to {title}").format(title=title)
    if event is None:
        # Translators: what a request is about, shown in brackets or after a colon.
        return _("a reasonable adjustment")
    # Translators: what a request is about, shown in brackets or after a colon.
    return _("a reasonable adjustment for {title}").format(title=title)


def event_title(event: Event) -> str:
    """The event's title as the programme file gives it in the reader's language, escaped."""
    return escape(event.in_language(language()).title)


# The team's channel and the approver's DM ------------------------------------------------------


@message_view(RequestForTeam)
def request_for_team(n: RequestForTeam) -> tuple[str, list[Block]]:
    r = n.request
    text = _("Private request #{number} from {who}: {request}").format(
        number=r.id, who=_who(n.requester), request=about(r.kind, n.event)
    )
    details = [
        _("*What:* {what}").format(what=_(KIND_CHOICES[r.kind])),
        _("*Event:* {event}").format(event=_event(n)),
        _("*Asked from:* {source}").format(source=_(SOURCES[r.source])),
    ]
    if r.kind == "accommodation":
        details.append(_("*Approval:* {approval}").format(approval=_approval(n.programme)))
    blocks: list[Block] = [SectionBlock(text=f"*{text}*\n" + "\n".join(details))]
    return text, blocks + quoted(r.details) + _team_controls(n)


def _team_controls(n: RequestShown) -> list[Block]:
    """The status, with who took the last step and their note; the team's buttons while the
    request is theirs to answer."""
    r = n.request
    blocks: list[Block] = [note(_("Status: {status}").format(status=_status(n))), *_written(n)]
    if r.status in ("open", "acknowledged"):
        buttons = [ButtonElement(text=_("Resolved…"), action_id=RESOLVE, value=str(r.id))]
        if r.status == "open":
            acknowledge = ButtonElement(
                text=_("Acknowledge"), action_id=ACKNOWLEDGE, value=str(r.id), style="primary"
            )
            buttons.insert(0, acknowledge)
        blocks.append(ActionsBlock(block_id=f"request:{r.id}", elements=buttons))
    return blocks


@message_view(ApprovalAsked)
def approval_asked(n: ApprovalAsked) -> tuple[str, list[Block]]:
    r = n.request
    text = _("Request #{number} for your approval: {who} asks for {request}").format(
        number=r.id, who=_who(n.requester), request=about(r.kind, n.event)
    )
    details = (
        _("*Event:* {event}").format(event=_event(n))
        + "\n"
        + _(
            "The scheme's terms say accommodation requests need your approval. The project "
            "team has this request too."
        )
    )
    blocks: list[Block] = [SectionBlock(text=f"*{text}*\n{details}"), *quoted(r.details)]
    if r.status == "awaiting_approval":
        approve = ButtonElement(
            text=_("Approve"), action_id=APPROVE, value=str(r.id), style="primary"
        )
        decline = ButtonElement(text=_("Decline…"), action_id=DECLINE, value=str(r.id))
        blocks.append(ActionsBlock(block_id=f"approval:{r.id}", elements=[approve, decline]))
    else:
        blocks += [note(_(YOUR_DECISION[r.status])), *_written(n)]
    return text, blocks


def _who(person: Participant | None) -> str:
    if person is None:
        return _("someone no longer on the scheme")
    return _("{name} ({role})").format(name=escape(person.name), role=_(ROLE_WORDS[person.role]))


def _event(n: RequestShown) -> str:
    if n.event is None or n.schedule is None:
        return _("none named: to take part in the scheme")
    shown = when(n.programme, n.schedule, n.event, None)
    return f"{event_title(n.event)}, {shown}. {escape(where(n.event))}"


def _approver(approver: Approver) -> str:
    """'Dr Morgan Ellis, Executive Director of Professional Policy': their name, and their
    title where the programme file gives one."""
    name, role = escape(approver.name), approver.role_in(language())
    return f"{name}, {escape(role)}" if role else name


def _approval(programme: Programme) -> str:
    approver = programme.approvals.accommodation
    if approver is None:
        return _("no approver is named in the programme file, so the project team decides.")
    if approver.slack_id:
        return _("{approver}, who has it in their DM.").format(approver=_approver(approver))
    return _(
        "{approver} ({email}), who is not in Slack: please ask them, and resolve this with "
        "their answer."
    ).format(approver=_approver(approver), email=approver.email)


def _status(n: RequestShown) -> str:
    r, last = n.request, n.last
    approver = n.programme.approvals.accommodation
    if r.status == "awaiting_approval":
        if approver is None:
            return _("waiting for the approver to decide")
        return _("waiting for {name} to decide").format(name=escape(approver.name))
    if last is None:
        return _(STATUS_WORDS[r.status])
    by = (
        escape(approver.name)
        if r.status in ("approved", "declined") and approver
        else f"<@{last.actor}>"
    )
    return _(STATUS_BY[r.status]).format(person=by)


def _written(n: RequestShown) -> list[Block]:
    """The last step's note to the person, or the reason for declining, as it was written (in
    sections, as long as it is)."""
    if n.last is None or not n.last.note:
        return []
    declined = n.request.status == "declined"
    said = _("The reason given:") if declined else _("The note to them:")
    return [note(said), *quoted(n.last.note)]


# The person's own DM ---------------------------------------------------------------------------


@message_view(RequestReceived)
def request_received(n: RequestReceived) -> tuple[str, list[Block]]:
    said = {"number": n.request_id, "request": about(n.asked, n.event)}
    if n.approver is not None:
        text = _(
            "Thank you. Your request #{number} ({request}) has gone privately to the project "
            "team. It has also gone to {approver}, who decides on requests for a room. I'll "
            "tell you here when they have decided. Nobody else can see it."
        ).format(approver=_approver(n.approver), **said)
    elif n.asked == "travel":
        text = _(
            "Thank you. Your request #{number} ({request}) has gone privately to the project "
            "team, who will talk with you about reasonable adjustments. I'll tell you here when "
            "they have read it. Nobody else can see it."
        ).format(**said)
    else:
        text = _(
            "Thank you. Your request #{number} ({request}) has gone privately to the project "
            "team. I'll tell you here when they have read it. Nobody else can see it."
        ).format(**said)
    return text, [SectionBlock(text=text)]


@message_view(RequestAnswered)
def request_answered(n: RequestAnswered) -> tuple[str, list[Block]]:
    by = escape(n.by) if n.by else ""
    # The approver is always named (the programme file names them); the team may not be.
    words = ANSWERED[n.step] if not by and n.step in ANSWERED else ANSWERED_BY[n.step]
    text = _(words).format(number=n.request_id, request=about(n.asked, n.event), name=by)
    blocks: list[Block] = [SectionBlock(text=text)]
    if n.note:
        said = _("Their reason:") if n.step == "decline" else _("Their note:")
        blocks += [SectionBlock(text=said), *quoted(n.note)]
    return text, blocks


# Lists: the person's Home, the console, the team's command --------------------------------------


def my_requests(requests: list[Request], programme: Programme) -> list[Block]:
    """The person's own requests on their Home, newest first: what, and where each stands."""
    if not requests:
        return []
    lines = [
        f"• #{r.id} {about(r.kind, _event_of(r, programme))}: {_(YOUR_STATUS[r.status])}"
        for r in requests[:SHOWN]
    ]
    blocks: list[Block] = [DividerBlock(), SectionBlock(text=_("*Your requests*"))]
    blocks += sections("\n".join(lines))
    if len(requests) > SHOWN:
        more = len(requests) - SHOWN
        blocks.append(note(_("And {n} more: `/mentoring my-data` has them all.").format(n=more)))
    return blocks


def ask_button() -> ButtonElement:
    return ButtonElement(text=_(ASK), action_id=ASK_FROM_HOME)


def console_line(r: Request) -> str:
    """A request on the console: its number, kind and status, and nothing it says."""
    return _("Request #{number} · {kind} · {status}").format(
        number=r.id, kind=_(KIND_LABELS[r.kind]), status=_(STATUS_WORDS[r.status])
    )


def team_requests_message(views: list[RequestView], programme: Programme) -> str:
    if not views:
        return _("Nobody has asked for an adjustment, accommodation or help with travel.")
    waiting = sum(1 for v in views if v.request.status not in DONE)
    lines = [_("*Requests* ({n} still to answer)").format(n=waiting)]
    for v in views:
        r = v.request
        asked = r.created_at.astimezone(programme.zone)
        lines.append(
            _("• #{number} {request}: {status}, from {person}, {date} {time}").format(
                number=r.id,
                request=about(r.kind, _event_of(r, programme)),
                status=_(STATUS_WORDS[r.status]),
                person=escape(v.requester) or _("someone no longer on the scheme"),
                date=formatted(asked, "dd MMM"),
                time=clock_time(asked),
            )
        )
    return "\n".join(lines)


def _event_of(request: Request, programme: Programme) -> Event | None:
    return programme.event(request.event_id) if request.event_id else None
