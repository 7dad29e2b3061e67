"""The evaluations' files for the team: the answers as CSV and the results as a chart, with their
words."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.evaluations.notices import (
    AnswerRow,
    AnswersExport,
    ResultsForTeam,
    ScaleResults,
)
from bot.programme_forms import Form
from handlers.i18n import N_, _, ngettext
from handlers.slack.rendering import ALT_TEXT_MAX, SharedFile, file_view
from handlers.views.evaluations.messages import results_summary
from handlers.views.evaluations.questions import form_title, question_in_language
from handlers.views.figures import counted_in_whole_numbers, new_figure, png

if TYPE_CHECKING:
    from matplotlib.axes import Axes

ROLE_COLOURS = {"mentee": "#2a9d8f", "mentor": "#e76f51"}


# Roles told apart by pattern as well as colour, for those who cannot tell the colours apart.
ROLE_HATCHES = {"mentee": "", "mentor": "//"}


# Each role's bars in the chart's words, its key and its legend.
ROLE_COUNTS = {"mentee": N_("Mentees: {counts}."), "mentor": N_("Mentors: {counts}.")}


ROLE_LEGENDS = {"mentee": N_("mentees"), "mentor": N_("mentors")}


@file_view(AnswersExport)
def answers_file(export: AnswersExport) -> SharedFile:
    naming = _("pseudonymous") if export.pseudonymous else _("named")
    title = _("{form}: answers ({naming})").format(form=form_title(export.form), naming=naming)
    return SharedFile(answers_csv(export.rows).encode(), title)


def answers_csv(rows: Sequence[AnswerRow]) -> str:
    """The answers for a spreadsheet: headings and questions in the reader's language; the
    values as stored (English options, role and status codes), so files read alike whichever
    language asked for them."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [_("participant"), _("role"), _("status"), _("question_id"), _("question"), _("answer")]
    )
    for row in rows:
        shown = question_in_language(row.question).text
        cells = [row.who, row.role, row.status, row.question.id, shown, _stored(row)]
        writer.writerow([_inert(cell) for cell in cells])
    return out.getvalue()


def _stored(row: AnswerRow) -> str:
    if row.answer is None:
        return ""
    return "; ".join(row.answer) if isinstance(row.answer, list) else str(row.answer)


def _inert(cell: str) -> str:
    """Typed text a spreadsheet would run as a formula ("=HYPERLINK(…)") is kept as text, with
    the apostrophe spreadsheets read as "this is text"; numbers stay numbers."""
    if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(cell):
        return "'" + cell
    return cell


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@file_view(ResultsForTeam)
def results_file(results: ResultsForTeam) -> SharedFile:
    """The chart, with what it shows in words beside it, for everyone, and as its text
    alternative, for screen readers."""
    lines = chart_words(results)
    return SharedFile(
        results_png(results),
        _("{form}: results").format(form=form_title(results.form)),
        "\n".join([results_summary(results), *lines]),
        _alt_text(lines),
    )


def chart_words(results: ResultsForTeam) -> list[str]:
    """What the chart shows, a line for each scale question: how many of each role gave each
    score."""
    lines = [_chart_outline(results)]
    for scale in results.scales:
        question, labels = _scale_words(results.form, scale)
        by_role = " ".join(
            _(ROLE_COUNTS[role]).format(counts=_score_counts(scale, by_score, labels))
            for role, by_score in sorted(scale.counts.items())
        )
        lines.append(f"“{question}” {by_role or _('No answers yet.')}")
    return lines


MORE_IN_THE_MESSAGE = N_("The counts for the other questions are in the message.")


def _alt_text(lines: list[str]) -> str:
    """The chart's words in as many whole lines as Slack's limit takes (the message has them
    all)."""
    more = _(MORE_IN_THE_MESSAGE)
    fitted = lines[:1]
    for line in lines[1:]:
        if len("\n".join([*fitted, line, more])) > ALT_TEXT_MAX:
            return "\n".join([*fitted, more])
        fitted.append(line)
    return "\n".join(fitted)


def _chart_outline(results: ResultsForTeam) -> str:
    title = form_title(results.form).lower()
    if not results.scales:
        return _("The {form} has no scale questions, so the chart is empty.").format(form=title)
    return _(
        "Bar chart of the {form}'s scale questions by role: {finished} of {invited} finished."
    ).format(form=title, finished=results.finished, invited=results.invited)


def _score_counts(scale: ScaleResults, by_score: dict[int, int], labels: dict[int, str]) -> str:
    """'1 (Not valuable): 2 people; 2: 1; 3 (Somewhat valuable): 0; …': the first count says what
    is counted, the rest follow its pattern (Slack takes at most 1,000 characters of alt text)."""

    def point(score: int) -> str:
        return f"{score} ({labels[score]})" if score in labels else str(score)

    first = by_score.get(scale.low, 0)
    counts = [
        ngettext("{point}: {n} person", "{point}: {n} people", first).format(
            point=point(scale.low), n=first
        )
    ]
    counts += [f"{point(s)}: {by_score.get(s, 0)}" for s in range(scale.low + 1, scale.high + 1)]
    return "; ".join(counts)


def _scale_words(form: Form, scale: ScaleResults) -> tuple[str, dict[int, str]]:
    """The question's text and the words the form gives some of its points, in the reader's
    language (the results keep only its English text)."""
    asked = next(
        (q for q in form.questions if q.kind == "scale" and q.text == scale.question), None
    )
    if asked is None:
        return scale.question, {}
    shown = question_in_language(asked)
    return shown.text, shown.labels


def results_png(results: ResultsForTeam) -> bytes:
    scales = results.scales or ()
    figure = new_figure(7, 2.6 * max(len(scales), 1))
    axes = figure.subplots(max(len(scales), 1), 1, squeeze=False)
    title = _("{form}: {finished} of {invited} finished").format(
        form=form_title(results.form), finished=results.finished, invited=results.invited
    )
    figure.suptitle(title, fontsize=12)
    for axis, scale in zip(axes[:, 0], scales, strict=False):
        _draw_scale(axis, scale, *_scale_words(results.form, scale))
    if not scales:
        empty = _("this form has no scale questions")
        axes[0, 0].text(0.5, 0.5, empty, ha="center", va="center")
    figure.tight_layout()
    return png(figure, dpi=100)


def _draw_scale(axis: Axes, scale: ScaleResults, question: str, labels: dict[int, str]) -> None:
    """One question's bars, side by side by role; each score with its words, if it has any."""
    points = list(range(scale.low, scale.high + 1))
    width = 0.8 / max(len(scale.counts), 1)
    for n, (role, by_score) in enumerate(sorted(scale.counts.items())):
        axis.bar(
            [p + (n - (len(scale.counts) - 1) / 2) * width for p in points],
            [by_score.get(p, 0) for p in points],
            width=width,
            label=_(ROLE_LEGENDS[role]),
            color=ROLE_COLOURS.get(role),
            hatch=ROLE_HATCHES.get(role, ""),
            edgecolor="black",
        )
    axis.set_title(question, fontsize=9, wrap=True)
    axis.set_xticks(points, [f"{p}\n{labels[p]}" if p in labels else str(p) for p in points])
    axis.tick_params(axis="x", labelsize=7)
    axis.set_ylabel(_("people"), fontsize=8)
    counted_in_whole_numbers(axis)
    if scale.counts:
        axis.legend(fontsize=8)
    else:
        empty = _("no answers yet")
        axis.text(0.5, 0.5, empty, ha="center", va="center", transform=axis.transAxes)
