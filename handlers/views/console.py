"""The project team's console, below their own Home: what needs attention first, then events,
people and pairs, and evaluations; and the console's modals. A concern's or a request's words
never appear here (they stay in the team's private channel): only a concern's number, urgency
and status, a request's number, kind and status."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

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

from bot.concerns.model import Concern
from bot.concerns.service import AlertView
from bot.evaluations.notices import ResultsForTeam
from bot.events.service import Attendance
from bot.pairs.service import PairSummary
from bot.participants.model import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, Participant
from bot.participants.privacy import Erasure
from bot.requests.model import Request
from bot.requests.rules import DONE
from bot.scheme import Programme
from handlers.i18n import N_, _, formatted, ngettext
from handlers.views import concerns as concerns_view
from handlers.views import events as events_view
from handlers.views import pairs as pairs_view
from handlers.views import requests as requests_view
from handlers.views.common import SECTION_TEXT_MAX, modal_title, note, sections
from handlers.views.home import Said
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
    requests: list[Request] = field(default_factory=list)
    answered_at: dict[int, datetime] = field(default_factory=dict)  # by request, once answered


def console_blocks(console: Console, programme: Programme, now: datetime) -> list[Block]:
    return [
        DividerBlock(),
        HeaderBlock(text=_("Project team console")),
        *_attention(console, programme, now),
        *_events(console.attendance, programme, now),
        *_people(console),
        *_evaluations(console.results, now),
    ]


def _today(at: datetime | None, programme: Programme, now: datetime) -> bool:
    zone = programme.zone
    return at is not None and at.astimezone(zone).date() == now.astimezone(zone).date()


def _resolved_at(alert: AlertView) -> datetime | None:
    return next((e.at for e in reversed(alert.history) if e.action == "resolved"), None)


def _attention(console: Console, programme: Programme, now: datetime) -> list[Block]:
    """Each list newest first by number, whatever its status, and what was settled today stays
    in its place saying so: a step never moves another item under the pointer."""
    blocks: list[Block] = [SectionBlock(text=_("*Needs attention*"))]
    concerns, still_open = _concerns(console.alerts, programme, now)
    requests, waiting = _requests(console, programme, now)
    flagged = sorted(
        (p for p in console.pairs if p.attention or p.pair.status == "awaiting"),
        key=lambda p: (p.mentor, p.mentee, p.pair.id),
    )
    blocks += concerns + requests
    blocks += sections("\n".join(_pair_line(s) for s in flagged[:SHOWN]))
    more = _("And {n} more pairs: type `/mentoring team pairs` to see them all.")
    blocks += _more(len(flagged), more)
    if not still_open and not waiting and not flagged:
        blocks.append(note(_("Nothing needs you right now.")))
    return blocks


def _concerns(
    alerts: list[AlertView], programme: Programme, now: datetime
) -> tuple[list[Block], bool]:
    """The concerns not yet resolved and those resolved today, each with its status; and
    whether any is still to be resolved."""
    still_open = [a for a in alerts if a.concern.status != "resolved"]
    settled = [a for a in alerts if _today(_resolved_at(a), programme, now)]
    shown = sorted(still_open + settled, key=lambda a: -a.concern.id)
    blocks: list[Block] = []
    for alert in shown[:SHOWN]:
        c = alert.concern
        line = _("Concern #{number} · {urgency} · {status} · raised {day}").format(
            number=c.id,
            urgency=_(concerns_view.URGENCY_WORDS[c.urgency]),
            status=_(concerns_view.STATUS_WORDS[c.status]),
            day=formatted(c.created_at.astimezone(concerns_view.UK), "dd MMM"),
        )
        blocks.append(SectionBlock(text=line))
        if c.status != "resolved":
            blocks.append(_concern_buttons(c))
    more = _("And {n} more concerns: type `/mentoring team alerts` to see them all.")
    return blocks + _more(len(shown), more), bool(still_open)


def _requests(console: Console, programme: Programme, now: datetime) -> tuple[list[Block], bool]:
    """The requests still to answer and those answered today, each with its status; and
    whether any is still to answer."""
    waiting = [r for r in console.requests if r.status not in DONE]
    answered = [
        r
        for r in console.requests
        if r.status in DONE and _today(console.answered_at.get(r.id), programme, now)
    ]
    listed = sorted(waiting + answered, key=lambda r: -r.id)
    blocks = sections("\n".join(map(requests_view.console_line, listed[:SHOWN])))
    more = _("And {n} more requests: type `/mentoring team requests` to see them all.")
    return blocks + _more(len(listed), more), bool(waiting)


def _concern_buttons(c: Concern) -> ActionsBlock:
    """Acknowledge comes last, so when it goes nothing else moves into its place."""
    steps = [("take", _("I'll take this")), ("resolve", _("Resolved"))]
    if c.status == "open":
        steps.append(("acknowledge", _("Acknowledge")))
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
    # A pair has two members: one of them, or both, have still to accept.
    waiting = list(map(escape, s.not_accepted))
    if len(waiting) == 2:
        return _("• {pair}: waiting for {first} and {second} to accept").format(
            pair=names, first=waiting[0], second=waiting[1]
        )
    return _("• {pair}: waiting for {person} to accept").format(
        pair=names, person=", ".join(waiting)
    )


def _events(attendance: list[Attendance], programme: Programme, now: datetime) -> list[Block]:
    """Events still to come or to be dated, each with its replies and buttons; those that have
    taken place are only counted, as nothing about them is still to be done here."""
    blocks: list[Block] = [DividerBlock(), SectionBlock(text=_("*Events*"))]
    ahead = [a for a in attendance if a.schedule.ends_at is None or a.schedule.ends_at > now]
    for a in ahead[:SHOWN]:
        replies = _("{coming} coming, {not_coming} not, {no_reply} not replied").format(
            coming=len(a.coming), not_coming=len(a.not_coming), no_reply=len(a.no_reply)
        )
        when = events_view.when(programme, a.schedule, a.event, None)
        title = escape(events_view.in_readers_language(a.event).title)
        blocks.append(SectionBlock(text=f"*{title}*: {when}\n{replies}"))
        blocks.append(
            ActionsBlock(
                block_id=f"console:event:{a.event.id}",
                elements=[
                    ButtonElement(text=_("Set date"), action_id=SET_DATE, value=a.event.id),
                    ButtonElement(text=_("Who is coming"), action_id=WHO, value=a.event.id),
                ],
            )
        )
    more = _("And {n} more events: type `/mentoring team events` to see them all.")
    blocks += _more(len(ahead), more)
    if past := len(attendance) - len(ahead):
        held = ngettext(
            "{n} event has taken place: `/mentoring team events` shows its replies.",
            "{n} events have taken place: `/mentoring team events` shows their replies.",
            past,
        )
        blocks.append(note(held.format(n=past)))
    return blocks


def _people(console: Console) -> list[Block]:
    counts = console.counts
    pairs = [s for s in console.pairs if s.pair.status != "ended"]
    numbers = _("{mentors} mentors, {mentees} mentees, {pairs} pairs").format(
        mentors=counts.get("mentor", 0), mentees=counts.get("mentee", 0), pairs=len(pairs)
    )
    return [
        DividerBlock(),
        SectionBlock(text=_("*People and pairs*") + "\n" + numbers),
        ActionsBlock(
            block_id="console:people",
            elements=[
                ButtonElement(text=_("Import participants"), action_id=IMPORT_PEOPLE),
                ButtonElement(text=_("Import pairs"), action_id=IMPORT_PAIRS),
                ButtonElement(text=_("Make a pair"), action_id=MAKE_PAIR),
                ButtonElement(text=_("End a pairing"), action_id=END_PAIR),
                ButtonElement(text=_("Pause a pair"), action_id=PAUSE_PAIR),
                ButtonElement(text=_("Erase a participant"), action_id=ERASE, style="danger"),
            ],
        ),
    ]


def _evaluations(results: list[ResultsForTeam], now: datetime) -> list[Block]:
    blocks: list[Block] = [DividerBlock(), SectionBlock(text=_("*Evaluations*"))]
    for r in results[:SHOWN]:
        state = (
            _("not open yet")
            if now < r.form.opens
            else _("closed")
            if now >= r.form.closes
            else _("open")
        )
        line = _("*{form}* ({state}): {invited} invited, {started} started, {finished} finished")
        blocks.append(
            SectionBlock(
                text=line.format(
                    form=escape(r.form.title),
                    state=state,
                    invited=r.invited,
                    started=r.started,
                    finished=r.finished,
                )
            )
        )
        blocks.append(
            ActionsBlock(
                block_id=f"console:form:{r.form.id}",
                elements=[
                    ButtonElement(
                        text=_("Chart to the team channel"), action_id=CHART, value=r.form.id
                    ),
                    ButtonElement(
                        text=_("Export answers (named)"),
                        action_id=f"{EXPORT}_named",
                        value=json.dumps({"form": r.form.id, "pseudonymous": False}),
                    ),
                    ButtonElement(
                        text=_("Export answers (pseudonymous)"),
                        action_id=f"{EXPORT}_pseudonymous",
                        value=json.dumps({"form": r.form.id, "pseudonymous": True}),
                    ),
                ],
            )
        )
    more = _("And {n} more forms: type `/mentoring team evaluations` to see them all.")
    blocks += _more(len(results), more)
    return blocks


# A file the console sends to the team's channel, and what the Home says of it under its form.
File = Literal["chart", "named", "pseudonymous"]
ON_ITS_WAY: dict[File, str] = {
    "chart": N_("The chart is on its way to {channel}: it takes a moment."),
    "named": N_("The export with names is on its way to {channel}: it takes a moment."),
    "pseudonymous": N_("The pseudonymous export is on its way to {channel}: it takes a moment."),
}
ARRIVED: dict[File, str] = {
    "chart": N_("The chart is in {channel}."),
    "named": N_("The export with names is in {channel}."),
    "pseudonymous": N_("The pseudonymous export is in {channel}."),
}
# Slack did not take it at once: the outbox keeps trying, so it still arrives, later.
DELAYED: dict[File, str] = {
    "chart": N_("Slack is slow just now: the chart will be in {channel} as soon as it takes it."),
    "named": N_(
        "Slack is slow just now: the export with names will be in {channel} as soon as it takes it."
    ),
    "pseudonymous": N_(
        "Slack is slow just now: the pseudonymous export will be in {channel} as soon as it takes it."
    ),
}
NOT_SENT = N_("That could not be sent just now. Please try again in a minute.")
CHANNEL_ID = re.compile("^[CG][A-Z0-9]+$")


def channel_link(channel: str) -> str:
    """The team's channel as Slack shows it: an id becomes a link showing its name."""
    return f"<#{channel}>" if CHANNEL_ID.match(channel) else f"#{escape(channel.lstrip('#'))}"


