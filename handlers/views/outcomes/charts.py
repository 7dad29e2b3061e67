"""The outcomes report's charts, each with its text alternative: how each paired question's
answers changed, group by group, and the completion, fit and pulse counts. A chart draws only
what the report shows: a hidden figure is marked "hidden", never drawn."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.outcomes.model import ALL, Change, CountTable, Group, QuestionChanges, Section, Suppressed
from handlers.i18n import N_, _
from handlers.views.evaluations import ROLE_COLOURS, ROLE_HATCHES
from handlers.views.figures import counted_in_whole_numbers, new_figure, png
from handlers.views.outcomes.words import (
    HIDDEN,
    TABLE_CHARTS,
    category_name,
    count,
    group_name,
    question_text,
    signed,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

GROUP_COLOURS = ROLE_COLOURS | {"everyone": "#8d99ae"}
GROUP_HATCHES = ROLE_HATCHES | {"everyone": ".."}
CHANGE_OUTLINE = N_(
    "Chart of how answers to “{question}” changed: a dot at each group's median change, and a "
    "line across the middle half of its changes."
)
CHANGE_LINE = N_(
    "{group} ({people} people): median change {median}, middle half {lower} to {upper}."
)
HIDDEN_LINE = N_("{group}: hidden.")
COUNTS_LINE = N_("{group}: {counts}. In all: {all}.")
DPI = 150


def change_words(asked: QuestionChanges) -> str:
    """The change chart's text alternative, which the report also prints beside it."""
    lines = [_(CHANGE_OUTLINE).format(question=question_text(asked.question))]
    for row in asked.rows:
        if isinstance(row.result, Suppressed):
            lines.append(_(HIDDEN_LINE).format(group=group_name(row.group)))
            continue
        lines.append(
            _(CHANGE_LINE).format(
                group=group_name(row.group),
                people=row.result.people,
                median=signed(row.result.median),
                lower=signed(row.result.lower_quartile),
                upper=signed(row.result.upper_quartile),
            )
        )
    return " ".join(lines)


def change_png(asked: QuestionChanges) -> bytes:
    """A row for each group, most general at the bottom: a dot at the median change, a line
    from the lower to the upper quartile, across the question's whole range of change."""
    rows = list(reversed(asked.rows))
    figure = _figure(height=0.9 + 0.45 * len(rows))
    axis = figure.add_subplot()
    reach = asked.question.high - asked.question.low
    for y, row in enumerate(rows):
        if isinstance(row.result, Suppressed):
            axis.text(0, y, _(HIDDEN), ha="center", va="center", fontsize=9, style="italic")
        else:
            _draw_change(axis, y, row.group, row.result)
    axis.axvline(0, color="#444444", linewidth=0.8)
    axis.set_xlim(-reach - 0.5, reach + 0.5)
    axis.set_ylim(-0.6, len(rows) - 0.4)
    axis.set_yticks(range(len(rows)), [group_name(row.group) for row in rows])
    axis.set_xticks(range(-reach, reach + 1), [signed(x) for x in range(-reach, reach + 1)])
    axis.set_xlabel(_("change (the answer at the end less the answer at the start)"), fontsize=8)
    axis.grid(axis="x", linewidth=0.3)
    return png(figure, DPI)


def _draw_change(axis: Axes, y: int, group: Group, change: Change) -> None:
    colour = GROUP_COLOURS[group]
    axis.hlines(y, change.lower_quartile, change.upper_quartile, color=colour, linewidth=4)
    axis.plot(change.median, y, "o", color="black", markersize=7)


def counts_words(section: Section, table: CountTable) -> str:
    """A count table's chart as words: each group's counts by category, and its whole."""
    lines = [_(TABLE_CHARTS[section])]
    for group in table.groups:
        counts = ", ".join(
            f"{category_name(c)}: {count(table.count(group, c))}" for c in table.categories
        )
        lines.append(
            _(COUNTS_LINE).format(
                group=group_name(group), counts=counts, all=count(table.count(group, ALL))
            )
        )
    return " ".join(lines)


def any_counted(table: CountTable) -> bool:
    """Whether any count by category is shown: a chart of none would be empty."""
    return any(not isinstance(c.count, Suppressed) for c in table.cells if c.category != ALL)


def counts_png(table: CountTable) -> bytes:
    """Bars side by side, a group each, over each category; a hidden count is marked, not drawn."""
    figure = _figure(height=2.8)
    axis = figure.add_subplot()
    width = 0.8 / len(table.groups)
    for n, group in enumerate(table.groups):
        offset = (n - (len(table.groups) - 1) / 2) * width
        for x, category in enumerate(table.categories):
            shown = table.count(group, category)
            if isinstance(shown, Suppressed):
                # just above the axis, whatever the scale: x in data, y in the axes' height
                axis.text(
                    x + offset,
                    0.03,
                    _(HIDDEN),
                    transform=axis.get_xaxis_transform(),
                    rotation=90,
                    ha="center",
                    va="bottom",
                    fontsize=7,
                    style="italic",
                )
                continue
            axis.bar(
                x + offset,
                shown,
                width=width,
                color=GROUP_COLOURS[group],
                hatch=GROUP_HATCHES[group],
                edgecolor="black",
                label=group_name(group) if x == _first_shown(table, group) else None,
            )
    axis.set_xlim(-0.5, len(table.categories) - 0.5)  # hidden counts too take their place
    axis.set_xticks(range(len(table.categories)), [category_name(c) for c in table.categories])
    axis.set_ylabel(_("people"), fontsize=8)
    counted_in_whole_numbers(axis)
    axis.set_ylim(bottom=0)
    if axis.get_legend_handles_labels()[0]:
        axis.legend(fontsize=8)
    return png(figure, DPI)


def _first_shown(table: CountTable, group: Group) -> int | None:
    """Where a group's first bar is, to label it once in the legend."""
    return next(
        (
            x
            for x, c in enumerate(table.categories)
            if not isinstance(table.count(group, c), Suppressed)
        ),
        None,
    )


def _figure(height: float) -> Figure:
    """A chart 7 inches wide, its margins fixed (laying them out to fit took most of the time
    a chart took): room at the left for a group's name, below for the scale and its words."""
    figure = new_figure(7, height)
    figure.subplots_adjust(left=0.14, right=0.98, top=1 - 0.15 / height, bottom=0.6 / height)
    return figure
