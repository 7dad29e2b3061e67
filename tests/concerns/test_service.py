"""The concerns use cases over the real storage: raising, delivering to the team's private
channel, the team's work with its audit trail, escalation and automatic notices.
Winter dates: UK time is UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.concerns.errors import CannotAct, EmptyConcern, NoResolutionNote, UrgencyNotChosen
from bot.concerns.notices import (
    ConcernAcknowledged,
    ConcernForTeam,
    ConcernReceived,
    ConcernResolved,
    LowScore,
)
from bot.errors import TeamOnly, TooLong
from handlers.slack.sender import LEASE
from tests.services import GRACE, SUNITA, TEAM_CHANNEL, TEAM_LEAD, TEAM_MEMBER, Scheme

PAIRED = datetime(2026, 1, 5, 10, tzinfo=UTC)
ACCEPTED = datetime(2026, 1, 5, 11, tzinfo=UTC)
RAISED = datetime(2026, 1, 14, 10, tzinfo=UTC)  # a Wednesday
WORDS = "We have not met since the launch & I am not sure why."
SECOND = timedelta(seconds=1)


def raised(scheme: Scheme) -> int:
    """Sunita's concern about her pair with Grace, kept and in the team's channel; nothing
    else recorded as sent."""
    scheme.start_pair(GRACE, SUNITA, PAIRED, ACCEPTED)
    concern_id = scheme.concerns.raise_concern(SUNITA, "command", WORDS, RAISED)
    scheme.concerns.deliver_pending(RAISED)
    scheme.messenger.sent.clear()
    return concern_id


def trail(scheme: Scheme, concern_id: int) -> list[tuple[str, str, str]]:
    """(action, actor, note) of each step, as the team's list of alerts shows them."""
    [view] = [v for v in scheme.concerns.open_alerts(TEAM_LEAD) if v.concern.id == concern_id]
    return [(e.action, e.actor, e.note) for e in view.history]


def test_a_raised_concern_is_kept_and_nothing_is_sent_until_it_is_delivered(
    scheme: Scheme,
) -> None:
    concern_id = scheme.concerns.raise_concern(SUNITA, "command", WORDS, RAISED, "urgent")
    assert scheme.messenger.sent == []
    [view] = scheme.concerns.open_alerts(TEAM_LEAD)
    assert (view.concern.id, view.concern.text, view.concern.status) == (concern_id, WORDS, "open")
    assert (view.reporter, view.concern.urgency, view.concern.delivered_at) == (
        "Sunita Rao",
        "urgent",
        None,
    )
    assert trail(scheme, concern_id) == [("raised", SUNITA, "")]


def test_delivering_posts_it_to_the_team_channel_only_and_tells_the_reporter_once(
    scheme: Scheme,
) -> None:
    scheme.start_pair(GRACE, SUNITA, PAIRED, ACCEPTED)
    scheme.messenger.sent.clear()
    concern_id = scheme.concerns.raise_concern(SUNITA, "command", WORDS, RAISED)
    assert scheme.concerns.deliver_pending(RAISED) == 1
    [(to, alert)] = scheme.messenger.of(ConcernForTeam)
    assert (to, alert.concern.text, alert.escalated_to) == (TEAM_CHANNEL, WORDS, None)
    assert alert.programme == scheme.programme, "its days in the scheme's zone"
    assert alert.pair is not None and alert.pair.mentor is not None
    assert alert.pair.mentor.name == "Grace Mensah"
    [(told, received)] = scheme.messenger.of(ConcernReceived)
    assert (told, received.concern_id, received.respond_within_hours) == (SUNITA, concern_id, 4)
    assert scheme.messenger.to(GRACE) == [], "the partner hears nothing"
    assert scheme.concerns.deliver_pending(RAISED + timedelta(minutes=1)) == 0
    assert len(scheme.messenger.sent) == 2


def test_a_concern_slack_did_not_take_is_kept_and_posted_on_the_next_run(scheme: Scheme) -> None:
    concern_id = scheme.concerns.raise_concern(SUNITA, "command", WORDS, RAISED)
    scheme.messenger.failing = True
    assert scheme.concerns.deliver_pending(RAISED) == 0
    scheme.messenger.failing = False
    later = RAISED + timedelta(minutes=10)  # past the ledger's lease on the failed attempt
    assert scheme.concerns.upcoming(later) == later, "the clock comes back for it at once"
    scheme.concerns.run_due(later)
    assert [to for to, _ in scheme.messenger.of(ConcernForTeam)] == [TEAM_CHANNEL]
    assert [to for to, _ in scheme.messenger.of(ConcernReceived)] == [SUNITA]
    assert [a for a, _, _ in trail(scheme, concern_id)] == ["raised", "delivered"]


