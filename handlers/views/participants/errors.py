"""What the participants feature says when a person's request cannot be done: its `@error_words`
(and `@problem_words`)."""

from __future__ import annotations

from bot.participants.errors import (
    EmailNotInWorkspace,
    EmailRepeated,
    EmptyName,
    MissingColumns,
    NoParticipants,
    NoSuchParticipant,
    NoSuchSlackUser,
    NotANation,
    NotAnEmail,
    NotARole,
    NotASlackId,
    SlackUserRepeated,
    SlackUserTaken,
    UnknownColumns,
    UnknownLanguage,
    UnknownNation,
)
from bot.participants.model import REQUIRED_COLUMNS
from handlers.i18n import _
from handlers.views.common import error_words, problem_words
from handlers.views.mrkdwn import escape


@error_words(UnknownLanguage)
def unknown_language(error: UnknownLanguage) -> str:
    return _("I can write in English or Welsh: `/mentoring language english` or `cymraeg`.")


@error_words(UnknownNation)
def unknown_nation(error: UnknownNation) -> str:
    return _(
        "I don't know {said} as a nation. Please choose England, Wales, Scotland or Northern "
        "Ireland."
    ).format(said=repr(escape(error.said)))


@error_words(NoSuchParticipant)
def no_such_participant(error: NoSuchParticipant) -> str:
    return _("There is no participant with the email {email}.").format(email=escape(error.email))


@problem_words(MissingColumns)
def missing_columns(problem: MissingColumns) -> str:
    return _("the header needs the columns {required}; missing: {columns}").format(
        required=", ".join(REQUIRED_COLUMNS), columns=", ".join(problem.missing)
    )


@problem_words(UnknownColumns)
def unknown_columns(problem: UnknownColumns) -> str:
    return _(
        "the header has columns I don't read: {unknown}; the columns I read are {known}"
    ).format(unknown=", ".join(problem.unknown), known=", ".join(problem.known))


@problem_words(EmptyName)
def empty_name(_problem: EmptyName) -> str:
    return _("the name is empty")


@problem_words(NotAnEmail)
def not_an_email(problem: NotAnEmail) -> str:
    if problem.email:
        return _("{email} is not an email address").format(email=problem.email)
    return _("the email is not an email address")


@problem_words(NotARole)
def not_a_role(problem: NotARole) -> str:
    return _("role must be mentor or mentee, not {role}").format(
        role=repr(problem.role or _("empty"))
    )


@problem_words(NotANation)
def not_a_nation(problem: NotANation) -> str:
    return _(
        "nation must be England, Wales, Scotland or Northern Ireland (or left empty), not {nation}"
    ).format(nation=repr(problem.nation))


@problem_words(NotASlackId)
def not_a_slack_id(problem: NotASlackId) -> str:
    return _("{slack_id} is not a Slack user id (they look like U0123ABCD)").format(
        slack_id=repr(problem.slack_id)
    )


@problem_words(EmailRepeated)
def email_repeated(problem: EmailRepeated) -> str:
    return _("{email} is already on line {line}").format(
        email=problem.email, line=problem.first_line
    )


@problem_words(NoParticipants)
def no_participants(_problem: NoParticipants) -> str:
    return _("the file has a header but no participants")


@problem_words(NoSuchSlackUser)
def no_such_slack_user(problem: NoSuchSlackUser) -> str:
    return _("there is no Slack user {slack_id} in this workspace").format(
        slack_id=problem.slack_id
    )


@problem_words(EmailNotInWorkspace)
def email_not_in_workspace(problem: EmailNotInWorkspace) -> str:
    return _(
        "nobody in the Slack workspace has the email {email}; invite them to the workspace "
        "first, or add their Slack user id in a slack_id column"
    ).format(email=problem.email)


@problem_words(SlackUserRepeated)
def slack_user_repeated(problem: SlackUserRepeated) -> str:
    return _("Slack user {slack_id} is already on line {line}").format(
        slack_id=problem.slack_id, line=problem.first_line
    )


@problem_words(SlackUserTaken)
def slack_user_taken(problem: SlackUserTaken) -> str:
    return _("Slack user {slack_id} already belongs to {email}").format(
        slack_id=problem.slack_id, email=problem.owner_email
    )
