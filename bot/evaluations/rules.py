"""The evaluations' rules, the survey engine, pure: which question comes next, whether an answer
fits, and what a message in the conversation does ("4", "back", "skip", "later", "submit",
"change 3", or the same in Welsh)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from typing import Literal

from bot.evaluations.errors import InvalidAnswer
from bot.evaluations.model import (
    SKIPPED,
    Ask,
    Paused,
    Progress,
    Refusal,
    Reply,
    Submitted,
    Summary,
)
from bot.events.rules import in_audience
from bot.programme_forms import AnswerValue, Condition, Form, Question

TEXT_LIMIT = 2000  # characters in a free-text answer
# What a message may say instead of an answer. English and Welsh are both understood whatever
# language a person reads, so nobody is stuck for the word the bot happened to teach them.
Word = Literal["pause", "start", "back", "skip", "submit", "yes", "no"]
_WORDS: dict[Word, frozenset[str]] = {
    "pause": frozenset({"later", "pause", "stop", "wedyn", "nes ymlaen", "saib", "oedi"}),
    "start": frozenset(
        {"start", "resume", "continue", "hi", "hello", "", "dechrau", "ailddechrau", "parhau"}
        | {"helo", "shwmae", "su'mae", "sut mae"}
    ),
    "back": frozenset({"back", "yn ôl", "yn ol", "nôl", "nol"}),
    "skip": frozenset({"skip", "hepgor", "nesaf"}),
    "submit": frozenset({"submit", "send", "done", "cyflwyno", "anfon", "gorffen"}),
    "yes": frozenset({"yes", "y", "yeah", "yep", "ie", "do", "oes", "ydw", "ydy", "ydyn"}),
    "no": frozenset({"no", "n", "nope", "na", "naddo", "nac oes", "nac ydw", "nac ydy", "dim"}),
}
_CHANGE = re.compile(r"(?:change|edit|newid)\s+(\d+)")
# "1, 3", "1 and 3", "1 a 3": numbers joined by any of these (Welsh "a" only between numbers,
# where it can't be part of an option's words)
_NUMBERS = re.compile(r"\d+(?:\s*(?:,|;|&|\band\b|\ba\b|\bac\b)\s*\d+)*")


def questions_for(form: Form, role: str, answers: dict[str, AnswerValue | None]) -> list[Question]:
    """The questions this person is asked, given their role and their answers so far."""
    return [
        q
        for q in form.questions
        if in_audience(role, q.audience) and (q.ask_if is None or _holds(q.ask_if, answers))
    ]


def question_range(form: Form, role: str) -> tuple[int, int]:
    """How many questions the person may be asked: the fewest (no follow-up opened) and the
    most (every follow-up opened), so an invitation promises what the progress will count."""
    theirs = [q for q in form.questions if in_audience(role, q.audience)]
    return len(questions_for(form, role, {})), len(theirs)


def current_question(form: Form, role: str, progress: Progress) -> Question | None:
    if progress.editing:
        return form.question(progress.editing)
    return next(
        (q for q in questions_for(form, role, progress.answers) if q.id not in progress.answers),
        None,
    )


def prompt(
    form: Form,
    role: str,
    progress: Progress,
    error: Refusal | None = None,
    acknowledged: bool = False,
) -> Reply:
    """What the person should see now."""
    if progress.status == "submitted":
        return Submitted()
    if progress.status == "paused":
        return Paused()
    question = current_question(form, role, progress)
    if question is None:
        return summary(form, role, progress, error)
    asked = questions_for(form, role, progress.answers)
    number = next(i for i, q in enumerate(asked, 1) if q.id == question.id)
    return Ask(question, number, len(asked), error, acknowledged)


def summary(form: Form, role: str, progress: Progress, error: Refusal | None = None) -> Summary:
    asked = questions_for(form, role, progress.answers)
    return Summary([(i, q, progress.answers.get(q.id)) for i, q in enumerate(asked, 1)], error)


def handle(form: Form, role: str, progress: Progress, text: str) -> tuple[Progress, Reply]:
    """One message from the person. Never raises: a message that does not fit is answered with
    the reason and the same question."""
    said = text.strip()
    word = _normal(said)
    if progress.status == "submitted":
        return progress, Submitted()
    if _says(word, "pause"):
        return replace(progress, status="paused"), Paused()
    if progress.status in ("invited", "paused"):
        progress = replace(progress, status="answering")
        if _says(word, "start"):
            return progress, prompt(form, role, progress)
    question = current_question(form, role, progress)
    if question is None or progress.status == "reviewing":
        return _review(form, role, replace(progress, status="reviewing"), word)
    if _says(word, "back"):
        return _back(form, role, progress)
    if _says(word, "skip"):
        if question.required:
            return progress, prompt(form, role, progress, error=Refusal("needs_answer"))
        return _record(form, role, progress, question, SKIPPED)
    try:
        value = parse_answer(question, said)
    except InvalidAnswer as invalid:
        return progress, prompt(form, role, progress, error=invalid.refusal)
    return _record(form, role, progress, question, value)


def answer_button(
    form: Form, role: str, progress: Progress, question_id: str, value: str
) -> tuple[Progress, Reply]:
    """A button press: only for the question being asked now. A pick-several question's Done
    button gives the numbers of the boxes ticked, "1, 3", read as typing them is."""
    question = current_question(form, role, progress)
    if (
        progress.status in ("submitted", "reviewing")
        or question is None
        or question.id != question_id
    ):
        raise InvalidAnswer(Refusal("earlier_button"))
    if question.kind == "choices" and not value.strip():
        raise InvalidAnswer(Refusal("nothing_ticked"))
    if progress.status in ("invited", "paused"):
        progress = replace(progress, status="answering")
    return _record(form, role, progress, question, parse_answer(question, value))


def submit_button(progress: Progress) -> tuple[Progress, Reply]:
    """The summary's Submit button: it sends the answers only once every question is answered."""
    if progress.status != "reviewing":
        raise InvalidAnswer(Refusal("unfinished"))
    return replace(progress, status="submitted"), Submitted()


