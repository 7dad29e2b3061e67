"""What the page's forms post, read into what Slack's client would send: the element a person
used, checked to be really there; a modal's inputs, checked as Slack's client checks them
before it sends anything. Nothing posted is trusted: a form can be old or altered."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from starlette.datastructures import FormData, UploadFile

from localslack.browser import model
from localslack.browser.words import N_, _, ngettext
from localslack.sender import Choice, Delivered, SignedSender, usable_elements
from localslack.workspace import Message, Workspace

SURFACES = ("message", "home", "modal")
WITH_OPTIONS = {"static_select", "overflow", "radio_buttons", "checkboxes", "multi_static_select"}


class Gone(Exception):
    """What the person used is not there any more, or not as posted; the words say so (a
    marked message, translated where it is shown)."""


@dataclass(frozen=True)
class Action:
    """A control used on the page: where it is, which element, and what was chosen."""

    surface: str
    channel: str
    ts: str
    view_id: str
    view_hash: str  # home and modal: the version the page showed
    block_id: str
    action_id: str
    value: str | None  # a button's
    choices: tuple[str, ...]  # anything else's


def is_multiple(kind: str) -> bool:
    return kind == "checkboxes" or kind.startswith("multi_")


def action_of(form: FormData) -> Action | None:
    surface, action_id = str(form.get("surface") or ""), str(form.get("action_id") or "")
    if surface not in SURFACES or not action_id:
        return None
    value = form.get("value")
    return Action(
        surface,
        str(form.get("channel") or ""),
        str(form.get("ts") or ""),
        str(form.get("view_id") or ""),
        str(form.get("hash") or ""),
        str(form.get("block_id") or ""),
        action_id,
        value if isinstance(value, str) else None,
        tuple(str(c) for c in form.getlist("choice")),
    )


def sending(
    ws: Workspace, sender: SignedSender, user: str, step: Action
) -> Callable[[], Delivered]:
    """The request Slack would send for `step`; raises Gone when the element is not where the
    page showed it."""
    blocks = _blocks_of(ws, user, step)
    element = _element(blocks, step.block_id, step.action_id)
    if element is None:
        raise Gone(N_("That is no longer there: the app has changed the message or view since."))
    block = step.block_id
    if element.get("type") == "button":
        value = element.get("value")
        if step.surface == "message":
            message = _message(ws, user, step)
            return lambda: sender.click(user, message, step.action_id, value, block)
        if step.surface == "home":
            return lambda: sender.click_home(user, step.action_id, value, block)
        return lambda: sender.click_modal(user, step.action_id, value, step.view_id, block)
    choice = _choice(ws, element, step.choices)
    if step.surface == "message":
        message = _message(ws, user, step)
        return lambda: sender.select(user, message, step.action_id, choice, block)
    if step.surface == "home":
        return lambda: sender.select_home(user, step.action_id, choice, block)
    return lambda: sender.select_modal(user, step.action_id, choice, step.view_id, block)


def _blocks_of(ws: Workspace, user: str, step: Action) -> list[dict[str, Any]]:
    if step.surface == "message":
        return _message(ws, user, step).blocks
    if step.surface == "home":
        home = ws.home_view(user)
        if home is None or (home["id"], home["hash"]) != (step.view_id, step.view_hash):
            raise Gone(N_("Your Home tab has changed since; here it is again."))
        return list(home.get("blocks") or [])
    if ws.open_modal_of(user) != step.view_id:
        raise Gone(N_("That form is no longer open."))
    if ws.views[step.view_id]["hash"] != step.view_hash:
        raise Gone(N_("The app changed that form while you were on it; here it is again."))
    return list(ws.views[step.view_id].get("blocks") or [])


def _message(ws: Workspace, user: str, step: Action) -> Message:
    if not model.can_see(ws, user, step.channel):
        raise Gone(N_("That message is not in a conversation you are in."))
    found = next((m for m in ws.messages_in(step.channel) if m.ts == step.ts), None)
    if found is None:
        raise Gone(N_("That message is not there any more."))
    return found


def _element(blocks: list[dict[str, Any]], block_id: str, action_id: str) -> dict[str, Any] | None:
    """The element that sends this action, as the sender finds it (an input only when it
    dispatches actions)."""
    for block in blocks:
        if block.get("block_id", "") != block_id:
            continue
        for candidate in usable_elements(block):
            if candidate.get("action_id") == action_id:
                return candidate
    return None


def _choice(ws: Workspace, element: Mapping[str, Any], choices: tuple[str, ...]) -> Choice:
    kind = str(element.get("type"))
    if kind in WITH_OPTIONS:
        offered = {o["value"] for o in options_of(element)}
        if not set(choices) <= offered:
            raise Gone(N_("That choice is not on offer any more."))
    elif kind.endswith("users_select"):
        if not set(choices) <= set(ws.users):
            raise Gone(N_("That person is not in this workspace."))
    elif not all(_well_formed(kind, c) for c in choices):
        raise Gone(N_("That is not a date or time I can read; please choose again."))
    if kind == "datetimepicker" and choices:
        # The page's picker is in UTC; Slack reports the moment as a Unix time.
        return int(datetime.fromisoformat(choices[0]).replace(tzinfo=UTC).timestamp())
    if is_multiple(kind):
        return list(choices)
    if not choices:
        raise Gone(N_("Please choose something first."))
    return choices[0]


def options_of(element: Mapping[str, Any]) -> list[dict[str, Any]]:
    groups = element.get("option_groups") or []
    return list(element.get("options") or [o for g in groups for o in g["options"]])


def _well_formed(kind: str, text: str) -> bool:
    try:
        if kind == "datepicker":
            date.fromisoformat(text)
        elif kind == "timepicker":
            time.fromisoformat(text)
        elif kind == "datetimepicker":
            datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


# A modal's inputs ------------------------------------------------------------------------------


def input_blocks(view: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [b for b in view.get("blocks") or [] if b.get("type") == "input"]


def has_file_input(view: Mapping[str, Any]) -> bool:
    return any(b["element"].get("type") == "file_input" for b in input_blocks(view))


def entered(view: Mapping[str, Any], form: FormData) -> dict[str, list[str]]:
    """What the person put in each of the view's inputs (files aside), by block_id."""
    return {
        b["block_id"]: [str(v) for v in form.getlist(f"input:{b['block_id']}") if str(v) != ""]
        for b in input_blocks(view)
        if b.get("block_id") and b["element"].get("type") != "file_input"
    }


