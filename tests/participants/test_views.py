"""How an import report and the operator's errors read: each problem by its line, in the words
the team has always seen."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.goals.model import Goal
from bot.participants.errors import (
    EmailNotInWorkspace,
    EmailRepeated,
    EmptyName,
    ImportRejected,
    MissingColumns,
    NoParticipants,
    NoSuchParticipant,
    NoSuchSlackUser,
    NotAnEmail,
    NotARole,
    NotASlackId,
    SlackUserRepeated,
    SlackUserTaken,
    UnknownColumns,
)
from bot.participants.notices import HeldAbout, HeldPair, MyDataSummary
from bot.pulse.model import Question
from bot.reflections.model import Reflection
from handlers.i18n import WELSH, in_language
from handlers.views.common import user_error
from handlers.views.participants import import_problems, my_data_summary
from tests.cast import GRACE, SUNITA, participant


def test_each_import_problem_reads_with_its_line() -> None:
    rejected = ImportRejected(
        [
            MissingColumns(1, ("email", "role")),
            UnknownColumns(1, ("slack_user_id",)),
            EmptyName(3),
            NotAnEmail(4, "not-an-email"),
            NotAnEmail(5, ""),
            NotARole(6, "coach"),
            NotARole(7, ""),
            NotASlackId(8, "grace"),
            EmailRepeated(9, "grace@example.org", 2),
            NoSuchSlackUser(10, "UNOSUCH01"),
            EmailNotInWorkspace(11, "pat@example.org"),
            SlackUserRepeated(12, GRACE, 2),
            SlackUserTaken(13, GRACE, "grace@example.org"),
            NoParticipants(None),
        ]
    )

    assert import_problems(rejected) == [
        "line 1: the header needs the columns name, email, role; missing: email, role",
        "line 1: the header has columns I don't read: slack_user_id; the columns I read are "
        "name, email, role, slack_id, about, nation",
        "line 3: the name is empty",
        "line 4: not-an-email is not an email address",
        "line 5: the email is not an email address",
        "line 6: role must be mentor or mentee, not 'coach'",
        "line 7: role must be mentor or mentee, not 'empty'",
        "line 8: 'grace' is not a Slack user id (they look like U0123ABCD)",
        "line 9: grace@example.org is already on line 2",
        "line 10: there is no Slack user UNOSUCH01 in this workspace",
        "line 11: nobody in the Slack workspace has the email pat@example.org; invite them to "
        "the workspace first, or add their Slack user id in a slack_id column",
        "line 12: Slack user UGRACE001 is already on line 2",
        "line 13: Slack user UGRACE001 already belongs to grace@example.org",
        "the file has a header but no participants",
    ]


def test_an_unknown_email_to_erase_is_named_and_cannot_be_markup() -> None:
    assert (
        user_error(NoSuchParticipant("pat@example.org"))
        == "There is no participant with the email pat@example.org."
    )
    assert user_error(NoSuchParticipant("<!channel>@x.org")) == (
        "There is no participant with the email &lt;!channel&gt;@x.org."
    )


def summary_of(held: HeldAbout) -> str:
    return my_data_summary(MyDataSummary(SUNITA, NOW, held)).content.decode()


NOW = datetime(2026, 3, 4, 10, tzinfo=UTC)
GOALS = (
    Goal(1, 7, 1, "Chair a team meeting", by_when=date(2026, 4, 30), progress="under_way"),
    Goal(2, 7, 2, "Apply for a band 7 post"),
)
ANSWERS = (
    Question(1, 7, 1, 0, datetime(2026, 1, 13, 11, tzinfo=UTC), "good_fit", None, NOW),
    Question(2, 7, 1, 1, datetime(2026, 3, 16, 9, tzinfo=UTC)),
)


def test_the_summary_lists_the_pairs_goals_and_the_persons_own_answers_on_their_pairing() -> None:
    held = HeldAbout(
        participant(SUNITA, 1),
        (HeldPair("Grace Mensah", "active", "enabling_growth", 2, 3, True, GOALS),),
        (),
        (),
        (),
        (),
        ANSWERS,
    )
    text = summary_of(held)
    assert "- Goal 1: Chair a team meeting (by Thursday 30 April 2026; Under way)" in text
    assert "- Goal 2: Apply for a band 7 post (Not started)" in text
    assert "How your pairing is going: your answers" in text
    assert "- The fit after your first meeting, asked Tuesday 13 January 2026: Good fit" in text
    assert "- A pulse, asked Monday 16 March 2026: not answered" in text
    with in_language(WELSH):
        welsh = summary_of(held)
    assert "- Nod 1: Chair a team meeting (erbyn" in welsh
    assert "Sut mae'ch paru'n mynd: eich atebion" in welsh


def test_the_summary_says_when_there_are_no_answers_on_the_pairing_yet() -> None:
    held = HeldAbout(participant(SUNITA, 1), (), (), (), (), ())
    lines = summary_of(held).splitlines()
    heading = lines.index("How your pairing is going: your answers")
    assert lines[heading + 1] == "- None."


def test_the_summary_lists_the_persons_own_reflections_in_their_words() -> None:
    written = datetime(2026, 6, 17, 10, tzinfo=UTC)
    closure = Reflection(
        1, 1, 7, "closure", written, written, "Chaired the audit meeting", "", "Apply for 8a"
    )
    meeting = Reflection(
        2,
        1,
        7,
        "meeting",
        written,
        written,
        text="Delegating is a skill",
        meeting_id=3,
        met_on=date(2026, 3, 2),
    )
    held = HeldAbout(participant(SUNITA, 1), (), (), (), (), (), (), (closure, meeting))
    lines = summary_of(held).splitlines()
    heading = lines.index("Your reflections")
    assert lines[heading + 1 : heading + 5] == [
        "- At the close, written Wednesday 17 June 2026:",
        "  What you achieved: Chaired the audit meeting",
        "  What next in your career: Apply for 8a",
        "- After your meeting on Monday 2 March 2026: Delegating is a skill",
    ]
    with in_language(WELSH):
        assert "ar ddydd Llun 2 Mawrth 2026: Delegating is a skill" in summary_of(held)


def test_the_summary_says_when_there_are_no_reflections_yet() -> None:
    lines = summary_of(HeldAbout(participant(SUNITA, 1), (), (), (), (), ())).splitlines()
    assert lines[lines.index("Your reflections") + 1] == "- None."
