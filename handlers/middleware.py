"""What every listener needs, put in its context once: who is acting, `now`, and a modal's
values and metadata. A listener then takes typed values with `parse`, so nothing reaches a use
case before it has been checked."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from slack_bolt import App, BoltContext, BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.views import View

from handlers.i18n import read_in

M = TypeVar("M", bound=BaseModel)
log = logging.getLogger(__name__)
# A Slack user's id, as every payload names the person acting.
SLACK_USER = r"^[UW][A-Z0-9]{2,20}$"
SlackId = Annotated[str, Field(pattern=SLACK_USER)]
# Slack's trigger_id ("13345224609.738474920.8088930838d88f008e0"): anything else opens nothing.
_TRIGGER = re.compile(r"^[0-9]{1,20}\.[0-9]{1,20}\.[0-9A-Za-z]{1,64}$")
# What Slack answers views.open or views.push with when the trigger was not one it gave, or
# has been used or has expired: the request, not the bot, was at fault.
_SPENT_TRIGGER = {"invalid_trigger_id", "expired_trigger_id", "trigger_exchanged"}


class BadPayload(Exception):
    """A request's content was not what the bot sent or expects (an altered value, a missing
    field, an option outside the list); nothing was changed. Never holds the content itself."""


class Payload(BaseModel):
    """Base of the typed values parsed from requests: unknown keys are ignored, values checked."""

    model_config = ConfigDict(frozen=True, extra="ignore", str_strip_whitespace=True)


# A stored row's id as a button carries it: within the database's integer, so a made-up one is
# refused here rather than by the database (SQLite raises on an integer past 64 bits).
RowId = Annotated[int, Field(ge=1, le=2_147_483_647)]


class ChosenOption(Payload):
    value: str


class MenuChoice(Payload):
    """A choice from a menu, radio buttons or an overflow: its option's value."""

    selected_option: ChosenOption


def part(body: dict[str, Any], key: str) -> dict[str, Any]:
    """A payload's object `key` ({} when absent); any other shape is refused (BadPayload)."""
    found = body.get(key)
    if found is None:
        return {}
    if not isinstance(found, dict):
        raise BadPayload(key)
    return found


@dataclass(frozen=True)
class Acting:
    person: str
    now: datetime
    values: dict[str, str] = field(default_factory=dict)
    metadata: dict[str, Any] | None = None  # None: not JSON the bot could have written
    trigger_id: str | None = None  # None: the request carried no trigger Slack could have given


def acting(context: BoltContext) -> Acting:
    found = context.get("acting")
    assert isinstance(found, Acting), "handlers.middleware.register(app) must run first"
    return found


def parse(model: type[M], data: Any) -> M:
    """`data` as a `model`, or BadPayload (answered kindly by the error handler)."""
    try:
        return model.model_validate(data)
    except ValidationError:
        raise BadPayload(model.__name__) from None


def open_modal(client: WebClient, me: Acting, view: View | dict[str, Any]) -> None:
    """Opens `view` with the request's trigger; a trigger missing, made up, used or expired is
    the request's fault, so it is refused kindly (BadPayload) rather than raised."""
    if me.trigger_id is None:
        raise BadPayload("trigger_id")
    try:
        client.views_open(trigger_id=me.trigger_id, view=view)
    except SlackApiError as error:
        if error.response.get("error") in _SPENT_TRIGGER:
            raise BadPayload("trigger_id") from None
        raise


def register(
    app: App,
    clock: Callable[[], datetime],
    language_of: Callable[[str], str | None],
    enter: Callable[[str], None] = lambda person: None,
) -> None:
    """Every listener knows who acts and when, and words its answers in their language.
    `enter` is told first who acts, so the wiring can choose what answers them (their cohort)."""

    @app.middleware
    def put_acting_in_context(
        body: dict, context: BoltContext, next: Callable[[], None]
    ) -> BoltResponse | None:
        person = _person(body)
        if person is None:
            # No Slack user sent this, so there is nobody to answer: refused, nothing done.
            log.warning("refused a %s request naming no Slack user", body.get("type"))
            return BoltResponse(status=200, body="")
        view = body.get("view") if body.get("type") == "view_submission" else None
        context["acting"] = Acting(
            person=person,
            now=clock(),
            values=modal_values(view) if isinstance(view, dict) else {},
            metadata=_metadata(view) if isinstance(view, dict) else None,
            trigger_id=_trigger(body),
        )
        # Set for the rest of the request: Bolt runs the listener after this has returned.
        enter(person)
        read_in(language_of(person) if person else None)
        next()
        return None


def _person(body: dict) -> str | None:
    """The Slack user behind a command, an action, a view or an event; "" for an event from no
    user (an edit, a bot's message); None when the payload names one that is not a user id."""
    user = body.get("user")
    if "user" in body:
        named = user.get("id") if isinstance(user, dict) else None
    else:
        event = body.get("event")
        named = event.get("user", "") if isinstance(event, dict) else body.get("user_id", "")
    if named == "" or (isinstance(named, str) and re.match(SLACK_USER, named)):
        return named
    return None


def _trigger(body: dict) -> str | None:
    trigger = body.get("trigger_id")
    return trigger if isinstance(trigger, str) and _TRIGGER.match(trigger) else None


def modal_values(view: dict[str, Any]) -> dict[str, str]:
    """{block_id: value} for inputs whose action_id is "value" (text, number, date, time, a
    person, a choice). State of any other shape than Slack's is refused (BadPayload)."""
    state = view.get("state")
    values = state.get("values") if isinstance(state, dict) else None
    if not isinstance(values, dict):
        raise BadPayload("view state")
    return {block_id: _input_value(actions) for block_id, actions in values.items()}


def _input_value(actions: Any) -> str:
    """What one input holds, from Slack's {action_id: {type, value | selected_…}}."""
    if not isinstance(actions, dict) or not all(isinstance(a, dict) for a in actions.values()):
        raise BadPayload("view state")
    answer = actions.get("value") or {}
    option = answer.get("selected_option")
    if option is not None and not isinstance(option, dict):
        raise BadPayload("view state")
    picked = (
        answer.get("value")
        or answer.get("selected_date")
        or answer.get("selected_time")
        or answer.get("selected_user")
        or (option or {}).get("value")
    )
    if picked is not None and not isinstance(picked, str):
        raise BadPayload("view state")
    return (picked or "").strip()


def _metadata(view: dict[str, Any]) -> dict[str, Any] | None:
    """A modal's private_metadata: JSON the bot wrote, but it comes back from the client, so the
    listener parses it again (None here fails that parse)."""
    try:
        loaded = json.loads(view.get("private_metadata") or "{}")
    except (TypeError, ValueError):
        return None
    return loaded if isinstance(loaded, dict) else None
