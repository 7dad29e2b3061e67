"""Kept notices are data, not code: every kind written as versioned JSON and read back equal,
rows kept by the previous release (pickles) read or set aside, and a row no release can read
set aside without holding up the others."""

from __future__ import annotations

import io
import json
import logging
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time
from sqlalchemy import Engine, insert, select

from bot.events.model import EventSchedule
from bot.events.notices import EventReminder
from bot.notice_json import (
    _MOVED,
    NoticeCodec,
    UnreadableNotice,
    _LegacyUnpickler,
    notice_classes,
)
from bot.notices import Delivery, Notice, Outgoing
from bot.pairs.notices import CheckInPrompt
from bot.participants.notices import MyDataFile
from bot.programme_file import load_programme
from bot.scheme import SHIPPED_PROGRAMME
from storage.database import make_sessions
from storage.outbox import DeliveryRecord
from storage.unit_of_work import SqlUnitOfWorkFactory
from tests.accessibility.examples import PROGRAMME, notice_examples

NOW = datetime(2025, 11, 6, 11, 0, tzinfo=UTC)
LEGACY = Path(__file__).parent / "data"
CODEC = NoticeCodec(PROGRAMME)
LEASE = timedelta(seconds=45)


def every_example() -> list[Notice]:
    return [e.notice for examples in notice_examples().values() for e in examples]


@pytest.mark.parametrize("notice", every_example(), ids=lambda n: type(n).__name__)
def test_every_kind_of_notice_is_read_back_as_it_was_written(notice: Notice) -> None:
    stored = CODEC.encode(notice)
    document = json.loads(stored)
    assert (document["v"], document["kind"]) == (1, notice.kind)
    assert type(notice).__module__.encode() not in stored, "no module is named"
    assert CODEC.decode(stored) == notice


def test_every_kind_that_can_be_kept_has_an_example_to_check() -> None:
    examples = set(notice_examples())
    # AutomaticNotice is only ever kept as one of its subclasses.
    bots = [c for c in notice_classes() if c.__module__.startswith("bot.")]  # not the tests'
    assert {c.__name__ for c in bots if c not in examples} <= {"AutomaticNotice"}


def test_programme_parts_are_written_as_references_and_read_back_as_the_live_ones() -> None:
    reminder = next(n for n in every_example() if isinstance(n, EventReminder))
    assert isinstance(reminder, EventReminder)
    document = json.loads(CODEC.encode(reminder))
    assert document["fields"]["event"] == {"$ref": ["programme", "events", reminder.event.id]}
    back = CODEC.decode(CODEC.encode(reminder))
    assert isinstance(back, EventReminder) and back.event is reminder.event


def test_a_zoned_time_keeps_its_zone_so_days_count_across_a_clock_change() -> None:
    london = ZoneInfo("Europe/London")
    before_the_change = datetime(2025, 10, 25, 10, 0, tzinfo=london)
    notice = MyDataFile("U1", before_the_change, b"{}")
    back = CODEC.decode(CODEC.encode(notice))
    assert isinstance(back, MyDataFile) and back.made_at.tzinfo == london
    assert (back.made_at + timedelta(days=1)).utcoffset() == timedelta(0)


def test_a_notice_is_read_back_under_a_frozen_clock_too() -> None:
    notice = CheckInPrompt(4, 11, 2, "negotiation", date(2025, 11, 20), False)
    with freeze_time("2025-11-06 11:00:00"):
        frozen = NoticeCodec().encode(MyDataFile("U1", datetime.now(UTC), b"{}"))
        assert NoticeCodec().decode(CODEC.encode(notice)) == notice
    assert NoticeCodec().decode(frozen) == MyDataFile("U1", NOW, b"{}")


@pytest.mark.parametrize(
    "stored",
    [
        b"\x00not a notice",
        b"{not json",
        b'{"v": 2, "kind": "checkin", "fields": {}}',
        b'{"v": 1, "kind": "no-such-kind", "fields": {}}',
        b'{"v": 1, "kind": "checkin", "fields": {"pair_id": "four"}}',
        b'{"v": 1, "kind": "reminder", "fields": {"event": {"$ref": ["programme", "x"]}}}',
    ],
)
def test_what_cannot_be_read_says_so_in_one_way(stored: bytes) -> None:
    with pytest.raises(UnreadableNotice):
        CODEC.decode(stored)


# Rows kept by the previous release --------------------------------------------------------


