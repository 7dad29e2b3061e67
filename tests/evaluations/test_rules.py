"""The survey engine, read as conversations: what the person types, what the bot answers (the
engine's reply, worded by the view)."""

from __future__ import annotations

import pytest

from bot.evaluations.errors import InvalidAnswer
from bot.evaluations.model import Ask, Progress, Refusal
from bot.evaluations.rules import (
    answer_button,
    handle,
    parse_answer,
    prompt,
    question_range,
    submit_button,
)
from bot.programme_file import load_programme
from bot.programme_forms import Form, Question
from bot.scheme import SHIPPED_PROGRAMME
from handlers.views.evaluations import invitation, refusal, reply_message

PROGRAMME = load_programme(SHIPPED_PROGRAMME)
MID = next(f for f in PROGRAMME.evaluations.forms if f.id == "mid-scheme")
BASELINE = next(f for f in PROGRAMME.evaluations.forms if f.id == "baseline")
FINAL = next(f for f in PROGRAMME.evaluations.forms if f.id == "final")


def converse(
    form, role: str, turns: list[str], progress: Progress | None = None
) -> tuple[Progress, list[tuple[str, str]]]:  # type: ignore[no-untyped-def]
    progress = progress or Progress()
    transcript = []
    for said in turns:
        progress, reply = handle(form, role, progress, said)
        transcript.append((said, reply_message(form, reply)[0]))
    return progress, transcript


def test_a_mentee_answers_the_mid_scheme_check_one_question_at_a_time() -> None:
    progress, transcript = converse(
        MID,
        "mentee",
        ["start", "4", "2", "3", "Very useful", "yes", "More networking time", "submit"],
    )
    assert transcript == [
        ("start", "Question 1 of 6: How valuable is your mentoring relationship so far?"),
        ("4", "Thanks. Question 2 of 6: How often do you and your partner meet?"),
        (
            "2",
            "Thanks. Question 3 of 6: How confident do you feel about pursuing a senior leadership or management role?",
        ),
        ("3", "Thanks. Question 4 of 6: How useful have the scheme's events been so far?"),
        (
            "Very useful",
            "Thanks. Question 5 of 6: Is your relationship on track to meet its goals?",
        ),
        ("yes", "Thanks. Question 6 of 6: What one thing would you change about the scheme?"),
        ("More networking time", transcript[6][1]),
        (
            "submit",
            "Thank you! Your answers to the mid-scheme check have gone to the project team.",
        ),
    ]
    assert transcript[6][1].startswith(
        "Here are your answers:\n1. How valuable is your mentoring relationship so far? *4*"
    )
    assert progress.status == "submitted"
    assert progress.answers == {
        "relationship-value": 4,
        "meeting-frequency": "Every two weeks",
        "leadership-confidence": 3,
        "events-value": 5,
        "on-track": "yes",
        "change": "More networking time",
    }


def test_an_answer_that_does_not_fit_gets_the_reason_and_the_question_again() -> None:
    _, transcript = converse(MID, "mentor", ["start", "7", "four", "2", "next tuesday"])
    assert transcript[1] == (
        "7",
        "Please choose a number from 1 to 5. Question 1 of 6: How valuable is your mentoring relationship so far?",
    )
    assert transcript[2][1].startswith("Please choose a number from 1 to 5. Question 1 of 6")
    # A score of 2 brings the follow-up: one question more.
    assert transcript[3] == (
        "2",
        "Thanks. That answer brings a follow-up question. Question 2 of 7: What would have helped?",
    )
    assert transcript[4] == (
        "next tuesday",
        "Thanks. Question 3 of 7: How often do you and your partner meet?",
    )
    _, typed_number = converse(MID, "mentor", ["start", "5", "next tuesday"])
    assert typed_number[2][1].startswith(
        "Please pick one of the options by its number or words: 1 Every week"
    )


def test_a_low_score_brings_the_follow_up_and_changing_it_takes_the_follow_up_away() -> None:
    progress, transcript = converse(MID, "mentor", ["start", "1", "skip", "back", "back", "5"])
    assert transcript[1][1] == (
        "Thanks. That answer brings a follow-up question. Question 2 of 7: What would have helped?"
    )
    assert transcript[2][1] == "Thanks. Question 3 of 7: How often do you and your partner meet?"
    assert transcript[3][1] == "Question 2 of 7: What would have helped?"
    assert (
        transcript[4][1] == "Question 1 of 6: How valuable is your mentoring relationship so far?"
    )
    assert transcript[5][1] == "Thanks. Question 2 of 6: How often do you and your partner meet?"
    assert progress.answers == {"relationship-value": 5}


def _answer(question: Question, opening: bool) -> str:
    """An answer that fits, opening the follow-ups it can (or none of them)."""
    triggers = [
        str(v)
        for q in BASELINE.questions + MID.questions + FINAL.questions
        if q.ask_if and q.ask_if.question == question.id
        for v in q.ask_if.answer_in
    ]
    fitting = {
        "scale": [str(v) for v in range(question.low, question.high + 1)],
        "choice": question.options,
        "choices": question.options[:1],
        "yes_no": ["yes", "no"],
        "number": ["3"],
    }.get(question.kind, ["Some words"])
    chosen = [a for a in fitting if (a in triggers) == opening] or fitting
    return chosen[0]