def parse_answer(question: Question, text: str) -> AnswerValue:
    said = text.strip()
    if not said:
        raise InvalidAnswer(Refusal("nothing_said"))
    match question.kind:
        case "scale":
            return _scale(question, said)
        case "choice":
            return _choice(question, said)
        case "choices":
            joins = r"[^\d]+" if _NUMBERS.fullmatch(said) else r"\s*(?:,|;|\band\b)\s*"
            picks = [_choice(question, part) for part in re.split(joins, said) if part]
            return sorted(set(picks), key=question.options.index)
        case "yes_no":
            word = _normal(said)
            if _says(word, "yes"):
                return "yes"
            if _says(word, "no"):
                return "no"
            raise InvalidAnswer(Refusal("not_yes_or_no"))
        case "number":
            return _number(question, said)
        case _:
            if len(said) > TEXT_LIMIT:
                raise InvalidAnswer(Refusal("too_long", high=TEXT_LIMIT))
            return said


def _record(
    form: Form, role: str, progress: Progress, question: Question, value: AnswerValue | None
) -> tuple[Progress, Reply]:
    answers = dict(progress.answers) | {question.id: value}
    # A changed answer can switch follow-ups off: drop answers to questions no longer asked.
    asked = {q.id for q in questions_for(form, role, answers)}
    answers = {k: v for k, v in answers.items() if k in asked}
    order = tuple(q for q in progress.order if q != question.id and q in asked) + (question.id,)
    if progress.editing:
        moved = Progress("reviewing", answers, order, None)
        follow_up = current_question(form, role, replace(moved, status="answering"))
        if follow_up is not None:  # the change opened a follow-up: ask it before the summary
            moved = replace(moved, status="answering")
        return moved, prompt(form, role, moved, acknowledged=True)
    moved = Progress("answering", answers, order, None)
    if current_question(form, role, moved) is None:
        moved = replace(moved, status="reviewing")
    return moved, prompt(form, role, moved, acknowledged=True)


