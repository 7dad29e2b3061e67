"""Block Kit as plain, accessible HTML for the local workspace page: every block Slack allows in
messages, Home tabs and modals, with controls that post to the page server as `Surface` says.

No control is ever inside a <form>: each names its form with HTML's `form` attribute, so a modal
can hold its inputs (the page's form) and action buttons (a hidden form each) side by side."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from markupsafe import Markup, escape

from localslack.browser.mrkdwn import (
    NEW_TAB,
    is_web_url,
    link_html,
    mention_html,
    mrkdwn_html,
    plain_html,
    with_emoji,
)
from localslack.browser.words import N_, _

Json = Mapping[str, Any]
Attrs = Mapping[str, str | int | bool | None]

# The page's own words, translated where they are shown (words._)
NOT_SHOWN = N_("[this block could not be shown]")
CONTROL_NOT_SHOWN = N_("[this control could not be shown]")
FILE_NOT_SHOWN = N_("[a file that can only be opened in Slack]")
WORKFLOW_NOT_SHOWN = N_("Workflows run in Slack only")
MORE_OPTIONS = N_("More options")
OPTIONAL = N_("(optional)")
PLACEHOLDER = N_("Choose…")
UTC_NOTE = "UTC"
CONFIRM_TITLE, CONFIRM_YES, CONFIRM_NO = N_("Are you sure?"), N_("Yes"), N_("Cancel")
# What applies a choice: choosing must not act on its own, for keyboard users.
CHOOSE, SAVE, SEND = N_("Choose"), N_("Save"), N_("Send")
SET_DATE, SET_TIME, SET_DATE_TIME = N_("Set date"), N_("Set time"), N_("Set date and time")
# What a control is called when nothing on the page names it.
OPTIONS = N_("Options")
DEFAULT_NAMES = {
    "datepicker": N_("Date"),
    "timepicker": N_("Time"),
    "datetimepicker": N_("Date and time"),
    "users_select": N_("Person"),
    "multi_users_select": N_("People"),
    "checkboxes": OPTIONS,
}
ACT_URL = "/ui/act"
LAST_MOMENT = 253402300800  # 10000-01-01T00:00Z: a datetime-local input holds four-digit years


@dataclass(frozen=True)
class Surface:
    """Where blocks are shown and to whom; says what every control posts."""

    kind: Literal["message", "home", "modal"]
    as_user: str  # the person looking (posted as field "as")
    where: str  # what the page shows: "home" or a channel id (posted as field "in")
    key: str  # unique on the page, safe for ids: e.g. "m-1700000000-000123", "home", "v-V00000012"
    channel: str = ""  # message: its channel id
    ts: str = ""  # message: its ts
    view_id: str = ""  # home and modal: the view's id
    view_hash: str = ""  # home and modal: the version shown, so a stale page is noticed
    submit_form: str = ""  # modal: the id of the form that submits the modal's inputs
    heading_level: int = 3  # header blocks become <hN>
    names: Mapping[str, str] = field(default_factory=dict)  # user and channel ids → names
    people: Sequence[tuple[str, str]] = ()  # (user id, name) for users_select
    errors: Mapping[str, str] = field(default_factory=dict)  # modal: error text by block_id
    # modal: what the person entered, by block_id (wins over initial_* values)
    drafts: Mapping[str, Sequence[str]] = field(default_factory=dict)


class Malformed(ValueError):
    """A block Slack would refuse: the page shows a short note in its place."""


def render_blocks(blocks: Sequence[Mapping[str, Any]], surface: Surface) -> Markup:
    """The blocks as HTML; an unknown block is left out and a malformed one is a short note."""
    if isinstance(blocks, str | bytes) or not isinstance(blocks, Sequence):
        return _note(_(NOT_SHOWN))
    return Markup("").join(
        _block(_At(surface, i, b, blocks[i - 1] if i else None)) for i, b in enumerate(blocks)
    )


def _dom_id(prefix: str, key: str, *parts: object) -> str:
    """An id of [A-Za-z0-9_-] for `parts` on the surface `key`. Each part (a block id may hold
    anything) spells every other character, "-" and "_" too, as _hex_: two blocks never share
    an id, and no suffix added to one ("-0", "-hint") can make another's."""
    loose = re.sub(r"[^A-Za-z0-9_-]", _spelled, key)
    return "-".join([prefix, loose, *(re.sub(r"[^A-Za-z0-9]", _spelled, str(p)) for p in parts)])


def _spelled(found: re.Match[str]) -> str:
    return f"_{ord(found[0]):x}_"


