"""Evaluations as plain data: one person's way through a form and its stored version, a DM
waiting to be worked on, what the survey engine answers a message with, and why it refused one."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from bot.programme_forms import AnswerValue, Question

Status = Literal["invited", "answering", "paused", "reviewing", "submitted"]
SKIPPED = None  # the answer kept for a question skipped
# Why a message or button was not taken
Reason = Literal[
    "needs_answer",  # `skip` on a question that needs an answer
    "nothing_said",
    "off_scale",  # neither a number on the scale nor one of its labels
    "not_an_option",
    "not_yes_or_no",
    "not_a_number",
    "out_of_range",  # a number below the question's minimum or above its maximum
    "too_long",  # free text longer than TEXT_LIMIT
    "nothing_before",  # `back` at the first question
    "earlier_button",  # a button from a question already answered
    "no_such_question",  # `change N` with no question N
    "not_a_review_word",  # at the summary, neither `submit` nor `change N`
    "unfinished",  # Submit pressed before the last question
    "nothing_ticked",  # Done pressed with no box ticked
]


@dataclass(frozen=True)
class Refusal:
    """Why a message or button was not taken, as data: the view says it, kindly, before asking
    the same question again. The fields beyond `reason` are set where the words use them."""

    reason: Reason
    said: str = ""  # what the person typed, where the words repeat it
    low: float | None = None  # the range the answer had to be in (either end may be open)
    high: float | None = None
    options: tuple[str, ...] = ()  # the options there were to pick from


@dataclass(frozen=True)
class Progress:
    """One person's way through one form. `order` is the questions answered, in order, for
    "back"; `editing` is the question being changed from the summary."""

    status: Status = "invited"
    answers: dict[str, AnswerValue | None] = field(default_factory=dict)
    order: tuple[str, ...] = ()
    editing: str | None = None


@dataclass(frozen=True)
class StoredProgress:
    participant_id: int
    progress: Progress
    version: int  # saved only over the version read, so two messages at once lose nothing
    invited_at: datetime
    submitted_at: datetime | None


@dataclass(frozen=True)
class InboxItem:
    """A DM to the bot, kept until it has been worked on."""

    event_id: str
    slack_user_id: str
    channel: str
    text: str
    received_at: datetime
    id: int | None = None


@dataclass(frozen=True)
class Ask:
    question: Question
    number: int
    total: int
    error: Refusal | None = None
    acknowledged: bool = False  # the previous message was an answer, taken


@dataclass(frozen=True)
class Summary:
    answers: list[tuple[int, Question, AnswerValue | None]]
    error: Refusal | None = None


@dataclass(frozen=True)
class Paused:
    pass


@dataclass(frozen=True)
class Submitted:
    pass


Reply = Ask | Summary | Paused | Submitted
