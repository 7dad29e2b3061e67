"""The requests use cases over the real storage: asking, the team's and the approver's answers
with their audit trail, who may do what, and the person's data. Autumn dates before the launch
(13 November 2025, face to face): UK time is UTC."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from bot.errors import NotAParticipant, TeamOnly, TooLong
from bot.participants.notices import MyDataFile
from bot.requests.errors import (
    CannotAct,
    EmptyRequest,
    EventNeeded,
    KindNotChosen,
    NoSuchRequest,
    NotFaceToFace,
    NotTheApprover,
    NotYourEvent,
)
from bot.requests.notices import (
    ApprovalAsked,
    RequestAnswered,
    RequestForTeam,
    RequestReceived,
)
from bot.requests.service import RequestsService
from handlers.slack.sender import LEASE
from tests.cast import APPROVER
from tests.services import (
    GRACE,
    OUTSIDER,
    SUNITA,
    TEAM_CHANNEL,
    TEAM_LEAD,
    TEAM_MEMBER,
    Scheme,
    email_of,
)

ASKED = datetime(2025, 11, 3, 10, tzinfo=UTC)
LATER = ASKED + timedelta(hours=2)
WORDS = "I use a wheelchair & need step-free access from the station."
HOTEL = "My train from Glasgow arrives too late: could I stay the night before?"


def asked(
    scheme: Scheme, kind: str = "adjustment", event: str | None = "launch", words: str = WORDS
) -> int:
    """Sunita's request, kept and sent; nothing else recorded as sent."""
    kept = scheme.requests.ask(SUNITA, kind, event, words, "command", ASKED)  # type: ignore[arg-type]
    scheme.requests.send(kept, ASKED)
    scheme.messenger.sent.clear()
    return kept.request_id


def trail(scheme: Scheme, request_id: int) -> list[tuple[str, str, str]]:
    """(what, who, note) of each step, as the team's list shows them."""
    [view] = [v for v in scheme.requests.for_team(TEAM_LEAD) if v.request.id == request_id]
    return [(e.action, e.actor, e.note) for e in view.history]


def test_a_request_is_kept_with_its_messages_and_nothing_is_sent_until_it_is_sent(
    scheme: Scheme,
) -> None:
    kept = scheme.requests.ask(SUNITA, "adjustment", "launch", f"  {WORDS}  ", "home", ASKED)
    assert scheme.messenger.sent == []
    [view] = scheme.requests.for_team(TEAM_LEAD)
    r = view.request
    assert (r.kind, r.event_id, r.details, r.source, r.status) == (
        "adjustment",
        "launch",
        WORDS,
        "home",
        "open",
    )
    assert view.requester == "Sunita Rao"
    assert trail(scheme, kept.request_id) == [("asked", SUNITA, "")]


def test_an_adjustment_goes_to_the_team_channel_and_the_person_gets_a_receipt(
    scheme: Scheme,
) -> None:
    kept = scheme.requests.ask(SUNITA, "adjustment", None, WORDS, "command", ASKED)
    scheme.requests.send(kept, ASKED)
    [(to, team)] = scheme.messenger.of(RequestForTeam)
    assert (to, team.request.details, team.event, team.key) == (
        TEAM_CHANNEL,
        WORDS,
        None,
        f"request:{kept.request_id}:team",
    )
    [(told, receipt)] = scheme.messenger.of(RequestReceived)
    assert (told, receipt.asked, receipt.approver) == (SUNITA, "adjustment", None)
    assert scheme.messenger.of(ApprovalAsked) == [], "no approver for an adjustment"
    assert {s.to for s in scheme.messenger.sent} == {TEAM_CHANNEL, SUNITA}
    scheme.requests.send(kept, ASKED + timedelta(minutes=1))
    assert len(scheme.messenger.sent) == 2, "sent once"


def test_accommodation_also_goes_to_the_approver_the_programme_names(scheme: Scheme) -> None:
    kept = scheme.requests.ask(SUNITA, "accommodation", "launch", HOTEL, "event", ASKED)
    scheme.requests.send(kept, ASKED)
    [(to, asking)] = scheme.messenger.of(ApprovalAsked)
    assert (to, asking.request.details, asking.request.status) == (
        APPROVER,
        HOTEL,
        "awaiting_approval",
    )
    [(_, receipt)] = scheme.messenger.of(RequestReceived)
    assert receipt.approver is not None and receipt.approver.name == "Dr Morgan Ellis"
    assert {s.to for s in scheme.messenger.sent} == {TEAM_CHANNEL, APPROVER, SUNITA}


