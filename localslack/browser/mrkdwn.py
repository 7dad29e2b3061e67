"""Slack's mrkdwn and plain_text as Slack's client shows them, in HTML safe to put in a page:
every piece of text is escaped, and the only tags ever made are this module's own."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Callable, Mapping

from markupsafe import Markup, escape

from localslack.browser.words import N_, _

# The shortcodes the bot writes, and a few common ones; any other stays as it was typed.
EMOJI: dict[str, str] = {
    "white_check_mark": "\u2705",
    "warning": "\u26a0\ufe0f",
    "large_orange_circle": "\U0001f7e0",
    "red_circle": "\U0001f534",
    "lock": "\U0001f512",
    "calendar": "\U0001f4c5",
    "robot_face": "\U0001f916",
    "large_green_circle": "\U0001f7e2",
    "large_yellow_circle": "\U0001f7e1",
    "large_blue_circle": "\U0001f535",
    "heavy_check_mark": "\u2714\ufe0f",
    "x": "\u274c",
    "no_entry": "\u26d4",
    "rotating_light": "\U0001f6a8",
    "information_source": "\u2139\ufe0f",
    "bulb": "\U0001f4a1",
    "memo": "\U0001f4dd",
    "clipboard": "\U0001f4cb",
    "bar_chart": "\U0001f4ca",
    "spiral_calendar_pad": "\U0001f5d3\ufe0f",
    "date": "\U0001f4c5",
    "hourglass_flowing_sand": "\u23f3",
    "bell": "\U0001f514",
    "email": "\U0001f4e7",
    "link": "\U0001f517",
    "pushpin": "\U0001f4cc",
    "speech_balloon": "\U0001f4ac",
    "bust_in_silhouette": "\U0001f464",
    "busts_in_silhouette": "\U0001f465",
    "wave": "\U0001f44b",
    "tada": "\U0001f389",
    "+1": "\U0001f44d",
    "thumbsup": "\U0001f44d",
    "-1": "\U0001f44e",
    "thumbsdown": "\U0001f44e",
    "pray": "\U0001f64f",
    "eyes": "\U0001f440",
    "star": "\u2b50",
    "sparkles": "\u2728",
    "smile": "\U0001f604",
    "slightly_smiling_face": "\U0001f642",
    "heart": "\u2764\ufe0f",
    "point_right": "\U0001f449",
    "arrow_right": "\u27a1\ufe0f",
    "question": "\u2753",
    "exclamation": "\u2757",
}
NEW_TAB = N_("(opens in a new tab)")  # read after a link's words; translated where shown

_SLACK_ENTITY = re.compile(r"&(amp|lt|gt);")
_DECODED = {"amp": "&", "lt": "<", "gt": ">"}
_TOKEN = re.compile(r"<([^<>]*)>")
_PRE = re.compile(r"```(.+?)```", re.S)
_CODE = re.compile(r"`([^`\n]+)`")
_BARE_URL = re.compile(r"https?://[^\s\x00<>]+", re.I)
_SHORTCODE = re.compile(r":([a-z0-9_+-]+):")
_WEB = re.compile(r"https?://", re.I)
_MAILTO = re.compile(r"mailto:", re.I)
# A held fragment's place in the text: NUL never survives from the input (it is removed first).
_HELD = re.compile(r"\x00(\d+)\x00")
_MARKS = {"*": "strong", "_": "em", "~": "del"}
_ORDERED = re.compile(r"(\d+)\.\s")


def mrkdwn_html(text: str, names: Mapping[str, str]) -> Markup:
    """Slack-escaped mrkdwn as HTML: links, mentions, emoji, code, quotes, lists and *bold*,
    _italic_, ~strike~; every other character shown literally."""
    held = _Held()
    text = _TOKEN.sub(lambda m: held.put(_token_html(m[1], names)), text.replace("\x00", ""))
    text = _PRE.sub(lambda m: held.put(_pre_html(m[1], held)), text)
    text = _CODE.sub(lambda m: held.put(_code_html(m[1], held)), text)
    text = _decode(text)
    text = _BARE_URL.sub(lambda m: _bare_link(m[0], held), text)
    text = _SHORTCODE.sub(lambda m: held.put(Markup(EMOJI[m[1]])) if m[1] in EMOJI else m[0], text)
    return held.restore(_lines_html(text, held))


def plain_html(text: str) -> Markup:
    """A plain_text object: shown literally, its lines kept and its emoji shortcodes drawn."""
    return Markup("<br>").join(escape(with_emoji(line)) for line in text.split("\n"))


def with_emoji(text: str) -> str:
    """`text` with the emoji shortcodes this page knows drawn as their characters."""
    return _SHORTCODE.sub(lambda m: EMOJI.get(m[1], m[0]), text)


def is_web_url(url: str) -> bool:
    """Whether a link may point at `url`: http and https only (no javascript:, data:, ...)."""
    return bool(_WEB.match(url)) and _one_word(url)


def link_html(url: str, label: str) -> Markup:
    """A link to an http(s) or mailto address, opening web pages in a new tab; anything else is
    its label as text."""
    if is_web_url(url):
        return Markup(
            '<a href="{}" rel="noopener noreferrer" target="_blank">{}'
            '<span class="bk-sr"> {}</span></a>'
        ).format(url, label, _(NEW_TAB))
    if _MAILTO.match(url) and _one_word(url):
        return Markup('<a href="{}">{}</a>').format(url, label)
    return escape(label)


def mention_html(text: str) -> Markup:
    """A mention of a person, a channel or everyone here, set apart as Slack shows it."""
    return Markup('<span class="bk-mention">{}</span>').format(text)


class _Held:
    """Fragments of HTML already made, kept out of the text while the rest is formatted."""

    def __init__(self) -> None:
        self.fragments: list[Markup] = []

    def put(self, fragment: Markup) -> str:
        self.fragments.append(fragment)
        return f"\x00{len(self.fragments) - 1}\x00"

    def restore(self, html: str) -> Markup:
        return Markup(_HELD.sub(lambda m: self.fragments[int(m[1])], html))


def _one_word(url: str) -> bool:
    return not any(c.isspace() or not c.isprintable() for c in url)


def _decode(text: str) -> str:
    return _SLACK_ENTITY.sub(lambda m: _DECODED[m[1]], text)


def _token_html(inner: str, names: Mapping[str, str]) -> Markup:
    """What a `<...>` stands for: a mention, a broadcast, a date's fallback, or a link."""
    target, _bar, label = inner.partition("|")
    target, label = _decode(target), _decode(label)
    if target.startswith("@"):
        return mention_html("@" + (names.get(target[1:]) or label or target[1:]))
    if target.startswith("#"):
        return mention_html("#" + (names.get(target[1:]) or label or target[1:]))
    if target.startswith("!"):
        return _special_html(target[1:], label, names)
    shown = label or (target[7:] if _MAILTO.match(target) else target)
    return link_html(target, shown)