@dataclass(frozen=True)
class _At:
    """A block being drawn: where, which one, and what it is."""

    surface: Surface
    index: int
    block: Any
    previous: Any = None  # the block drawn above it, which often says what its buttons are for

    def id(self, prefix: str, *parts: object) -> str:
        return _dom_id(prefix, self.surface.key, self.index, *parts)


def _block(at: _At) -> Markup:
    if not isinstance(at.block, Mapping):
        return _note(_(NOT_SHOWN))
    kind = at.block.get("type")
    draw = _BLOCKS.get(kind) if isinstance(kind, str) else None
    if draw is None:
        return Markup("")
    try:
        return draw(at.block, at)
    # The page must keep working on any JSON: these are what reading a malformed block raises.
    except (Malformed, KeyError, IndexError, TypeError, ValueError, AttributeError, OverflowError):
        return _note(_(NOT_SHOWN))


# ---- HTML and text helpers


def _tag(name: str, attrs: Attrs, content: Markup | None = None) -> Markup:
    """<name attrs>content</name>; a void element when `content` is None. Attribute names are
    this module's own; every value is escaped."""
    html = Markup(f"<{name}")
    for key, value in attrs.items():
        if value is True:
            html += Markup(f" {key}")
        elif value is not None and value is not False:
            html += Markup(f' {key}="') + escape(str(value)) + Markup('"')
    html += Markup(">")
    return html if content is None else html + content + Markup(f"</{name}>")


def _join(parts: Any) -> Markup:
    return Markup("").join(parts)


def _note(text: str) -> Markup:
    return _tag("p", {"class": "bk-note"}, escape(text))


def _wrap(at: _At, content: Markup) -> Markup:
    kind = str(at.block["type"]).replace("_", "-")
    return _tag("div", {"class": f"bk-block bk-{kind}", "id": at.id("b")}, content)


def _text(obj: Any, surface: Surface) -> Markup:
    """A text object: mrkdwn as Slack formats it, plain_text literally."""
    if not isinstance(obj, Mapping) or not isinstance(obj.get("text"), str):
        raise Malformed("a text object")
    if obj.get("type") == "mrkdwn":
        return mrkdwn_html(obj["text"], surface.names)
    return plain_html(obj["text"])


def _words(obj: Any) -> str:
    """A text object's words, for an attribute or an <option>, which cannot hold markup."""
    if not isinstance(obj, Mapping) or not isinstance(obj.get("text"), str):
        raise Malformed("a text object")
    return with_emoji(" ".join(obj["text"].split()))


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise Malformed("a list")
    return value


def _image_src(url: Any) -> str | None:
    """Images come from the web or from the page's own server, never from data: or script."""
    if not isinstance(url, str):
        return None
    return url if is_web_url(url) or (url.startswith("/") and not url.startswith("//")) else None


def _img(url: Any, alt: Any, css: str) -> Markup:
    """An image with its alt text; one without any is decorative, so it is hidden from
    screen readers rather than read out by file name."""
    src = _image_src(url)
    if src is None:
        return _note(_("[image: {alt}]").format(alt=alt)) if alt else Markup("")
    text = alt if isinstance(alt, str) else ""
    role = None if text else "presentation"
    return _tag("img", {"class": css, "src": src, "alt": text, "role": role, "loading": "lazy"})


# ---- blocks


def _section(block: Json, at: _At) -> Markup:
    text, fields, accessory = block.get("text"), block.get("fields"), block.get("accessory")
    if text is None and not fields:
        raise Malformed("a section needs text or fields")
    html, name_id = Markup(""), None
    if text is not None:
        name_id = at.id("txt")
        html += _tag("div", {"class": "bk-text", "id": name_id}, _text(text, at.surface))
    if fields:
        items = _join(_tag("li", {}, _text(f, at.surface)) for f in _list(fields))
        html += _tag("ul", {"class": "bk-fields"}, items)
    if accessory is not None:
        control = _action_element(accessory, at, 0, name_id)
        html += _tag("div", {"class": "bk-accessory"}, control)
    return _wrap(at, html)


def _context(block: Json, at: _At) -> Markup:
    items = Markup("")
    for element in _list(block["elements"]):
        if element.get("type") == "image":
            shown = _img(
                element.get("image_url") or _file_url(element),
                element.get("alt_text"),
                "bk-context-image",
            )
        else:
            shown = _text(element, at.surface)
        items += _tag("div", {"class": "bk-context-item"}, shown)
    return _wrap(at, items)


def _divider(block: Json, at: _At) -> Markup:
    return _wrap(at, _tag("hr", {}))


def _header(block: Json, at: _At) -> Markup:
    level = min(max(int(at.surface.heading_level), 1), 6)
    return _wrap(at, _tag(f"h{level}", {"class": "bk-heading"}, _text(block["text"], at.surface)))