def test_a_concern_with_no_words_too_many_or_no_urgency_chosen_is_refused(
    scheme: Scheme,
) -> None:
    with pytest.raises(EmptyConcern):
        scheme.concerns.raise_concern(SUNITA, "command", "   ", RAISED)
    with pytest.raises(TooLong) as too_long:
        scheme.concerns.raise_concern(SUNITA, "command", "x" * 3001, RAISED)
    assert (too_long.value.field, too_long.value.limit) == ("text", 3000)
    with pytest.raises(UrgencyNotChosen):
        scheme.concerns.raise_concern(SUNITA, "command", WORDS, RAISED, urgency="whenever")
    assert scheme.concerns.open_alerts(TEAM_LEAD) == []


def test_acknowledging_tells_the_reporter_who_has_it_and_is_kept_in_the_audit_trail(
    scheme: Scheme,
) -> None:
    concern_id = raised(scheme)
    at = RAISED + timedelta(hours=1)
    assert scheme.concerns.acknowledge(TEAM_MEMBER, concern_id, at).status == "acknowledged"
    [(to, told)] = scheme.messenger.of(ConcernAcknowledged)
    assert (to, told.concern_id, told.by) == (SUNITA, concern_id, "Tom Hughes")
    assert trail(scheme, concern_id) == [
        ("raised", SUNITA, ""),
        ("delivered", "mentorbot", ""),
        ("acknowledged", TEAM_MEMBER, ""),
    ]


def test_taking_an_open_concern_acknowledges_it_and_makes_the_taker_its_assignee(
    scheme: Scheme,
) -> None:
    concern_id = raised(scheme)
    taken = scheme.concerns.take(TEAM_LEAD, concern_id, RAISED + timedelta(hours=1))
    assert (taken.status, taken.assignee) == ("acknowledged", TEAM_LEAD)
    assert [(a, actor) for a, actor, _ in trail(scheme, concern_id)][2:] == [
        ("acknowledged", TEAM_LEAD),
        ("assigned", TEAM_LEAD),
    ]
    assert [to for to, _ in scheme.messenger.of(ConcernAcknowledged)] == [SUNITA]


def test_resolving_needs_a_note_tells_the_team_channel_and_ends_the_work_on_it(
    scheme: Scheme,
) -> None:
    concern_id = raised(scheme)
    at = RAISED + timedelta(days=1)
    with pytest.raises(NoResolutionNote):
        scheme.concerns.resolve(TEAM_LEAD, concern_id, "  ", at)
    resolved = scheme.concerns.resolve(TEAM_LEAD, concern_id, "Spoke to both; meeting booked.", at)
    assert resolved.status == "resolved"
    assert trail(scheme, concern_id)[-1] == (
        "resolved",
        TEAM_LEAD,
        "Spoke to both; meeting booked.",
    )
    [(to, notice)] = scheme.messenger.of(ConcernResolved)
    assert (to, notice.by) == (TEAM_CHANNEL, TEAM_LEAD)
    with pytest.raises(CannotAct) as refused:
        scheme.concerns.acknowledge(TEAM_MEMBER, concern_id, at)
    assert refused.value.reason == "already_resolved"


def test_only_the_project_team_sees_or_acts_on_concerns(scheme: Scheme) -> None:
    concern_id = raised(scheme)
    with pytest.raises(TeamOnly):
        scheme.concerns.open_alerts(GRACE)
    with pytest.raises(TeamOnly):
        scheme.concerns.acknowledge(GRACE, concern_id, RAISED)
    assert trail(scheme, concern_id)[-1][0] == "delivered"
    assert scheme.messenger.sent == []


