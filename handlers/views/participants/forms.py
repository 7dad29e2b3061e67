"""The participants feature's modals, and what each says once its work is done."""

from __future__ import annotations

import json
from typing import Any

from slack_sdk.models.blocks import (
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.participants.model import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, Participant
from bot.participants.privacy import Erasure
from handlers.i18n import N_, _
from handlers.views.common import (
    SECTION_TEXT_MAX,
    console_form,
    done_modal,
    person_picker,
    sections,
)
from handlers.views.mrkdwn import escape

IMPORT_MODAL = "console_import_modal"


ERASE_MODAL = "console_erase_modal"


ERASE_CONFIRM_MODAL = "console_erase_confirm_modal"


FILE_LIMIT = 1_000_000  # bytes: a participants file for thousands is far smaller


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


PEOPLE_IMPORTED = N_("{created} participants added, {updated} updated.")


def people_imported_modal(created: int, updated: int) -> View:
    words = _(PEOPLE_IMPORTED).format(created=created, updated=updated)
    return done_modal(_("Imported"), words)


def not_imported_modal(why: str) -> View:
    """`why`: the person's mistake, in its feature's words."""
    return done_modal(_("Not imported"), why)


def erased_modal(erasure: Erasure) -> View:
    return done_modal(_("Erased"), erased(erasure))


def erased(erasure: Erasure) -> str:
    """The form's last word on an erasure, and whose pairing ended with it."""
    name = escape(erasure.name)
    if not erasure.partners:
        return _("{name} has been erased.").format(name=name)
    if len(erasure.partners) > 1:
        return _(
            "{name} has been erased. Their pairings have ended, and {partners} have each been "
            "told kindly, with no reason given."
        ).format(name=name, partners=escape(", ".join(erasure.partners)))
    return _(
        "{name} has been erased. Their pairing has ended, and {partner} has been told kindly, "
        "with no reason given."
    ).format(name=name, partner=escape(erasure.partners[0]))


def erase_modal() -> View:
    return console_form(
        ERASE_MODAL,
        _("Erase a participant"),
        _("Next"),
        [person_picker("person", _("Who is to be erased?"))],
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
    return console_form(
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