def _file_url(obj: Json) -> Any:
    slack_file = obj.get("slack_file")
    return slack_file.get("url") if isinstance(slack_file, Mapping) else None


def _image(block: Json, at: _At) -> Markup:
    title = block.get("title")
    alt = block.get("alt_text") or (_words(title) if title else "")
    html = _img(block.get("image_url") or _file_url(block), alt, "bk-image")
    if title:
        html += _tag("figcaption", {}, _text(title, at.surface))
    return _wrap(at, _tag("figure", {}, html))


def _video(block: Json, at: _At) -> Markup:
    title = _text(block["title"], at.surface)
    html = _img(block.get("thumbnail_url"), block.get("alt_text"), "bk-image")
    url = block.get("title_url") or block.get("video_url")
    caption = link_html(url, title) if isinstance(url, str) else title
    if block.get("description"):
        caption += _tag("div", {"class": "bk-small"}, _text(block["description"], at.surface))
    return _wrap(at, _tag("figure", {}, html + _tag("figcaption", {}, caption)))


def _file(block: Json, at: _At) -> Markup:
    return _wrap(at, _note(_(FILE_NOT_SHOWN)))


def _markdown(block: Json, at: _At) -> Markup:
    """The markdown block's common marks, read as mrkdwn: [label](url), **bold**, *italic*."""
    text = str(block["text"]).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\[([^\]\n]+)\]\(([^)\s]+)\)", r"<\2|\1>", text)
    text = re.sub(r"(?<![*\w])\*(?!\*)([^*\n]+?)(?<!\*)\*(?![*\w])", r"_\1_", text)
    text = re.sub(r"\*\*([^*\n]+)\*\*", r"*\1*", text)
    return _wrap(at, _tag("div", {"class": "bk-text"}, mrkdwn_html(text, at.surface.names)))


# Blocks whose words say what the buttons below them are for
_DESCRIBING = {"section", "header", "context", "rich_text"}


def _actions(block: Json, at: _At) -> Markup:
    """The buttons, grouped and named by the block above them where it has words, so that
    "Set date" says which event (a screen reader announces the group's name)."""
    controls = _join(
        _tag("div", {"class": "bk-action"}, _action_element(element, at, i, None))
        for i, element in enumerate(_list(block["elements"]))
    )
    above = at.previous
    if not (isinstance(above, Mapping) and above.get("type") in _DESCRIBING):
        return _wrap(at, controls)
    named_by = _dom_id("b", at.surface.key, at.index - 1)
    kind = str(block["type"]).replace("_", "-")
    attrs = {"class": f"bk-block bk-{kind}", "id": at.id("b"), "role": "group"}
    return _tag("div", attrs | {"aria-labelledby": named_by}, controls)


# ---- rich text


def _rich_text(block: Json, at: _At) -> Markup:
    return _wrap(at, _join(_rich_part(part, at.surface) for part in _list(block["elements"])))


def _rich_part(part: Json, surface: Surface) -> Markup:
    kind = part["type"]
    if kind == "rich_text_list":
        return _rich_list(part, surface)
    tag = _RICH_TAGS.get(kind)
    return _tag(tag, {}, _rich_inline(part["elements"], surface)) if tag else Markup("")


_RICH_TAGS = {
    "rich_text_section": "p",
    "rich_text_quote": "blockquote",
    "rich_text_preformatted": "pre",
}


def _rich_list(part: Json, surface: Surface) -> Markup:
    ordered = part.get("style") == "ordered"
    offset = int(part.get("offset") or 0)
    attrs = {
        "class": f"bk-indent-{min(max(int(part.get('indent') or 0), 0), 8)}",
        "start": offset + 1 if ordered and offset else None,
    }
    items = _join(
        _tag("li", {}, _rich_inline(item["elements"], surface)) for item in _list(part["elements"])
    )
    return _tag("ol" if ordered else "ul", attrs, items)


def _rich_inline(elements: Any, surface: Surface) -> Markup:
    return _join(_rich_styled(element, surface) for element in _list(elements))


def _rich_styled(element: Json, surface: Surface) -> Markup:
    html = _rich_element(element, surface)
    style = element.get("style") or {}
    for flag, tag in (("code", "code"), ("strike", "del"), ("italic", "em"), ("bold", "strong")):
        if style.get(flag):
            html = _tag(tag, {}, html)
    return html