def file_said(form_id: str, words: str, channel: str) -> Said:
    """`words` (one of ON_ITS_WAY's, ARRIVED's or DELAYED's) under the buttons of the file's
    form."""
    return Said(f"console:form:{form_id}", _(words).format(channel=channel_link(channel)))


def file_not_sent(form_id: str, why: str | None = None) -> Said:
    """Why the file did not go (a person's mistake, in words), or that something failed."""
    return Said(f"console:form:{form_id}", why or _(NOT_SENT))


def _more(total: int, words: str) -> list[Block]:
    """`words` say how many more ({n}) there are than the list shows, and where to see them."""
    if total <= SHOWN:
        return []
    return [note(words.format(n=total - SHOWN))]


# Modals -----------------------------------------------------------------------------------------


def _form(
    callback_id: str, title: str, submit: str, blocks: list[Block], metadata: dict | None = None
) -> View:
    """A console form: its listener is `callback_id`; `metadata` what it acts on."""
    return View(
        type="modal",
        callback_id=callback_id,
        title=modal_title(title),
        submit=submit,
        close=_("Cancel"),
        private_metadata=json.dumps(metadata) if metadata is not None else None,
        blocks=blocks,
    )


def set_date_modal(event_id: str, title: str) -> View:
    return _form(
        SET_DATE_MODAL,
        _("Set the date"),
        _("Set date"),
        metadata={"event": event_id},
        blocks=[
            SectionBlock(
                text=_("*{event}*: everyone invited is told the new date.").format(
                    event=escape(title)
                )
            ),
            InputBlock(
                block_id="day", label=_("Day"), element=DatePickerElement(action_id="value")
            ),
            InputBlock(
                block_id="start",
                label=_("Starts (UK time)"),
                element=TimePickerElement(action_id="value"),
            ),
            InputBlock(
                block_id="end",
                label=_("Ends (UK time)"),
                element=TimePickerElement(action_id="value"),
            ),
        ],
    )


