"""How requests read: what people typed reads as they typed it and never as Slack markup, long
words are never cut, the lists show no words at all, and every form and list fits Slack."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from bot.events.model import EventSchedule
from bot.events.rules import file_schedule
from bot.events.service import MyCalendar
from bot.participants.model import Participant
from bot.programme_file import load_programme
from bot.requests.errors import (
    CannotAct,
    ConcurrentChange,
    EmptyRequest,
    EventNeeded,
    KindNotChosen,
    NoSuchRequest,
    NotFaceToFace,
    NotTheApprover,
    NotYourEvent,
)
from bot.requests.model import EventChoice, Request, RequestEvent, Step
from bot.requests.notices import (
    ApprovalAsked,
    RequestAnswered,
    RequestForTeam,
    RequestReceived,
)
from bot.requests.service import RequestView
from bot.scheme import SHIPPED_PROGRAMME, Event
from handlers.i18n import WELSH, in_language
from handlers.views import console as console_view
from handlers.views import home as home_view
from handlers.views import requests as view
from handlers.views.common import user_error
from handlers.views.hub import Console, Mine
from tests import cast
from tests.cast import participant
from tests.seen import ESCAPED, TYPED, buttons, held, no_markup_in, texts, words

PROGRAMME = load_programme(SHIPPED_PROGRAMME)


def _shipped_event(event_id: str) -> Event:
    event = PROGRAMME.event(event_id)
    assert event is not None, f"the shipped programme has no {event_id}"
    return event


LAUNCH = _shipped_event("launch")
SCHEDULE = file_schedule(PROGRAMME, LAUNCH)
NOW = datetime(2025, 11, 3, 10, tzinfo=UTC)
SUNITA = participant(cast.SUNITA, 1)


def request(**changes: object) -> Request:
    fields: dict = {
        "id": 7,
        "requester_id": 1,
        "kind": "accommodation",
        "event_id": "launch",
        "details": "A room the night before, please.",
        "source": "event",
        "created_at": NOW,
        "status": "awaiting_approval",
    }
    return Request(**(fields | changes))


def for_team(
    r: Request, person: Participant = SUNITA, last: RequestEvent | None = None
) -> RequestForTeam:
    schedule = SCHEDULE if r.event_id else None
    return RequestForTeam(PROGRAMME, r, person, schedule, last)


def test_a_requests_words_cannot_notify_the_channel_or_the_approver() -> None:
    r = request(details=f"{TYPED}\nsecond line")
    team = view.request_for_team(for_team(r))
    approver = view.approval_asked(ApprovalAsked(PROGRAMME, r, SUNITA, SCHEDULE))
    for message in (team, approver):
        assert f"> {ESCAPED}\n> second line" in words(message)
        assert no_markup_in(message)


def test_the_persons_name_cannot_notify_anyone() -> None:
    named = Participant(1, TYPED, "x@example.org", "mentee", "USUNITA01")
    text, _ = view.request_for_team(for_team(request(), named))
    assert text == f"Private request #7 from {ESCAPED} (mentee): accommodation for LMS Launch"


def test_the_teams_message_says_what_when_where_and_who_approves() -> None:
    message = view.request_for_team(for_team(request()))
    seen = words(message)
    assert "*Event:* LMS Launch, Thursday 13 November 2025, 11:00–15:00 UK time (GMT)" in seen
    assert "*Asked from:* the event's reminder" in seen
    assert (
        "*Approval:* Dr Morgan Ellis, Executive Director of Professional Policy, who has it in "
        "their DM." in seen
    )
    assert "Status: waiting for Dr Morgan Ellis to decide" in seen
    assert "Acknowledge" not in buttons(message), "the approver's to answer, not the team's"


def test_the_teams_message_for_an_adjustment_has_its_buttons_until_it_is_resolved() -> None:
    adjustment = request(kind="adjustment", event_id=None, status="open", source="home")
    opened = view.request_for_team(for_team(adjustment))
    assert "*Event:* none named: to take part in the scheme" in words(opened)
    assert buttons(opened) == ["Acknowledge", "Resolved…"]
    note = RequestEvent(7, "resolved", "UTEAM0002", NOW, TYPED)
    done = view.request_for_team(for_team(request(kind="adjustment", status="resolved"), last=note))
    assert "Status: resolved by <@UTEAM0002>" in words(done)
    assert "The note to them:" in texts(done) and f"> {ESCAPED}" in words(done)
    assert buttons(done) == []
    assert no_markup_in(done)


def test_the_approvers_message_has_approve_and_decline_until_they_decide() -> None:
    waiting = view.approval_asked(ApprovalAsked(PROGRAMME, request(), SUNITA, SCHEDULE))
    assert (
        "Request #7 for your approval: Sunita Rao (mentee) asks for accommodation for LMS Launch"
        in words(waiting)
    )
    assert buttons(waiting) == ["Approve", "Decline…"]
    reason = RequestEvent(7, "declined", "UTEAM0003", NOW, "Not this time")
    declined = ApprovalAsked(PROGRAMME, request(status="declined"), SUNITA, SCHEDULE, reason)
    after = words(view.approval_asked(declined))
    assert "You declined this request." in after
    assert "The reason given:" in after and "> Not this time" in after
    assert buttons(view.approval_asked(declined)) == []


def test_a_long_note_fits_slacks_limits_wherever_it_is_shown() -> None:
    longest = RequestEvent(7, "declined", "UTEAM0003", NOW, "&" * 1000)
    declined = request(status="declined")
    for _, blocks in (
        view.request_for_team(for_team(declined, last=longest)),
        view.approval_asked(ApprovalAsked(PROGRAMME, declined, SUNITA, SCHEDULE, longest)),
    ):
        drawn = [b.to_dict() for b in blocks]  # slack_sdk refuses what Slack would
        lines = [
            line for b in drawn if b["type"] == "section" for line in b["text"]["text"].split("\n")
        ]
        assert "".join(line[2:] for line in lines if line.startswith("> &amp;")) == "&amp;" * 1000


def test_long_words_are_split_into_sections_and_none_is_lost() -> None:
    words = "&" * 3000 + "\n" + "<" * 2999 + "x"
    blocks = view.quoted(words)
    texts = [b.to_dict()["text"]["text"] for b in blocks]
    assert all(len(t) <= 3000 for t in texts)
    joined = "".join(line[2:] for t in texts for line in t.split("\n"))
    assert joined == "&amp;" * 3000 + "&lt;" * 2999 + "x"


def test_the_person_is_told_in_their_own_words_what_happens_next() -> None:
    approver = PROGRAMME.approvals.accommodation
    assert view.request_received(RequestReceived(7, "accommodation", LAUNCH, approver))[0] == (
        "Thank you. Your request #7 (accommodation for LMS Launch) has gone privately to the "
        "project team. It has also gone to Dr Morgan Ellis, Executive Director of Professional "
        "Policy, who decides on requests for a room. I'll tell you here when they have decided. "
        "Nobody else can see it."
    )
    assert (
        "who will talk with you about reasonable adjustments"
        in view.request_received(RequestReceived(8, "travel", LAUNCH, None))[0]
    )
    assert view.request_received(RequestReceived(9, "adjustment", None, None))[0].startswith(
        "Thank you. Your request #9 (a reasonable adjustment) has gone privately to the project team."
    )
    with in_language(WELSH):
        welsh = view.request_received(RequestReceived(7, "accommodation", LAUNCH, approver))[0]
    assert "Dr Morgan Ellis, Cyfarwyddwr Gweithredol Polisi Proffesiynol" in welsh


def test_each_answer_reads_kindly_and_a_note_reads_as_typed() -> None:
    def answered(step: Step, by: str | None = "Tom Hughes", note: str = "") -> str:
        return words(
            view.request_answered(RequestAnswered(7, "accommodation", LAUNCH, step, by, note))
        )

    assert "Tom Hughes from the project team has read your request #7" in answered("acknowledge")
    assert "A member of the project team has read" in answered("acknowledge", None)
    assert "is approved by Dr Morgan Ellis" in answered("approve", "Dr Morgan Ellis")
    declined = answered("decline", "Dr Morgan Ellis", TYPED)
    assert "was not approved by Dr Morgan Ellis" in declined and "Their reason:" in declined
    resolved = answered("resolve", "Priya Anand", TYPED)
    assert "is resolved by Priya Anand" in resolved and f"> {ESCAPED}" in resolved
    assert no_markup_in(declined + resolved)


def test_the_form_offers_the_persons_events_with_what_they_chose_already_chosen() -> None:
    choices = [
        EventChoice(LAUNCH, SCHEDULE),
        EventChoice(
            LAUNCH.model_copy(update={"id": "long", "title": "A" * 100}),
            EventSchedule("long", None, None),
        ),
    ]
    modal = view.request_modal(choices, PROGRAMME, "command", "travel", "launch").to_dict()
    inputs = {b["block_id"]: b for b in modal["blocks"] if b["type"] == "input"}
    assert list(inputs) == ["kind", "event", "details"]
    assert inputs["kind"]["element"]["initial_option"]["value"] == "travel"
    options = inputs["event"]["element"]["options"]
    assert [o["text"]["text"] for o in options] == [
        "LMS Launch (13 Nov 2025)",
        "A" * 52 + " (date to be confirmed)",
    ]
    assert inputs["event"]["element"]["initial_option"]["value"] == "launch"
    assert inputs["event"]["optional"] is True
    assert json.loads(modal["private_metadata"]) == {"source": "command"}
    bare = view.request_modal([], PROGRAMME, "home").to_dict()
    assert [b["block_id"] for b in bare["blocks"] if b["type"] == "input"] == ["kind", "details"]
    assert "initial_option" not in bare["blocks"][1]["element"]


def test_lists_name_requests_by_number_kind_and_status_and_never_by_their_words() -> None:
    secret = request(details="SECRET words")
    line = view.console_line(secret)
    assert line == "Request #7 · accommodation · waiting for approval"
    mine = Mine(None, (), [], None)
    console = Console([], [], [], {}, [], [secret])
    blocks = console_view.console_blocks(console, PROGRAMME, NOW)
    drawn = home_view.home_view(mine, PROGRAMME, NOW, blocks).to_dict()
    assert "Request #7 · accommodation · waiting for approval" in words(drawn)
    assert "SECRET" not in held(drawn)
    listing = view.team_requests_message([RequestView(secret, "Sunita Rao", [])], PROGRAMME)
    assert listing == (
        "*Requests* (1 still to answer)\n"
        "• #7 accommodation for LMS Launch: waiting for approval, from Sunita Rao, 03 Nov 10:00"
    )


def test_the_home_and_the_console_fit_with_thousands_of_requests() -> None:
    many = [request(id=n, status="open", kind="travel") for n in range(2000, 0, -1)]
    mine = Mine(None, (), [], None, many)
    console = Console([], [], [], {}, [], many)
    blocks = console_view.console_blocks(console, PROGRAMME, NOW)
    home = home_view.home_view(mine, PROGRAMME, NOW, blocks).to_dict()
    assert len(home["blocks"]) <= 100
    assert "And 1992 more requests: type `/mentoring team requests`" in words(home)
    person = Mine(MyCalendar("Europe/London", []), (), [], None, many)
    theirs = words(home_view.home_view(person, PROGRAMME, NOW, []).to_dict())
    assert "#2000 cannot travel to LMS Launch: with the project team" in theirs
    assert "And 1995 more: `/mentoring my-data` has them all." in theirs


def test_mistakes_with_requests_read_kindly() -> None:
    assert [
        user_error(error)
        for error in (
            KindNotChosen(),
            EmptyRequest(),
            EventNeeded("travel"),
            EventNeeded("accommodation"),
            NotFaceToFace(PROGRAMME.events[5]),
            NotYourEvent("<gala>", ("launch", "final-celebration")),
            NotYourEvent("launch", ()),
            NoSuchRequest(12),
            CannotAct(7, "already_done"),
            ConcurrentChange(7),
            NotTheApprover("Dr Morgan Ellis"),
            NotTheApprover(None),
        )
    ] == [
        "Please choose what you need.",
        "Please say a little about what would help, so the team can arrange it.",
        "Please choose the face-to-face event you can't travel to.",
        "Please choose the face-to-face event you need accommodation for.",
        "Networking and training (virtual) is online, so you won't need to travel or stay "
        "over. If you need help to take part online, choose “A reasonable adjustment”.",
        "`&lt;gala&gt;` is not one of your upcoming events; yours are: launch, final-celebration.",
        "`launch` is not one of your upcoming events; you have none coming up.",
        "There is no request #12.",
        "This request has already been answered.",
        "Someone else answered this request just now; nothing more was changed.",
        "Only Dr Morgan Ellis can do this.",
        "Only the approver named in the programme file can do this.",
    ]


def test_an_answer_is_a_later_version_of_the_same_message() -> None:
    first = for_team(request())
    later = for_team(
        request(status="approved"),
        last=RequestEvent(7, "approved", "UTEAM0003", NOW + timedelta(hours=1)),
    )
    assert (first.key, first.original, first.version) == ("request:7:team", "request:7:team", 0)
    assert (later.key, later.original, later.version) == (
        "request:7:team:approved",
        "request:7:team",
        2,
    )
    assert later.since == NOW