def _rich_element(element: Json, surface: Surface) -> Markup:
    """One rich text element: text, a link, a mention, an emoji, a date or a colour."""
    kind, names = element["type"], surface.names
    if kind == "text":
        return Markup("<br>").join(escape(line) for line in str(element["text"]).split("\n"))
    if kind == "link":
        return link_html(str(element["url"]), str(element.get("text") or element["url"]))
    if kind in ("user", "usergroup"):
        found = str(element.get("user_id") or element.get("usergroup_id"))
        return mention_html("@" + names.get(found, found))
    if kind == "channel":
        return mention_html("#" + names.get(element["channel_id"], element["channel_id"]))
    if kind == "broadcast":
        return mention_html("@" + str(element["range"]))
    if kind == "emoji":
        return escape(_emoji(element))
    return escape(str(element.get("fallback") or element.get("value") or ""))


def _emoji(element: Json) -> str:
    """An emoji by its code points ("1f1ec-1f1e7"), or else by its name."""
    code = element.get("unicode")
    if isinstance(code, str) and re.fullmatch(r"[0-9a-fA-F]{1,6}(-[0-9a-fA-F]{1,6})*", code):
        return "".join(chr(int(point, 16)) for point in code.split("-"))
    return with_emoji(f":{element['name']}:")


# ---- how controls are named, and what they post


@dataclass(frozen=True)
class _Control:
    """One control as drawn: its id, the field it posts, and how it is named and described."""

    id: str
    name: str  # "choice" for an action, "input:{block}" or "file:{block}" in a modal
    form: str | None  # the form it belongs to; None: it posts nothing
    values: tuple[str, ...]  # what it holds now
    aria: Mapping[str, str | None]  # aria-label(ledby), aria-describedby, aria-invalid
    required: bool = False
    legend: Markup | None = None  # a group's visible label (radio buttons, checkboxes)


def _naming(aria: Mapping[str, str | None]) -> dict[str, str | None]:
    return {k: v for k, v in aria.items() if k in ("aria-label", "aria-labelledby")}


def _describing(aria: Mapping[str, str | None]) -> dict[str, str | None]:
    return {k: v for k, v in aria.items() if k not in ("aria-label", "aria-labelledby")}


def _initial(element: Json, surface: Surface) -> tuple[str, ...]:
    """What an element shows before anyone changes it, as the values it would post."""
    kind = element.get("type")
    if kind == "datetimepicker":
        stamp = element.get("initial_date_time")
        return (_local_date_time(stamp),) if stamp is not None else ()
    if kind == "rich_text_input":
        return (_rich_plain(element.get("initial_value")),) if element.get("initial_value") else ()
    if kind == "conversations_select" and element.get("default_to_current_conversation"):
        return (element.get("initial_conversation") or surface.channel,)
    raw = next((element[k] for k in _INITIAL_KEYS if element.get(k) is not None), None)
    items = raw if isinstance(raw, list) else [] if raw is None else [raw]
    return tuple(str(i["value"]) if isinstance(i, Mapping) else str(i) for i in items)


# Each element has at most one of these, as Block Kit defines them.
_INITIAL_KEYS = (
    "initial_option",
    "initial_options",
    "initial_value",
    "initial_date",
    "initial_time",
    "initial_user",
    "initial_users",
    "initial_conversation",
    "initial_conversations",
    "initial_channel",
    "initial_channels",
)


def _local_date_time(stamp: Any) -> str:
    if not 0 <= int(stamp) < LAST_MOMENT:
        raise Malformed("a date and time")
    return datetime.fromtimestamp(int(stamp), UTC).strftime("%Y-%m-%dT%H:%M")


def _rich_plain(value: Any) -> str:
    """A rich text value's words, for a text box."""
    if isinstance(value, Mapping):
        if value.get("type") == "text":
            return str(value.get("text", ""))
        return "".join(_rich_plain(v) for v in value.get("elements") or [])
    return ""


def _placeholder(element: Json) -> str | None:
    return _words(element["placeholder"]) if element.get("placeholder") else None


# ---- choosers: every element that holds a value (selects, pickers, inputs)


def _options(element: Json) -> list[tuple[str | None, list[Json]]]:
    """An element's options, grouped as its option_groups are (one unnamed group if none)."""
    if element.get("option_groups"):
        return [(_words(g["label"]), _list(g["options"])) for g in _list(element["option_groups"])]
    return [(None, _list(element.get("options") or []))]


def _select(
    element: Json, c: _Control, choices: list[tuple[str | None, list[tuple[str, str]]]]
) -> Markup:
    """A <select> of (value, words) choices, those in c.values selected; a single choice starts
    with an empty placeholder, which `required` makes the person replace."""
    multiple = str(element.get("type", "")).startswith("multi_")
    body = Markup("")
    if not multiple:
        body += _tag("option", {"value": ""}, escape(_placeholder(element) or _(PLACEHOLDER)))
    for group, options in choices:
        items = _join(
            _tag("option", {"value": value, "selected": value in c.values}, escape(words))
            for value, words in options
        )
        body += items if group is None else _tag("optgroup", {"label": group}, items)
    attrs = {
        "id": c.id,
        "name": c.name,
        "form": c.form,
        "multiple": multiple,
        "required": c.required,
    }
    return _tag("select", {**attrs, **c.aria}, body)