@pytest.mark.parametrize("form", [BASELINE, MID, FINAL], ids=lambda f: f.id)
@pytest.mark.parametrize("role", ["mentee", "mentor"])
@pytest.mark.parametrize("opening", [True, False], ids=["follow-ups", "none"])
def test_the_invitation_promises_as_many_questions_as_the_progress_then_counts(
    form: Form, role: str, opening: bool
) -> None:
    fewest, most = question_range(form, role)
    invited = invitation(form, None, fewest, most)[0]
    promised = f"{fewest} or {most}" if most > fewest else str(fewest)
    assert f": {promised} short questions" in invited
    progress, reply = handle(form, role, Progress(), "start")
    totals = []
    while isinstance(reply, Ask):
        totals.append(reply.total)
        progress, reply = handle(form, role, progress, _answer(reply.question, opening))
    assert totals[-1] == (most if opening else fewest)
    assert all(fewest <= total <= most for total in totals)
    assert totals == sorted(totals), "the count only grows, as a follow-up opens"


def test_skip_only_passes_optional_questions_and_back_at_the_start_says_so() -> None:
    _, transcript = converse(MID, "mentor", ["start", "back", "skip"])
    assert transcript[1][1].startswith(
        "This is the first question, so there is nothing to go back to."
    )
    assert transcript[2][1].startswith(
        "This question needs an answer, so it can't be skipped. Question 1 of 6"
    )


def test_later_pauses_and_any_message_resumes_where_it_stopped() -> None:
    progress, transcript = converse(BASELINE, "mentee", ["start", "4", "later"])
    assert (
        transcript[2][1]
        == "No problem: your answers so far are saved. Reply `resume` whenever you are ready."
    )
    assert progress.status == "paused"
    progress, transcript = converse(BASELINE, "mentee", ["resume"], progress)
    assert transcript == [("resume", "Question 2 of 6: Where do you see yourself in five years?")]


def test_numbers_choices_and_several_choices_are_read_from_words_or_numbers() -> None:
    progress, transcript = converse(
        BASELINE,
        "mentor",
        ["start", "5", "senior leadership", "no", "1, 3", "lots", "50", "6", "To grow as a mentor"],
    )
    assert transcript[2][1] == "Thanks. Question 3 of 6: Did you attend the launch day?"
    assert (
        transcript[4][1]
        == "Thanks. Question 5 of 6: How many hours a month do you expect to give the scheme?"
    )
    assert transcript[5][1].startswith("Please answer with a number, e.g. 4. Question 5 of 6")
    assert transcript[6][1].startswith("Please give a number from 0 to 40. Question 5 of 6")
    _, vague = converse(BASELINE, "mentor", ["start", "5", "no"])
    assert vague[2][1].startswith("Please pick one of the options"), (
        "'no' must not match 'Not sure yet'"
    )
    assert progress.answers["five-years"] == "In a senior leadership or management role"
    assert progress.answers["support"] == ["Protected time", "Networking"]
    assert progress.answers["hours-per-month"] == 6
    assert transcript[-1][1].startswith("Here are your answers:")


def test_at_the_summary_an_answer_can_be_changed_before_submitting() -> None:
    progress, _ = converse(MID, "mentee", ["start", "4", "2", "3", "4", "yes", "skip"])
    assert progress.status == "reviewing"
    progress, transcript = converse(
        MID, "mentee", ["change 5", "no", "change 9", "submit"], progress
    )
    assert transcript[0][1] == "Question 5 of 6: Is your relationship on track to meet its goals?"
    assert transcript[1][1].startswith("Here are your answers:")
    assert "Is your relationship on track to meet its goals? *No*" in transcript[1][1]
    assert transcript[2][1].startswith("There is no question 9; pick one from 1 to 6.")
    assert (
        progress.status == "submitted"
        and progress.answers["on-track"] == "no"
        and progress.answers["change"] is None
    )


def test_a_refusal_is_data_the_view_words() -> None:
    _, reply = handle(MID, "mentor", Progress("answering"), "7")
    assert isinstance(reply, Ask) and reply.error == Refusal("off_scale", low=1, high=5)
    _, reply = handle(
        MID, "mentor", Progress("answering", {"relationship-value": 4}), "fortnightly"
    )
    assert isinstance(reply, Ask) and reply.error == Refusal(
        "not_an_option", options=tuple(reply.question.options)
    )
    assert reply.question.id == "meeting-frequency"


def test_yes_or_no_nothing_said_and_a_long_answer_are_each_refused_with_the_reason() -> None:
    progress, _ = converse(MID, "mentee", ["start", "4", "2", "3", "4"])
    progress, transcript = converse(MID, "mentee", ["maybe", "yes", " ", "x" * 2001], progress)
    assert transcript[0][1] == (
        "Please answer yes or no. Question 5 of 6: Is your relationship on track to meet its goals?"
    )
    assert transcript[2][1] == (
        "I didn't catch an answer. Question 6 of 6: What one thing would you change about the scheme?"
    )
    assert transcript[3][1].startswith(
        "That is a little long: please keep it under 2,000 characters. Question 6 of 6"
    )
    assert progress.answers["on-track"] == "yes" and "change" not in progress.answers


