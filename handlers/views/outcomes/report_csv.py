"""The outcomes report's figures as CSV: one row per cell of the report's tables (each group's
change on each question, the pairs' goals, their meetings, each count), a hidden cell marked
"hidden" with its figures left empty.

The header row is stable English column ids, and the codes in the section, item, group,
category and status columns are the same in every language: the CSV is for spreadsheets and
scripts, which then read every cohort's file, in English or Welsh, alike. The label column says
what each row is in the reader's language (the PDF is the report to read)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import handlers.views.outcomes.words as words
from bot.outcomes.model import (
    ALL,
    Change,
    ChangeRow,
    CountTable,
    Goals,
    Meetings,
    OutcomesReport,
    QuestionChanges,
    Section,
    Suppressed,
)
from handlers.i18n import _

# count: people; for the goals and meetings rows, pairs.
COLUMNS = (
    "section",
    "item",
    "group",
    "category",
    "label",
    "count",
    "median_start",
    "median_end",
    "median_change",
    "lower_quartile",
    "upper_quartile",
    "test_n",
    "wilcoxon_w",
    "p_value",
    "effect_size",
    "goals_set",
    "goals_achieved",
    "meetings_median",
    "meetings_least",
    "meetings_most",
    "status",
)
SHOWN, HIDDEN, NOT_TESTED = "shown", "hidden", "not_tested"
Row = dict[str, str]


def report_csv(report: OutcomesReport) -> str:
    """The figures, their labels in the reader's language (the caller sets it)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, restval="")
    writer.writeheader()
    writer.writerows(_rows(report))
    return out.getvalue()


def _rows(report: OutcomesReport) -> Iterator[Row]:
    for asked in report.changes:
        yield from (_change_row(asked, row) for row in asked.rows)
    yield _goals_row(report.goals)
    yield _meetings_row(report.meetings)
    for section, table in report.tables():
        yield from _count_rows(section, table)


def _change_row(asked: QuestionChanges, row: ChangeRow) -> Row:
    question = f"“{words.question_text(asked.question)}”"
    cell = {
        "section": "change",
        "item": asked.question.id,
        "group": row.group,
        "label": _label(question, words.group_name(row.group)),
    }
    if isinstance(row.result, Suppressed):
        return cell | {"status": HIDDEN}
    return cell | _change_figures(row.result)


def _change_figures(change: Change) -> Row:
    figures = {
        "count": str(change.people),
        "median_start": _figure(change.baseline_median),
        "median_end": _figure(change.final_median),
        "median_change": _figure(change.median),
        "lower_quartile": _figure(change.lower_quartile),
        "upper_quartile": _figure(change.upper_quartile),
        "status": NOT_TESTED if change.test is None else SHOWN,
    }
    if change.test is None:
        return figures
    return figures | {
        "test_n": str(change.test.differences),
        "wilcoxon_w": _figure(change.test.statistic),
        "p_value": _figure(change.test.p_value),
        "effect_size": _figure(change.test.effect_size),
    }


def _goals_row(goals: Goals | Suppressed) -> Row:
    cell = {"section": "goals", "item": "goals", "label": _label(words.goals_heading())}
    if isinstance(goals, Suppressed):
        return cell | {"status": HIDDEN}
    return cell | {
        "count": str(goals.pairs),
        "goals_set": str(goals.set),
        "goals_achieved": str(goals.achieved),
        "status": SHOWN,
    }


def _meetings_row(meetings: Meetings | Suppressed) -> Row:
    cell = {"section": "meetings", "item": "meetings", "label": _label(words.meetings_heading())}
    if isinstance(meetings, Suppressed):
        return cell | {"status": HIDDEN}
    return cell | {
        "count": str(meetings.pairs),
        "meetings_median": _figure(meetings.median),
        "meetings_least": str(meetings.least),
        "meetings_most": str(meetings.most),
        "status": SHOWN,
    }


def _count_rows(section: Section, table: CountTable) -> Iterator[Row]:
    heading = _(words.TABLE_HEADINGS[section])
    for group in table.groups:
        for category in (*table.categories, ALL):
            shown = table.count(group, category)
            yield {
                "section": section,
                "item": section,
                "group": group,
                "category": category,
                "label": _label(heading, words.group_name(group), words.category_name(category)),
                "count": "" if isinstance(shown, Suppressed) else str(shown),
                "status": HIDDEN if isinstance(shown, Suppressed) else SHOWN,
            }


def _label(*parts: str) -> str:
    """A row's words; kept as text where a spreadsheet would run it as a formula (a question
    beginning "=" or "+")."""
    label = " · ".join(parts)
    return "'" + label if label[:1] in ("=", "+", "-", "@") else label


def _figure(value: float) -> str:
    """A figure to six significant digits, as a spreadsheet reads numbers."""
    return f"{value:.6g}"