def uploads(form: FormData) -> dict[str, list[UploadFile | str]]:
    blocks = {k.partition(":")[2] for k in form if k.startswith("file:")}
    return {b: list(form.getlist(f"file:{b}")) for b in blocks}


def client_checks(
    view: Mapping[str, Any],
    values: Mapping[str, list[str]],
    files: Mapping[str, list[UploadFile]],
) -> dict[str, str]:
    """What Slack's client refuses before sending a form, by block_id, in its words."""
    problems = {}
    for block in input_blocks(view):
        block_id, element = block.get("block_id", ""), block["element"]
        given = (
            files.get(block_id, [])
            if element.get("type") == "file_input"
            else values.get(block_id, [])
        )
        problem = _problem(element, [v for v in given if isinstance(v, str)], bool(given))
        if not given and not block.get("optional"):
            problem = _("Please fill in this field.")
        if problem:
            problems[block_id] = problem
    return problems


def _problem(element: Mapping[str, Any], texts: list[str], given: bool) -> str | None:
    kind = element.get("type")
    text = texts[0] if texts else ""
    if kind == "plain_text_input" and text:
        return _length_problem(element, text)
    if kind == "number_input" and text:
        return _number_problem(element, text)
    if kind == "email_text_input" and text and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
        return _("Please enter an email address.")
    if kind == "url_text_input" and text and not re.match(r"https?://\S+$", text):
        return _("Please enter a web address starting with https://.")
    if kind in ("datepicker", "timepicker") and text and not _well_formed(str(kind), text):
        return (
            _("Please enter a date as YYYY-MM-DD.")
            if kind == "datepicker"
            else _("Please enter a time as HH:MM.")
        )
    if kind in WITH_OPTIONS and texts:
        offered = {o["value"] for o in options_of(element)}
        if not set(texts) <= offered:
            return _("Please choose one of the options.")
    return None


def _length_problem(element: Mapping[str, Any], text: str) -> str | None:
    least, most = int(element.get("min_length") or 0), int(element.get("max_length") or 0)
    if len(text) < least:
        words = ngettext(
            "Please write at least {n} character.", "Please write at least {n} characters.", least
        )
        return words.format(n=least)
    if most and len(text) > most:
        words = ngettext(
            "Please keep this to {n} character.", "Please keep this to {n} characters.", most
        )
        return words.format(n=most)
    return None


def _number_problem(element: Mapping[str, Any], text: str) -> str | None:
    decimals = bool(element.get("is_decimal_allowed"))
    try:
        number = float(text) if decimals else int(text)
    except ValueError:
        return _("Please enter a number.") if decimals else _("Please enter a whole number.")
    low, high = element.get("min_value"), element.get("max_value")
    if low is not None and number < float(low):
        return _("Please enter {low} or more.").format(low=low)
    if high is not None and number > float(high):
        return _("Please enter {high} or less.").format(high=high)
    return None


def submission(
    view: Mapping[str, Any],
    values: Mapping[str, list[str]],
    attached: Mapping[str, list[str]],
) -> dict[str, Choice | None]:
    """The state Slack sends with a submission: every input, None where left empty."""
    state: dict[str, Choice | None] = {}
    for block in input_blocks(view):
        block_id, kind = block.get("block_id", ""), block["element"].get("type")
        if kind == "file_input":
            state[block_id] = attached.get(block_id, [])
        elif is_multiple(kind):
            state[block_id] = values.get(block_id, [])
        else:
            given = values.get(block_id, [])
            state[block_id] = given[0] if given else None
    return state


def as_typed(text: str) -> str:
    """A message as Slack's client sends what a person typed: &, < and > escaped, so their
    text can never be taken for markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
