"""A cohort's evaluations and outcomes for the outcomes tests, written out here rather than read
from the shipped programme, so a change to that file's other parts cannot break them: the
baseline and final forms' paired questions as the shipped programme asks them, a question asked
of everyone, and a cohort's data with every kind of figure in it."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.outcomes.model import (
    CohortOutcomes,
    Completion,
    FitAnswer,
    PairedAnswer,
    PairRecord,
    PulseAnswer,
)
from bot.programme_forms import Form, Question, QuestionInWelsh

CONFIDENT = {1: "Not at all confident", 3: "Somewhat confident", 5: "Very confident"}
HYDERUS = {1: "Ddim yn hyderus o gwbl", 3: "Eithaf hyderus", 5: "Hyderus iawn"}
LEADERSHIP = Question(
    id="leadership-confidence",
    audience="mentees",
    kind="scale",
    text="How confident do you feel about pursuing a senior leadership or management role?",
    labels=CONFIDENT,
    cy=QuestionInWelsh(
        text="Pa mor hyderus ydych chi'n teimlo am geisio rôl arwain neu reoli uwch?",
        labels=HYDERUS,
    ),
)
MENTORING = Question(
    id="mentoring-confidence",
    audience="mentors",
    kind="scale",
    text="How confident do you feel in your mentoring skills?",
    labels=CONFIDENT,
    cy=QuestionInWelsh(
        text="Pa mor hyderus ydych chi'n teimlo yn eich sgiliau mentora?", labels=HYDERUS
    ),
)
EVENTS = Question(
    id="events-value",
    kind="scale",
    text="How useful are the scheme's events?",
    labels={1: "Not useful", 5: "Very useful"},
    cy=QuestionInWelsh(text="Pa mor ddefnyddiol yw digwyddiadau'r cynllun?"),
)
HOPES = Question(id="hopes", kind="text", text="What do you most hope to gain from the scheme?")
BASELINE = Form(
    id="baseline",
    title="Baseline evaluation",
    audience="everyone",
    opens=datetime(2025, 11, 17, 9, 0, tzinfo=UTC),
    closes=datetime(2025, 11, 30, 23, 0, tzinfo=UTC),
    questions=[LEADERSHIP, MENTORING, EVENTS, HOPES],
)
FINAL = Form(
    id="final",
    title="Final evaluation",
    audience="everyone",
    opens=datetime(2026, 9, 1, 8, 0, tzinfo=UTC),
    closes=datetime(2026, 9, 16, 16, 0, tzinfo=UTC),
    questions=[
        LEADERSHIP.model_copy(
            update={
                "text": "How confident do you now feel about pursuing a senior leadership or "
                "management role?"
            }
        ),
        MENTORING,
        EVENTS,
        Question(id="recommend", kind="yes_no", text="Would you recommend the scheme?"),
    ],
)
SCHEME = "SoR Leadership Mentoring Scheme 2025-26"


def moves(role: str, question: str, *counted: tuple[int, int, int]) -> tuple[PairedAnswer, ...]:
    """(how many people, baseline, final) for each way their answers moved."""
    return tuple(
        PairedAnswer(role, question, before, after)  # type: ignore[arg-type]
        for n, before, after in counted
        for _ in range(n)
    )


def cohort(**given: object) -> CohortOutcomes:
    """A cohort with nothing in it but what is given."""
    empty: dict[str, object] = dict(paired=(), pairs=(), completions=(), fits=(), pulses=())
    return CohortOutcomes(
        scheme=SCHEME,
        cohort="2025-26",
        made_on=date(2026, 10, 5),
        **(empty | given),  # type: ignore[arg-type]
    )


# 22 mentees moved on leadership (14 of them up by one or two), 12 mentors on mentoring (with
# only 8 moving: too few to test); 15 mentees and 7 mentors on the events (the mentors too few,
# and so the mentees hidden too); 12 pairs; completion, fit and pulse answers.
FULL = cohort(
    paired=moves("mentee", "leadership-confidence", (9, 2, 3), (5, 2, 4), (6, 3, 3), (2, 4, 3))
    + moves("mentor", "mentoring-confidence", (6, 3, 4), (4, 4, 4), (2, 4, 3))
    + moves("mentee", "events-value", (15, 3, 4))
    + moves("mentor", "events-value", (7, 4, 4)),
    pairs=tuple(PairRecord(goals_set=3, goals_achieved=n % 3, meetings=6 + n) for n in range(12)),
    completions=tuple(Completion("mentee", n < 20) for n in range(22))
    + tuple(Completion("mentor", n < 11) for n in range(12)),
    fits=tuple(FitAnswer("mentee", "good_fit") for _ in range(14))
    + tuple(FitAnswer("mentee", "not_sure_yet") for _ in range(10))
    + tuple(FitAnswer("mentor", "good_fit") for _ in range(11))
    + tuple(FitAnswer("mentor", "not_sure_yet") for _ in range(10)),
    pulses=tuple(PulseAnswer("mentee", 4) for _ in range(12))
    + tuple(PulseAnswer("mentee", 5) for _ in range(10))
    + tuple(PulseAnswer("mentor", 4) for _ in range(10))
    + tuple(PulseAnswer("mentor", 3) for _ in range(11)),
)
