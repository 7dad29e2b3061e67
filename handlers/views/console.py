"""The project team's console, below their own Home: what needs attention first, then events,
people and pairs, and evaluations; and the console's modals. A concern's or a request's words
never appear here (they stay in the team's private channel): only a concern's number, urgency
and status, a request's number, kind and status."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    DatePickerElement,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    PlainTextInputElement,
    SectionBlock,
    TimePickerElement,
    UserSelectElement,
)
from slack_sdk.models.views import View

from bot.concerns.rules import Concern
from bot.concerns.service import AlertView
from bot.evaluations.notices import ResultsForTeam
from bot.events.service import Attendance
from bot.pairs.service import PairSummary
from bot.participants.rules import Participant
from bot.requests.rules import DONE, Request
from bot.scheme import Programme
from handlers.views import concerns as concerns_view
from handlers.views import events as events_view
from handlers.views import pairs as pairs_view
from handlers.views import requests as requests_view
from handlers.views.common import SECTION_TEXT_MAX, note, sections
from handlers.views.mrkdwn import escape

SET_DATE, WHO = "console_set_date", "console_who"
IMPORT_PEOPLE, IMPORT_PAIRS = "console_import_people", "console_import_pairs"
MAKE_PAIR, END_PAIR, PAUSE_PAIR, ERASE = (
    "console_make_pair",
    "console_end_pair",
    "console_pause_pair",
    "console_erase",
)
CHART, EXPORT = "console_chart", "console_export"
CONCERN = "console_concern_"  # + acknowledge, take or resolve
SET_DATE_MODAL, IMPORT_MODAL = "console_set_date_modal", "console_import_modal"
RESOLVE_MODAL = "console_resolve_modal"
MAKE_PAIR_MODAL, END_PAIR_MODAL, PAUSE_PAIR_MODAL = (
    "console_make_pair_modal",
    "console_end_pair_modal",
    "console_pause_pair_modal",
)
ERASE_MODAL, ERASE_CONFIRM_MODAL = "console_erase_modal", "console_erase_confirm_modal"
# Each list shows this many before saying how many more there are and where to see them all,
# which keeps the whole Home inside Slack's 100 blocks at any size.
SHOWN = 8
FILE_LIMIT = 1_000_000  # bytes: a participants file for thousands is far smaller


@dataclass(frozen=True)
class Console:
    alerts: list[AlertView]
    pairs: list[PairSummary]
    attendance: list[Attendance]
    counts: dict[str, int]
    results: list[ResultsForTeam]
    requests: list[Request] = field(default_factory=list)  # those still to answer come first


def console_blocks(console: Console, programme: Programme, now: datetime) -> list[Block]:
    return [
        DividerBlock(),
        HeaderBlock(text="Project team console"),
        *_attention(console),
        *_events(console.attendance, programme),
        *_people(console),
        *_evaluations(console.results, now),
    ]


def _attention(console: Console) -> list[Block]:
    blocks: list[Block] = [SectionBlock(text="*Needs attention*")]
    open_alerts = [a for a in console.alerts if a.concern.status != "resolved"]
    for alert in open_alerts[:SHOWN]:
        c = alert.concern
        urgency = concerns_view.URGENCY_WORDS[c.urgency]
        status = concerns_view.STATUS_WORDS[c.status]
        blocks.append(
            SectionBlock(
                text=f"Concern #{c.id} · {urgency} · {status} · raised {c.created_at:%d %b}"
            )
        )
        blocks.append(_concern_buttons(c))
    blocks += _more(len(open_alerts), "concerns", "`/mentoring team alerts`")
    waiting = [r for r in console.requests if r.status not in DONE]
    blocks += sections("\n".join(map(requests_view.console_line, waiting[:SHOWN])))
    blocks += _more(len(waiting), "requests", "`/mentoring team requests`")
    flagged = [p for p in console.pairs if p.attention or p.pair.status == "awaiting"]
    blocks += sections("\n".join(_pair_line(s) for s in flagged[:SHOWN]))
    blocks += _more(len(flagged), "pairs", "`/mentoring team pairs`")
    if not open_alerts and not waiting and not flagged:
        blocks.append(note("Nothing needs you right now."))
    return blocks


def _concern_buttons(c: Concern) -> ActionsBlock:
    steps = [("take", "I'll take this"), ("resolve", "Resolved")]
    if c.status == "open":
        steps.insert(0, ("acknowledge", "Acknowledge"))
    return ActionsBlock(
        block_id=f"console:concern:{c.id}",
        elements=[
            ButtonElement(text=text, action_id=f"{CONCERN}{step}", value=str(c.id))
            for step, text in steps
        ],
    )


def _pair_line(s: PairSummary) -> str:
    names = f"*{escape(s.mentor)}* & *{escape(s.mentee)}*"
    if s.attention:
        return f"• {names}: {pairs_view.attention_words(s.attention)}"
    waiting = " and ".join(map(escape, s.not_accepted))
    return f"• {names}: waiting for {waiting} to accept"


def _events(attendance: list[Attendance], programme: Programme) -> list[Block]:
    blocks: list[Block] = [DividerBlock(), SectionBlock(text="*Events*")]
    for a in attendance[:SHOWN]:
        replies = f"{len(a.coming)} coming, {len(a.not_coming)} not, {len(a.no_reply)} not replied"
        when = events_view.when(programme, a.schedule, a.event, None)
        blocks.append(SectionBlock(text=f"*{escape(a.event.title)}*: {when}\n{replies}"))
        blocks.append(
            ActionsBlock(
                block_id=f"console:event:{a.event.id}",
                elements=[
                    ButtonElement(text="Set date", action_id=SET_DATE, value=a.event.id),
                    ButtonElement(text="Who is coming", action_id=WHO, value=a.event.id),
                ],
            )
        )
    blocks += _more(len(attendance), "events", "`/mentoring team events`")
    return blocks


def _people(console: Console) -> list[Block]:
    counts = console.counts
    pairs = [s for s in console.pairs if s.pair.status != "ended"]
    text = (
        f"*People and pairs*\n{counts.get('mentor', 0)} mentors, {counts.get('mentee', 0)} "
        f"mentees, {len(pairs)} pairs"
    )
    return [
        DividerBlock(),
        SectionBlock(text=text),
        ActionsBlock(
            block_id="console:people",
            elements=[
                ButtonElement(text="Import participants", action_id=IMPORT_PEOPLE),
                ButtonElement(text="Import pairs", action_id=IMPORT_PAIRS),
                ButtonElement(text="Make a pair", action_id=MAKE_PAIR),
                ButtonElement(text="End a pairing", action_id=END_PAIR),
                ButtonElement(text="Pause a pair", action_id=PAUSE_PAIR),
                ButtonElement(text="Erase a participant", action_id=ERASE, style="danger"),
            ],
        ),
    ]


def _evaluations(results: list[ResultsForTeam], now: datetime) -> list[Block]:
    blocks: list[Block] = [DividerBlock(), SectionBlock(text="*Evaluations*")]
    for r in results[:SHOWN]:
        state = (
            "not open yet" if now < r.form.opens else "closed" if now >= r.form.closes else "open"
        )
        blocks.append(
            SectionBlock(
                text=f"*{escape(r.form.title)}* ({state}): {r.invited} invited, "
                f"{r.started} started, {r.finished} finished"
            )
        )
        blocks.append(
            ActionsBlock(
                block_id=f"console:form:{r.form.id}",
                elements=[
                    ButtonElement(
                        text="Chart to the team channel", action_id=CHART, value=r.form.id
                    ),
                    ButtonElement(
                        text="Export answers (named)",
                        action_id=f"{EXPORT}_named",
                        value=json.dumps({"form": r.form.id, "pseudonymous": False}),
                    ),
                    ButtonElement(
                        text="Export answers (pseudonymous)",
                        action_id=f"{EXPORT}_pseudonymous",
                        value=json.dumps({"form": r.form.id, "pseudonymous": True}),
                    ),
                ],
            )
        )
    blocks += _more(len(results), "forms", "`/mentoring team evaluations`")
    return blocks


def _more(total: int, what: str, command: str) -> list[Block]:
    if total <= SHOWN:
        return []
    return [note(f"And {total - SHOWN} more {what}: type {command} to see them all.")]


# Modals -----------------------------------------------------------------------------------------


def _form(
    callback_id: str, title: str, submit: str, blocks: list[Block], metadata: dict | None = None
) -> View:
    """A console form: its listener is `callback_id`; `metadata` what it acts on."""
    return View(
        type="modal",
        callback_id=callback_id,
        title=title,
        submit=submit,
        close="Cancel",
        private_metadata=json.dumps(metadata) if metadata is not None else None,
        blocks=blocks,
    )


def set_date_modal(event_id: str, title: str) -> View:
    return _form(
        SET_DATE_MODAL,
        "Set the date",
        "Set date",
        metadata={"event": event_id},
        blocks=[
            SectionBlock(text=f"*{escape(title)}*: everyone invited is told the new date."),
            InputBlock(block_id="day", label="Day", element=DatePickerElement(action_id="value")),
            InputBlock(
                block_id="start",
                label="Starts (UK time)",
                element=TimePickerElement(action_id="value"),
            ),
            InputBlock(
                block_id="end", label="Ends (UK time)", element=TimePickerElement(action_id="value")
            ),
        ],
    )


def who_modal(attendance: Attendance) -> View:
    def names(people: list[str]) -> str:
        shown = ", ".join(map(escape, people[:50])) or "nobody"
        if len(people) <= 50:
            return shown
        every = f"`/mentoring team who {attendance.event.id}`"
        return f"{shown} and {len(people) - 50} more (type {every} for everyone)"

    text = (
        f"*{escape(attendance.event.title)}*\n"
        f"*Coming ({len(attendance.coming)}):* {names(attendance.coming)}\n"
        f"*Not coming ({len(attendance.not_coming)}):* {names(attendance.not_coming)}\n"
        f"*Not replied ({len(attendance.no_reply)}):* {names(attendance.no_reply)}"
    )
    return View(type="modal", title="Who is coming", close="Close", blocks=sections(text))


IMPORT_HELP = {
    "participants": "A CSV file with the columns name, email, role (mentor or mentee), and "
    "optionally slack_user_id and about. Nothing is imported until every line is right.",
    "pairs": "A CSV file with the columns mentor_email and mentee_email. Nothing is imported "
    "until every line is right.",
}


def import_modal(what: str, problems: str = "") -> dict[str, Any]:
    """As JSON: the Slack SDK's models have no file input yet. `problems`: what was wrong with
    the file last sent, line by line, above the input for the corrected one."""
    told = [block.to_dict() for block in sections(problems)]
    return {
        "type": "modal",
        "callback_id": IMPORT_MODAL,
        "title": _plain(f"Import {what}"),
        "submit": _plain("Import"),
        "close": _plain("Cancel"),
        "private_metadata": json.dumps({"what": what}),
        "blocks": [
            *told,
            {"type": "section", "text": {"type": "mrkdwn", "text": IMPORT_HELP[what]}},
            {
                "type": "input",
                "block_id": "file",
                "label": _plain("The CSV file"),
                "element": {
                    "type": "file_input",
                    "action_id": "value",
                    "filetypes": ["csv"],
                    "max_files": 1,
                },
            },
        ],
    }


def _plain(text: str) -> dict[str, str]:
    return {"type": "plain_text", "text": text}


def importing_modal(what: str, external_id: str) -> View:
    """Shown while the import runs; `external_id` is how the import finds it to say how it went."""
    return View(
        type="modal",
        external_id=external_id,
        title=f"Import {what}",
        close="Close",
        blocks=[SectionBlock(text=IMPORTING.format(what=what))],
    )


def import_problems_text(lines: list[str]) -> str:
    """Every problem, by line (escaped: the lines repeat what the file says), as far as a form
    holds them (20 sections); past that, how many more, which the corrected file will show."""
    shown: list[str] = ["*Nothing was imported.* Please fix these and send the file again:"]
    size = len(shown[0])
    for n, line in enumerate(map(escape, lines)):
        size += len(line) + 1
        if size > PROBLEMS_MAX:
            shown.append(f"…and {len(lines) - n} more, shown when you send the corrected file.")
            break
        shown.append(line)
    return "\n".join(shown)


NOT_A_CSV = "That file is not a CSV file. Please save it as CSV (comma separated) and try again."
TOO_LARGE = (
    "That file is larger than 1 MB, far more than a participants file needs. Is it the right file?"
)
NOT_UTF8 = (
    'That file is not in UTF-8. In Excel, save it as "CSV UTF-8 (Comma delimited)" and try again.'
)
NO_FILE = "Please attach the CSV file."
PROBLEMS_MAX = 20 * SECTION_TEXT_MAX
IMPORTING = (
    "Importing the {what}: I'm finding each person in Slack, which can take a few minutes for a "
    "large file. This form will say how it went; if you close it, the console shows the new "
    "counts."
)
NOT_READABLE = "I could not read that file from Slack. Please attach it again."
PAIR_MADE = "The pair has been introduced in a group message and each asked to accept."
PAIR_ENDED = "The pairing has ended. Each of them has been told kindly, separately."
PAIR_PAUSED = "The pair's check-ins are paused until that day."
PAIRS_IMPORTED = "{n} pairs made. Each pair has been introduced and asked to accept."
PEOPLE_IMPORTED = "{created} participants added, {updated} updated."
ERASED = "{name} has been erased."


def _person_picker(block_id: str, label: str) -> InputBlock:
    return InputBlock(block_id=block_id, label=label, element=UserSelectElement(action_id="value"))


def make_pair_modal() -> View:
    return _form(
        MAKE_PAIR_MODAL,
        "Make a pair",
        "Make the pair",
        [
            _person_picker("mentor", "Mentor"),
            _person_picker("mentee", "Mentee"),
            note("They are introduced in a group message and each asked to accept."),
        ],
    )


def end_pair_modal() -> View:
    return _form(
        END_PAIR_MODAL,
        "End a pairing",
        "End the pairing",
        [
            _person_picker("member", "Either member of the pair"),
            InputBlock(
                block_id="reason",
                label="Why (kept for the team; neither member is shown it)",
                optional=True,
                element=PlainTextInputElement(action_id="value", max_length=200),
            ),
        ],
    )


def pause_pair_modal() -> View:
    return _form(
        PAUSE_PAIR_MODAL,
        "Pause a pair",
        "Pause",
        [
            _person_picker("member", "Either member of the pair"),
            InputBlock(
                block_id="until",
                label="No check-ins until",
                element=DatePickerElement(action_id="value"),
            ),
        ],
    )


def erase_modal() -> View:
    return _form(
        ERASE_MODAL,
        "Erase a participant",
        "Next",
        [_person_picker("person", "Who is to be erased?")],
    )


ERASED_WHAT = (
    "*What goes:* their name, email and Slack link; their replies to events and their calendar "
    "feed; their evaluation answers (the results no longer count them); their pair's meetings "
    "and agreement; the words of any concern they raised; messages still waiting for them. "
    "Their pairing ends.\n"
    "*What stays:* the concerns' audit trail (who on the team did what, and when), with them "
    "shown as an erased participant; their pair's check-in answers (yes or not yet); and a "
    "record of what was sent when, without to whom. This cannot be undone."
)


def erase_confirm_modal(person: Participant) -> View:
    return _form(
        ERASE_CONFIRM_MODAL,
        "Erase a participant",
        "Erase",
        metadata={"email": person.email},
        blocks=[
            SectionBlock(text=f"Erase *{escape(person.name)}* ({escape(person.email)})?"),
            SectionBlock(text=ERASED_WHAT),
        ],
    )


def done_modal(title: str, text: str) -> View:
    """What a console form says once its work is done, in place of the form."""
    return View(type="modal", title=title, close="Done", blocks=[SectionBlock(text=text)])