def who_modal(attendance: Attendance) -> View:
    def names(people: list[str]) -> str:
        shown = ", ".join(map(escape, people[:50])) or _("nobody")
        if len(people) <= 50:
            return shown
        return _("{names} and {n} more (type `/mentoring team who {event}` for everyone)").format(
            names=shown, n=len(people) - 50, event=attendance.event.id
        )

    text = _(
        "*{event}*\n"
        "*Coming ({coming}):* {coming_names}\n"
        "*Not coming ({not_coming}):* {not_coming_names}\n"
        "*Not replied ({no_reply}):* {no_reply_names}"
    ).format(
        event=escape(attendance.event.title),
        coming=len(attendance.coming),
        coming_names=names(attendance.coming),
        not_coming=len(attendance.not_coming),
        not_coming_names=names(attendance.not_coming),
        no_reply=len(attendance.no_reply),
        no_reply_names=names(attendance.no_reply),
    )
    return View(type="modal", title=_("Who is coming"), close=_("Close"), blocks=sections(text))


IMPORT_HELP = {
    "participants": N_(
        "A CSV file with the columns {required} (role: mentor or mentee), and optionally "
        "{optional}. Nothing is imported until every line is right."
    ),
    "pairs": N_(
        "A CSV file with the columns mentor_email and mentee_email. Nothing is imported "
        "until every line is right."
    ),
}
IMPORT_TITLES = {"participants": N_("Import participants"), "pairs": N_("Import pairs")}