def _special_html(command: str, label: str, names: Mapping[str, str]) -> Markup:
    """`<!here>`, `<!channel>`, `<!everyone>`, `<!subteam^ID>` and `<!date^...|fallback>`."""
    kind, _caret, rest = command.partition("^")
    if kind in ("here", "channel", "everyone"):
        return mention_html("@" + kind)
    if kind == "subteam":
        group = label.lstrip("@") or names.get(rest) or rest
        return mention_html("@" + group)
    return escape(label or command)


def _pre_html(content: str, held: _Held) -> Markup:
    body = _decode(content.removeprefix("\n").removesuffix("\n"))
    return Markup("<pre>{}</pre>").format(held.restore(str(escape(body))))


def _code_html(content: str, held: _Held) -> Markup:
    return Markup("<code>{}</code>").format(held.restore(str(escape(_decode(content)))))


def _bare_link(url: str, held: _Held) -> str:
    """A web address written out in full is a link, as Slack shows it; a sentence's closing
    punctuation after it is not part of it."""
    trimmed = url.rstrip(".,;:!?'\"")
    if trimmed.endswith(")") and "(" not in trimmed:
        trimmed = trimmed[:-1]
    return held.put(link_html(trimmed, trimmed)) + url[len(trimmed) :]


def _line_kind(line: str, held: _Held) -> str:
    if line.startswith(">"):
        return "quote"
    if line.startswith(("• ", "- ")):
        return "bullet"
    if _ORDERED.match(line):
        return "ordered"
    found = _HELD.fullmatch(line)
    if found and held.fragments[int(found[1])].startswith("<pre>"):
        return "block"
    return "text"


