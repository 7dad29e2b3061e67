"""The CPD use cases over the real storage: a person's record made from the events they said
they would come to and their pair's meetings, sent as a Word document and a PDF in their
language to their own DM only; nothing sent while the record is empty."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.cpd.errors import NoActivityYet
from bot.cpd.notices import CpdDocx, CpdPdf
from bot.cpd.service import CpdService, is_training
from bot.errors import NotAParticipant
from bot.events.model import Answer
from tests.services import GRACE, OUTSIDER, START, SUNITA, Scheme

PAIRED = datetime(2026, 1, 5, 10, tzinfo=UTC)
ACCEPTED = datetime(2026, 1, 5, 11, tzinfo=UTC)
MET = datetime(2026, 1, 20, 17, tzinfo=UTC)
ASKED = datetime(2026, 2, 2, 9, tzinfo=UTC)


def cpd(scheme: Scheme) -> CpdService:
    """The service as mentorbot/app.py builds it."""
    return CpdService(scheme.programme, scheme.uow, scheme.deliveries)


def took_part(scheme: Scheme) -> None:
    """Sunita said she would come to her pre-launch training, the launch and the final
    celebration (in September), and not to her briefing; her pair met twice in January."""
    replies: list[tuple[str, Answer]] = [
        ("expectations-mentees", "no"),
        ("training-mentees", "yes"),
        ("launch", "yes"),
        ("final-celebration", "yes"),
    ]
    for event, answer in replies:
        scheme.events.reply(SUNITA, event, answer, START)
    scheme.start_pair(GRACE, SUNITA, PAIRED, ACCEPTED)
    scheme.checkins.log_meeting(SUNITA, date(2026, 1, 12), 45, "first chat", MET)
    scheme.checkins.log_meeting(GRACE, date(2026, 1, 19), 60, "career plans", MET)


def test_a_mentee_s_record_has_her_events_and_meetings_and_only_she_receives_it(
    scheme: Scheme,
) -> None:
    took_part(scheme)
    scheme.messenger.sent.clear()
    record = cpd(scheme).send_mine(SUNITA, ASKED)
    assert [(a.on, a.kind, a.learning, a.minutes) for a in record.activities] == [
        (date(2025, 11, 4), "training", "formal", 90),
        (date(2025, 11, 13), "event", "professional", 240),
        (date(2026, 1, 12), "meeting", "work_based", 45),
        (date(2026, 1, 19), "meeting", "work_based", 60),
    ]
    assert [a.title for a in record.activities[:2]] == [
        "Pre-launch online training (mentees)",
        "LMS Launch",
    ]
    assert [a.topics for a in record.activities[2:]] == ["first chat", "career plans"]
    assert (record.name, record.role, record.cohort, record.as_of) == (
        "Sunita Rao",
        "mentee",
        "2025-26",
        date(2026, 2, 2),
    )
    assert record.reflections == ()
    docx, pdf = scheme.messenger.of(CpdDocx), scheme.messenger.of(CpdPdf)
    assert [(to, f.record, f.language) for to, f in docx] == [(SUNITA, record, "en")]
    assert [(to, f.record, f.language) for to, f in pdf] == [(SUNITA, record, "en")]
    assert {s.to for s in scheme.messenger.sent} == {SUNITA}
    assert docx[0][1].filename.endswith(".docx") and pdf[0][1].filename.endswith(".pdf")


def test_her_mentor_s_meetings_are_a_professional_activity(scheme: Scheme) -> None:
    took_part(scheme)
    record = cpd(scheme).send_mine(GRACE, ASKED)
    assert [(a.kind, a.learning) for a in record.activities] == [
        ("meeting", "professional"),
        ("meeting", "professional"),
    ]


def test_a_welsh_reader_s_record_is_in_welsh_with_the_events_welsh_titles(
    scheme: Scheme,
) -> None:
    took_part(scheme)
    with scheme.uow() as uow:
        uow.participants.set_language(scheme.person(SUNITA).id, "cy", ASKED)
        uow.commit()
    record = cpd(scheme).send_mine(SUNITA, ASKED)
    assert record.activities[1].title == "Lansiad LMS"
    assert {f.language for _, f in scheme.messenger.of(CpdDocx) + scheme.messenger.of(CpdPdf)} == {
        "cy"
    }


def test_an_empty_record_is_refused_kindly_and_nothing_is_sent(scheme: Scheme) -> None:
    scheme.events.reply(SUNITA, "launch", "yes", START)  # the launch is still to come
    service = cpd(scheme)
    assert not service.has_record(SUNITA, START)
    with pytest.raises(NoActivityYet):
        service.send_mine(SUNITA, START)
    assert scheme.messenger.of(CpdDocx) == scheme.messenger.of(CpdPdf) == []
    assert service.has_record(SUNITA, ASKED)  # the launch is over


def test_someone_not_on_the_scheme_has_no_record(scheme: Scheme) -> None:
    assert not cpd(scheme).has_record(OUTSIDER, ASKED)
    with pytest.raises(NotAParticipant):
        cpd(scheme).send_mine(OUTSIDER, ASKED)


def test_training_and_briefings_are_formal_learning_the_launch_and_networking_are_not(
    scheme: Scheme,
) -> None:
    training = {e.id for e in scheme.programme.events if is_training(e)}
    assert training == {
        "expectations-mentees",
        "expectations-mentors",
        "training-mentees",
        "training-mentors",
        "networking-jan-2026",  # "Networking and training"
    }
