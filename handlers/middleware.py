"""What every listener needs, put in its context once: who is acting, `now`, and a modal's
values and metadata. A listener then takes typed values with `parse`, so nothing reaches a use
case before it has been checked."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError
from slack_bolt import App, BoltContext

from handlers.i18n import read_in

M = TypeVar("M", bound=BaseModel)


class BadPayload(Exception):
    """A request's content was not what the bot sent or expects (an altered value, a missing
    field, an option outside the list); nothing was changed. Never holds the content itself."""


class Payload(BaseModel):
    """Base of the typed values parsed from requests: unknown keys are ignored, values checked."""

    model_config = ConfigDict(frozen=True, extra="ignore", str_strip_whitespace=True)


@dataclass(frozen=True)
class Acting:
    person: str
    now: datetime
    values: dict[str, str] = field(default_factory=dict)
    metadata: dict[str, Any] | None = None  # None: not JSON the bot could have written


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


def register(
    app: App, clock: Callable[[], datetime], language_of: Callable[[str], str | None]
) -> None:
    """Every listener knows who acts and when, and words its answers in their language."""

    @app.middleware
    def put_acting_in_context(body: dict, context: BoltContext, next: Callable[[], None]) -> None:
        view = body.get("view") if body.get("type") == "view_submission" else None
        person = _person(body)
        context["acting"] = Acting(
            person=person,
            now=clock(),
            values=modal_values(view) if view else {},
            metadata=_metadata(view) if view else None,
        )
        # Set for the rest of the request: Bolt runs the listener after this has returned.
        read_in(language_of(person) if person else None)
        next()


def _person(body: dict) -> str:
    """The Slack user behind a command, an action, a view or an event."""
    user = body.get("user")
    if isinstance(user, dict):
        return str(user.get("id", ""))
    event = body.get("event")
    if isinstance(event, dict):
        return str(event.get("user", ""))
    return str(body.get("user_id", ""))


def modal_values(view: dict[str, Any]) -> dict[str, str]:
    """{block_id: value} for inputs whose action_id is "value" (text, number, date, time, a
    person, a choice)."""
    values: dict[str, str] = {}
    state = view.get("state", {}).get("values", {})
    if not isinstance(state, dict):
        return values
    for block_id, actions in state.items():
        answer = actions.get("value", {}) if isinstance(actions, dict) else {}
        chosen = (answer.get("selected_option") or {}).get("value")
        picked = (
            answer.get("value")
            or answer.get("selected_date")
            or answer.get("selected_time")
            or answer.get("selected_user")
            or chosen
        )
        values[block_id] = str(picked or "").strip()
    return values


def _metadata(view: dict[str, Any]) -> dict[str, Any] | None:
    """A modal's private_metadata: JSON the bot wrote, but it comes back from the client, so the
    listener parses it again (None here fails that parse)."""
    try:
        loaded = json.loads(view.get("private_metadata") or "{}")
    except (TypeError, ValueError):
        return None
    return loaded if isinstance(loaded, dict) else None