def test_at_the_summary_anything_but_submit_or_change_is_answered_with_how() -> None:
    progress, _ = converse(MID, "mentee", ["start", "4", "2", "3", "4", "yes", "skip"])
    _, transcript = converse(MID, "mentee", ["looks fine"], progress)
    assert transcript[0][1].startswith(
        "Reply `submit` to send your answers, or `change 3` to change answer 3.\n"
        "Here are your answers:"
    )


def test_a_button_from_an_earlier_question_is_refused_and_submit_waits_for_the_last_answer() -> (
    None
):
    progress, _ = converse(MID, "mentee", ["start", "4"])
    with pytest.raises(InvalidAnswer) as earlier:
        answer_button(MID, "mentee", progress, "relationship-value", "5")
    with pytest.raises(InvalidAnswer) as early:
        submit_button(progress)
    assert [
        reply_message(MID, prompt(MID, "mentee", progress, error=e.value.refusal))[0]
        for e in (earlier, early)
    ] == [
        "That button is from an earlier question. Please answer the latest one I sent. "
        "Question 2 of 6: How often do you and your partner meet?",
        "Please answer the remaining questions first. "
        "Question 2 of 6: How often do you and your partner meet?",
    ]
    progress, _ = converse(MID, "mentee", ["2", "3", "4", "yes", "skip"], progress)
    progress, reply = submit_button(progress)
    assert progress.status == "submitted" and reply_message(MID, reply)[0].startswith("Thank you!")


def test_a_number_with_only_a_minimum_or_a_maximum_says_which() -> None:
    at_least = Question(id="age", kind="number", text="Years in the profession?", minimum=0)
    at_most = Question(id="days", kind="number", text="Days a month?", maximum=31)
    refusals = []
    for question, said in ((at_least, "-3"), (at_most, "40")):
        with pytest.raises(InvalidAnswer) as refused:
            parse_answer(question, said)
        refusals.append(refusal(refused.value.refusal))
    assert refusals == [
        "Please give a number of at least 0.",
        "Please give a number no more than 31.",
    ]


def test_the_same_conversation_in_welsh_words_gives_the_same_answers() -> None:
    english, _ = converse(
        BASELINE, "mentee", ["start", "5", "senior clinical", "yes", "5", "1 and 3", "6", "Hi"]
    )
    welsh, transcript = converse(
        BASELINE,
        "mentee",
        ["dechrau", "Hyderus iawn", "rôl glinigol uwch", "ie", "Defnyddiol iawn", "1 a 3"]
        + ["6", "Hi"],
    )
    assert welsh.answers == english.answers
    assert welsh.answers["five-years"] == "In a more senior clinical role", "kept in English"
    edited, _ = converse(BASELINE, "mentee", ["newid 3", "na", "cyflwyno"], welsh)
    assert edited.status == "submitted" and edited.answers["attended-launch"] == "no"


def test_welsh_words_pause_skip_and_name_options_by_their_welsh() -> None:
    paused, transcript = converse(MID, "mentee", ["start", "4", "wedyn"])
    assert paused.status == "paused"
    resumed, _ = converse(MID, "mentee", ["ailddechrau", "Bob pythefnos", "yn ôl"], paused)
    assert resumed.answers == {"relationship-value": 4}, "back took the last answer away"
    assert parse_answer(BASELINE.questions[5], "amser wedi'i neilltuo, rhwydweithio") == [
        "Protected time",
        "Networking",
    ]
    optional, _ = converse(MID, "mentee", ["start", "4", "2", "3", "4", "naddo", "hepgor"])
    assert optional.status == "reviewing" and optional.answers["change"] is None


def test_typed_words_are_compared_fairly_and_odd_digits_are_refused_not_crashed() -> None:
    support = BASELINE.questions[5]
    assert parse_answer(support, "Amser wedi’i neilltuo") == ["Protected time"], "a phone's ’"
    decomposed = "yn o\u0302l"  # "yn ôl" typed as o + combining circumflex
    moved, _ = converse(MID, "mentee", ["start", "4", decomposed])
    assert moved.answers == {}, "back, however the ô was typed"
    _, transcript = converse(MID, "mentee", ["start", "4", "²"])
    assert transcript[2][1].startswith("Please pick one of the options")


def test_done_with_no_box_ticked_is_refused_and_with_boxes_ticked_is_read_as_their_numbers() -> (
    None
):
    progress, _ = converse(BASELINE, "mentee", ["start", "4", "2", "no"])
    with pytest.raises(InvalidAnswer) as refused:
        answer_button(BASELINE, "mentee", progress, "support", "")
    assert refusal(refused.value.refusal) == "Please tick at least one box, then press Done."
    progress, reply = answer_button(BASELINE, "mentee", progress, "support", "2, 4")
    assert progress.answers["support"] == ["Help setting goals", "Reading and resources"]
    assert isinstance(reply, Ask) and reply.question.id == "hours-per-month"
