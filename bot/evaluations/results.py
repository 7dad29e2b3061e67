"""What the team gets of a form's answers, worked out from what is stored: the counts and each
scale question's scores by role for the chart, and one row per answer for the export (named,
or pseudonymous)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from bot.evaluations.model import StoredProgress
from bot.evaluations.notices import AnswerRow, ResultsForTeam, ScaleResults
from bot.participants.model import Participant
from bot.programme_forms import Form


def answer_rows_of(
    form: Form,
    stored: Iterable[StoredProgress],
    people: Mapping[int, Participant],
    pseudonymous: bool,
) -> tuple[AnswerRow, ...]:
    """One row per person and question answered, as stored. Pseudonymous: P001… instead of
    names (numbered in the order people were added, so a number is the same in every form)."""
    numbers = {pid: f"P{n:03d}" for n, pid in enumerate(sorted(people), 1)}
    return tuple(
        AnswerRow(
            numbers[person.id] if pseudonymous else person.name,
            person.role,
            record.progress.status,
            question,
            record.progress.answers[question.id],
        )
        for record in stored
        for person in [people[record.participant_id]]
        for question in form.questions
        if question.id in record.progress.answers
    )


def results_for_team(
    form: Form,
    stored: Sequence[StoredProgress],
    roles: Mapping[int, str],
    now: datetime,
    closed: bool,
    cohort: str,
) -> ResultsForTeam:
    """The form's counts: invited, started and finished, and each scale question's scores by
    role (never a person's answer)."""
    scales = []
    for question in (q for q in form.questions if q.kind == "scale"):
        counts: dict[str, dict[int, int]] = {}
        for record in stored:
            value = record.progress.answers.get(question.id)
            if isinstance(value, int):
                by_score = counts.setdefault(roles[record.participant_id], {})
                by_score[value] = by_score.get(value, 0) + 1
        scales.append(ScaleResults(question.text, question.low, question.high, counts))
    return ResultsForTeam(
        form,
        invited=len(stored),
        started=sum(1 for r in stored if r.progress.answers or r.progress.status != "invited"),
        finished=sum(1 for r in stored if r.progress.status == "submitted"),
        scales=tuple(scales),
        closed=closed,
        made_at=now,
        cohort=cohort,
    )
