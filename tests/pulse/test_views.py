"""The pulse's words and layout, from plain data: each question with its answers as buttons and
who sees what, the thank-you in its place, the team's notice that a pair may need a word (the
pair's names read as typed, never an answer), the console's counts and the team's command, the
refusals; in English and in Welsh."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.concerns.notices import PairMayNeedAWord
from bot.errors import UserError
from bot.participants.model import Participant
from bot.programme_file import load_programme
from bot.pulse import errors
from bot.pulse.model import Latest, PulseCounts, Question
from bot.pulse.notices import PulseQuestion
from bot.pulse.rules import fit_table, pulse_table
from bot.scheme import SHIPPED_PROGRAMME
from handlers.i18n import WELSH, in_language
from handlers.slack.rendering import render_message
from handlers.views import concerns as concerns_view
from handlers.views import console as console_view
from handlers.views import home as home_view
from handlers.views import pulse as view
from handlers.views.common import user_error
from handlers.views.hub import Console
from tests.applications.test_views import DURING, MENTEE, application, full_console, mine
from tests.cast import GRACE, SUNITA
from tests.seen import ESCAPED, TYPED, actions_in, buttons, no_markup_in, words

PROGRAMME = load_programme(SHIPPED_PROGRAMME)
NOW = datetime(2026, 1, 13, 12, tzinfo=UTC)
ANSWER_WORDS = ("Good fit", "Not sure yet", "Not a good fit", "Not well", "Very well")


def answered(fit: str | None = None, score: int | None = None) -> Question:
    return Question(5, 3, 2, 0 if fit else 1, NOW, fit, score, NOW)  # type: ignore[arg-type]


def counts(latest: list[Latest]) -> PulseCounts:
    return PulseCounts(fit_table(latest), pulse_table(latest), asked=len(latest))


def test_the_fit_question_offers_three_answers_and_says_who_sees_them() -> None:
    text, blocks = render_message(PulseQuestion(5, 0))
    assert text == (
        "You've logged your first mentoring meeting. Now that you've met: does the fit with your "
        "partner feel right?"
    )
    assert buttons(blocks) == ["Good fit", "Not sure yet", "Not a good fit"]
    assert actions_in(blocks) == [
        "pulse_answer_good_fit",
        "pulse_answer_not_sure_yet",
        "pulse_answer_not_a_good_fit",
    ]
    assert all(view.ANSWERED.match(action) for action in actions_in(blocks))
    assert "Only you see this. Your answer goes to no one, not even your partner" in words(blocks)


def test_a_pulse_offers_one_to_five_each_with_its_words() -> None:
    text, blocks = render_message(PulseQuestion(6, 2))
    assert text == "A quick pulse: how is your mentoring going at the moment?"
    assert buttons(blocks) == ["1: Not well", "2: Not so well", "3: OK", "4: Well", "5: Very well"]
    assert all(view.ANSWERED.match(action) for action in actions_in(blocks))


def test_the_thank_you_says_their_answer_to_them_alone_and_offers_a_private_word() -> None:
    text, blocks = view.thanked(answered(fit="not_a_good_fit"))
    assert text == "Thank you. You answered: Not a good fit. Nobody else sees your answer."
    assert actions_in(blocks) == [concerns_view.RAISE]
    assert view.thanked(answered(score=4))[0] == (
        "Thank you. You answered: 4: Well. Nobody else sees your answer."
    )


def test_the_team_hears_a_pair_may_need_a_word_never_who_answered_or_what() -> None:
    grace = Participant(1, TYPED, "grace@example.nhs.uk", "mentor", GRACE)
    sunita = Participant(2, "Sunita Rao", "sunita@example.nhs.uk", "mentee", SUNITA)
    notice = PairMayNeedAWord("notice:pulse:3:0", grace, sunita, "preparing")
    text, blocks = render_message(notice)
    assert text == (
        f":robot_face: From the bot, lower priority: {ESCAPED} & Sunita Rao (Preparing) may need "
        "a word: an answer about how their mentoring is going suggests it."
    )
    assert "this does not say which of the two answered, or what" in words(blocks)
    assert no_markup_in((text, blocks))
    seen = words((text, blocks)).lower()
    assert not any(answer.lower() in seen for answer in ANSWER_WORDS)


def test_the_console_counts_by_role_and_hides_what_could_tell_someone_s_answer() -> None:
    latest = [Latest("mentee", "good_fit", 4) for _ in range(12)]
    latest += [Latest("mentor", "good_fit", 5) for _ in range(11)]
    latest.append(Latest("mentee", "not_a_good_fit", 1))
    console = Console([], [], [], {}, [], pulse=counts(latest))
    shown = words(view.console_section(console, PROGRAMME, NOW))
    assert "*How pairings are going*: 24 asked so far; each person's latest answer." in shown
    assert "• Mentees: Good fit hidden · Not sure yet hidden · Not a good fit hidden" in shown
    assert "A count under 10, or one that would give such a count away, shows as “hidden”." in shown
    assert " 1 " not in shown.replace("1 (not well)", "")


def test_the_console_shows_nothing_until_someone_has_been_asked() -> None:
    assert view.console_section(Console([], [], [], {}, []), PROGRAMME, NOW) == []
    nobody = Console([], [], [], {}, [], pulse=counts([]))
    assert view.console_section(nobody, PROGRAMME, NOW) == []
    assert view.team_pulse_message(counts([])) == (
        "Nobody has been asked how their pairing is going yet."
    )


def test_the_team_command_shows_the_console_s_counts_and_what_is_hidden() -> None:
    latest = [Latest("mentee", "good_fit", 4) for _ in range(10)]
    message = view.team_pulse_message(counts(latest))
    assert message.startswith("*How pairings are going*: 10 asked so far")
    assert message.endswith("shows as “hidden”.")


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (errors.NotYourQuestion(), "That question was asked of someone else"),
        (errors.AlreadyAnswered(), "You've already answered that question"),
        (errors.NotAnAnswer("7"), "That isn't one of the question's answers"),
    ],
)
def test_what_cannot_be_taken_is_said_kindly(error: UserError, said: str) -> None:
    assert user_error(error).startswith(said)


def test_in_welsh() -> None:
    with in_language(WELSH):
        fit, fit_blocks = render_message(PulseQuestion(5, 0))
        _pulse, pulse_blocks = render_message(PulseQuestion(6, 1))
        thanks, _ = view.thanked(answered(fit="good_fit"))
        grace = Participant(1, "Grace Mensah", "grace@example.nhs.uk", "mentor", GRACE)
        sunita = Participant(2, "Sunita Rao", "sunita@example.nhs.uk", "mentee", SUNITA)
        notice, _ = render_message(PairMayNeedAWord("notice:pulse:3:0", grace, sunita, "preparing"))
        refused = user_error(errors.AlreadyAnswered())
    assert fit.startswith("Rydych chi wedi cofnodi eich cyfarfod mentora cyntaf.")
    assert buttons(fit_blocks) == ["Yn gweddu'n dda", "Ddim yn siŵr eto", "Ddim yn gweddu'n dda"]
    assert buttons(pulse_blocks)[4] == "5: Yn dda iawn"
    assert thanks == "Diolch. Eich ateb oedd: Yn gweddu'n dda. Does neb arall yn gweld eich ateb."
    assert "Efallai fod angen gair â Grace Mensah a Sunita Rao" in notice
    assert refused.startswith("Rydych chi eisoes wedi ateb y cwestiwn hwnnw")


def test_the_console_still_fits_slack_with_the_counts_beside_every_other_list_full() -> None:
    many = 2000
    waiting = [application(n, MENTEE, name="N" * 200) for n in range(1, many + 1)]
    latest = [Latest("mentee", "good_fit", 4) for _ in range(many)]
    console = replace(full_console(waiting), pulse=counts(latest))
    blocks = console_view.console_blocks(console, PROGRAMME, DURING)
    home = home_view.home_view(mine(on_team=True), PROGRAMME, DURING, blocks)
    assert len(home.to_dict()["blocks"]) <= 100
    assert "*How pairings are going*: 2000 asked so far" in words(home)
