"""Every word of the outcomes report, in the reader's language: its headings and what each
section says, the groups and categories, how figures are written, the note on hidden figures,
and how to read the statistics. The PDF, its charts and the CSV take their words from here."""

from __future__ import annotations

from bot.outcomes.model import (
    ALL,
    COMPLETED,
    NOT_COMPLETED,
    Change,
    Goals,
    Group,
    Meetings,
    OutcomesReport,
    QuestionChanges,
    Section,
    SignedRank,
    Suppressed,
)
from bot.programme_forms import Question
from handlers.i18n import N_, _, language, on_day

GROUPS: dict[Group, str] = {
    "mentee": N_("Mentees"),
    "mentor": N_("Mentors"),
    "everyone": N_("Everyone"),
}
CATEGORIES = {
    COMPLETED: N_("Completed"),
    NOT_COMPLETED: N_("Did not complete"),
    "good_fit": N_("Good fit"),
    "not_sure_yet": N_("Not sure yet"),
    "not_a_good_fit": N_("Not a good fit"),
    ALL: N_("All"),
}
HIDDEN = N_("hidden")
# What each count table counts, as its heading and the sentence under it.
TABLE_HEADINGS: dict[Section, str] = {
    "completion": N_("Completion"),
    "fit": N_("Fit"),
    "pulse": N_("Pulse"),
}
TABLE_INTROS: dict[Section, str] = {
    "completion": N_("How many people completed the scheme."),
    "fit": N_(
        "How well people said their pair fitted, early in the pairing. Each person is counted "
        "once, by their latest answer."
    ),
    "pulse": N_(
        "How people rated their mentoring, from 1 (low) to 5 (high). Each person is counted "
        "once, by their latest pulse."
    ),
}
TABLE_CHARTS: dict[Section, str] = {
    "completion": N_("Bar chart of how many people completed the scheme, by group."),
    "fit": N_("Bar chart of how well people said their pair fitted, by group."),
    "pulse": N_("Bar chart of people's latest pulse, from 1 to 5, by group."),
}
# The columns of a question's table, after the group's name.
CHANGE_COLUMNS = (
    N_("Group"),
    N_("People"),
    N_("Median at the start"),
    N_("Median at the end"),
    N_("Median change"),
    N_("Middle half of changes"),
    N_("Test"),
    N_("Effect size"),
)
HOW_TO_READ = (
    N_(
        "Median: the middle value, when the values are put in order. Half are at or below it, "
        "half at or above."
    ),
    N_(
        "Change: a person's answer at the end less their answer at the start. Above 0 means "
        "the answer went up."
    ),
    N_(
        "Middle half of changes: the middle half of people's changes lie in this range (from "
        "the lower to the upper quartile, the interquartile range)."
    ),
    N_(
        "Test: the Wilcoxon signed-rank test asks whether answers went up (or down) more than "
        "chance would explain. It leaves out people whose answer did not change, and it is run "
        "only when at least 10 people's answers changed. W is the smaller of two rank sums, of "
        "the rises and of the falls. A p-value under 0.05 is usually taken to mean that the "
        "change is unlikely to be chance alone."
    ),
    N_(
        "Effect size: the matched-pairs rank-biserial correlation. It runs from −1 (every answer "
        "that changed went down) to 1 (every one went up); 0 means rises and falls balance."
    ),
)
MINUS = "−"  # a real minus sign: a hyphen reads as a dash


def title() -> str:
    return _("Mentoring outcomes report")


def subtitle(report: OutcomesReport) -> list[str]:
    return [
        report.scheme,
        _("Cohort: {cohort}").format(cohort=report.cohort),
        _("Made {on_day}").format(on_day=on_day(report.made_on)),
    ]


def about() -> str:
    return _(
        "This report shows what changed for the people in this cohort. It compares what each "
        "person said at the start of the scheme with what they said at the end. It never names "
        "anyone."
    )


def hidden_heading() -> str:
    return _("Small numbers are hidden")


