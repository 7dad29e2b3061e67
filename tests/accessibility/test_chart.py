"""The team's chart of an evaluation's answers says what it shows in words: as the image's text
alternative for screen readers, and in the message beside it for everyone."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.evaluations.notices import ScaleResults
from handlers.slack.rendering import ALT_TEXT_MAX
from handlers.views import evaluations as view
from localslack.server import LocalSlack
from tests.accessibility.examples import MID_SCHEME, RESULTS, VALUE
from tests.cast import SUNITA, TEAM_CHANNEL, TEAM_LEAD
from tests.seen import words
from tests.world import World, uk


def test_the_team_sees_the_charts_text_alternative_beside_it_and_screen_readers_read_it(
    world: World,
) -> None:
    world.add_cohort()
    world.walk_to(uk("2026-03-02 09:30"))
    world.click(SUNITA, world.dms(SUNITA)[-1], "eval_start")
    world.click(SUNITA, world.dms(SUNITA)[-1], "eval_answer:4")

    assert world.command(TEAM_LEAD, "team chart mid-scheme").startswith("Done")

    [posted] = [
        m
        for m in world.slack.workspace.messages_in(TEAM_CHANNEL)
        if [f["name"] for f in m.files] == ["2025-26-mid-scheme-results.png"]
    ]
    [chart] = posted.files
    said = (
        "Bar chart of the mid-scheme check's scale questions by role: 0 of 3 finished.\n"
        "“How valuable is your mentoring relationship so far?” Mentees: "
        "1 (Not valuable): 0 people; 2: 0; 3 (Somewhat valuable): 0; 4: 1; 5 (Very valuable): 0.\n"
        "“How confident do you feel about pursuing a senior leadership or management role?” "
        "No answers yet.\n"
        "“How confident do you feel in your mentoring skills?” No answers yet.\n"
        "“How useful have the scheme's events been so far?” No answers yet."
    )
    assert chart["alt_txt"] == said, "what a screen reader reads of the image"
    assert words(posted) == f"*Mid-scheme check* so far: 3 invited, 1 started, 0 finished.\n{said}"


def test_the_charts_words_give_each_scores_count_by_role_with_the_forms_words_for_it() -> None:
    shared = view.results_file(RESULTS)

    assert shared.alt_text == (
        "Bar chart of the mid-scheme check's scale questions by role: 3 of 4 finished.\n"
        "“How valuable is your mentoring relationship so far?” "
        "Mentees: 1 (Not valuable): 0 people; 2: 0; 3 (Somewhat valuable): 0; 4: 2; "
        "5 (Very valuable): 0. "
        "Mentors: 1 (Not valuable): 0 people; 2: 1; 3 (Somewhat valuable): 0; 4: 0; "
        "5 (Very valuable): 0."
    )
    assert shared.comment == (
        f"*Mid-scheme check* has closed: 4 invited, 3 started, 3 finished.\n{shared.alt_text}"
    )


def test_a_question_nobody_has_answered_and_a_form_without_scales_say_so() -> None:
    unanswered = replace(RESULTS, scales=(ScaleResults(VALUE.text, 1, 5, {}),))
    no_scales = replace(RESULTS, scales=())

    assert view.results_file(unanswered).alt_text == (
        "Bar chart of the mid-scheme check's scale questions by role: 3 of 4 finished.\n"
        "“How valuable is your mentoring relationship so far?” No answers yet."
    )
    assert view.results_file(no_scales).alt_text == (
        "The mid-scheme check has no scale questions, so the chart is empty."
    )


def test_counts_too_many_for_slacks_limit_keep_whole_questions_and_point_to_the_message() -> None:
    """Slack takes at most 1,000 characters of alt text; the message beside takes them all."""
    many = {role: dict.fromkeys(range(1, 6), 12345) for role in ("mentee", "mentor")}
    scales = tuple(
        ScaleResults(q.text, q.low, q.high, many) for q in MID_SCHEME.questions if q.kind == "scale"
    )
    shared = view.results_file(replace(RESULTS, scales=scales))

    assert shared.alt_text is not None and len(shared.alt_text) <= ALT_TEXT_MAX
    assert shared.alt_text.endswith(f".\n{view.MORE_IN_THE_MESSAGE}")
    kept = shared.alt_text.splitlines()[:-1]
    assert kept == view.chart_words(replace(RESULTS, scales=scales))[: len(kept)]
    assert all(f"“{s.question}”" in (shared.comment or "") for s in scales)


@pytest.fixture
def local() -> Iterator[LocalSlack]:
    with LocalSlack() as slack:
        yield slack


def test_localslack_keeps_an_images_alt_text_as_slack_does_and_refuses_one_too_long(
    local: LocalSlack,
) -> None:
    """Slack's own SDK gives it to files.getUploadURLExternal as alt_txt."""
    web = WebClient(token=local.token, base_url=local.api_url, retry_handlers=[])
    local.workspace.add_channel(
        TEAM_CHANNEL, "team", private=True, members=[local.workspace.bot_user]
    )

    web.files_upload_v2(
        channel=TEAM_CHANNEL, content=b"\x89PNG", filename="c.png", alt_txt="Bar chart of…"
    )
    with pytest.raises(SlackApiError, match="alt_txt_too_large"):
        web.files_upload_v2(
            channel=TEAM_CHANNEL, content=b"\x89PNG", filename="d.png", alt_txt="x" * 1001
        )

    [message] = local.workspace.messages_in(TEAM_CHANNEL)
    assert message.files[0]["alt_txt"] == "Bar chart of…"
