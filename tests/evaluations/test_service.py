"""The evaluations use cases over the real storage: invitations and reminders when due, the
conversation by button and by DM, and the team's results. The baseline form opens on Monday
17 November 2025 at 09:00 and closes on Sunday 30 November at 23:00 (GMT: UK time is UTC)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.errors import NotAParticipant
from bot.evaluations.errors import NotInvited, NotYourQuestion
from bot.evaluations.model import Ask, InboxItem, Submitted, Summary
from bot.evaluations.notices import (
    EvaluationInvite,
    EvaluationReminder,
    EvaluationReply,
    ResultsForTeam,
)
from bot.evaluations.service import AnswerButton
from bot.notices import Pending
from handlers.slack.rendering import render_message
from handlers.slack.sender import CLAIM_CHUNK, LEASE
from tests.services import (
    GRACE,
    JAMIE,
    OLIVER,
    OUTSIDER,
    SUNITA,
    TEAM_CHANNEL,
    TEAM_LEAD,
    Scheme,
)

OPENS = datetime(2025, 11, 17, 9, tzinfo=UTC)
CLOSES = datetime(2025, 11, 30, 23, tzinfo=UTC)
NOW = datetime(2025, 11, 17, 12, tzinfo=UTC)
# A mentee's answers to the baseline, one message each: confidence, five years, launch, support
# (optional), hours a month, hopes.
MENTEE_ANSWERS = ("4", "3", "no", "skip", "6", "Confidence to lead a team")
SECOND = timedelta(seconds=1)


def invited(scheme: Scheme) -> None:
    scheme.evaluations.run_due(OPENS)
    scheme.messenger.sent.clear()


def finish(scheme: Scheme, slack_user_id: str, now: datetime) -> None:
    for text in ("start", *MENTEE_ANSWERS):
        scheme.evaluations.message(slack_user_id, text, now)
    scheme.evaluations.submit(slack_user_id, "baseline", f"submit-{slack_user_id}", now)


def asked(scheme: Scheme, slack_user_id: str) -> list[str]:
    """The questions the person's DM was asked, in order, however each reply was prompted."""
    replies = [n for n in scheme.messenger.to(slack_user_id) if isinstance(n, EvaluationReply)]
    return [n.reply.question.id for n in replies if isinstance(n.reply, Ask)]


def sunitas_start_drained_while_slack_took_nothing(scheme: Scheme) -> None:
    """Sunita's "start" kept in the inbox and drained while Slack took nothing: her answer is
    applied, the DM done, and the reply kept in the outbox in that same transaction."""
    invited(scheme)
    assert scheme.inbox.accept(InboxItem("Ev0001", SUNITA, "DSUNITA", "start", NOW))
    scheme.messenger.failing = True
    assert scheme.inbox.drain(NOW) == 1
    scheme.messenger.failing = False
    assert scheme.messenger.sent == []


def claimed_by_a_sender_that_dies(scheme: Scheme, at: datetime) -> Pending:
    """What a sender killed after claiming leaves behind: its claim, committed; nothing sent or
    confirmed by it."""
    with scheme.uow() as uow:
        [claimed] = uow.deliveries.claim_due(at, LEASE, CLAIM_CHUNK)
        uow.commit()
    assert (claimed.delivery.kind, claimed.delivery.to) == ("dm-reply", SUNITA)
    return claimed


def answers_of(scheme: Scheme, slack_user_id: str) -> dict[str, object]:
    with scheme.uow() as uow:
        record = uow.evaluations.get("baseline", scheme.person(slack_user_id).id)
    assert record is not None
    return dict(record.progress.answers)


def test_everyone_in_the_audience_is_invited_once_when_the_form_opens(scheme: Scheme) -> None:
    assert scheme.evaluations.run_due(OPENS - timedelta(minutes=1)) == 0
    assert scheme.evaluations.run_due(OPENS) == 4
    invites = scheme.messenger.of(EvaluationInvite)
    assert {to for to, _ in invites} == {GRACE, OLIVER, SUNITA, JAMIE}
    assert {(n.form.id, n.questions) for _, n in invites} == {("baseline", 6)}
    assert all(n.programme == scheme.programme for _, n in invites), "its days in its zone"
    assert scheme.evaluations.run_due(OPENS + timedelta(hours=1)) == 0


def test_those_not_finished_are_reminded_three_days_after_it_opens_with_their_progress(
    scheme: Scheme,
) -> None:
    invited(scheme)
    finish(scheme, SUNITA, NOW)
    scheme.evaluations.message(JAMIE, "start", NOW)
    scheme.evaluations.message(JAMIE, "5", NOW)
    scheme.messenger.sent.clear()
    assert scheme.evaluations.run_due(datetime(2025, 11, 20, 9, tzinfo=UTC)) == 3
    reminded = {to: (n.answered, n.total) for to, n in scheme.messenger.of(EvaluationReminder)}
    assert reminded == {GRACE: (0, 6), OLIVER: (0, 6), JAMIE: (1, 6)}