def import_help(what: str) -> str:
    """Which columns the file takes, named as the importer reads them."""
    return _(IMPORT_HELP[what]).format(
        required=", ".join(REQUIRED_COLUMNS), optional=", ".join(OPTIONAL_COLUMNS)
    )


def import_modal(what: str, problems: str = "") -> dict[str, Any]:
    """As JSON: the Slack SDK's models have no file input yet. `problems`: what was wrong with
    the file last sent, line by line, above the input for the corrected one."""
    told = [block.to_dict() for block in sections(problems)]
    return {
        "type": "modal",
        "callback_id": IMPORT_MODAL,
        "title": _plain(_(IMPORT_TITLES[what])),
        "submit": _plain(_("Import")),
        "close": _plain(_("Cancel")),
        "private_metadata": json.dumps({"what": what}),
        "blocks": [
            *told,
            {"type": "section", "text": {"type": "mrkdwn", "text": import_help(what)}},
            {
                "type": "input",
                "block_id": "file",
                "label": _plain(_("The CSV file")),
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
        title=_(IMPORT_TITLES[what]),
        close=_("Close"),
        blocks=[SectionBlock(text=_(IMPORTING[what]))],
    )


def import_problems_text(lines: list[str]) -> str:
    """Every problem, by line (escaped: the lines repeat what the file says), as far as a form
    holds them (20 sections); past that, how many more, which the corrected file will show."""
    shown: list[str] = [_("*Nothing was imported.* Please fix these and send the file again:")]
    size = len(shown[0])
    for n, line in enumerate(map(escape, lines)):
        size += len(line) + 1
        if size > PROBLEMS_MAX:
            more = _("…and {n} more, shown when you send the corrected file.")
            shown.append(more.format(n=len(lines) - n))
            break
        shown.append(line)
    return "\n".join(shown)


# What the console's handlers say: each is worded for the reader with `_()` where it is shown.
NOT_A_CSV = N_(
    "That file is not a CSV file. Please save it as CSV (comma separated) and try again."
)
TOO_LARGE = N_(
    "That file is larger than 1 MB, far more than a participants file needs. Is it the right file?"
)
NOT_UTF8 = N_(
    'That file is not in UTF-8. In Excel, save it as "CSV UTF-8 (Comma delimited)" and try again.'
)
NO_FILE = N_("Please attach the CSV file.")
PROBLEMS_MAX = 20 * SECTION_TEXT_MAX
IMPORTING = {
    "participants": N_(
        "Importing the participants: I'm finding each person in Slack, which can take a few "
        "minutes for a large file. This form will say how it went; if you close it, the console "
        "shows the new counts."
    ),
    "pairs": N_(
        "Importing the pairs: I'm finding each person in Slack, which can take a few minutes "
        "for a large file. This form will say how it went; if you close it, the console shows "
        "the new counts."
    ),
}
NOT_READABLE = N_("I could not read that file from Slack. Please attach it again.")
PAIR_MADE = N_("The pair has been introduced in a group message and each asked to accept.")
PAIR_ENDED = N_("The pairing has ended. Each of them has been told kindly, separately.")
PAIR_PAUSED = N_("The pair's check-ins are paused until that day.")
PAIRS_IMPORTED = N_("{n} pairs made. Each pair has been introduced and asked to accept.")
PEOPLE_IMPORTED = N_("{created} participants added, {updated} updated.")


def erased(erasure: Erasure) -> str:
    """The form's last word on an erasure, and whose pairing ended with it."""
    name = escape(erasure.name)
    if erasure.partner is None:
        return _("{name} has been erased.").format(name=name)
    return _(
        "{name} has been erased. Their pairing has ended, and {partner} has been told kindly, "
        "with no reason given."
    ).format(name=name, partner=escape(erasure.partner))


def _person_picker(block_id: str, label: str) -> InputBlock:
    return InputBlock(block_id=block_id, label=label, element=UserSelectElement(action_id="value"))


def make_pair_modal() -> View:
    return _form(
        MAKE_PAIR_MODAL,
        _("Make a pair"),
        _("Make the pair"),
        [
            _person_picker("mentor", _("Mentor")),
            _person_picker("mentee", _("Mentee")),
            note(_("They are introduced in a group message and each asked to accept.")),
        ],
    )


def end_pair_modal() -> View:
    return _form(
        END_PAIR_MODAL,
        _("End a pairing"),
        _("End the pairing"),
        [
            _person_picker("member", _("Either member of the pair")),
            InputBlock(
                block_id="reason",
                label=_("Why (kept for the team; neither member is shown it)"),
                optional=True,
                element=PlainTextInputElement(action_id="value", max_length=200),
            ),
        ],
    )


def pause_pair_modal() -> View:
    return _form(
        PAUSE_PAIR_MODAL,
        _("Pause a pair"),
        _("Pause"),
        [
            _person_picker("member", _("Either member of the pair")),
            InputBlock(
                block_id="until",
                label=_("No check-ins until"),
                element=DatePickerElement(action_id="value"),
            ),
        ],
    )


def erase_modal() -> View:
    return _form(
        ERASE_MODAL,
        _("Erase a participant"),
        _("Next"),
        [_person_picker("person", _("Who is to be erased?"))],
    )


ERASED_WHAT = N_(
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
        _("Erase a participant"),
        _("Erase"),
        metadata={"email": person.email},
        blocks=[
            SectionBlock(
                text=_("Erase *{name}* ({email})?").format(
                    name=escape(person.name), email=escape(person.email)
                )
            ),
            SectionBlock(text=_(ERASED_WHAT)),
        ],
    )


def done_modal(title: str, text: str) -> View:
    """What a console form says once its work is done, in place of the form."""
    return View(
        type="modal", title=modal_title(title), close=_("Done"), blocks=[SectionBlock(text=text)]
    )