def test_one_unacknowledged_after_four_working_hours_is_posted_again_to_the_lead_once(
    scheme: Scheme,
) -> None:
    concern_id = raised(scheme)
    escalates = RAISED + timedelta(hours=4)
    assert scheme.concerns.upcoming(RAISED) == escalates
    assert scheme.concerns.run_due(escalates - timedelta(minutes=1)) == 0
    assert scheme.concerns.run_due(escalates) == 1
    [(to, alert)] = scheme.messenger.of(ConcernForTeam)
    assert (to, alert.concern.id, alert.escalated_to) == (TEAM_CHANNEL, concern_id, TEAM_LEAD)
    assert scheme.concerns.run_due(escalates + timedelta(hours=1)) == 0
    assert trail(scheme, concern_id)[-1] == ("escalated", "mentorbot", "")


def test_a_low_score_on_a_watched_question_raises_one_automatic_notice_for_the_team(
    scheme: Scheme,
) -> None:
    opens = datetime(2026, 3, 2, 9, tzinfo=UTC)  # the mid-scheme check
    scheme.evaluations.run_due(opens)
    scheme.evaluations.message(SUNITA, "start", opens)
    scheme.evaluations.message(SUNITA, "2", opens)  # How valuable is your relationship?
    scheme.messenger.sent.clear()
    assert scheme.concerns.run_due(opens + timedelta(minutes=5)) == 1
    [(to, notice)] = scheme.messenger.of(LowScore)
    assert (to, notice.person.name, notice.score) == (TEAM_CHANNEL, "Sunita Rao", 2)
    assert notice.question.id == "relationship-value"
    assert scheme.concerns.run_due(opens + timedelta(hours=1)) == 0


def test_an_alert_is_kept_with_its_concern_so_the_outbox_posts_it_if_nothing_else_does(
    scheme: Scheme,
) -> None:
    concern_id = scheme.concerns.raise_concern(SUNITA, "command", WORDS, RAISED)
    # The handler that would post it died after its ack; the outbox's own run finds it.
    assert scheme.deliveries.run_due(RAISED) == 1
    assert [to for to, _ in scheme.messenger.of(ConcernForTeam)] == [TEAM_CHANNEL]
    assert scheme.messenger.of(ConcernReceived) == [], "told only once it is recorded"
    assert scheme.concerns.upcoming(RAISED) == RAISED, "the concern is not yet marked delivered"
    scheme.concerns.run_due(RAISED + SECOND)
    assert [to for to, _ in scheme.messenger.of(ConcernForTeam)] == [TEAM_CHANNEL]
    assert [to for to, _ in scheme.messenger.of(ConcernReceived)] == [SUNITA]
    assert [a for a, _, _ in trail(scheme, concern_id)] == ["raised", "delivered"]
    assert scheme.concerns.run_due(RAISED + timedelta(minutes=1)) == 0
    assert len(scheme.messenger.sent) == 2


def test_an_acknowledgement_slack_did_not_take_is_sent_once_by_the_outbox(scheme: Scheme) -> None:
    concern_id = raised(scheme)
    at = RAISED + timedelta(hours=1)
    scheme.messenger.failing = True
    assert scheme.concerns.acknowledge(TEAM_MEMBER, concern_id, at).status == "acknowledged"
    scheme.messenger.failing = False
    assert scheme.messenger.sent == []
    assert scheme.deliveries.upcoming(at) == at + LEASE
    assert scheme.deliveries.run_due(at + LEASE + SECOND) == 2, "the alert brought up to date too"
    [(to, told)] = scheme.messenger.of(ConcernAcknowledged)
    assert (to, told.concern_id, told.by) == (SUNITA, concern_id, "Tom Hughes")
    assert scheme.deliveries.run_due(at + timedelta(minutes=5)) == 0
    assert len(scheme.messenger.sent) == 2


def test_a_resolution_slack_did_not_take_is_sent_once_by_the_outbox(scheme: Scheme) -> None:
    concern_id = raised(scheme)
    at = RAISED + timedelta(days=1)
    scheme.messenger.failing = True
    scheme.concerns.resolve(TEAM_LEAD, concern_id, "Spoke to both; meeting booked.", at)
    scheme.messenger.failing = False
    assert scheme.deliveries.run_due(at + LEASE + SECOND) == 2, "the alert brought up to date too"
    assert [to for to, _ in scheme.messenger.of(ConcernResolved)] == [TEAM_CHANNEL]
    assert scheme.deliveries.run_due(at + timedelta(minutes=5)) == 0