def test_the_reminder_two_days_before_closing_goes_in_fridays_working_hours_not_after_closing(
    scheme: Scheme,
) -> None:
    # Due on Friday 28 November at 23:00, after hours: the next working morning (Monday 1
    # December) is after closing, so it goes at the end of Friday's working hours instead.
    invited(scheme)
    assert scheme.evaluations.run_due(datetime(2025, 11, 20, 9, tzinfo=UTC)) == 4
    scheme.messenger.sent.clear()
    friday = datetime(2025, 11, 28, 17, 29, tzinfo=UTC)
    assert scheme.evaluations.upcoming(datetime(2025, 11, 21, 12, tzinfo=UTC)) == friday
    assert scheme.evaluations.run_due(friday - timedelta(minutes=1)) == 0
    assert scheme.evaluations.run_due(friday) == 4
    reminded = {to: n.moment for to, n in scheme.messenger.of(EvaluationReminder)}
    assert reminded == dict.fromkeys((GRACE, OLIVER, SUNITA, JAMIE), "before-close")
    assert scheme.evaluations.run_due(CLOSES - SECOND) == 0


def test_the_reminder_before_closing_is_not_sent_within_a_day_of_the_last_one(
    scheme: Scheme,
) -> None:
    # The reminder after opening went late, on Friday 28 November at 10:00: the one before
    # closing may not go earlier than Saturday 10:00, and no working hours are left by closing.
    invited(scheme)
    assert scheme.evaluations.run_due(datetime(2025, 11, 28, 10, tzinfo=UTC)) == 4
    scheme.messenger.sent.clear()
    pending = scheme.evaluations.pending(datetime(2025, 11, 28, 10, tzinfo=UTC))
    assert [p for p in pending if p.form.id == "baseline"] == []
    assert scheme.evaluations.run_due(datetime(2025, 11, 28, 17, 29, tzinfo=UTC)) == 0
    assert scheme.evaluations.run_due(CLOSES - SECOND) == 0


def test_starting_asks_the_first_question_in_the_persons_own_dm(scheme: Scheme) -> None:
    invited(scheme)
    answered = scheme.evaluations.start(SUNITA, "baseline", "press-1", NOW)
    assert isinstance(answered.reply, Ask)
    assert (answered.reply.question.id, answered.reply.number, answered.reply.total) == (
        "leadership-confidence",
        1,
        6,
    )
    [sent] = scheme.messenger.sent
    assert (sent.to, sent.key) == (SUNITA, f"button-reply:{SUNITA}:press-1")
    assert isinstance(sent.notice, EvaluationReply) and sent.notice.reply == answered.reply


def test_an_answer_button_is_saved_and_the_next_question_follows(scheme: Scheme) -> None:
    invited(scheme)
    scheme.evaluations.start(SUNITA, "baseline", "press-1", NOW)
    pressed = AnswerButton(SUNITA, "baseline", "leadership-confidence", "4")
    answered = scheme.evaluations.button(SUNITA, pressed, "press-2", NOW)
    assert isinstance(answered.reply, Ask) and answered.reply.question.id == "five-years"
    assert answers_of(scheme, SUNITA) == {"leadership-confidence": 4}
    assert len(scheme.messenger.to(SUNITA)) == 2


def test_a_button_on_someone_elses_question_is_refused_and_nothing_is_recorded(
    scheme: Scheme,
) -> None:
    invited(scheme)
    scheme.evaluations.start(SUNITA, "baseline", "press-1", NOW)
    forwarded = AnswerButton(SUNITA, "baseline", "leadership-confidence", "1")
    with pytest.raises(NotYourQuestion):
        scheme.evaluations.button(JAMIE, forwarded, "press-2", NOW)
    assert answers_of(scheme, SUNITA) == {}
    assert scheme.messenger.to(JAMIE) == []


def test_a_button_from_a_question_already_answered_asks_the_current_one_again(
    scheme: Scheme,
) -> None:
    invited(scheme)
    scheme.evaluations.start(SUNITA, "baseline", "press-1", NOW)
    first = AnswerButton(SUNITA, "baseline", "leadership-confidence", "4")
    scheme.evaluations.button(SUNITA, first, "press-2", NOW)
    again = AnswerButton(SUNITA, "baseline", "leadership-confidence", "2")
    answered = scheme.evaluations.button(SUNITA, again, "press-3", NOW)
    assert isinstance(answered.reply, Ask) and answered.reply.question.id == "five-years"
    assert answered.reply.error is not None and answered.reply.error.reason == "earlier_button"
    assert answers_of(scheme, SUNITA) == {"leadership-confidence": 4}