def _lines_html(text: str, held: _Held) -> Markup:
    """Quotes, lists and code blocks as blocks; other lines joined by line breaks."""
    lines = _quote_rest(text.split("\n"))
    html = Markup("")
    for kind, group in itertools.groupby(lines, key=lambda line: _line_kind(line, held)):
        html += _GROUPS[kind](list(group))
    return html


def _quote_rest(lines: list[str]) -> list[str]:
    """`>>>` quotes the line it starts and every line after it."""
    for i, line in enumerate(lines):
        if line.startswith(">>>"):
            return lines[:i] + [">" + line[3:]] + [">" + rest for rest in lines[i + 1 :]]
    return lines


def _text_group(lines: list[str]) -> Markup:
    return Markup("<br>").join(_styled(line) for line in lines)


def _quote_group(lines: list[str]) -> Markup:
    quoted = [line[1:].removeprefix(" ") for line in lines]
    return Markup("<blockquote>{}</blockquote>").format(_text_group(quoted))


def _bullet_group(lines: list[str]) -> Markup:
    items = Markup("").join(Markup("<li>{}</li>").format(_styled(line[2:])) for line in lines)
    return Markup("<ul>{}</ul>").format(items)


def _ordered_group(lines: list[str]) -> Markup:
    matches = [_ORDERED.match(line) for line in lines]
    items = Markup("").join(
        Markup("<li>{}</li>").format(_styled(line[m.end() :]))
        for line, m in zip(lines, matches, strict=True)
        if m
    )
    first = matches[0]
    start = int(first[1]) if first else 1
    opening = Markup("<ol>") if start == 1 else Markup('<ol start="{}">').format(start)
    return opening + items + Markup("</ol>")


def _block_group(lines: list[str]) -> Markup:
    return Markup("").join(Markup(line) for line in lines)  # held <pre> fragments, restored later


_GROUPS: dict[str, Callable[[list[str]], Markup]] = {
    "text": _text_group,
    "quote": _quote_group,
    "bullet": _bullet_group,
    "ordered": _ordered_group,
    "block": _block_group,
}


def _styled(line: str) -> Markup:
    """*bold*, _italic_ and ~strike~ in one line, properly nested, the rest escaped. A mark
    opens only at the start of a word and closes only at the end of one (snake_case stays)."""
    closers = {
        mark: [j for j, c in enumerate(line) if c == mark and _closes(line, j)] for mark in _MARKS
    }
    return _styled_span(line, 0, len(line), closers)


def _styled_span(line: str, start: int, end: int, closers: dict[str, list[int]]) -> Markup:
    html, plain_from, i = Markup(""), start, start
    while i < end:
        close = _closer(line, i, end, closers)
        if close is None:
            i += 1
            continue
        tag = _MARKS[line[i]]
        inner = _styled_span(line, i + 1, close, closers)
        html += escape(line[plain_from:i]) + Markup(f"<{tag}>") + inner + Markup(f"</{tag}>")
        i = plain_from = close + 1
    return html + escape(line[plain_from:end])


def _closer(line: str, i: int, end: int, closers: dict[str, list[int]]) -> int | None:
    """Where the mark opening at `i` closes before `end`, if it opens there at all."""
    mark = line[i]
    if mark not in _MARKS or not _opens(line, i):
        return None
    candidates = closers[mark]
    k = bisect_left(candidates, i + 2)
    return candidates[k] if k < len(candidates) and candidates[k] < end else None


def _opens(line: str, i: int) -> bool:
    before_ok = i == 0 or not line[i - 1].isalnum()
    return before_ok and i + 1 < len(line) and not line[i + 1].isspace()


def _closes(line: str, j: int) -> bool:
    after_ok = j + 1 == len(line) or not line[j + 1].isalnum()
    return after_ok and j > 0 and not line[j - 1].isspace()
