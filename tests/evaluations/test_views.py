"""What the evaluation conversation says: free-text answers read as typed, never as Slack
markup; every refusal and error has its words."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import get_args

from bot.errors import NotAParticipant
from bot.evaluations.errors import CouldNotSave, NotInvited, NotYourQuestion, UnknownForm
from bot.evaluations.model import Ask, Reason, Refusal, Summary
from bot.evaluations.notices import (
    AnswerRow,
    AnswersExport,
    EvaluationInvite,
    EvaluationReminder,
    EvaluationReply,
    ResultsForTeam,
)
from bot.programme_file import load_programme
from bot.programme_forms import Form, Question, QuestionInWelsh
from bot.scheme import SHIPPED_PROGRAMME
from handlers.i18n import WELSH, in_language
from handlers.views import evaluations as view
from handlers.views.common import user_error
from tests.cast import SUNITA
from tests.seen import ESCAPED, TYPED, no_markup_in, words

BETTER = Question(id="better", kind="text", text="What would make the scheme better?")
CHOICE = Question(id="often", kind="choice", text="How often?", options=["Weekly", "Monthly"])
FORM = Form(
    id="mid-scheme",
    title="Mid-scheme check",
    audience="everyone",
    opens=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
    closes=datetime(2026, 3, 16, 17, 0, tzinfo=UTC),
    questions=[BETTER, CHOICE],
)
# A scheme far from London: the form closes at 17:00 on Monday 16 March in London, 06:00 on
# Tuesday 17 March here.
AUCKLAND = load_programme(SHIPPED_PROGRAMME).model_copy(update={"timezone": "Pacific/Auckland"})


def test_a_free_text_answer_in_the_summary_of_answers_cannot_notify_anyone() -> None:
    summary = Summary([(1, BETTER, TYPED), (2, CHOICE, "Weekly")])

    text, blocks = view.answered_message(EvaluationReply(FORM, summary, SUNITA, "dm-reply:1"))

    assert f"1. What would make the scheme better? *{ESCAPED}*\n2. How often? *Weekly*" in text
    assert no_markup_in((text, blocks))


def test_every_reason_an_answer_is_refused_has_words() -> None:
    for reason in get_args(Reason):
        words = view.refusal(
            Refusal(reason, said="9", low=1, high=5, options=("Weekly", "Monthly"))
        )
        assert words.endswith("."), reason


def test_what_the_person_typed_is_escaped_where_a_refusal_or_error_repeats_it() -> None:
    missing = Refusal("no_such_question", said="<!here>", low=1, high=6)
    assert view.refusal(missing) == "There is no question &lt;!here&gt;; pick one from 1 to 6."
    assert user_error(UnknownForm("<!channel>", ("baseline", "mid-scheme"))) == (
        "There is no evaluation called `&lt;!channel&gt;`. They are: baseline, mid-scheme."
    )


def test_errors_about_the_person_are_worded_in_the_reply_and_by_the_error_handler() -> None:
    not_invited, _ = view.answered_message(
        EvaluationReply(FORM, None, "USAM0001", "dm-reply:2", NotInvited(FORM))
    )
    stranger, _ = view.answered_message(
        EvaluationReply(None, None, "USAM0001", "dm-reply:3", NotAParticipant())
    )
    assert not_invited == "The mid-scheme check isn't for you, so there is nothing to answer."
    assert stranger.startswith("I don't have you on the mentoring scheme yet.")
    assert [user_error(NotYourQuestion()), user_error(CouldNotSave())] == [
        "That question was sent to someone else, so your answer was not recorded.",
        "Sorry, I couldn't save that just now. Please send it again.",
    ]


def test_the_answers_export_is_titled_in_words_and_named_as_data() -> None:
    export = AnswersExport(FORM, True, (), datetime(2026, 3, 21, 9, 0, tzinfo=UTC))
    assert export.filename == "2025-26-mid-scheme-answers-pseudonymous-20260321090000.csv"
    assert view.answers_file(export).title == "Mid-scheme check: answers (pseudonymous)"


def test_the_answers_file_has_its_headings_in_the_readers_language_and_values_as_stored() -> None:
    welsh_words = QuestionInWelsh(text="Pa mor aml?", options=["Bob wythnos", "Bob mis"])
    often = CHOICE.model_copy(update={"cy": welsh_words})
    rows = [AnswerRow("P001", "mentee", "submitted", often, "Monthly")]
    with in_language(WELSH):
        welsh = view.answers_csv(rows)
    assert welsh.splitlines() == [
        "cyfranogwr,rôl,statws,id_cwestiwn,cwestiwn,ateb",
        "P001,mentee,submitted,often,Pa mor aml?,Monthly",
    ]
    assert (
        view.answers_csv(rows).splitlines()[0]
        == "participant,role,status,question_id,question,answer"
    )


def test_typed_answers_that_a_spreadsheet_would_run_are_kept_as_text() -> None:
    rows = [
        AnswerRow("=cmd|' /C calc'!A0", "mentee", "submitted", BETTER, '=HYPERLINK("x")'),
        AnswerRow("P002", "mentor", "submitted", BETTER, "-3"),
    ]
    lines = view.answers_csv(rows).splitlines()
    assert lines[1].startswith("'=cmd|") and "'=HYPERLINK" in lines[1]
    assert lines[2].endswith(",-3")


def test_a_welsh_reader_sees_a_yes_or_no_answer_in_welsh_in_the_summary() -> None:
    on_track = Question(
        id="on-track",
        kind="yes_no",
        text="On track?",
        cy=QuestionInWelsh(text="Ar y trywydd iawn?"),
    )
    summary = Summary([(1, on_track, "no"), (2, on_track, "yes")])
    with in_language(WELSH):
        text, _ = view.answered_message(EvaluationReply(FORM, summary, SUNITA, "dm-reply:4"))
    assert "1. Ar y trywydd iawn? *Na*\n2. Ar y trywydd iawn? *Ie*" in text
    english, _ = view.answered_message(EvaluationReply(FORM, summary, SUNITA, "dm-reply:4"))
    assert "1. On track? *No*\n2. On track? *Yes*" in english


def test_the_invitation_says_how_many_questions_with_and_without_follow_ups() -> None:
    assert view.invitation(FORM, None, 6, 7)[0].startswith(
        "*Mid-scheme check*: 6 or 7 short questions"
    )
    assert view.invitation(FORM, None, 6, 8)[0].startswith(
        "*Mid-scheme check*: 6 to 8 short questions"
    )
    assert view.invitation(FORM, None, 6, 6)[0].startswith("*Mid-scheme check*: 6 short questions")
    assert view.invitation(FORM, None, 6)[0].startswith("*Mid-scheme check*: 6 short questions")


def test_a_pick_several_question_offers_a_box_for_each_option_in_the_readers_words() -> None:
    support = Question(
        id="support",
        kind="choices",
        text="Which would help?",
        options=["Protected time", "Networking"],
        cy=QuestionInWelsh(text="Beth fyddai'n helpu?", options=["Amser", "Rhwydweithio"]),
    )
    with in_language(WELSH):
        _, blocks = view.reply_message(FORM, Ask(support, 1, 2), SUNITA)
    [actions] = [b.to_dict() for b in blocks if b.type == "actions"]
    boxes, done = actions["elements"]
    assert [(o["value"], o["text"]["text"]) for o in boxes["options"]] == [
        ("1", "Amser"),
        ("2", "Rhwydweithio"),
    ]
    assert (boxes["action_id"], done["action_id"], done["text"]["text"]) == (
        view.TICK,
        view.TICKED,
        "Gorffen",
    )
    # More options than Slack's ten boxes: typing the numbers only, and the hint says so.
    many = support.model_copy(update={"options": [f"Option {n}" for n in range(11)], "cy": None})
    text, blocks = view.reply_message(FORM, Ask(many, 1, 2), SUNITA)
    assert not [b for b in blocks if b.type == "actions"]
    assert "Reply with the numbers of all that apply" in words(blocks)


def test_a_form_closes_on_the_programme_s_day_in_every_message_that_says_when() -> None:
    invited, _ = view.invitation_message(EvaluationInvite(FORM, 2, programme=AUCKLAND))
    reminded, _ = view.reminder_message(
        EvaluationReminder(FORM, "before-close", 1, 2, programme=AUCKLAND)
    )
    closed, _ = view.answered_message(
        EvaluationReply(FORM, None, SUNITA, "dm-reply:9", programme=AUCKLAND)
    )
    during = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    listed = view.status_message(
        [ResultsForTeam(FORM, 3, 2, 1, (), False, during)], AUCKLAND, during
    )

    for said in (invited, reminded, closed, listed):
        assert "Tuesday 17 March 2026" in said and "16 March" not in said, said
