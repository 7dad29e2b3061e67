"""What the applications feature says when an application cannot be taken: its `@error_words`,
each answer's problem as the form says it beside that answer, and a line of the team's file
that cannot be taken (`@problem_words`, printed by the command line)."""

from __future__ import annotations

from dataclasses import fields

from bot.applications.errors import (
    BadApplicationRow,
    NoApplications,
    NotOpen,
    Unanswerable,
    UnknownApplication,
)
from bot.applications.model import Answers
from handlers.i18n import N_, _, clock_time, day
from handlers.views.common import error_words, problem_words

# Each answer's problem, as (answer, why) in Unanswerable, said beside that answer in the form.
PROBLEM_WORDS: dict[tuple[str, str], str] = {
    ("themes", "none"): N_("Please choose at least one theme."),
    ("themes", "unknown"): N_("Please choose from the themes listed."),
    ("availability", "unknown"): N_("Please choose at least one time when you could meet."),
    ("employer", "empty"): N_("Please say who you work for."),
    ("capacity", "out_of_range"): N_(
        "A mentor can take up to three mentees: please choose 1, 2 or 3."
    ),
    ("capacity", "mentee"): N_(
        "Only mentors take mentees. As a mentee, please choose 1, or apply as a mentor."
    ),
    ("line_manager_email", "bad_email"): N_(
        "Please give your line manager's work email, not your own, or leave this empty."
    ),
    ("never_pair", "bad_email"): N_(
        "Please give each person's work email, one a line, and not your own."
    ),
}
# Said beside the form's first answer when Slack's profile of the person shows no email.
NO_EMAIL = N_(
    "I can't see an email address on your Slack profile, and the project team needs one to pair "
    "you. Please add your work email to your profile, then send this again."
)


def beside_each(error: Unanswerable) -> dict[str, str]:
    """{block id: words} for the form, whose inputs are named as the answers are: each problem
    beside its answer (several of one answer said together), or beside the first answer when
    it is about none of them."""
    answers = {f.name for f in fields(Answers)}
    said: dict[str, list[str]] = {}
    for field, why in error.problems:
        block_id = field if field in answers else "role"
        said.setdefault(block_id, []).append(problem(field, why))
    return {block_id: " ".join(words) for block_id, words in said.items()}


def problem(field: str, why: str) -> str:
    words = PROBLEM_WORDS.get((field, why))
    if words is not None:
        return _(words)
    return _("Please check this answer.")


@error_words(Unanswerable)
def unanswerable(error: Unanswerable) -> str:
    return " ".join(problem(field, why) for field, why in error.problems)


@error_words(NoApplications)
def no_applications(_error: NoApplications) -> str:
    return _(
        "This cohort of the mentoring scheme does not take applications here. Please ask the "
        "project team how to join."
    )


@error_words(NotOpen)
def not_open(error: NotOpen) -> str:
    """The times as the programme file gives them, in the offset it gives."""
    if error.not_yet:
        return _(
            "Applications to the {cohort} cohort open at {time} on {day}. Please come back then."
        ).format(cohort=error.cohort, time=clock_time(error.opens), day=day(error.opens.date()))
    return _(
        "Applications to the {cohort} cohort closed at {time} on {day}, so I can't take or change "
        "one now. Please contact the project team if you need to."
    ).format(cohort=error.cohort, time=clock_time(error.closes), day=day(error.closes.date()))


@error_words(UnknownApplication)
def unknown_application(error: UnknownApplication) -> str:
    return _("There is no application #{number} in this cohort.").format(
        number=error.application_id
    )


# The team's file of applications: plain text, printed by the command line ------------------

ROW_PROBLEMS: dict[str, str] = {
    "header": N_("the file has no column {missing}"),
    "twice": N_("this email is on an earlier line too"),
    "bad_email": N_("the {column} is not an email address"),
    "empty": N_("the {column} is empty"),
    "none": N_("no {column} is given"),
    "unknown": N_("the {column} has one the programme file does not list"),
    "out_of_range": N_("a mentor's capacity is 1, 2 or 3"),
    "mentee": N_("a mentee's capacity is 1"),
}


@problem_words(BadApplicationRow)
def bad_application_row(problem: BadApplicationRow) -> str:
    if problem.column == "header":
        return _(ROW_PROBLEMS["header"]).format(missing=problem.why)
    if problem.why.startswith("not_one_of:"):
        allowed = problem.why.removeprefix("not_one_of:").replace("|", ", ")
        return _("the {column} is not one of: {allowed}").format(
            column=problem.column, allowed=allowed
        )
    return _(ROW_PROBLEMS[problem.why]).format(column=problem.column)