def _static_select(element: Json, c: _Control, surface: Surface) -> Markup:
    choices = [
        (group, [(str(o["value"]), _words(o["text"])) for o in options])
        for group, options in _options(element)
    ]
    return _select(element, c, choices)


def _external_select(element: Json, c: _Control, surface: Surface) -> Markup:
    """Options come from the app as the person types, which this page cannot ask for: only
    those already chosen are offered."""
    initial = element.get("initial_options") or [element.get("initial_option")]
    options = [(str(o["value"]), _words(o["text"])) for o in initial if o]
    return _select(element, c, [(None, options)])


def _users_select(element: Json, c: _Control, surface: Surface) -> Markup:
    people = [(str(uid), str(name)) for uid, name in surface.people]
    known = {uid for uid, _ in people}
    people += [(v, surface.names.get(v, v)) for v in c.values if v not in known]
    return _select(element, c, [(None, people)])


def _conversations_select(element: Json, c: _Control, surface: Surface) -> Markup:
    """The channels the page knows by name (C… and G… ids), and any already chosen."""
    channels = [(cid, "#" + name) for cid, name in surface.names.items() if cid[:1] in ("C", "G")]
    known = {cid for cid, _ in channels}
    channels += [(v, "#" + surface.names.get(v, v)) for v in c.values if v not in known]
    return _select(element, c, [(None, channels)])


def _choice_list(element: Json, c: _Control, surface: Surface, kind: str) -> Markup:
    """Radio buttons or checkboxes in a <fieldset>, each with its label and description."""
    items = Markup("")
    for i, option in enumerate(_list(element["options"])):
        option_id, value = f"{c.id}-{i}", str(option["value"])
        attrs = {"type": kind, "id": option_id, "name": c.name, "form": c.form, "value": value}
        extra = {"checked": value in c.values, "required": c.required and kind == "radio"}
        control = _tag("input", {**attrs, **extra, **_describing(c.aria)})
        label = _tag("label", {"for": option_id}, _text(option["text"], surface))
        if option.get("description"):
            label += _tag("div", {"class": "bk-small"}, _text(option["description"], surface))
        items += _tag("div", {"class": "bk-choice"}, control + label)
    legend = _tag("legend", {}, c.legend) if c.legend is not None else Markup("")
    return _tag("fieldset", {"id": c.id, "class": "bk-choices", **_naming(c.aria)}, legend + items)


def _radio_buttons(element: Json, c: _Control, surface: Surface) -> Markup:
    return _choice_list(element, c, surface, "radio")


def _checkboxes(element: Json, c: _Control, surface: Surface) -> Markup:
    return _choice_list(element, c, surface, "checkbox")


def _field(c: _Control, kind: str, extra: Attrs) -> Markup:
    value = c.values[0] if c.values else None
    attrs = {"type": kind, "id": c.id, "name": c.name, "form": c.form, "value": value}
    return _tag("input", {**attrs, "required": c.required, **extra, **c.aria})


def _date_input(element: Json, c: _Control, surface: Surface) -> Markup:
    return _field(c, "date", {})


def _time_input(element: Json, c: _Control, surface: Surface) -> Markup:
    return _field(c, "time", {})


def _date_time_input(element: Json, c: _Control, surface: Surface) -> Markup:
    """Slack sends the moment as a Unix time; the page writes it in UTC, and says so."""
    return _field(c, "datetime-local", {}) + _tag("span", {"class": "bk-small"}, escape(UTC_NOTE))


def _text_input(element: Json, c: _Control, surface: Surface) -> Markup:
    limits = {
        "placeholder": _placeholder(element),
        "minlength": element.get("min_length"),
        "maxlength": element.get("max_length"),
    }
    if not element.get("multiline") and element.get("type") != "rich_text_input":
        return _field(c, "text", limits)
    attrs = {"id": c.id, "name": c.name, "form": c.form, "rows": 4, "required": c.required}
    # HTML drops a newline right after <textarea>: one is given, so the text's own stays.
    text = "\n" + (c.values[0] if c.values else "")
    return _tag("textarea", {**attrs, **limits, **c.aria}, escape(text))


def _number_input(element: Json, c: _Control, surface: Surface) -> Markup:
    decimal = bool(element.get("is_decimal_allowed"))
    limits = {
        "min": element.get("min_value"),
        "max": element.get("max_value"),
        "step": "any" if decimal else "1",
        "inputmode": "decimal" if decimal else "numeric",
        "placeholder": _placeholder(element),
    }
    return _field(c, "number", limits)