def test_answers_are_submitted_only_from_the_summary_and_then_the_clock_is_told(
    scheme: Scheme,
) -> None:
    invited(scheme)
    early = scheme.evaluations.submit(SUNITA, "baseline", "press-1", NOW)
    assert isinstance(early.reply, Ask) and early.reply.error is not None
    assert early.reply.error.reason == "unfinished"
    for text in ("start", *MENTEE_ANSWERS):
        last = scheme.evaluations.message(SUNITA, text, NOW)
    assert last is not None and isinstance(last.reply, Summary)
    done = scheme.evaluations.submit(SUNITA, "baseline", "press-2", NOW)
    assert isinstance(done.reply, Submitted)
    with scheme.uow() as uow:
        record = uow.evaluations.get("baseline", scheme.person(SUNITA).id)
    assert record is not None and (record.progress.status, record.submitted_at) == (
        "submitted",
        NOW,
    )
    assert scheme.changes.count == 1


def test_a_dm_kept_in_the_inbox_is_answered_once_however_often_slack_sends_it(
    scheme: Scheme,
) -> None:
    invited(scheme)
    item = InboxItem("Ev0001", SUNITA, "DSUNITA", "start", NOW)
    assert scheme.inbox.accept(item) is True
    assert scheme.inbox.accept(item) is False, "Slack's retry of the same event"
    assert scheme.inbox.drain(NOW) == 1
    assert scheme.inbox.drain(NOW) == 0
    [(to, reply)] = scheme.messenger.of(EvaluationReply)
    assert to == SUNITA and isinstance(reply.reply, Ask)
    assert reply.reply.question.id == "leadership-confidence"


def test_someone_not_invited_or_not_on_the_scheme_is_told_so_and_nothing_is_kept(
    scheme: Scheme,
) -> None:
    before_opening = scheme.evaluations.start(SUNITA, "baseline", "press-1", NOW)
    assert isinstance(before_opening.error, NotInvited)
    stranger = scheme.evaluations.start(OUTSIDER, "baseline", "press-2", NOW)
    assert isinstance(stranger.error, NotAParticipant)
    told = {to: n.error for to, n in scheme.messenger.of(EvaluationReply)}
    assert told == {SUNITA: before_opening.error, OUTSIDER: stranger.error}
    with scheme.uow() as uow:
        assert uow.evaluations.for_form("baseline") == []


def test_when_the_form_closes_the_team_channel_gets_its_results_once(scheme: Scheme) -> None:
    invited(scheme)
    finish(scheme, SUNITA, NOW)
    scheme.evaluations.message(JAMIE, "start", NOW)
    scheme.messenger.sent.clear()
    assert scheme.evaluations.run_due(CLOSES) == 1
    [(to, results)] = scheme.messenger.of(ResultsForTeam)
    assert to == TEAM_CHANNEL and results.closed
    assert (results.invited, results.started, results.finished) == (4, 2, 1)
    assert scheme.evaluations.run_due(CLOSES + timedelta(days=1)) == 0


def test_an_invitation_slack_did_not_take_is_kept_with_it_and_sent_once_by_the_outbox(
    scheme: Scheme,
) -> None:
    scheme.messenger.failing = True
    assert scheme.evaluations.run_due(OPENS) == 0
    scheme.messenger.failing = False
    [results] = [r for r in scheme.evaluations.status(TEAM_LEAD, NOW) if r.form.id == "baseline"]
    assert results.invited == 4, "each invitation is recorded with its message"
    assert scheme.deliveries.run_due(OPENS + LEASE + SECOND) == 4
    assert {to for to, _ in scheme.messenger.of(EvaluationInvite)} == {GRACE, OLIVER, SUNITA, JAMIE}
    assert scheme.deliveries.run_due(OPENS + timedelta(hours=1)) == 0
    assert scheme.evaluations.run_due(OPENS + timedelta(hours=1)) == 0


def test_a_button_reply_slack_did_not_take_is_sent_once_by_the_outbox(scheme: Scheme) -> None:
    invited(scheme)
    scheme.messenger.failing = True
    answered = scheme.evaluations.start(SUNITA, "baseline", "press-1", NOW)
    scheme.messenger.failing = False
    assert isinstance(answered.reply, Ask), "her start is saved whatever Slack did"
    assert scheme.deliveries.run_due(NOW + LEASE + SECOND) == 1
    assert asked(scheme, SUNITA) == ["leadership-confidence"]
    assert scheme.deliveries.run_due(NOW + timedelta(minutes=5)) == 0


