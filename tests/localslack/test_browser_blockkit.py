"""The page draws Slack's Block Kit and mrkdwn as plain, accessible HTML: hostile text never becomes
markup, every block and element shows with the names and forms the page server reads, modal
inputs keep what was typed and say what is wrong, and a confirmation comes before its action."""

from __future__ import annotations

import random
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from localslack.browser.blockkit import NOT_SHOWN, Surface, render_blocks
from localslack.browser.mrkdwn import mrkdwn_html, plain_html

STATIC = Path(__file__).parents[2] / "localslack" / "browser" / "static"
NAMES = {"UANN": "Ann Lee", "UBOB": "Bob Roy", "CTEAM": "project-team"}
PEOPLE = [("UANN", "Ann Lee"), ("UBOB", "Bob Roy")]
# Everything mrkdwn may make, and the attributes it may give them.
MRKDWN_TAGS = {
    "strong",
    "em",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "br",
    "a",
    "span",
}
MRKDWN_ATTRS = {"href", "rel", "target", "class", "start"}


class Page(HTMLParser):
    """What a piece of HTML holds: its tags with their attributes, its text, and any element
    found inside a <form>."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text = ""
        self.in_forms: list[tuple[str, dict[str, str]]] = []
        self._forms = 0
        self.feed(str(html))
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = (tag, {k: v if v is not None else "" for k, v in attrs})
        if self._forms:
            self.in_forms.append(found)
        self.tags.append(found)
        self._forms += tag == "form"

    def handle_endtag(self, tag: str) -> None:
        self._forms -= tag == "form"

    def handle_data(self, data: str) -> None:
        self.text += data

    def all(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        wanted = {k.replace("_", "-"): v for k, v in attrs.items()}
        return [
            a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in wanted.items())
        ]

    def one(self, tag: str, **attrs: str) -> dict[str, str]:
        found = self.all(tag, **attrs)
        assert len(found) == 1, f"{len(found)} <{tag}> with {attrs}"
        return found[0]

    def tag_names(self) -> set[str]:
        return {t for t, _ in self.tags}


def text(kind: str, words: str) -> dict[str, Any]:
    return {"type": kind, "text": words}


def plain(words: str) -> dict[str, Any]:
    return text("plain_text", words)


def md(words: str) -> dict[str, Any]:
    return text("mrkdwn", words)


def option(words: str, value: str) -> dict[str, Any]:
    return {"text": plain(words), "value": value}


def message() -> Surface:
    return Surface(
        "message", "UANN", "DANN", "m-1700000000-000123", channel="DANN", ts="1700000000.000123",
        names=NAMES, people=PEOPLE,
    )  # fmt: skip


def home() -> Surface:
    return Surface(
        "home", "UANN", "home", "home", view_id="VHOME", heading_level=2, names=NAMES,
        people=PEOPLE,
    )  # fmt: skip


def modal(**more: Any) -> Surface:
    return Surface(
        "modal", "UANN", "home", "v-V00000012", view_id="V00000012", submit_form="modal-submit",
        names=NAMES, people=PEOPLE, **more,
    )  # fmt: skip


def draw(blocks: list[Any], surface: Surface | None = None) -> Page:
    page = Page(render_blocks(blocks, surface or message()))
    assert not [t for t in page.in_forms if t != ("input", {**t[1], "type": "hidden"})], (
        "only hidden inputs may sit inside a form"
    )
    ids = [a["id"] for _, a in page.tags if "id" in a]
    assert len(ids) == len(set(ids)), "ids must be unique"
    return page


def md_page(source: str) -> Page:
    page = Page(mrkdwn_html(source, NAMES))
    assert page.tag_names() <= MRKDWN_TAGS, page.tag_names() - MRKDWN_TAGS
    for _, attrs in page.tags:
        assert set(attrs) <= MRKDWN_ATTRS
        assert re.match(r"(https?|mailto):", attrs.get("href", "https:"), re.I)
    return page


# ---- mrkdwn


HOSTILE = [
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<javascript:alert(1)|click>",
    "<JavaScript:alert(1)>",
    "<data:text/html;base64,PHNjcmlwdD4=|see>",
    "<//evil.example/x|relative>",
    "*<b>*",
    "*&lt;b&gt;*",
    '<https://x.example/"onmouseover="alert(1)|quote>',
    "<https://x.example/a|<img src=x onerror=alert(1)>>",
    "`<script>` and ```<iframe>```",
    "_&lt;i&gt;_ ~&lt;s&gt;~",
    "<@U1|<b>> <#C1|</span><script>> <!subteam^S1|<b>>",
    "<!date^1^{date}|</a><script>alert(1)</script>>",
    "&lt;a href=javascript:alert(1)&gt;x&lt;/a&gt;",
    "&amp;lt;script&amp;gt;",
    "<https://ok.example|*bold*>\x00<script>",
    "*unbalanced _marks ~everywhere",
    "> <script>\n• <script>\n1. <script>",
]


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_mrkdwn_never_becomes_markup(source: str) -> None:
    page = md_page(source)
    assert "script" not in page.tag_names() and "img" not in page.tag_names()


def test_random_mixes_of_marks_and_tokens_never_make_other_tags() -> None:
    pieces = ["*", "_", "~", "`", "```", "&lt;", "&gt;", "&amp;", "<", ">", "\n", "> ", "• ",
              "1. ", "<b>", "<https://a.example/x_y|l*a*b>", "<@UANN>", ":warning:", "word",
              "snake_case", " ", "<javascript:x|y>", "https://b.example/p?q=1&amp;r=2"]  # fmt: skip
    shuffled = random.Random(20251113)
    for _ in range(500):
        md_page("".join(shuffled.choice(pieces) for _ in range(shuffled.randint(1, 14))))


def test_user_escaped_text_shows_literally() -> None:
    page = md_page("&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;")
    assert page.text == "<script>alert(1)</script> &lt;"


def test_a_link_to_a_script_is_only_its_label() -> None:
    page = md_page("<javascript:alert(1)|click> <data:x>")
    assert not page.all("a") and page.text == "click data:x"


def test_bold_italic_strike_and_code_as_slack_shows_them() -> None:
    html = mrkdwn_html("*bold* _italic_ ~gone~ `co*de*` _*both*_", NAMES)
    assert html == (
        "<strong>bold</strong> <em>italic</em> <del>gone</del> <code>co*de*</code> "
        "<em><strong>both</strong></em>"
    )


def test_marks_inside_words_and_unbalanced_marks_stay_as_typed() -> None:
    assert mrkdwn_html("snake_case_name 2*3*4 *open", NAMES) == "snake_case_name 2*3*4 *open"


def test_links_show_their_label_and_point_at_their_address() -> None:
    page = md_page(
        "<https://a.example/x_y?p=1&amp;q=2|the form> <https://b.example> <mailto:t@e.org>"
    )
    first, second, mail = page.all("a")
    assert first == {
        "href": "https://a.example/x_y?p=1&q=2",
        "rel": "noopener noreferrer",
        "target": "_blank",
    }
    assert second["href"] == "https://b.example" and mail == {"href": "mailto:t@e.org"}
    assert page.text == (
        "the form (opens in a new tab) https://b.example (opens in a new tab) t@e.org"
    )


def test_an_address_written_out_is_a_link_without_its_full_stop() -> None:
    page = md_page("Join at https://meet.example/a_b_c.")
    assert page.one("a")["href"] == "https://meet.example/a_b_c"
    assert page.text.endswith("(opens in a new tab).")


def test_mentions_read_as_names() -> None:
    page = md_page(
        "<@UANN> <@UZED> <#CTEAM> <#C9|general> <!here> <!channel> <!subteam^S1|@mentors>"
    )
    assert page.text == "@Ann Lee @UZED #project-team #general @here @channel @mentors"
    assert len(page.all("span", **{"class": "bk-mention"})) == 7


def test_dates_show_their_fallback() -> None:
    assert md_page("<!date^1767225600^{date_long}|1 January 2026>").text == "1 January 2026"


def test_quotes_and_lists() -> None:
    html = mrkdwn_html("Intro\n&gt; quoted\n&gt; more\n• one\n- two\n3. three\n4. four\nEnd", NAMES)
    assert html == (
        "Intro<blockquote>quoted<br>more</blockquote><ul><li>one</li><li>two</li></ul>"
        '<ol start="3"><li>three</li><li>four</li></ol>End'
    )


def test_a_code_block_keeps_its_lines_and_no_marks() -> None:
    html = mrkdwn_html("Before\n```\n*not bold*\n&lt;tag&gt;\n```\nAfter", NAMES)
    assert html == "Before<pre>*not bold*\n&lt;tag&gt;</pre>After"


def test_emoji_the_bot_uses_are_drawn() -> None:
    html = mrkdwn_html(
        ":white_check_mark: :warning: :large_orange_circle: :red_circle: :lock: :calendar: "
        ":robot_face: :no_such_emoji: 10:00-11:00",
        NAMES,
    )
    assert html == "✅ ⚠️ 🟠 🔴 🔒 📅 🤖 :no_such_emoji: 10:00-11:00"


def test_plain_text_is_shown_literally() -> None:
    assert plain_html("*a* <b> &amp;\n:lock:") == "*a* &lt;b&gt; &amp;amp;<br>🔒"


# ---- blocks


def test_a_section_with_fields_and_a_button() -> None:
    page = draw(
        [
            {
                "type": "section",
                "block_id": "pair",
                "text": md("*Your pair*"),
                "fields": [md("*Mentor*\nAnn"), md("*Stage*\nPreparing")],
                "accessory": {
                    "type": "button",
                    "text": plain("Accept"),
                    "action_id": "home_accept",
                    "value": "7",
                    "style": "primary",
                },
            }
        ],
        home(),
    )
    assert len(page.all("li")) == 2 and page.one("ul")["class"] == "bk-fields"
    button = page.one("button")
    assert button == {
        "type": "submit",
        "form": "act-home-0-0",
        "name": "value",
        "value": "7",
        "id": "act-home-0-0-control",
        "class": "bk-button bk-primary",
    }


def test_every_action_posts_who_where_and_which_element() -> None:
    blocks = [
        {"type": "actions", "block_id": "home:rsvp:ev1", "elements": [
            {"type": "button", "text": plain("I'll be there"), "action_id": "yes", "value": "ev1"},
            {"type": "button", "text": plain("No"), "style": "danger"},
        ]},
    ]  # fmt: skip
    page = draw(blocks, message())
    form = page.one("form", id="act-m-1700000000-000123-0-1")
    assert form == {
        "id": "act-m-1700000000-000123-0-1",
        "method": "post",
        "action": "/ui/act",
        "class": "bk-act",
        "hidden": "",
    }
    hidden = {a["name"]: a["value"] for t, a in page.in_forms}
    assert hidden == {
        "as": "UANN",
        "in": "DANN",
        "surface": "message",
        "channel": "DANN",
        "ts": "1700000000.000123",
        "view_id": "",
        "hash": "",
        "block_id": "home:rsvp:ev1",
        "action_id": "",  # the last form's: the second button has none
    }
    assert page.one("button", value="ev1")["form"] == "act-m-1700000000-000123-0-0"
    assert page.one("button", value="")["class"] == "bk-button bk-danger"


def test_a_link_button_opens_its_page_and_a_script_link_is_a_plain_button() -> None:
    page = draw(
        [{"type": "actions", "elements": [
            {"type": "button", "text": plain("Add to Google Calendar"), "url": "https://calendar.example/r?a=1"},
            {"type": "button", "text": plain("Sneaky"), "url": "javascript:alert(1)", "value": "x"},
        ]}]
    )  # fmt: skip
    link = page.one("a")
    assert link["href"] == "https://calendar.example/r?a=1" and link["class"] == "bk-button"
    assert link["target"] == "_blank" and link["rel"] == "noopener noreferrer"
    assert page.one("button")["value"] == "x"


def test_a_select_posts_its_choice_with_its_own_button() -> None:
    stage = {
        "type": "static_select",
        "action_id": "home_stage",
        "placeholder": plain("Choose a stage"),
        "option_groups": [
            {"label": plain("Early"), "options": [option("Preparing", "preparing")]},
            {"label": plain("Later"), "options": [option("Closure", "closure")]},
        ],
        "initial_option": option("Closure", "closure"),
    }
    page = draw(
        [{"type": "section", "text": md("Move to another stage:"), "accessory": stage}], home()
    )
    select = page.one("select")
    assert select == {
        "id": "act-home-0-0-control",
        "name": "choice",
        "form": "act-home-0-0",
        "aria-labelledby": "txt-home-0",
    }
    assert [a["label"] for a in page.all("optgroup")] == ["Early", "Later"]
    assert page.one("option", value="closure")["selected"] == ""
    apply = page.one("button")
    assert apply["form"] == "act-home-0-0" and apply["type"] == "submit"
    assert apply["aria-labelledby"] == "act-home-0-0-submit txt-home-0"
    assert "Choose" in page.text and "Move to another stage:" in page.text


def test_a_multi_select_in_an_actions_block_is_named_by_its_placeholder() -> None:
    page = draw([{"type": "actions", "elements": [{
        "type": "multi_static_select", "action_id": "topics", "placeholder": plain("Topics"),
        "options": [option("Career", "c"), option("Wellbeing", "w"), option("Skills", "s")],
        "initial_options": [option("Career", "c"), option("Skills", "s")],
    }]}])  # fmt: skip
    select = page.one("select")
    assert "multiple" in select and select["aria-label"] == "Topics"
    assert [a["value"] for a in page.all("option") if "selected" in a] == ["c", "s"]
    assert page.one("button")["aria-label"] == "Choose: Topics"


def test_overflow_is_a_menu_of_buttons() -> None:
    page = draw([{"type": "section", "text": md("Concern 12"), "accessory": {
        "type": "overflow", "action_id": "more",
        "options": [option("Acknowledge", "ack"), option("Resolve", "resolve")],
    }}])  # fmt: skip
    assert page.one("details")["class"] == "bk-overflow"
    assert "More options" in page.text
    buttons = page.all("button", name="choice")
    assert [b["value"] for b in buttons] == ["ack", "resolve"]
    assert {b["form"] for b in buttons} == {"act-m-1700000000-000123-0-0"}


def test_pickers_post_dates_and_times_as_the_page_writes_them() -> None:
    page = draw([{"type": "actions", "block_id": "when", "elements": [
        {"type": "datepicker", "action_id": "d", "initial_date": "2026-01-21"},
        {"type": "timepicker", "action_id": "t", "initial_time": "10:00"},
        {"type": "datetimepicker", "action_id": "dt", "initial_date_time": 1768989600},
    ]}], home())  # fmt: skip
    assert page.one("input", type="date")["value"] == "2026-01-21"
    assert page.one("input", type="time")["value"] == "10:00"
    assert page.one("input", type="datetime-local")["value"] == "2026-01-21T10:00"
    assert {a["name"] for a in page.all("input") if a["type"] != "hidden"} == {"choice"}
    labels = [b["aria-label"] for b in page.all("button")]
    assert labels == ["Set date: Date", "Set time: Time", "Set date and time: Date and time"]


def test_radio_buttons_and_checkboxes_in_an_action_are_named_groups() -> None:
    page = draw([{"type": "actions", "elements": [
        {"type": "radio_buttons", "action_id": "r", "options": [option("Yes", "y"), option("No", "n")],
         "initial_option": option("No", "n")},
        {"type": "checkboxes", "action_id": "c",
         "options": [{"text": md("*Agenda*"), "value": "a", "description": plain("Shared first")}]},
    ]}])  # fmt: skip
    radios, boxes = page.all("fieldset")
    assert radios["aria-label"] == "Options" and boxes["aria-label"] == "Options"
    assert (
        "checked" in page.one("input", value="n")
        and page.one("input", value="a")["type"] == "checkbox"
    )
    assert page.one("label", **{"for": page.one("input", value="a")["id"]})
    assert "Shared first" in page.text and "strong" in page.tag_names()


def test_a_users_select_lists_the_people_on_the_page() -> None:
    page = draw([{"type": "actions", "elements": [
        {"type": "users_select", "action_id": "who", "initial_user": "UBOB"},
        {"type": "multi_users_select", "action_id": "whom", "initial_users": ["UANN", "UGONE"]},
    ]}])  # fmt: skip
    single, multi = page.all("select")
    assert single["aria-label"] == "Person" and multi["aria-label"] == "People"
    assert [a["value"] for a in page.all("option")] == ["", "UANN", "UBOB", "UANN", "UBOB", "UGONE"]
    assert [a["value"] for a in page.all("option") if "selected" in a] == ["UBOB", "UANN", "UGONE"]


def test_text_inputs_keep_slacks_limits() -> None:
    page = draw([{"type": "input", "block_id": f"b{i}", "label": plain(f"L{i}"), "element": e}
                 for i, e in enumerate([
        {"type": "plain_text_input", "action_id": "v", "max_length": 200, "min_length": 2,
         "placeholder": plain("Say")},
        {"type": "plain_text_input", "action_id": "v", "multiline": True, "initial_value": "\nfirst"},
        {"type": "number_input", "action_id": "v", "is_decimal_allowed": False, "min_value": "1",
         "max_value": "9"},
        {"type": "number_input", "action_id": "v", "is_decimal_allowed": True},
        {"type": "email_text_input", "action_id": "v"},
        {"type": "url_text_input", "action_id": "v"},
        {"type": "file_input", "action_id": "v", "filetypes": ["csv", "txt"]},
        {"type": "file_input", "action_id": "v", "max_files": 1},
    ])], modal())  # fmt: skip
    key = "in-v-V00000012-"
    one = page.one("input", id=key + "b0")
    assert (one["type"], one["maxlength"], one["minlength"], one["placeholder"]) == (
        "text",
        "200",
        "2",
        "Say",
    )
    assert page.one("textarea")["id"] == key + "b1" and "\n\nfirst" in page.text
    whole, decimal = page.all("input", type="number")
    assert (whole["min"], whole["max"], whole["step"], decimal["step"]) == ("1", "9", "1", "any")
    assert page.one("input", type="email") and page.one("input", type="url")
    many, single = page.all("input", type="file")
    assert many["name"] == "file:b6" and many["accept"] == ".csv,.txt" and "multiple" in many
    assert "multiple" not in single and "accept" not in single
    assert all("required" not in f for f in (many, single))


def test_modal_inputs_belong_to_the_modals_form_with_their_labels() -> None:
    page = draw([
        {"type": "input", "block_id": "day", "label": plain("Day"), "hint": plain("UK date"),
         "element": {"type": "datepicker", "action_id": "value", "initial_date": "2026-01-21"}},
        {"type": "input", "block_id": "why", "optional": True, "label": plain("Reason"),
         "element": {"type": "plain_text_input", "action_id": "value"}},
        {"type": "input", "block_id": "urgency", "label": plain("How urgent?"),
         "element": {"type": "radio_buttons", "action_id": "value",
                     "options": [option("Today", "high"), option("This week", "low")]}},
        {"type": "input", "block_id": "agree", "label": plain("Agree"),
         "element": {"type": "checkboxes", "action_id": "value", "options": [option("Yes", "y")]}},
    ], modal())  # fmt: skip
    day = page.one("input", type="date")
    assert day == {
        "type": "date",
        "id": "in-v-V00000012-day",
        "name": "input:day",
        "form": "modal-submit",
        "value": "2026-01-21",
        "required": "",
        "aria-describedby": "in-v-V00000012-day-hint",
    }
    assert page.one("label", **{"for": "in-v-V00000012-day"})
    assert page.one("p", id="in-v-V00000012-day-hint")["class"] == "bk-hint"
    reason = page.one("input", name="input:why")
    assert "required" not in reason and "Reason (optional)" in page.text
    assert all("required" in r for r in page.all("input", type="radio"))
    assert "required" not in page.one("input", type="checkbox")
    assert "How urgent?" in page.text and len(page.all("legend")) == 2


def test_a_modal_input_shows_what_was_typed_and_its_error() -> None:
    blocks = [
        {"type": "input", "block_id": "topics", "label": plain("Topics"), "hint": plain("Short"),
         "element": {"type": "plain_text_input", "action_id": "value", "initial_value": "old"}},
        {"type": "input", "block_id": "who", "label": plain("Who"),
         "element": {"type": "users_select", "action_id": "value", "initial_user": "UANN"}},
    ]  # fmt: skip
    surface = modal(
        drafts={"topics": ["what I typed"], "who": ["UBOB"]}, errors={"topics": "Too long"}
    )
    html = str(render_blocks(blocks, surface))
    page = draw(blocks, surface)
    box = page.one("input", name="input:topics")
    assert box["value"] == "what I typed" and box["aria-invalid"] == "true"
    assert box["aria-describedby"] == "in-v-V00000012-topics-error in-v-V00000012-topics-hint"
    assert page.one("p", id="in-v-V00000012-topics-error")["class"] == "bk-error"
    assert re.search(r'name="input:topics"[^>]*><p class="bk-error"', html), "error right under it"
    assert [a["value"] for a in page.all("option") if "selected" in a] == ["UBOB"]


def test_a_confirmation_comes_as_a_dialog() -> None:
    page = draw([{"type": "actions", "block_id": "team", "elements": [{
        "type": "button", "text": plain("Erase a participant"), "action_id": "erase",
        "style": "danger", "confirm": {
            "title": plain("Erase Ann?"), "text": md("This *cannot* be undone."),
            "confirm": plain("Erase"), "deny": plain("Keep"), "style": "danger",
        },
    }]}], home())  # fmt: skip
    dialog_id = "act-home-0-0-confirm"
    assert page.one("button", id="act-home-0-0-control")["data-confirm"] == dialog_id
    assert page.one("dialog") == {
        "id": dialog_id,
        "class": "bk-confirm",
        "aria-labelledby": f"{dialog_id}-title",
        "aria-describedby": f"{dialog_id}-text",
    }
    assert page.one("h2", id=f"{dialog_id}-title") is not None and "Erase Ann?" in page.text
    assert page.one("form", method="dialog")["id"] == f"{dialog_id}-form"
    yes, no = page.all("button", form=f"{dialog_id}-form")
    assert (yes["value"], yes["class"], no["value"]) == ("confirm", "bk-button bk-danger", "deny")
    assert "autofocus" in no and "Keep" in page.text and "strong" in page.tag_names()


def test_a_select_with_a_confirmation_asks_before_its_choice_is_sent() -> None:
    page = draw([{"type": "actions", "elements": [{
        "type": "static_select", "action_id": "s", "options": [option("A", "a")],
        "confirm": {"title": plain("Sure?"), "text": plain("Really"), "confirm": plain("Yes"),
                    "deny": plain("No")},
    }]}])  # fmt: skip
    assert page.one("button", type="submit", form="act-m-1700000000-000123-0-0")["data-confirm"]
    assert page.one("dialog")["id"] == "act-m-1700000000-000123-0-0-confirm"


def test_headers_context_dividers_and_images() -> None:
    page = draw([
        {"type": "header", "text": plain("Your mentoring :calendar:")},
        {"type": "context", "elements": [
            {"type": "image", "image_url": "https://img.example/a.png", "alt_text": "Ann"},
            {"type": "image", "image_url": "/files/icon.png"},
            md("Small *print*")]},
        {"type": "divider"},
        {"type": "image", "image_url": "https://img.example/chart.png", "alt_text": "Answers by role",
         "title": plain("Mid-point evaluation")},
        {"type": "image", "slack_file": {"url": "/files/F1/chart.png"}, "alt_text": "From a file"},
        {"type": "image", "image_url": "javascript:alert(1)", "alt_text": "Not loaded"},
    ], home())  # fmt: skip
    assert page.one("h2")["class"] == "bk-heading" and "Your mentoring 📅" in page.text
    assert page.one("img", alt="Ann")["src"] == "https://img.example/a.png"
    assert page.one("img", src="/files/icon.png") == {
        "class": "bk-context-image",
        "src": "/files/icon.png",
        "alt": "",
        "role": "presentation",
        "loading": "lazy",
    }
    assert page.one("hr") == {}
    assert page.one("img", alt="Answers by role") and "Mid-point evaluation" in page.text
    assert page.one("img", alt="From a file")["src"] == "/files/F1/chart.png"
    assert not page.all("img", alt="Not loaded") and "[image: Not loaded]" in page.text
    assert "figcaption" in page.tag_names()


def test_rich_text_sections_lists_quotes_and_code() -> None:
    page = draw([{"type": "rich_text", "elements": [
        {"type": "rich_text_section", "elements": [
            {"type": "text", "text": "Hello <b> ", "style": {"bold": True}},
            {"type": "user", "user_id": "UANN"},
            {"type": "emoji", "name": "wave", "unicode": "1f44b"},
            {"type": "link", "url": "https://a.example", "text": "site"},
            {"type": "link", "url": "javascript:alert(1)", "text": "bad"},
        ]},
        {"type": "rich_text_list", "style": "ordered", "offset": 2, "indent": 1, "elements": [
            {"type": "rich_text_section", "elements": [{"type": "text", "text": "third"}]}]},
        {"type": "rich_text_quote", "elements": [{"type": "channel", "channel_id": "CTEAM"}]},
        {"type": "rich_text_preformatted", "elements": [{"type": "text", "text": "x = 1"}]},
    ]}])  # fmt: skip
    assert "Hello <b> @Ann Lee👋site" in page.text and "bad" in page.text
    assert page.one("a")["href"] == "https://a.example"
    assert page.one("ol") == {"class": "bk-indent-1", "start": "3"}
    assert {"strong", "blockquote", "pre"} <= page.tag_names() and "#project-team" in page.text


def test_video_markdown_and_file_blocks() -> None:
    page = draw([
        {"type": "video", "title": plain("Welcome"), "video_url": "https://v.example/embed",
         "thumbnail_url": "https://v.example/t.png", "alt_text": "A welcome video",
         "title_url": "https://v.example/watch", "description": plain("Two minutes")},
        {"type": "markdown", "text": "**Bold** and *italic* and [a link](https://m.example) <b>"},
        {"type": "file", "external_id": "X1", "source": "remote"},
    ])  # fmt: skip
    assert page.one("img")["alt"] == "A welcome video"
    assert [a["href"] for a in page.all("a")] == ["https://v.example/watch", "https://m.example"]
    assert {"strong", "em"} <= page.tag_names() and "b" not in page.tag_names()
    assert "Bold and italic and a link" in page.text and "<b>" in page.text
    assert "[a file that can only be opened in Slack]" in page.text


def test_an_input_outside_a_modal_acts_only_when_it_dispatches_actions() -> None:
    page = draw([
        {"type": "input", "block_id": "note", "dispatch_action": True, "label": plain("Quick note"),
         "element": {"type": "plain_text_input", "action_id": "note"}},
        {"type": "input", "block_id": "idle", "label": plain("Idle"),
         "element": {"type": "plain_text_input", "action_id": "idle"}},
    ], home())  # fmt: skip
    acting = page.one("input", name="choice")
    assert acting["form"] == "act-home-0-0" and acting["aria-labelledby"] == "label-home-0"
    assert page.one("button")["aria-labelledby"] == "act-home-0-0-submit label-home-0"
    idle = page.one("input", id="in-home-1")
    assert "form" not in idle and page.one("label", **{"for": "in-home-1"})


@pytest.mark.parametrize(
    "block",
    [
        {"type": "section"},
        {"type": "section", "text": "not an object"},
        {"type": "header"},
        {"type": "actions", "elements": "nope"},
        {"type": "actions", "elements": [{"type": "static_select", "options": [{"value": "x"}]}]},
        {"type": "input", "label": plain("L"), "element": {"type": "mystery"}},
        {"type": "context", "elements": [None]},
        {"type": "rich_text", "elements": [{"type": "rich_text_list", "elements": 3}]},
        {"type": "section", "text": md("ok"), "accessory": "button"},
        "a string",
        None,
    ],
)
def test_a_malformed_block_is_a_short_note(block: Any) -> None:
    page = draw([{"type": "divider"}, block, {"type": "divider"}])
    assert page.text == NOT_SHOWN and len(page.all("hr")) == 2


def test_unknown_blocks_and_elements_do_not_stop_the_rest() -> None:
    page = draw([
        {"type": "call", "call_id": "R1"},
        {"type": "actions", "elements": [{"type": "future_element"}, {"type": "button", "text": plain("Go")}]},
    ])  # fmt: skip
    assert page.text == "[this control could not be shown]Go"
    assert render_blocks({"type": "divider"}, message()) == f'<p class="bk-note">{NOT_SHOWN}</p>'  # type: ignore[arg-type]


def test_ids_are_stable_and_block_ids_never_collide() -> None:
    blocks = [
        {"type": "input", "block_id": "r", "label": plain("R"), "element": {
            "type": "radio_buttons", "action_id": "v", "options": [option("A", "a")]}},
        {"type": "input", "block_id": "r-0", "label": plain("R0"), "element": {
            "type": "plain_text_input", "action_id": "v"}},
        {"type": "input", "block_id": "r:0", "label": plain("R:0"), "element": {
            "type": "plain_text_input", "action_id": "v"}},
    ]  # fmt: skip
    page = draw(blocks, modal())  # unique ids asserted there
    assert render_blocks(blocks, modal()) == render_blocks(blocks, modal())
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", a["id"]) for _, a in page.tags if "id" in a)


# ---- views shaped as the bot's (written here: localslack knows nothing of the bot)


HOME_VIEW = [
    {"type": "header", "text": plain("Your mentoring")},
    {"type": "divider"},
    {"type": "section", "text": md("*Your next events*")},
    {"type": "section", "text": md(
        "*Launch &amp; induction*\nThursday 13 November 2025, 11:00–15:00 UK time (GMT)\n"
        "Online: https://teams.example/l/meetup?id=1&amp;x=2\n_You'll be there._")},
    {"type": "actions", "block_id": "home:rsvp:launch", "elements": [
        {"type": "button", "text": plain("I'll be there"), "action_id": "home_rsvp_yes",
         "value": "launch", "style": "primary"},
        {"type": "button", "text": plain("I can't make it"), "action_id": "home_rsvp_no",
         "value": "launch"},
    ]},
    {"type": "actions", "block_id": "cal:launch", "elements": [
        {"type": "button", "text": plain("Add to Google Calendar"), "action_id": "event_calendar_google",
         "url": "https://calendar.google.com/calendar/render?action=TEMPLATE&text=Launch"},
    ]},
    {"type": "section", "text": md("*Your pair*")},
    {"type": "section", "text": md(
        "Your mentee is <@UBOB>.\n*Stage:* Preparing (since 1 December 2025)\n"
        "*Agreement:* &lt;b&gt;fortnightly&lt;/b&gt; calls, snake_case_topics")},
    {"type": "actions", "block_id": "home:pair", "elements": [
        {"type": "button", "text": plain("Log a meeting"), "action_id": "home_log_meeting", "value": "3"},
        {"type": "button", "text": plain("Pause check-ins"), "action_id": "home_pause"},
    ]},
    {"type": "section", "text": md("Move to another stage:"), "accessory": {
        "type": "static_select", "action_id": "home_stage", "placeholder": plain("Choose a stage"),
        "options": [option("Preparing", "preparing"), option("Negotiation", "negotiation")],
        "initial_option": option("Preparing", "preparing")}},
    {"type": "context", "elements": [md(
        "Everything here is also a command: type `/mentoring help` for the list. :lock:")]},
    {"type": "header", "text": plain("Project team console")},
    {"type": "actions", "block_id": "console:people", "elements": [
        {"type": "button", "text": plain("Import participants"), "action_id": "console_import_people"},
        {"type": "button", "text": plain("Erase a participant"), "action_id": "console_erase",
         "style": "danger"},
    ]},
]  # fmt: skip

SET_DATE_MODAL = [
    {"type": "section", "text": md("*Mid-point review*: everyone invited is told the new date.")},
    {"type": "input", "block_id": "day", "label": plain("Day"),
     "element": {"type": "datepicker", "action_id": "value"}},
    {"type": "input", "block_id": "start", "label": plain("Starts (UK time)"),
     "element": {"type": "timepicker", "action_id": "value"}},
    {"type": "input", "block_id": "file", "label": plain("CSV file"),
     "hint": plain("Columns name,email,role"),
     "element": {"type": "file_input", "action_id": "value", "filetypes": ["csv"], "max_files": 1}},
    {"type": "input", "block_id": "person", "label": plain("Who is to be erased?"),
     "element": {"type": "users_select", "action_id": "value"}},
]  # fmt: skip

REMINDER = [
    {"type": "header", "text": plain("Mid-point review is in 7 days")},
    {"type": "section", "text": md("*When:* Wednesday 21 January 2026, 10:00–11:00 UK time (GMT)\n"
                                   "*Where:* Online")},
    {"type": "context", "elements": [md(":calendar: Will you be there?")]},
    {"type": "actions", "block_id": "rsvp:mid", "elements": [
        {"type": "button", "text": plain("I'll be there"), "action_id": "event_rsvp_yes",
         "value": "mid", "style": "primary"},
        {"type": "button", "text": plain("I can't make it"), "action_id": "event_rsvp_no",
         "value": "mid"},
    ]},
]  # fmt: skip


def test_the_home_tab_reads_and_acts_as_in_slack() -> None:
    page = draw(HOME_VIEW, home())
    assert [t for t, _ in page.tags if t in ("h2", "h3")] == ["h2", "h2"]
    assert "Launch & induction" in page.text and "<b>fortnightly</b> calls" in page.text
    assert "snake_case_topics" in page.text and "@Bob Roy" in page.text
    assert page.one("a", href="https://teams.example/l/meetup?id=1&x=2")
    assert page.one("a", **{"class": "bk-button"})["target"] == "_blank"
    rsvp = page.one("button", value="launch", id="act-home-4-0-control")
    assert rsvp["class"] == "bk-button bk-primary" and rsvp["form"] == "act-home-4-0"
    assert page.one("select")["aria-labelledby"] == "txt-home-9"
    assert "🔒" in page.text and "/mentoring help" in page.text
    assert page.one("button", id="act-home-12-1-control")["class"] == "bk-button bk-danger"


def test_a_console_form_posts_every_input_with_the_modal() -> None:
    page = draw(SET_DATE_MODAL, modal())
    named = {a["name"]: a for t, a in page.tags if t in ("input", "select") and "name" in a}
    assert set(named) == {"input:day", "input:start", "file:file", "input:person"}
    assert {a["form"] for a in named.values()} == {"modal-submit"}
    assert "required" not in named["file:file"] and named["file:file"]["accept"] == ".csv"
    assert [a["value"] for a in page.all("option")] == ["", "UANN", "UBOB"]
    assert not page.all("form")  # the page draws the modal's own form around these


def test_a_reminder_offers_its_replies() -> None:
    page = draw(REMINDER, message())
    assert page.one("h3").get("class") == "bk-heading" and "📅 Will you be there?" in page.text
    assert [b["value"] for b in page.all("button")] == ["mid", "mid"]
    assert {f["id"] for f in page.all("form")} == {
        "act-m-1700000000-000123-3-0",
        "act-m-1700000000-000123-3-1",
    }


# ---- the page's own files


def test_the_confirmation_script_only_guards_submits() -> None:
    script = (STATIC / "blockkit.js").read_text()
    assert 'document.addEventListener("submit"' in script and "}, true);" in script
    for step in (
        "stopImmediatePropagation",
        "showModal()",
        "requestSubmit(button)",
        "button.focus()",
    ):
        assert step in script
    assert "fetch(" not in script and "innerHTML" not in script


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_every_text_colour_meets_wcag_aa_contrast() -> None:
    css = (STATIC / "blockkit.css").read_text()
    colours = dict(re.findall(r"(--bk-[a-z-]+):\s*(#[0-9a-fA-F]{6})", css))
    pairs = []
    for name, comment in re.findall(r"(--bk-[a-z-]+):[^;]*;\s*/\*([^*]*)\*/", css):
        pairs += [(name, other) for other in re.findall(r"--bk-[a-z-]+", comment)]
    assert len(pairs) >= 10
    for fore, back in pairs:
        lighter, darker = sorted((_luminance(colours[fore]), _luminance(colours[back])))[::-1]
        ratio = (lighter + 0.05) / (darker + 0.05)
        assert ratio >= 4.5, f"{fore} on {back}: {ratio:.2f}"
    assert re.search(r":focus-visible[^{]*\{[^}]*outline: 3px solid", css)
    assert ".bk-button.bk-primary" in css and ".bk-button.bk-danger" in css


def test_buttons_are_named_by_the_words_above_them() -> None:
    page = draw(
        [
            {"type": "section", "text": {"type": "mrkdwn", "text": "*Launch*: 13 November"}},
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "action_id": "set",
                        "text": {"type": "plain_text", "text": "Set date"},
                    }
                ],
            },
            {"type": "divider"},
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "action_id": "more",
                        "text": {"type": "plain_text", "text": "More"},
                    }
                ],
            },
        ]
    )
    section = page.one("div", **{"class": "bk-block bk-section"})
    group = page.one("div", role="group")
    assert group["aria-labelledby"] == section["id"]
    assert len(page.all("div", role="group")) == 1  # a divider names nothing