def _back(form: Form, role: str, progress: Progress) -> tuple[Progress, Reply]:
    if not progress.order:
        return progress, prompt(form, role, progress, error=Refusal("nothing_before"))
    last = progress.order[-1]
    answers = {k: v for k, v in progress.answers.items() if k != last}
    moved = Progress("answering", answers, progress.order[:-1], None)
    return moved, prompt(form, role, moved)


def _normal(text: str) -> str:
    """Text as typed, compared fairly: one Unicode form (a keyboard's "ô" either way), a phone's
    curly apostrophe as a straight one, any case, single spaces."""
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'")
    return " ".join(text.casefold().split())


def _says(word: str, meaning: Word) -> bool:
    return word in _WORDS[meaning]


def _review(form: Form, role: str, progress: Progress, word: str) -> tuple[Progress, Reply]:
    if _says(word, "submit"):
        return replace(progress, status="submitted"), Submitted()
    change = _CHANGE.fullmatch(word)
    if change:
        asked = questions_for(form, role, progress.answers)
        number = int(change[1])
        if 1 <= number <= len(asked):
            editing = replace(progress, status="answering", editing=asked[number - 1].id)
            return editing, prompt(form, role, editing)
        missing = Refusal("no_such_question", said=str(number), low=1, high=len(asked))
        return progress, summary(form, role, progress, error=missing)
    if _says(word, "back"):
        return _back(form, role, progress)
    return progress, summary(form, role, progress, error=Refusal("not_a_review_word"))


def _holds(condition: Condition, answers: dict[str, AnswerValue | None]) -> bool:
    given = answers.get(condition.question)
    if given is None:
        return False
    values = given if isinstance(given, list) else [given]
    return any(v in condition.answer_in or str(v) in map(str, condition.answer_in) for v in values)


def _scale(question: Question, said: str) -> int:
    if re.fullmatch(r"-?\d+", said) and question.low <= int(said) <= question.high:
        return int(said)
    for value, label in _label_names(question):
        if _normal(said) == _normal(label):
            return value
    raise InvalidAnswer(Refusal("off_scale", low=question.low, high=question.high))


def _choice(question: Question, said: str) -> str:
    """An option by its number or its words, in English or Welsh; kept as the English option."""
    if said.isdecimal() and 1 <= int(said) <= len(question.options):
        return question.options[int(said) - 1]
    words = _normal(said)
    named = [(o, _normal(name)) for o, name in _option_names(question)]
    matches = {o for o, name in named if name == words}
    if not matches and len(words) >= 3:  # "senior leadership" finds its option; "no" finds nothing
        pattern = re.compile(rf"\b{re.escape(words)}\b")
        matches = {o for o, name in named if pattern.search(name)}
    if len(matches) == 1:
        return matches.pop()
    raise InvalidAnswer(Refusal("not_an_option", options=tuple(question.options)))


def _option_names(question: Question) -> list[tuple[str, str]]:
    """Each option with each of its names: its English words and, where given, its Welsh."""
    welsh = question.in_language("cy").options
    return [(o, o) for o in question.options] + list(zip(question.options, welsh, strict=True))


def _label_names(question: Question) -> list[tuple[int, str]]:
    """Each labelled point of a scale with each of its words, English and, where given, Welsh."""
    welsh = question.in_language("cy").labels
    return [*question.labels.items(), *welsh.items()]


def _number(question: Question, said: str) -> int | float:
    try:
        value = float(said.replace(",", ""))
    except ValueError:
        raise InvalidAnswer(Refusal("not_a_number")) from None
    if (
        question.minimum is not None
        and value < question.minimum
        or question.maximum is not None
        and value > question.maximum
    ):
        raise InvalidAnswer(Refusal("out_of_range", low=question.minimum, high=question.maximum))
    return int(value) if value.is_integer() else value
