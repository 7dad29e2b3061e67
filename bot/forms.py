"""Evaluation forms as data, from the programme file: when each opens and closes, who is asked,
and its questions (scale, one choice, several choices, yes/no, number, free text), with
follow-ups asked only when an earlier answer meets a condition."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.programme_types import Audience, Slug

QuestionKind = Literal["scale", "choice", "choices", "yes_no", "number", "text"]
AnswerValue = int | float | str | list[str]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Condition(_Strict):
    """Ask only if the answer to `question` is one of `answer_in`."""

    question: Slug
    answer_in: list[int | str] = Field(min_length=1)


class Question(_Strict):
    id: Slug
    kind: QuestionKind
    text: str
    required: bool = True
    labels: dict[int, str] = Field(default_factory=dict, description="scale: words for some points")
    low: int = 1
    high: int = 5
    options: list[str] = Field(default_factory=list, description="choice, choices")
    minimum: float | None = None
    maximum: float | None = None
    ask_if: Condition | None = None
    audience: Audience = Field(
        "everyone", description="ask only mentees, only mentors, or everyone"
    )

    @model_validator(mode="after")
    def _fits_its_kind(self) -> Question:
        if self.kind in ("choice", "choices") and len(self.options) < 2:
            raise ValueError(f"a {self.kind} question needs at least two options")
        if self.kind == "scale" and not self.low < self.high:
            raise ValueError("a scale needs low < high")
        if self.kind == "scale" and any(not self.low <= k <= self.high for k in self.labels):
            raise ValueError(f"scale labels must be between {self.low} and {self.high}")
        return self


class Form(_Strict):
    id: Slug
    title: str
    audience: Audience
    opens: datetime
    closes: datetime
    minutes: int = Field(5, ge=1, description="how long it takes, to tell people")
    questions: Annotated[list[Question], Field(min_length=1)]

    @model_validator(mode="after")
    def _consistent(self) -> Form:
        if self.opens.tzinfo is None or self.closes.tzinfo is None:
            raise ValueError("opens and closes need a UTC offset, e.g. 2026-03-02T09:00+00:00")
        if self.closes <= self.opens:
            raise ValueError("closes must be after opens")
        ids = [q.id for q in self.questions]
        if len(set(ids)) != len(ids):
            raise ValueError("question ids must be unique within a form")
        for position, question in enumerate(self.questions):
            if question.ask_if and question.ask_if.question not in ids[:position]:
                raise ValueError(
                    f"question {question.id!r} depends on {question.ask_if.question!r}, which must come before it"
                )
        return self

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


class EvaluationSettings(_Strict):
    remind_after_open: timedelta = timedelta(days=3)
    remind_before_close: timedelta = timedelta(days=2)
    forms: list[Form] = Field(default_factory=list)
