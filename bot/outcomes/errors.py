"""What the project team can put right about an outcomes report, as data: a cohort that does not
exist, or answers to a question the baseline and final evaluations do not both ask on a scale.
handlers/views/outcomes/errors.py words them."""

from __future__ import annotations

from bot.errors import UserError


class UnknownCohort(UserError):
    """A cohort id (from the console or `mentorbot report COHORT`) that is not one of ours."""

    def __init__(self, cohort: str, known: tuple[str, ...]):
        super().__init__(cohort)
        self.cohort, self.known = cohort, known


class UnknownQuestion(UserError):
    """Answers to a question that is not a scale question in both the baseline and the final
    form (the programme file changed after they were given, or they are from another cohort's
    forms). `known` are the questions that are."""

    def __init__(self, question_id: str, known: tuple[str, ...]):
        super().__init__(question_id)
        self.question_id, self.known = question_id, known
