"""The evaluations feature's part of the project team's console (composed by
handlers/views/console.py), with its action ids."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Literal

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    DividerBlock,
    SectionBlock,
)

from bot.evaluations.notices import ResultsForTeam
from bot.scheme import Programme
from handlers.i18n import N_, _
from handlers.views.common import channel_link
from handlers.views.evaluations.messages import cohort_named
from handlers.views.hub import SHOWN, Console, Said, more_note
from handlers.views.mrkdwn import escape

CHART = "console_chart"


EXPORT = "console_export"


def _evaluations(results: list[ResultsForTeam], now: datetime) -> list[Block]:
    blocks: list[Block] = [DividerBlock(), SectionBlock(text=_("*Evaluations*"))]
    several = len({r.cohort for r in results}) > 1  # each form's cohort named, and sent back
    for r in results[:SHOWN]:
        cohort = r.cohort if several else None
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
                + (f" · {cohort_named(cohort)}" if cohort else "")
            )
        )
        blocks.append(
            ActionsBlock(
                block_id=_block(r.form.id, cohort),
                elements=[
                    ButtonElement(
                        text=_("Chart to the team channel"),
                        action_id=CHART,
                        value=f"{r.form.id} {cohort}" if cohort else r.form.id,
                    ),
                    ButtonElement(
                        text=_("Export answers (named)"),
                        action_id=f"{EXPORT}_named",
                        value=json.dumps(_export(r.form.id, False, cohort)),
                    ),
                    ButtonElement(
                        text=_("Export answers (pseudonymous)"),
                        action_id=f"{EXPORT}_pseudonymous",
                        value=json.dumps(_export(r.form.id, True, cohort)),
                    ),
                ],
            )
        )
    more = _("And {n} more forms: type `/mentoring team evaluations` to see them all.")
    blocks += more_note(len(results), more)
    return blocks


def _block(form_id: str, cohort: str | None) -> str:
    """A form's buttons' block: its cohort's too where several are listed."""
    return f"console:form:{form_id}:{cohort}" if cohort else f"console:form:{form_id}"


def _export(form_id: str, pseudonymous: bool, cohort: str | None) -> dict[str, object]:
    value: dict[str, object] = {"form": form_id, "pseudonymous": pseudonymous}
    return value | {"cohort": cohort} if cohort else value


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


def file_said(form_id: str, words: str, channel: str, cohort: str | None = None) -> Said:
    """`words` (one of ON_ITS_WAY's, ARRIVED's or DELAYED's) under the buttons of the file's
    form (of its cohort, where several are listed)."""
    return Said(_block(form_id, cohort), _(words).format(channel=channel_link(channel)))


def file_not_sent(form_id: str, why: str | None = None, cohort: str | None = None) -> Said:
    """Why the file did not go (a person's mistake, in words), or that something failed."""
    return Said(_block(form_id, cohort), why or _(NOT_SENT))


def console_section(console: Console, programme: Programme, now: datetime) -> list[Block]:
    return _evaluations(console.results, now)
