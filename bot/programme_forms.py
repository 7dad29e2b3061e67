"""The evaluation forms a programme file holds: each form's questions, a question's condition
and its Welsh, and the settings every form shares; with the base of every part of a programme
file (bot/scheme.py holds the rest of it)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Strict(BaseModel):
    """A part of a programme file: no key it does not know, never changed once read."""

    model_config = ConfigDict(extra="forbid", frozen=True)


Audience = Literal["mentees", "mentors", "everyone"]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]


QuestionKind = Literal["scale", "choice", "choices", "yes_no", "number", "text"]
AnswerValue = int | float | str | list[str]


class Condition(Strict):
    """Ask only if the answer to `question` is one of `answer_in`."""

    question: Slug
    answer_in: list[int | str] = Field(min_length=1)


class QuestionInWelsh(Strict):
    """A question's words in Welsh. Answers are kept as the English options say them, so the
    results and `ask_if` read the same whichever language a person answered in."""

    text: str
    labels: dict[int, str] = Field(default_factory=dict)
    options: list[str] = Field(default_factory=list, description="the options, in their order")


class Question(Strict):
    id: Slug
    kind: QuestionKind
    text: str
    cy: QuestionInWelsh | None = Field(None, description="the question in Welsh")
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

    def in_language(self, language: str) -> Question:
        """The question as a reader of `language` sees it (English where no Welsh is given)."""
        if language != "cy" or self.cy is None:
            return self
        return self.model_copy(
            update={
                "text": self.cy.text,
                "labels": self.labels | self.cy.labels,
                "options": self.cy.options or self.options,
            }
        )

    def option_shown(self, option: str, language: str) -> str:
        """An option, stored in English, as a reader of `language` sees it."""
        shown = self.in_language(language).options
        return shown[self.options.index(option)] if option in self.options else option

    @model_validator(mode="after")
    def _fits_its_kind(self) -> Question:
        if self.kind in ("choice", "choices") and len(self.options) < 2:
            raise ValueError(f"a {self.kind} question needs at least two options")
        if self.kind == "scale" and not self.low < self.high:
            raise ValueError("a scale needs low < high")
        if self.kind == "scale" and any(not self.low <= k <= self.high for k in self.labels):
            raise ValueError(f"scale labels must be between {self.low} and {self.high}")
        if self.cy and self.cy.options and len(self.cy.options) != len(self.options):
            raise ValueError("cy.options needs one Welsh option for each option, in the same order")
        # "Networking" may be an option's name in both languages; it may not name two options.
        options_named: dict[str, set[int]] = {}
        for names in (self.options, self.cy.options if self.cy else []):
            for number, name in enumerate(names):
                options_named.setdefault(name.casefold(), set()).add(number)
        shared = sorted(name for name, numbers in options_named.items() if len(numbers) > 1)
        if shared:
            raise ValueError(f"an option's words must name only that option: {shared}")
        return self


class Form(Strict):
    id: Slug
    title: str
    title_cy: str | None = Field(None, description="the form's title in Welsh")
    audience: Audience
    opens: datetime
    closes: datetime
    minutes: int = Field(5, ge=1, description="how long it takes, to tell people")
    to_confirm: bool = Field(
        False,
        description="its dates were carried from the last cohort: nobody is asked until the "
        "team confirms them (by removing this line)",
    )
    questions: Annotated[list[Question], Field(min_length=1)]

    def title_in(self, language: str) -> str:
        return self.title_cy if language == "cy" and self.title_cy else self.title

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


class EvaluationSettings(Strict):
    remind_after_open: timedelta = timedelta(days=3)
    remind_before_close: timedelta = timedelta(days=2)
    forms: list[Form] = Field(default_factory=list)

    def form(self, form_id: str) -> Form | None:
        return next((f for f in self.forms if f.id == form_id), None)
