"""The pulse feature's part of the project team's console (composed by handlers/views/console.py)
and the team's `/mentoring team pulse`: how the cohort's pairings are going, each person's latest
fit and pulse counted by role. Counts only, and a count under the outcomes report's smallest (or
one that would give such a count away) is hidden, so no one's answer can be told from them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from slack_sdk.models.blocks import Block, DividerBlock, SectionBlock

from bot.outcomes.model import ALL, EVERYONE, FITS, CountTable, Group, Suppressed
from bot.outcomes.rules import SMALLEST_CELL
from bot.pulse.model import Fit, PulseCounts
from bot.scheme import Programme
from handlers.i18n import N_, _
from handlers.views.common import note
from handlers.views.hub import Console
from handlers.views.pulse.messages import FIT_WORDS, PULSE_WORDS

GROUP_WORDS: dict[Group, str] = {
    "mentor": N_("Mentors"),
    "mentee": N_("Mentees"),
    EVERYONE: N_("Everyone"),
}


def console_section(console: Console, programme: Programme, now: datetime) -> list[Block]:
    """Nothing until someone has been asked."""
    counts = console.pulse
    if counts is None or not counts.asked:
        return []
    return [
        DividerBlock(),
        SectionBlock(text=counts_words(counts)),
        note(hidden_words()),
    ]


def counts_words(counts: PulseCounts) -> str:
    lines = [
        _("*How pairings are going*: {n} asked so far; each person's latest answer.").format(
            n=counts.asked
        ),
        _("_Fit after the first meeting_"),
        *_rows(counts.fit, lambda fit: _(FIT_WORDS[_fit(fit)])),
        _("_Pulse, from 1 (not well) to 5 (very well)_"),
        *_rows(counts.pulse, lambda score: _(PULSE_WORDS[int(score)])),
    ]
    return "\n".join(lines)


def team_pulse_message(counts: PulseCounts) -> str:
    if not counts.asked:
        return _("Nobody has been asked how their pairing is going yet.")
    return f"{counts_words(counts)}\n{hidden_words()}"


def hidden_words() -> str:
    return _(
        "Counts only: who answered what is never shown. A count under {n}, or one that would "
        "give such a count away, shows as “hidden”."
    ).format(n=SMALLEST_CELL)


def _rows(table: CountTable, name: Callable[[str], str]) -> list[str]:
    """'• Mentors: Good fit 12 · Not sure yet hidden · … (of 20)', a line for each group."""
    lines = []
    for group in table.groups:
        parts = [
            _("{answer} {count}").format(answer=name(c), count=_count(table.count(group, c)))
            for c in table.categories
        ]
        whole = _("(of {count})").format(count=_count(table.count(group, ALL)))
        lines.append(f"• {_(GROUP_WORDS[group])}: {' · '.join(parts)} {whole}")
    return lines


def _count(count: int | Suppressed) -> str:
    return _("hidden") if isinstance(count, Suppressed) else str(count)


def _fit(category: str) -> Fit:
    return next(fit for fit in FITS if fit == category)