@pytest.fixture
def uow(engine: Engine) -> SqlUnitOfWorkFactory:
    """The ledger with the shipped programme's parts, which the kept notices name."""
    return SqlUnitOfWorkFactory(
        make_sessions(engine), NoticeCodec(load_programme(SHIPPED_PROGRAMME))
    )


def keep_as_stored(engine: Engine, notices: dict[str, bytes]) -> None:
    """Rows as another release left them pending, by key."""
    row = {
        "kind": "x",
        "subject": "x",
        "recipient": "U1",
        "status": "pending",
        "first_tried_at": NOW,
    }
    with engine.begin() as connection:
        rows = [row | {"key": key, "notice": notice} for key, notice in notices.items()]
        connection.execute(insert(DeliveryRecord), rows)


def statuses(engine: Engine) -> dict[str, str]:
    with engine.connect() as connection:
        rows = connection.execute(select(DeliveryRecord.key, DeliveryRecord.status))
        return {key: status for key, status in rows}


@pytest.mark.both_databases
def test_rows_the_previous_release_kept_are_read_or_set_aside_and_never_block_a_claim(
    engine: Engine, uow: SqlUnitOfWorkFactory, caplog: pytest.LogCaptureFixture
) -> None:
    legacy = {path.stem: bytes.fromhex(path.read_text()) for path in LEGACY.glob("*.hex")}
    keep_as_stored(engine, legacy)
    with caplog.at_level(logging.ERROR), uow() as work:
        claimed = work.deliveries.claim_due(NOW, LEASE, 100)
        work.commit()
    read = {p.delivery.key: p.notice for p in claimed}
    assert sorted(read) == [
        "legacy-checkin",
        "legacy-eval-invite",
        "legacy-my-data",
        "legacy-pair-intro",
        "legacy-reminder",
    ]
    reminder = read["legacy-reminder"]
    assert isinstance(reminder, EventReminder) and reminder.schedule == EventSchedule(
        "launch",
        datetime(2025, 11, 13, 11, 0, tzinfo=ZoneInfo("Europe/London")),
        datetime(2025, 11, 13, 15, 0, tzinfo=ZoneInfo("Europe/London")),
    )
    set_aside = {key for key, status in statuses(engine).items() if status == "unreadable"}
    assert set_aside == {"legacy-moved-module", "legacy-retired-event"}
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "legacy-moved-module" in logged and "legacy-retired-event" in logged
    assert "Sunita" not in logged, "the key, never the content"


@pytest.mark.both_databases
def test_a_row_no_release_can_read_is_set_aside_and_the_rows_after_it_still_go(
    engine: Engine, uow: SqlUnitOfWorkFactory
) -> None:
    keep_as_stored(engine, {"garbage": b'{"v": 1, "kind": "no-such-kind", "fields": {}}'})
    notice = MyDataFile("U1", NOW, b"{}")
    with uow() as work:
        work.deliveries.add([Outgoing(Delivery("fine", "my-data", "U1", "U1", None), notice)], NOW)
        work.commit()
    claims = []
    for _ in range(2):  # one at a time: the garbage first, then the row after it
        with uow() as work:
            claims.append([p.delivery.key for p in work.deliveries.claim_due(NOW, LEASE, 1)])
            work.commit()
    assert claims == [[], ["fine"]]
    assert statuses(engine) == {"garbage": "unreadable", "fine": "pending"}


def test_a_reply_keeps_the_error_it_words_with_the_programme_part_it_names() -> None:
    from bot.errors import NotAParticipant, TooLong
    from bot.evaluations.errors import NotInvited
    from bot.evaluations.notices import EvaluationReply
    from tests.accessibility.examples import MID_SCHEME

    for error in (NotAParticipant(), TooLong("note", 3, 5), NotInvited(MID_SCHEME)):
        reply = EvaluationReply(None, None, "U1", "dm-reply:1", error)
        assert CODEC.decode(CODEC.encode(reply)) == reply
    back = CODEC.decode(CODEC.encode(reply))
    assert isinstance(back, EvaluationReply) and isinstance(back.error, NotInvited)
    assert back.error.form is MID_SCHEME, "the live form"


@pytest.mark.parametrize(("module", "name"), sorted(_MOVED))
def test_a_class_an_old_pickle_names_where_it_lived_is_found_where_it_lives(
    module: str, name: str
) -> None:
    """LEGACY, with the pickle reader: a pickle names a class by module and name (opcode c)."""
    found = _LegacyUnpickler(io.BytesIO(f"c{module}\n{name}\n.".encode()), {}).load()
    assert (found.__module__, found.__name__) == (_MOVED[(module, name)], name)
