"""Everything about concerns and alerts that people read: words and Block Kit, pure."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    RadioButtonsElement,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.concerns.notices import (
    ConcernAcknowledged,
    ConcernForTeam,
    ConcernReceived,
    ConcernResolved,
    LowScore,
    PairNeedsAttention,
    ReportersPair,
    SentCheckIn,
)
from bot.concerns.rules import Concern, Refusal
from bot.concerns.service import (
    AlertView,
    CannotAct,
    ConcurrentChange,
    EmptyConcern,
    NoResolutionNote,
    NoSuchConcern,
    UrgencyNotChosen,
)
from bot.pairs.rules import STAGE_NAMES
from bot.participants.rules import Participant
from handlers.slack.rendering import message_view
from handlers.views.common import error_words
from handlers.views.mrkdwn import escape
from handlers.views.pairs import attention_words

ACKNOWLEDGE, TAKE, RESOLVE, RAISE = (
    "concern_ack",
    "concern_take",
    "concern_resolve",
    "concern_raise",
)
CONCERN_MODAL, RESOLVE_MODAL = "concern_submit", "concern_resolve_submit"
UK = ZoneInfo("Europe/London")
SOURCES = {
    "pairing": "the pairing introduction (“I have a concern”)",
    "checkin": "a check-in (“Something's wrong”)",
    "command": "/mentoring concern",
    "dm": "a direct message to the bot",
    "home": "the bot's Home tab",
    "shortcut": "the “Tell the project team privately” shortcut",
    "message": "the “Tell the project team about this message” shortcut",
}
TELL_SHORTCUT, TELL_ABOUT_MESSAGE = "tell_the_team", "tell_the_team_about_message"
ABOUT_MESSAGE = "About this message: {link}"
URGENCY_WORDS = {
    "urgent": "Urgent: today, please",
    "soon": "Soon: this week",
    "not_urgent": "Not urgent",
}
STATUS_WORDS = {
    "open": ":red_circle: open",
    "acknowledged": ":large_orange_circle: acknowledged",
    "resolved": ":white_check_mark: resolved",
}
ANSWER_WORDS = {"yes": "Yes", "not_yet": "Not yet"}
REFUSAL_WORDS: dict[Refusal, str] = {
    "already_resolved": "This concern is already resolved.",
    "already_acknowledged": "This concern has already been acknowledged.",
}
NOT_ON_THE_SCHEME = "someone not on the scheme"


@message_view(ConcernForTeam)
def concern_for_team(n: ConcernForTeam) -> tuple[str, list[Block]]:
    c = n.concern
    who = f"{escape(n.reporter.name)} ({n.reporter.role})" if n.reporter else NOT_ON_THE_SCHEME
    pair = (
        f"{_pair_names(n.pair)}, stage {STAGE_NAMES[n.pair.stage]}" if n.pair else "not in a pair"
    )
    lead = (
        f"<@{n.escalated_to}> not yet acknowledged: "
        if n.escalated_to
        else "Not yet acknowledged: "
        if n.escalated
        else ""
    )
    text = f"{lead}:lock: Concern #{c.id} from {who} ({URGENCY_WORDS[c.urgency].split(':')[0].lower()})"
    details = [
        f"*Pair:* {pair}",
        f"*Urgency:* {URGENCY_WORDS[c.urgency]}",
        f"*May we contact them?* {escape(c.contact) or 'No, please do not contact them'}",
        f"*Raised from:* {SOURCES.get(c.source) or escape(c.source)}",
    ]
    if n.pair and n.pair.recent_checkins:
        details.append("*Recent check-ins:* " + "; ".join(map(_checkin, n.pair.recent_checkins)))
    return text, [
        SectionBlock(text=MarkdownTextObject(text=f"*{text}*\n" + "\n".join(details))),
        SectionBlock(text=MarkdownTextObject(text=_quote(escape(c.text)))),
        *alert_controls(c),
    ]


def _pair_names(pair: ReportersPair) -> str:
    """'Grace Mensah (mentor) & Sunita Rao (mentee)'; one erased since reads as '?'."""
    return f"{_name(pair.mentor)} (mentor) & {_name(pair.mentee)} (mentee)"


def _name(person: Participant | None) -> str:
    return escape(person.name) if person else "?"


def _checkin(checkin: SentCheckIn) -> str:
    """'3 Feb: Not yet'."""
    return f"{checkin.sent_at:%d %b}: {ANSWER_WORDS.get(checkin.answer or '', 'no answer')}"


def alert_controls(c: Concern) -> list[Block]:
    state = STATUS_WORDS[c.status] + (f", with <@{c.assignee}>" if c.assignee else "")
    blocks: list[Block] = [ContextBlock(elements=[MarkdownTextObject(text=f"Status: {state}")])]
    if c.status != "resolved":
        buttons = [
            ButtonElement(text="I'll take this", action_id=TAKE, value=str(c.id)),
            ButtonElement(text="Resolved", action_id=RESOLVE, value=str(c.id)),
        ]
        if c.status == "open":
            buttons.insert(
                0,
                ButtonElement(
                    text="Acknowledge", action_id=ACKNOWLEDGE, value=str(c.id), style="primary"
                ),
            )
        blocks.append(ActionsBlock(block_id=f"concern:{c.id}", elements=buttons))
    return blocks


@message_view(ConcernReceived)
def concern_received(n: ConcernReceived) -> tuple[str, list[Block]]:
    contact = (
        f"They will contact you as you asked: {escape(n.contact)}."
        if n.contact
        else "You asked not to be contacted; you can always write again with `/mentoring concern`."
    )
    text = (
        f"Thank you for telling us. The project team has your concern and a member of the team will read it within "
        f"{n.respond_within_hours:g} working hours; I'll tell you here when they have. {contact} Nobody else can see it."
    )
    return text, [SectionBlock(text=MarkdownTextObject(text=text))]


@message_view(ConcernAcknowledged)
def concern_acknowledged(n: ConcernAcknowledged) -> tuple[str, list[Block]]:
    by = f"{escape(n.by)} from the project team" if n.by else "A member of the project team"
    text = f"{by} has read your concern and is looking after it. Thank you for raising it."
    return text, [SectionBlock(text=MarkdownTextObject(text=text))]


@message_view(PairNeedsAttention)
def pair_needs_attention(n: PairNeedsAttention) -> tuple[str, list[Block]]:
    """In the pairs' own words, so this notice and the team's overview of pairs agree."""
    names = f"{escape(n.mentor.name)} & {escape(n.mentee.name)}"
    return _automatic(
        f"{names} ({STAGE_NAMES[n.stage]}) need attention: {attention_words(n.reason)}."
    )


@message_view(LowScore)
def low_score(n: LowScore) -> tuple[str, list[Block]]:
    return _automatic(
        f"{escape(n.person.name)} ({n.person.role}) gave a low score in the "
        f"{n.form.title.lower()}: {n.score} of {n.question.high} to “{n.question.text}”"
    )


def _automatic(about: str) -> tuple[str, list[Block]]:
    text = f":robot_face: From the bot, lower priority: {about}"
    return text, [
        SectionBlock(text=MarkdownTextObject(text=text)),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text="The bot saw this in check-ins and form answers. Nobody reported it."
                )
            ]
        ),
    ]


def alerts_message(alerts: list[AlertView], now: datetime) -> str:
    if not alerts:
        return "No concerns have been raised."
    lines = [f"*Concerns* ({sum(1 for a in alerts if a.concern.status == 'open')} open)"]
    for a in alerts:
        c = a.concern
        raised = c.created_at.astimezone(UK)
        who = f", with <@{c.assignee}>" if c.assignee else ""
        reporter = escape(a.reporter) if a.reporter else NOT_ON_THE_SCHEME
        lines.append(
            f"• #{c.id} {STATUS_WORDS[c.status]}{who}: from {reporter}, {raised:%d %b %H:%M}, {URGENCY_WORDS[c.urgency].split(':')[0].lower()}"
        )
    return "\n".join(lines)


def nothing_open_offer() -> list[Block]:
    return [
        ActionsBlock(
            elements=[
                ButtonElement(text="Tell the project team privately", action_id=RAISE, value="dm")
            ]
        )
    ]


def concern_modal(source: str, about: str = "") -> View:
    """`about`: the link to a message the concern is about (from the message shortcut)."""
    modal = _concern_modal(source)
    if about:
        modal.private_metadata = json.dumps({"source": source, "about": about})
        modal.blocks.insert(1, SectionBlock(text=ABOUT_MESSAGE.format(link=about)))
    return modal


def _concern_modal(source: str) -> View:
    return View(
        type="modal",
        callback_id=CONCERN_MODAL,
        title="Tell the project team",
        submit="Send privately",
        close="Cancel",
        private_metadata=json.dumps({"source": source}),
        blocks=[
            SectionBlock(
                text=MarkdownTextObject(
                    text="Only the project team will see this. Your partner will not."
                )
            ),
            InputBlock(
                block_id="text",
                label="What is happening?",
                element=PlainTextInputElement(action_id="value", multiline=True, max_length=3000),
            ),
            InputBlock(
                block_id="urgency",
                label="How urgent is it?",
                element=RadioButtonsElement(
                    action_id="value",
                    initial_option=Option(text=URGENCY_WORDS["soon"], value="soon"),
                    options=[Option(text=words, value=key) for key, words in URGENCY_WORDS.items()],
                ),
            ),
            InputBlock(
                block_id="contact",
                label="May the team contact you, and how?",
                optional=True,
                hint="e.g. “Yes, by phone on 07700 900123 after 5pm”. Leave empty if you'd rather they didn't.",
                element=PlainTextInputElement(action_id="value", max_length=300),
            ),
        ],
    )


def resolve_modal(concern_id: int, callback_id: str = RESOLVE_MODAL) -> View:
    """`callback_id`: which listener resolves it (the console's also redraws the Home)."""
    return View(
        type="modal",
        callback_id=callback_id,
        title=f"Resolve concern #{concern_id}",
        submit="Resolve",
        close="Cancel",
        private_metadata=json.dumps({"concern": concern_id}),
        blocks=[
            InputBlock(
                block_id="note",
                label="How was it resolved?",
                element=PlainTextInputElement(action_id="value", multiline=True, max_length=1000),
            ),
        ],
    )


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" for line in text.splitlines() or [""])


@message_view(ConcernResolved)
def concern_resolved(n: ConcernResolved) -> tuple[str, list[Block]]:
    text = f":white_check_mark: Concern #{n.concern_id} resolved by <@{n.by}>."
    return text, [SectionBlock(text=text)]


@error_words(EmptyConcern)
def empty_concern(_: EmptyConcern) -> str:
    return "Please say a little about what is happening, so the team can help."


@error_words(UrgencyNotChosen)
def urgency_not_chosen(_: UrgencyNotChosen) -> str:
    return "Please choose how urgent it is."


@error_words(NoResolutionNote)
def no_resolution_note(_: NoResolutionNote) -> str:
    return "Please add a short note on how it was resolved, for the record."


@error_words(NoSuchConcern)
def no_such_concern(error: NoSuchConcern) -> str:
    return f"There is no concern #{error.concern_id}."


@error_words(CannotAct)
def cannot_act(error: CannotAct) -> str:
    return REFUSAL_WORDS[error.reason]


@error_words(ConcurrentChange)
def concurrent_change(_: ConcurrentChange) -> str:
    return "Someone else changed this concern just now; here it is as it stands."