def test_what_cannot_be_kept_is_refused_and_nothing_is_kept(scheme: Scheme) -> None:
    ask = scheme.requests.ask
    with pytest.raises(KindNotChosen):
        ask(SUNITA, None, "launch", WORDS, "command", ASKED)
    with pytest.raises(KindNotChosen):
        ask(SUNITA, "a pony", "launch", WORDS, "command", ASKED)  # type: ignore[arg-type]
    with pytest.raises(EmptyRequest):
        ask(SUNITA, "adjustment", None, "   ", "command", ASKED)
    with pytest.raises(TooLong) as too_long:
        ask(SUNITA, "adjustment", None, "x" * 3001, "command", ASKED)
    assert (too_long.value.field, too_long.value.limit) == ("details", 3000)
    with pytest.raises(EventNeeded) as needed:
        ask(SUNITA, "travel", None, WORDS, "command", ASKED)
    assert needed.value.field == "event"
    with pytest.raises(NotFaceToFace):
        ask(SUNITA, "accommodation", "networking-jan-2026", HOTEL, "command", ASKED)
    with pytest.raises(NotYourEvent) as not_hers:
        ask(SUNITA, "adjustment", "training-mentors", WORDS, "command", ASKED)
    assert not_hers.value.yours[:2] == ("training-mentees", "launch")
    with pytest.raises(NotYourEvent):
        ask(SUNITA, "adjustment", "launch", WORDS, "command", datetime(2025, 11, 14, tzinfo=UTC))
    with pytest.raises(NotAParticipant):
        ask(OUTSIDER, "adjustment", None, WORDS, "command", ASKED)
    assert scheme.requests.for_team(TEAM_LEAD) == []
    assert scheme.messenger.sent == []


def test_the_team_acknowledges_then_resolves_with_a_note_and_the_person_hears_each(
    scheme: Scheme,
) -> None:
    request_id = asked(scheme)
    assert scheme.requests.acknowledge(TEAM_MEMBER, request_id, ASKED).status == "acknowledged"
    note = "We've arranged a ramp at the side entrance & a reserved seat."
    assert scheme.requests.resolve(TEAM_LEAD, request_id, f" {note} ", LATER).status == "resolved"

    answers = [(to, n.step, n.by, n.note) for to, n in scheme.messenger.of(RequestAnswered)]
    assert answers == [
        (SUNITA, "acknowledge", "Tom Hughes", ""),
        (SUNITA, "resolve", "Priya Anand", note),
    ]
    shown = [(to, n.key, n.version, n.last) for to, n in scheme.messenger.of(RequestForTeam)]
    assert [(to, key, version) for to, key, version, _ in shown] == [
        (TEAM_CHANNEL, f"request:{request_id}:team:acknowledged", 1),
        (TEAM_CHANNEL, f"request:{request_id}:team:resolved", 2),
    ], "the team's message follows each step"
    assert trail(scheme, request_id) == [
        ("asked", SUNITA, ""),
        ("acknowledged", TEAM_MEMBER, ""),
        ("resolved", TEAM_LEAD, note),
    ]
    with pytest.raises(CannotAct) as refused:
        scheme.requests.resolve(TEAM_MEMBER, request_id, "", LATER)
    assert refused.value.reason == "already_done"


def test_a_request_may_be_resolved_without_acknowledging_it_first_or_a_note(
    scheme: Scheme,
) -> None:
    request_id = asked(scheme, "travel")
    scheme.requests.resolve(TEAM_LEAD, request_id, "", LATER)
    [(_, answered)] = scheme.messenger.of(RequestAnswered)
    assert (answered.step, answered.note, answered.asked) == ("resolve", "", "travel")


def test_the_approver_approves_accommodation_and_everyone_who_has_it_sees_so(
    scheme: Scheme,
) -> None:
    request_id = asked(scheme, "accommodation", words=HOTEL)
    assert scheme.requests.approve(APPROVER, request_id, LATER).status == "approved"

    [(told, answered)] = scheme.messenger.of(RequestAnswered)
    assert (told, answered.step, answered.by) == (SUNITA, "approve", "Dr Morgan Ellis")
    [(team, shown)] = scheme.messenger.of(RequestForTeam)
    assert (team, shown.request.status, shown.version) == (TEAM_CHANNEL, "approved", 2)
    [(approver, theirs)] = scheme.messenger.of(ApprovalAsked)
    assert (approver, theirs.key, theirs.original) == (
        APPROVER,
        f"request:{request_id}:approval:approved",
        f"request:{request_id}:approval",
    )
    assert trail(scheme, request_id)[-1] == ("approved", APPROVER, "")