def _email_input(element: Json, c: _Control, surface: Surface) -> Markup:
    return _field(c, "email", {"placeholder": _placeholder(element), "autocomplete": "email"})


def _url_input(element: Json, c: _Control, surface: Surface) -> Markup:
    return _field(c, "url", {"placeholder": _placeholder(element), "autocomplete": "url"})


def _file_input(element: Json, c: _Control, surface: Surface) -> Markup:
    """Files as Slack's input takes them: at most max_files (10 if not said), of filetypes."""
    types = element.get("filetypes") or []
    accept = ",".join(f".{t}" for t in types) or None
    many = int(element.get("max_files") or 10) > 1
    attrs = {"type": "file", "id": c.id, "name": c.name, "form": c.form}
    return _tag("input", {**attrs, "multiple": many, "accept": accept, **c.aria})


_Draw = Callable[[Json, _Control, Surface], Markup]
# Each element that holds a value: how it is drawn, and what the button that applies it says.
_CHOOSERS: dict[str, tuple[_Draw, str]] = {
    "static_select": (_static_select, CHOOSE),
    "multi_static_select": (_static_select, CHOOSE),
    "external_select": (_external_select, CHOOSE),
    "multi_external_select": (_external_select, CHOOSE),
    "users_select": (_users_select, CHOOSE),
    "multi_users_select": (_users_select, CHOOSE),
    "conversations_select": (_conversations_select, CHOOSE),
    "multi_conversations_select": (_conversations_select, CHOOSE),
    "channels_select": (_conversations_select, CHOOSE),
    "multi_channels_select": (_conversations_select, CHOOSE),
    "radio_buttons": (_radio_buttons, CHOOSE),
    "checkboxes": (_checkboxes, SAVE),
    "datepicker": (_date_input, SET_DATE),
    "timepicker": (_time_input, SET_TIME),
    "datetimepicker": (_date_time_input, SET_DATE_TIME),
    "plain_text_input": (_text_input, SEND),
    "rich_text_input": (_text_input, SEND),
    "number_input": (_number_input, SEND),
    "email_text_input": (_email_input, SEND),
    "url_text_input": (_url_input, SEND),
    "file_input": (_file_input, SEND),
}


# ---- action elements: each posts its own hidden form to the page server


@dataclass(frozen=True)
class _Act:
    """An action element's own form, and what names the element on the page."""

    fid: str
    name_id: str | None  # the id of visible text that names the element (a section's text)
    name: str  # otherwise, its name in words
    confirm_id: str | None  # the dialog that must be confirmed first, if any


def _action_element(element: Any, at: _At, position: int, name_id: str | None) -> Markup:
    """An interactive element with the hidden form it posts, its controls, and its confirmation
    dialog; an image accessory is only an image."""
    if not isinstance(element, Mapping):
        raise Malformed("an element")
    kind = element.get("type")
    if kind == "image":
        return _img(
            element.get("image_url") or _file_url(element), element.get("alt_text"), "bk-thumb"
        )
    if kind == "button" and is_web_url(str(element.get("url", ""))):
        return _link_button(element, at, position)
    if kind == "workflow_button":
        return _tag(
            "button",
            {
                "type": "button",
                "class": "bk-button",
                "disabled": True,
                "title": _(WORKFLOW_NOT_SHOWN),
            },
            _text(element["text"], at.surface),
        )
    if kind not in _CHOOSERS and kind not in ("button", "overflow"):
        return _note(_(CONTROL_NOT_SHOWN))
    fid = at.id("act", position)
    confirm_id = f"{fid}-confirm" if isinstance(element.get("confirm"), Mapping) else None
    name = _placeholder(element) or _(DEFAULT_NAMES.get(str(kind), OPTIONS))
    act = _Act(fid, name_id, name, confirm_id)
    controls = _ACTIONS.get(str(kind), _chooser_action)(element, act, at.surface)
    return _act_form(element, at, fid) + controls + _confirm_dialog(element, act, at.surface)


def _act_form(element: Json, at: _At, fid: str) -> Markup:
    """The hidden form an action element posts: who, where, and which element."""
    s = at.surface
    fields = {
        "as": s.as_user,
        "in": s.where,
        "surface": s.kind,
        "channel": s.channel,
        "ts": s.ts,
        "view_id": s.view_id,
        "hash": s.view_hash,
        "block_id": at.block.get("block_id") or "",
        "action_id": element.get("action_id") or "",
    }
    hidden = _join(
        _tag("input", {"type": "hidden", "name": k, "value": str(v)}) for k, v in fields.items()
    )
    attrs: Attrs = {
        "id": fid,
        "method": "post",
        "action": ACT_URL,
        "class": "bk-act",
        "hidden": True,
    }
    return _tag("form", attrs, hidden)


