"""How an import report and the operator's errors read: each problem by its line, in the words
the team has always seen."""

from __future__ import annotations

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
from handlers.views.common import user_error
from handlers.views.participants import import_problems
from tests.cast import GRACE


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