def test_the_approver_declines_with_a_reason_the_person_is_told(scheme: Scheme) -> None:
    request_id = asked(scheme, "accommodation", words=HOTEL)
    reason = "The launch ends at 15:00; an early train on the day is covered instead."
    scheme.requests.decline(APPROVER, request_id, reason, LATER)
    [(_, answered)] = scheme.messenger.of(RequestAnswered)
    assert (answered.step, answered.note) == ("decline", reason)
    assert trail(scheme, request_id)[-1] == ("declined", APPROVER, reason)
    with pytest.raises(CannotAct):
        scheme.requests.approve(APPROVER, request_id, LATER)


def test_only_the_named_approver_decides_and_the_team_cannot_answer_for_them(
    scheme: Scheme,
) -> None:
    request_id = asked(scheme, "accommodation", words=HOTEL)
    for someone in (TEAM_LEAD, SUNITA, GRACE):
        with pytest.raises(NotTheApprover) as refused:
            scheme.requests.approve(someone, request_id, LATER)
        assert refused.value.name == "Dr Morgan Ellis"
        with pytest.raises(NotTheApprover):
            scheme.requests.decline(someone, request_id, "", LATER)
    with pytest.raises(CannotAct) as waiting:
        scheme.requests.resolve(TEAM_LEAD, request_id, "booked", LATER)
    assert waiting.value.reason == "awaiting_approval"
    with pytest.raises(CannotAct) as not_asked:
        scheme.requests.approve(APPROVER, asked(scheme), LATER)  # an adjustment
    assert not_asked.value.reason == "not_for_approval"
    assert trail(scheme, request_id) == [("asked", SUNITA, "")]
    assert scheme.messenger.sent == []


def test_the_approver_lists_what_waits_for_her_and_what_she_decided_in_the_order_asked(
    scheme: Scheme,
) -> None:
    first = asked(scheme, "accommodation", words=HOTEL)
    asked(scheme)  # an adjustment: the team's, never the approver's
    second = asked(scheme, "accommodation", words=HOTEL)
    waiting = [(v.request.id, v.request.status) for v in scheme.requests.for_approver(APPROVER)]
    assert waiting == [(first, "awaiting_approval"), (second, "awaiting_approval")]
    scheme.requests.approve(APPROVER, first, LATER)
    [decided, still] = scheme.requests.for_approver(APPROVER)
    assert (decided.request.id, decided.request.status, decided.requester) == (
        first,
        "approved",
        "Sunita Rao",
    )
    assert decided.history[-1].at == LATER
    assert (still.request.id, still.request.status) == (second, "awaiting_approval")
    for someone in (TEAM_LEAD, SUNITA, OUTSIDER):
        with pytest.raises(NotTheApprover):
            scheme.requests.for_approver(someone)


def test_only_the_project_team_answers_or_lists_requests(scheme: Scheme) -> None:
    request_id = asked(scheme)
    for step in (scheme.requests.acknowledge, scheme.requests.approve):
        with pytest.raises((TeamOnly, NotTheApprover)):
            step(GRACE, request_id, LATER)
    with pytest.raises(TeamOnly):
        scheme.requests.for_team(SUNITA)
    with pytest.raises(NoSuchRequest):
        scheme.requests.acknowledge(TEAM_LEAD, 99, LATER)
    assert trail(scheme, request_id) == [("asked", SUNITA, "")]


def test_without_an_approver_in_slack_the_team_answers_accommodation_itself(
    scheme: Scheme,
) -> None:
    approvals = scheme.programme.approvals.model_copy(update={"accommodation": None})
    programme = scheme.programme.model_copy(update={"approvals": approvals})
    requests = RequestsService(programme, scheme.uow, scheme.deliveries, scheme.team)
    kept = requests.ask(SUNITA, "accommodation", "launch", HOTEL, "command", ASKED)
    requests.send(kept, ASKED)
    assert scheme.messenger.of(ApprovalAsked) == []
    assert requests.resolve(TEAM_LEAD, kept.request_id, "Booked.", LATER).status == "resolved"
    with pytest.raises(NotTheApprover) as refused:
        requests.approve(TEAM_LEAD, kept.request_id, LATER)
    assert refused.value.name is None