def _button_class(style: Any) -> str:
    return {"primary": "bk-button bk-primary", "danger": "bk-button bk-danger"}.get(
        style, "bk-button"
    )


def _button(element: Json, act: _Act, surface: Surface) -> Markup:
    attrs = {
        "type": "submit",
        "form": act.fid,
        "name": "value",
        "value": str(element.get("value", "")),
        "id": f"{act.fid}-control",
        "class": _button_class(element.get("style")),
        "aria-label": element.get("accessibility_label"),
        "data-confirm": act.confirm_id,
    }
    return _tag("button", attrs, _text(element["text"], surface))


def _link_button(element: Json, at: _At, position: int) -> Markup:
    """A button with a web address is a link, opening in a new tab."""
    attrs = {
        "href": element["url"],
        "class": _button_class(element.get("style")),
        "id": at.id("act", position, "control"),
        "target": "_blank",
        "rel": "noopener noreferrer",
        "aria-label": element.get("accessibility_label"),
    }
    new_tab = _tag("span", {"class": "bk-sr"}, escape(" " + _(NEW_TAB)))
    return _tag("a", attrs, _text(element["text"], at.surface) + new_tab)


def _overflow(element: Json, act: _Act, surface: Surface) -> Markup:
    """A menu of options, each a button that posts its value (or a link, with a url)."""
    items = Markup("")
    for i, option in enumerate(_list(element["options"])):
        words = _text(option["text"], surface)
        if is_web_url(str(option.get("url", ""))):
            items += link_html(option["url"], words)
            continue
        attrs = {
            "type": "submit",
            "form": act.fid,
            "name": "choice",
            "value": str(option["value"]),
            "id": f"{act.fid}-option-{i}",
            "class": "bk-menu-item",
            "data-confirm": act.confirm_id,
        }
        items += _tag("button", attrs, words)
    summary = _tag("span", {"aria-hidden": "true"}, escape("⋯")) + _tag(
        "span", {"class": "bk-sr"}, escape(_(MORE_OPTIONS))
    )
    menu = _tag("summary", {"class": "bk-button"}, summary) + _tag(
        "div", {"class": "bk-menu"}, items
    )
    return _tag("details", {"class": "bk-overflow", "id": f"{act.fid}-control"}, menu)


def _chooser_action(element: Json, act: _Act, surface: Surface) -> Markup:
    """A value-holding element posts its choice only when its own button is pressed."""
    draw, marked_verb = _CHOOSERS[str(element["type"])]
    verb = _(marked_verb)
    aria = {"aria-labelledby": act.name_id} if act.name_id else {"aria-label": act.name}
    c = _Control(f"{act.fid}-control", "choice", act.fid, _initial(element, surface), aria)
    apply_id = f"{act.fid}-submit"
    naming = (
        {"aria-labelledby": f"{apply_id} {act.name_id}"}
        if act.name_id
        else {"aria-label": f"{verb}: {act.name}"}
    )
    attrs = {
        "type": "submit",
        "form": act.fid,
        "id": apply_id,
        "class": "bk-button bk-apply",
        "data-confirm": act.confirm_id,
    }
    return draw(element, c, surface) + _tag("button", {**attrs, **naming}, escape(verb))


_ACTIONS: dict[str, Callable[[Json, _Act, Surface], Markup]] = {
    "button": _button,
    "overflow": _overflow,
}


def _confirm_dialog(element: Json, act: _Act, surface: Surface) -> Markup:
    """The dialog blockkit.js shows before the element's form is sent."""
    confirm = element.get("confirm")
    if act.confirm_id is None or not isinstance(confirm, Mapping):
        return Markup("")
    did = act.confirm_id
    title = _text(confirm["title"], surface) if confirm.get("title") else escape(_(CONFIRM_TITLE))
    text = _text(confirm["text"], surface) if confirm.get("text") else Markup("")
    yes = _text(confirm["confirm"], surface) if confirm.get("confirm") else escape(_(CONFIRM_YES))
    no = _text(confirm["deny"], surface) if confirm.get("deny") else escape(_(CONFIRM_NO))
    style = confirm.get("style")
    # The dialog's form holds no controls: its buttons name it, as every control here does.
    buttons = _dialog_button(did, "confirm", yes, _button_class(style or "primary"), False)
    buttons += _dialog_button(did, "deny", no, "bk-button", style == "danger")
    body = (
        _tag("h2", {"id": f"{did}-title"}, title)
        + _tag("div", {"class": "bk-text", "id": f"{did}-text"}, text)
        + _tag("form", {"id": f"{did}-form", "method": "dialog"}, Markup(""))
        + _tag("div", {"class": "bk-dialog-buttons"}, buttons)
    )
    attrs = {
        "id": did,
        "class": "bk-confirm",
        "aria-labelledby": f"{did}-title",
        "aria-describedby": f"{did}-text",
    }
    return _tag("dialog", attrs, body)