def test_a_dm_reply_slack_did_not_take_is_sent_once_by_the_outbox_and_the_next_question_follows(
    scheme: Scheme,
) -> None:
    sunitas_start_drained_while_slack_took_nothing(scheme)
    assert scheme.deliveries.upcoming(NOW) == NOW + LEASE, "the outbox comes back for it"
    retried = NOW + LEASE + SECOND
    assert scheme.deliveries.run_due(retried) == 1
    assert scheme.deliveries.run_due(retried + timedelta(minutes=1)) == 0
    assert scheme.inbox.accept(InboxItem("Ev0002", SUNITA, "DSUNITA", "4", retried))
    assert scheme.inbox.drain(retried) == 1
    assert asked(scheme, SUNITA) == ["leadership-confidence", "five-years"]
    assert answers_of(scheme, SUNITA) == {"leadership-confidence": 4}


def test_a_dm_reply_whose_sender_was_killed_between_claim_and_post_still_arrives_once(
    scheme: Scheme,
) -> None:
    sunitas_start_drained_while_slack_took_nothing(scheme)
    killed = NOW + LEASE + SECOND  # the first try's lease is over: a sender claims it, then dies
    claimed_by_a_sender_that_dies(scheme, killed)
    assert scheme.deliveries.run_due(killed + LEASE - SECOND) == 0, "its lease still holds"
    assert scheme.messenger.sent == []
    assert scheme.deliveries.upcoming(killed) == killed + LEASE
    assert scheme.deliveries.run_due(killed + LEASE + SECOND) == 1
    assert asked(scheme, SUNITA) == ["leadership-confidence"]
    assert scheme.deliveries.run_due(killed + timedelta(minutes=5)) == 0
    assert asked(scheme, SUNITA) == ["leadership-confidence"], "sent exactly once"


def test_a_dm_reply_whose_sender_was_killed_after_posting_is_found_in_history_not_posted_again(
    scheme: Scheme,
) -> None:
    sunitas_start_drained_while_slack_took_nothing(scheme)
    killed = NOW + LEASE + SECOND
    claimed = claimed_by_a_sender_that_dies(scheme, killed)
    # It had posted (Slack has the message) but died before confirming.
    scheme.messenger.send(claimed.delivery.to, claimed.notice, claimed.delivery.key)
    assert scheme.deliveries.run_due(killed + LEASE - SECOND) == 0, "its lease still holds"
    assert scheme.deliveries.run_due(killed + LEASE + SECOND) == 1, "confirmed from history"
    assert asked(scheme, SUNITA) == ["leadership-confidence"], "not posted again"
    assert scheme.deliveries.run_due(killed + timedelta(minutes=5)) == 0
    assert scheme.deliveries.upcoming(killed + timedelta(minutes=5)) is None


class Killed(BaseException):
    """The process ending mid-call, as a kill would: nothing after it runs."""


def test_a_drain_killed_as_its_transaction_commits_leaves_the_reply_for_the_outbox(
    scheme: Scheme, monkeypatch: pytest.MonkeyPatch
) -> None:
    invited(scheme)
    assert scheme.inbox.accept(InboxItem("Ev0001", SUNITA, "DSUNITA", "start", NOW))

    def killed(*args: object) -> list[str]:
        raise Killed()

    # Killed the moment its transaction commits: whatever it next asks of the sender, dies.
    monkeypatch.setattr(scheme.deliveries, "flush", killed)
    with pytest.raises(Killed):
        scheme.inbox.drain(NOW)
    monkeypatch.undo()
    assert scheme.inbox.drain(NOW) == 0, "the DM was done with its answer and its reply"
    assert scheme.deliveries.run_due(NOW) == 1
    assert asked(scheme, SUNITA) == ["leadership-confidence"]
    assert scheme.deliveries.run_due(NOW + timedelta(minutes=5)) == 0


def test_a_person_not_on_the_scheme_writing_to_the_bot_is_told_kindly(scheme: Scheme) -> None:
    """Moved down from the scenario: their DM, kept in the inbox as any other, and the reply in
    their DM in the words they read."""
    assert scheme.inbox.accept(InboxItem("Ev0002", OUTSIDER, "DOUTSIDER", "hello", NOW))
    assert scheme.inbox.drain(NOW) == 1
    [(to, reply)] = scheme.messenger.of(EvaluationReply)
    assert to == OUTSIDER and isinstance(reply.error, NotAParticipant)
    assert render_message(reply)[0].startswith("I don't have you on the mentoring scheme yet")