def test_each_person_sees_only_their_own_requests(scheme: Scheme) -> None:
    mine = asked(scheme)
    assert [r.id for r in scheme.requests.mine(SUNITA)] == [mine]
    assert scheme.requests.mine(GRACE) == []
    assert scheme.requests.mine(OUTSIDER) == []


def test_an_answer_slack_did_not_take_is_sent_once_by_the_outbox(scheme: Scheme) -> None:
    request_id = asked(scheme, "accommodation", words=HOTEL)
    scheme.messenger.failing = True
    scheme.requests.approve(APPROVER, request_id, LATER)
    scheme.messenger.failing = False
    assert scheme.messenger.sent == []
    assert scheme.deliveries.run_due(LATER + LEASE + timedelta(seconds=1)) == 3
    assert {to for to, _ in scheme.messenger.of(RequestAnswered)} == {SUNITA}
    assert scheme.deliveries.run_due(LATER + timedelta(minutes=5)) == 0


def test_the_persons_data_holds_their_requests_and_every_step(scheme: Scheme) -> None:
    request_id = asked(scheme, "accommodation", words=HOTEL)
    scheme.requests.decline(APPROVER, request_id, "Not this time.", LATER)
    scheme.privacy.send_my_data(SUNITA, LATER)
    [(to, file)] = scheme.messenger.of(MyDataFile)
    [made] = json.loads(file.content)["requests_you_made"]
    assert to == SUNITA
    assert (made["number"], made["kind"], made["event"], made["details"], made["status"]) == (
        request_id,
        "accommodation",
        "launch",
        HOTEL,
        "declined",
    )
    assert [(s["what"], s["note"]) for s in made["steps"]] == [
        ("asked", ""),
        ("declined", "Not this time."),
    ]
    scheme.privacy.send_my_data(GRACE, LATER)
    [_, (_, graces)] = scheme.messenger.of(MyDataFile)
    assert json.loads(graces.content)["requests_you_made"] == []


def test_erasing_the_person_keeps_the_trail_anonymised_without_their_words(scheme: Scheme) -> None:
    request_id = asked(scheme)
    scheme.requests.resolve(TEAM_LEAD, request_id, "Ramp booked for you, Sunita.", LATER)
    scheme.privacy.erase(email_of(SUNITA), LATER)
    [view] = scheme.requests.for_team(TEAM_LEAD)
    assert (view.request.details, view.request.status) == ("[erased]", "resolved")
    assert [(e.action, e.actor, e.note) for e in view.history] == [
        ("asked", "erased participant", ""),
        ("resolved", TEAM_LEAD, ""),
    ]
    assert view.requester == "Erased participant"


def test_a_declined_request_is_in_the_persons_data_and_nothing_of_them_is_left_once_erased(
    scheme: Scheme,
) -> None:
    """Moved down from the scenario (the command line's erase is the concerns scenario's):
    every row of the requests and their steps, as the database holds them."""
    secret = "I am having chemotherapy and tire easily: I need a quiet room to rest in."
    request_id = asked(scheme, "accommodation", words=secret)
    scheme.requests.decline(APPROVER, request_id, "Sunita, the budget is spent.", LATER)
    scheme.privacy.send_my_data(SUNITA, LATER)
    [(_, file)] = scheme.messenger.of(MyDataFile)
    [made] = json.loads(file.content)["requests_you_made"]
    assert (made["details"], made["status"], made["steps"][-1]["note"]) == (
        secret,
        "declined",
        "Sunita, the budget is spent.",
    )

    scheme.privacy.erase(email_of(SUNITA), LATER)
    with scheme.uow() as uow:
        kept = " ".join(
            str(row)
            for table in ("requests", "request_events")
            for row in uow._session.execute(text(f"SELECT * FROM {table}")).all()
        )
        steps = uow._session.execute(
            text("SELECT action, actor FROM request_events ORDER BY id")
        ).all()
    assert "chemotherapy" not in kept and "Sunita" not in kept and SUNITA not in kept
    assert [tuple(s) for s in steps] == [("asked", "erased participant"), ("declined", APPROVER)]