def _dialog_button(did: str, value: str, words: Markup, css: str, first: bool) -> Markup:
    """A button that closes the dialog with `value` as its returnValue; the safe choice is
    focused first when the action is dangerous."""
    attrs = {"type": "submit", "form": f"{did}-form", "value": value, "id": f"{did}-{value}"}
    return _tag("button", {**attrs, "class": css, "autofocus": first}, words)


# ---- input blocks


def _input(block: Json, at: _At) -> Markup:
    """A labelled input: in a modal, part of the modal's form; elsewhere an action when it
    dispatches actions, or else only shown."""
    element = block["element"]
    if not isinstance(element, Mapping) or element.get("type") not in _CHOOSERS:
        raise Malformed("an input's element")
    if at.surface.kind == "modal":
        return _wrap(at, _modal_input(block, element, at))
    if block.get("dispatch_action"):
        label_id = at.id("label")
        label = _tag("div", {"class": "bk-label", "id": label_id}, _label_words(block, at.surface))
        return _wrap(
            at, label + _action_element(element, at, 0, label_id) + _hint(block, at, at.id("hint"))
        )
    inert_id = at.id("in")
    c = _Control(inert_id, inert_id, None, _initial(element, at.surface), {})
    return _wrap(at, _labelled(block, element, c, at))


def _input_key(block: Json, at: _At) -> str:
    """The input's name in what the modal posts: its block_id (Slack's own key), or its
    element's action_id (which the stand-in also takes), or its place."""
    return str(block.get("block_id") or block["element"].get("action_id") or at.index)


def _modal_input(block: Json, element: Json, at: _At) -> Markup:
    s, key = at.surface, _input_key(block, at)
    control_id = _dom_id("in", s.key, key)
    error = s.errors.get(key)
    described = [f"{control_id}-error"] if error else []
    described += [f"{control_id}-hint"] if block.get("hint") else []
    aria = {
        "aria-describedby": " ".join(described) or None,
        "aria-invalid": "true" if error else None,
    }
    is_file = element.get("type") == "file_input"
    # A checkbox left unticked and a file input (which cannot keep a file when the form is
    # drawn again) would wrongly block the whole form if required: the app checks them.
    required = not block.get("optional") and element.get("type") not in ("checkboxes", "file_input")
    values = tuple(str(v) for v in s.drafts[key]) if key in s.drafts else _initial(element, s)
    c = _Control(
        control_id, f"{'file' if is_file else 'input'}:{key}", s.submit_form, values, aria, required
    )
    return _labelled(block, element, c, at, error)


def _label_words(block: Json, surface: Surface) -> Markup:
    words = _text(block["label"], surface)
    if block.get("optional"):
        words += Markup(" ") + _tag("span", {"class": "bk-optional"}, escape(_(OPTIONAL)))
    return words


def _hint(block: Json, at: _At, hint_id: str) -> Markup:
    if not block.get("hint"):
        return Markup("")
    return _tag("p", {"class": "bk-hint", "id": hint_id}, _text(block["hint"], at.surface))


def _labelled(block: Json, element: Json, c: _Control, at: _At, error: str | None = None) -> Markup:
    """The control with its label (a legend for a group), its error right under it, then its
    hint in small print."""
    words = _label_words(block, at.surface)
    draw = _CHOOSERS[str(element["type"])][0]
    if element.get("type") in ("radio_buttons", "checkboxes"):
        html = draw(element, _with_legend(c, words), at.surface)
    else:
        html = _tag("label", {"for": c.id, "class": "bk-label"}, words) + draw(
            element, c, at.surface
        )
    if error:
        html += _tag("p", {"class": "bk-error", "id": f"{c.id}-error"}, escape(error))
    return html + _hint(block, at, f"{c.id}-hint")


def _with_legend(c: _Control, legend: Markup) -> _Control:
    return _Control(c.id, c.name, c.form, c.values, c.aria, c.required, legend)


_BLOCKS: dict[str, Callable[[Json, _At], Markup]] = {
    "section": _section,
    "context": _context,
    "divider": _divider,
    "header": _header,
    "image": _image,
    "video": _video,
    "file": _file,
    "markdown": _markdown,
    "actions": _actions,
    "input": _input,
    "rich_text": _rich_text,
}