def hidden_note(report: OutcomesReport) -> str:
    """Why figures are hidden and how many are: the reason is said for all of them, never for
    one, since "this one is under 10" beside "that one hides another" would say which is small."""
    return " ".join(
        [
            _(
                "So that nobody can be recognised, no figure about fewer than 10 people (or 10 "
                "pairs) is shown. Nor is any figure that would let a hidden one be worked out by "
                "subtraction. Where a figure would be, it says “hidden”."
            ),
            _("Figures hidden in this report: {n}.").format(n=len(report.hidden())),
        ]
    )


def changes_heading() -> str:
    return _("Before and after")


def changes_intro() -> str:
    return _(
        "People answered these questions at the start of the scheme (the baseline evaluation) "
        "and at the end (the final evaluation). Each person's change is their answer at the end "
        "less their answer at the start."
    )


def question_text(question: Question) -> str:
    return question.in_language(language()).text


def asked_of(asked: QuestionChanges) -> str:
    question = asked.question
    return _("Asked on a scale of {low} to {high}.").format(low=question.low, high=question.high)


def change_cells(change: Change) -> list[str]:
    """A group's row after its name, as the columns say."""
    return [
        str(change.people),
        number(change.baseline_median),
        number(change.final_median),
        signed(change.median),
        _("{lower} to {upper}").format(
            lower=signed(change.lower_quartile), upper=signed(change.upper_quartile)
        ),
        test_result(change.test),
        effect(change.test),
    ]


def test_result(test: SignedRank | None) -> str:
    if test is None:
        return _("too few changes to test")
    return _("W = {w}, p {p}").format(w=number(test.statistic), p=p_value(test.p_value))


def effect(test: SignedRank | None) -> str:
    return "–" if test is None else signed(test.effect_size, places=2)


def all_hidden() -> str:
    return _("Every figure for this question is hidden.")


def none_counted() -> str:
    return _("Every count by category is hidden, so there is no chart.")


def goals_heading() -> str:
    return _("Goals")


def goals_words(goals: Goals | Suppressed) -> str:
    if isinstance(goals, Suppressed):
        return _("Hidden: there are fewer than 10 pairs.")
    if goals.set == 0:
        return _("The {pairs} pairs set no goals.").format(pairs=goals.pairs)
    return _("The {pairs} pairs set {set} goals and achieved {achieved} of them ({share}).").format(
        pairs=goals.pairs, set=goals.set, achieved=goals.achieved, share=share(goals)
    )


def share(goals: Goals) -> str:
    return f"{round(100 * goals.achieved / goals.set)}%"


def meetings_heading() -> str:
    return _("Meetings")


def meetings_words(meetings: Meetings | Suppressed) -> str:
    if isinstance(meetings, Suppressed):
        return _("Hidden: there are fewer than 10 pairs.")
    return _(
        "The {pairs} pairs logged a median of {median} meetings each, from {least} to {most}."
    ).format(
        pairs=meetings.pairs,
        median=number(meetings.median),
        least=meetings.least,
        most=meetings.most,
    )


def how_to_read_heading() -> str:
    return _("How to read the figures")


def group_name(group: Group) -> str:
    return _(GROUPS[group])


def category_name(category: str) -> str:
    """A category's words (a pulse is its number)."""
    return _(CATEGORIES[category]) if category in CATEGORIES else category


def count(shown: int | Suppressed) -> str:
    return _(HIDDEN) if isinstance(shown, Suppressed) else str(shown)


def number(value: float, places: int = 2) -> str:
    """3, 3.5, 0.25: no more places than it needs; a real minus sign."""
    written = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return written.replace("-", MINUS) if written != "-0" else "0"


def signed(value: float, places: int = 2) -> str:
    """+1, 0, −0.5: a change says which way it went."""
    return f"+{number(value, places)}" if round(value, places) > 0 else number(value, places)


def p_value(p: float) -> str:
    return "< 0.001" if p < 0.001 else f"= {p:.3f}"
