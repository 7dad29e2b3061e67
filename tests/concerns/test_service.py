"""The concerns use cases over the real storage: raising, delivering to the team's private
channel, the team's work with its audit trail, escalation and automatic notices.
Winter dates: UK time is UTC."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.concerns.errors import CannotAct, EmptyConcern, NoResolutionNote, UrgencyNotChosen
from bot.concerns.notices import (
    ConcernAcknowledged,
    ConcernForTeam,
    ConcernReceived,
    ConcernResolved,
    LowScore,
    PairNeedsAttention,
)
from bot.errors import TeamOnly, TooLong
from bot.notices import Notice
from bot.pairs.notices import CheckInPrompt
from bot.participants.notices import MyDataFile
from handlers.slack.rendering import render_message
from handlers.slack.sender import LEASE
from handlers.views import pairs as pairs_view
from handlers.views import participants as participants_view
from handlers.views.common import user_error
from tests.services import GRACE, SUNITA, TEAM_CHANNEL, TEAM_LEAD, TEAM_MEMBER, Scheme
from tests.timeline import Timed, uk, walk

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


# Moved down from the scenarios: walked over days and weeks as the clock walks them -------------

SECRET = "My mentor shouted at me in our last meeting and I do not feel safe meeting alone."
BEGAN = uk("2026-01-05 09:30")  # a Monday: paired, and both accepted at once


def texts_in_the_team_channel(scheme: Scheme, kind: type[Notice]) -> list[str]:
    """The text of each message of one kind in the team's channel, as Slack shows it: a message
    revised since is shown as last sent, where it was first posted."""
    shown: dict[str, str] = {}
    for sent in scheme.messenger.sent:
        if sent.to == TEAM_CHANNEL and isinstance(sent.notice, kind):
            shown[sent.key] = render_message(sent.notice)[0]
    return list(shown.values())


def test_an_unacknowledged_report_on_a_friday_is_posted_again_on_monday_with_the_lead_mentioned(
    scheme: Scheme,
) -> None:
    """Four working hours from Friday 16:00 end at 11:30 on Monday, and then only once."""
    scheme.start_pair(GRACE, SUNITA, BEGAN, BEGAN)
    friday = uk("2026-01-09 16:00")
    scheme.concerns.raise_concern(
        SUNITA, "command", SECRET, friday, urgency="urgent", contact="Yes, by phone after 5pm"
    )
    scheme.concerns.deliver_pending(friday)
    walk(scheme, [scheme.concerns], friday, uk("2026-01-12 11:29"))
    assert len(texts_in_the_team_channel(scheme, ConcernForTeam)) == 1
    escalated = walk(scheme, [scheme.concerns], uk("2026-01-12 11:29"), uk("2026-01-13 12:00"))
    assert [at for at, _, n in escalated if isinstance(n, ConcernForTeam)] == [
        uk("2026-01-12 11:30")
    ]
    assert texts_in_the_team_channel(scheme, ConcernForTeam) == [
        ":lock: Concern #1 from Sunita Rao (mentee) (urgent)",
        "<@UTEAM0001> not yet acknowledged: :lock: Concern #1 from Sunita Rao (mentee) (urgent)",
    ]


def test_a_pair_that_never_met_and_a_low_score_each_raise_one_automatic_notice(
    scheme: Scheme,
) -> None:
    scheme.start_pair(GRACE, SUNITA, BEGAN, BEGAN)
    timed: list[Timed] = [scheme.checkins, scheme.concerns, scheme.evaluations]
    walk(scheme, timed, BEGAN, uk("2026-02-17 12:00"))  # six weeks without a meeting
    walk(scheme, timed, uk("2026-02-17 12:00"), uk("2026-03-02 10:00"))
    scheme.evaluations.message(GRACE, "start", uk("2026-03-02 10:00"))
    scheme.evaluations.message(GRACE, "1", uk("2026-03-02 10:00"))
    scheme.concerns.run_due(uk("2026-03-02 10:00"))
    scheme.concerns.run_due(uk("2026-03-02 10:00"))
    automatic = [
        render_message(s.notice)[0]
        for s in scheme.messenger.sent
        if s.to == TEAM_CHANNEL and isinstance(s.notice, (PairNeedsAttention, LowScore))
    ]
    assert automatic == [
        ":robot_face: From the bot, lower priority: Grace Mensah & Sunita Rao (Preparing) need attention: no meeting logged for 6 weeks.",
        ":robot_face: From the bot, lower priority: Grace Mensah (mentor) gave a low score in the mid-scheme check: 1 of 5 to “How valuable is your mentoring relationship so far?”",
    ]
    with scheme.uow() as uow:  # one per episode: keyed by the day the pair last met or began
        assert uow.deliveries.sent_keys_like("notice:attention:") == {
            "notice:attention:1:quiet:20260105"
        }


def test_not_yet_twice_in_a_row_raises_one_notice_in_the_words_of_the_teams_overview(
    scheme: Scheme,
) -> None:
    scheme.start_pair(GRACE, SUNITA, BEGAN, BEGAN)
    timed: list[Timed] = [scheme.checkins, scheme.concerns]
    now = BEGAN
    for _ in range(2):
        walk(scheme, timed, now, now + timedelta(weeks=2))
        now += timedelta(weeks=2)
        [*_, (_, prompt)] = scheme.messenger.of(CheckInPrompt)
        scheme.checkins.answer(SUNITA, prompt.checkin_id, "not_yet", now)
    scheme.concerns.run_due(now)
    scheme.concerns.run_due(now)
    assert texts_in_the_team_channel(scheme, PairNeedsAttention) == [
        ":robot_face: From the bot, lower priority: Grace Mensah & Sunita Rao (Preparing) "
        "need attention: answered “Not yet” 2 times in a row."
    ]
    overview = pairs_view.team_pairs_message(scheme.checkins.team_overview(TEAM_LEAD, now))
    assert "needs attention: answered “Not yet” 2 times in a row." in overview
    with scheme.uow() as uow:
        assert uow.deliveries.sent_keys_like("notice:attention:") == {
            "notice:attention:1:not-yet:20260105"
        }


def test_after_a_breakdown_the_team_pauses_the_pair_then_ends_it_and_each_is_told_separately(
    scheme: Scheme,
) -> None:
    scheme.start_pair(GRACE, SUNITA, BEGAN, BEGAN)
    scheme.pairing.pause_pair(TEAM_LEAD, SUNITA, date(2026, 2, 2), BEGAN)
    assert (
        pairs_view.pair_paused_reply(SUNITA, date(2026, 2, 2))
        == "Done: <@USUNITA01>'s pair has no check-ins until 02 February 2026."
    )
    with pytest.raises(TeamOnly) as refused:
        scheme.pairing.pause_pair(SUNITA, SUNITA, date(2026, 2, 2), BEGAN)
    assert user_error(refused.value) == "Only the project team can do this."
    ended = uk("2026-02-01 12:00")
    walk(scheme, [scheme.checkins], BEGAN, ended)
    assert scheme.messenger.of(CheckInPrompt) == []
    scheme.pairing.unpair(TEAM_LEAD, GRACE, "the relationship broke down", ended)
    told = {who: render_message(scheme.messenger.to(who)[-1])[0] for who in (GRACE, SUNITA)}
    assert told[GRACE].startswith("Your mentoring pairing with Sunita Rao has now ended.")
    assert told[SUNITA].startswith("Your mentoring pairing with Grace Mensah has now ended.")
    assert "broke down" not in told[GRACE] + told[SUNITA]


def test_a_participant_gets_what_the_bot_holds_about_them_in_their_own_dm(scheme: Scheme) -> None:
    """Moved down from the scenario: her concern and her pair's meeting are in her data, which
    goes to her own DM and nowhere else."""
    scheme.start_pair(GRACE, SUNITA, BEGAN, BEGAN)
    now = uk("2026-01-05 12:00")
    scheme.concerns.raise_concern(
        SUNITA, "command", SECRET, now, urgency="urgent", contact="Yes, by phone after 5pm"
    )
    scheme.concerns.deliver_pending(now)
    scheme.checkins.log_meeting(SUNITA, date(2026, 1, 5), 30, "first chat", now)
    scheme.privacy.send_my_data(SUNITA, now)
    assert (
        participants_view.my_data_sent()
        == "I've put a file in our direct messages with everything I hold about you."
    )
    [(to, file)] = scheme.messenger.of(MyDataFile)
    assert to == SUNITA, "her own DM and nowhere else"
    data = json.loads(file.content)
    assert data["you"]["email"] == "sunita.rao@example.nhs.uk"
    assert (
        data["your_pairs"][0]["partner"] == "Grace Mensah"
        and data["your_pairs"][0]["meetings"][0]["topics"] == "first chat"
    )
    assert data["concerns_you_raised"][0]["text"] == SECRET
