"""The requests feature's modals, and what each says once its work is done."""

from __future__ import annotations

import json

from slack_sdk.models.blocks import (
    Block,
    InputBlock,
    Option,
    PlainTextInputElement,
    RadioButtonsElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.requests.model import EventChoice, Kind
from bot.requests.service import MAX_DETAILS, MAX_NOTE
from bot.scheme import Programme
from handlers.i18n import _, formatted, language
from handlers.views.common import modal_title
from handlers.views.mrkdwn import escape
from handlers.views.requests.messages import KIND_CHOICES, NAMING_EVENTS

REQUEST_MODAL = "request_submit"


RESOLVE_MODAL = "request_resolve_submit"


DECLINE_MODAL = "request_decline_submit"


OPTIONS_MAX = 100  # Block Kit's static select holds at most 100 options


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
            text=_(
                "Only the project team will see this (and, for accommodation, the person who "
                "approves it). Your partner will not."
            )
        ),
        _kind_input(kind),
    ]
    if choices:
        blocks.append(_event_input(choices, programme, event_id))
    blocks.append(
        InputBlock(
            block_id="details",
            label=_("Tell us what would help"),
            hint=_(
                "e.g. step-free access, a quiet room, a hotel for the night before, joining online."
            ),
            element=PlainTextInputElement(
                action_id="value", multiline=True, max_length=MAX_DETAILS
            ),
        )
    )
    return View(
        type="modal",
        callback_id=REQUEST_MODAL,
        # Translators: Slack allows at most 24 characters here.
        title=_("Ask the project team"),
        submit=_("Send privately"),
        close=_("Cancel"),
        private_metadata=json.dumps({"source": source}),
        blocks=blocks,
    )


def _kind_input(chosen: Kind | None) -> Block:
    kinds = [Option(text=_(words), value=key) for key, words in KIND_CHOICES.items()]
    return InputBlock(
        block_id="kind",
        label=_("What do you need?"),
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
        label=_("Which event?"),
        optional=True,
        hint=_("Needed for accommodation, or if you can't travel: face-to-face events only."),
        element=StaticSelectElement(
            action_id="value",
            placeholder=_("Choose an event"),
            options=options,
            initial_option=next((o for o in options if o.value == chosen), None),
        ),
    )


def which_event(
    choices: list[EventChoice], programme: Programme, kind: Kind | None, said: str | None
) -> str:
    """The person's events, numbered, and how to name one: for a command that named none where
    one is needed, or one that was not clear."""
    lead = (
        _("Which event do you mean by `{said}`?").format(said=escape(said))
        if said
        else _("Which event is it about?")
    )
    if not choices:
        return " ".join([lead, _("You have no upcoming events to name.")])
    listed = "\n".join(f"{n}. {_choice(c, programme)}" for n, c in enumerate(choices, 1))
    how = _(NAMING_EVENTS[kind or "adjustment"])
    return f"{lead} {how}\n{listed}"


def _choice(choice: EventChoice, programme: Programme) -> str:
    """'LMS Launch (13 Nov 2025)', within Slack's 75 characters for an option."""
    starts = choice.schedule.starts_at
    on = (
        formatted(starts.astimezone(programme.zone), "d MMM y")
        if starts
        else _("date to be confirmed")
    )
    suffix = f" ({on})"
    return choice.event.in_language(language()).title[: 75 - len(suffix)] + suffix


def resolve_modal(request_id: int) -> View:
    return _answer_modal(
        RESOLVE_MODAL,
        # Translators: Slack allows at most 24 characters here.
        _("Resolve request #{number}").format(number=request_id),
        _("Resolve"),
        request_id,
        InputBlock(
            block_id="note",
            label=_("A note to the person (optional)"),
            optional=True,
            hint=_("They get it in their DM; it is kept with the request."),
            element=PlainTextInputElement(action_id="value", multiline=True, max_length=MAX_NOTE),
        ),
    )


def decline_modal(request_id: int, callback_id: str = DECLINE_MODAL) -> View:
    """`callback_id`: whose listener takes the answer (the Home's redraws the Home)."""
    return _answer_modal(
        callback_id,
        # Translators: Slack allows at most 24 characters here.
        _("Decline request #{number}").format(number=request_id),
        _("Decline"),
        request_id,
        InputBlock(
            block_id="reason",
            label=_("Why? (optional)"),
            optional=True,
            hint=_("The person is told this in their DM; it is kept with the request."),
            element=PlainTextInputElement(action_id="value", multiline=True, max_length=MAX_NOTE),
        ),
    )


def _answer_modal(callback_id: str, title: str, submit: str, request_id: int, input: Block) -> View:
    return View(
        type="modal",
        callback_id=callback_id,
        title=modal_title(title),
        submit=submit,
        close=_("Cancel"),
        private_metadata=json.dumps({"request": request_id}),
        blocks=[input],
    )
