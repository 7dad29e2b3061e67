"""A person's erasure, at their request, leaves nothing behind that identifies them: after
Sunita has taken part in every feature, through its use cases, and is erased, no column of any
table (read from the database itself, so a table added later is read too) holds her Slack id,
email, name or DM channel. On SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, MetaData

from bot.applications.model import Applicant
from bot.applications.service import ApplicationsService
from bot.cpd.service import CpdService
from bot.evaluations.model import InboxItem
from bot.events.feeds import CalendarFeeds
from bot.goals.model import Boundaries, GoalDraft
from bot.goals.service import GoalsService
from bot.matching.ports import MenteeChoice
from bot.notice_json import NoticeCodec
from bot.pulse.service import PulseService
from bot.reflections.notices import MeetingReflectionOffer
from bot.reflections.service import ReflectionsService
from storage.database import make_sessions
from storage.unit_of_work import SqlUnitOfWorkFactory
from tests.applications.window import MENTEE, taking_applications
from tests.services import (
    COHORT_CSV,
    GRACE,
    OLIVER,
    SERVER_SECRET,
    START,
    SUNITA,
    TEAM_LEAD,
    Scheme,
    build_scheme,
)

pytestmark = pytest.mark.both_databases

FIRST_PAIRED = datetime(2025, 10, 3, 10, tzinfo=UTC)  # with Oliver, ended by the team
PAIRED = datetime(2025, 10, 6, 10, tzinfo=UTC)  # a Monday, with Grace
APPLIED = datetime(2025, 10, 8, 9, tzinfo=UTC)  # the next cohort's window is open
BASELINE = datetime(2025, 11, 17, 9, tzinfo=UTC)  # the baseline form opens
MET = datetime(2025, 11, 18, 11, tzinfo=UTC)
ASKED = datetime(2025, 11, 18, 12, tzinfo=UTC)
ERASED = datetime(2025, 11, 20, 10, tzinfo=UTC)
DM_CHANNEL = "DSUNITA01"
# What identifies her: Slack id, email, name (and first name alone), DM channel.
HER = ("USUNITA01", "sunita.rao@example.nhs.uk", "Sunita Rao", "Sunita", DM_CHANNEL)
BASELINE_ANSWERS = ("4", "3", "no", "skip", "6", "Confidence to lead a team")


@pytest.fixture
def scheme(engine: Engine) -> Scheme:
    """tests/services.py's scheme, over this test's database (SQLite or PostgreSQL)."""
    built = build_scheme(SqlUnitOfWorkFactory(make_sessions(engine)))
    built.events.apply_programme_file(START)
    built.import_people(COHORT_CSV, START)
    return built


def sunita_takes_part_in_everything(scheme: Scheme) -> None:
    """Through each feature's use cases, as she would through Slack: she applies for the next
    cohort, is paired with Oliver (the team ends it, saying why) and then Grace, replies to an event, takes a calendar feed, answers the
    baseline by DM, logs and reflects on a meeting, sets goals, answers the fit question,
    raises a concern (the team's note on it names her) and makes a request, and asks for her data and her CPD record, these last
    while Slack is down, so they wait in the outbox. (Certificates keep no rows: each is made
    from these when asked for.)"""
    programme = scheme.programme
    applications = ApplicationsService(
        taking_applications(), scheme.uow, scheme.deliveries, scheme.team
    )
    applicant = Applicant("sunita.rao@example.nhs.uk", "Sunita Rao", SUNITA, "cy")
    application = applications.apply(applicant, replace(MENTEE, employer="Sunita's ward"), APPLIED)
    with scheme.uow.for_cohort("2026-27")() as work:
        work.match_choices.keep(
            [MenteeChoice(application.id, "unmatched", None, TEAM_LEAD, APPLIED)]
        )
        work.reader_languages.choose(SUNITA, "cy", APPLIED)
        work.channels.put(SUNITA, DM_CHANNEL)
        work.channels.put(f"{GRACE},{SUNITA}", "GSUNITAGRACE")
        work.commit()

    scheme.pairing.pair(TEAM_LEAD, OLIVER, SUNITA, FIRST_PAIRED)
    scheme.pairing.unpair(TEAM_LEAD, SUNITA, "Sunita moves wards", FIRST_PAIRED)
    scheme.start_pair(GRACE, SUNITA, PAIRED, PAIRED)
    scheme.events.reply(SUNITA, "launch", "yes", PAIRED)
    CalendarFeeds(programme, scheme.uow, SERVER_SECRET.encode()).address(SUNITA, PAIRED)

    scheme.evaluations.run_due(BASELINE)
    for number, text in enumerate(("start", *BASELINE_ANSWERS)):
        scheme.inbox.accept(InboxItem(f"Ev{number}", SUNITA, DM_CHANNEL, text, BASELINE))
    scheme.inbox.drain(BASELINE)

    scheme.checkins.log_meeting(SUNITA, date(2025, 11, 18), 45, "Sunita's rota", MET)
    reflections = ReflectionsService(programme, scheme.uow, scheme.deliveries, scheme.team)
    reflections.run_due(MET)
    [(_, offer)] = scheme.messenger.of(MeetingReflectionOffer)
    reflections.save_meeting(SUNITA, offer.meeting_id, "I, Sunita, felt heard", MET)
    scheme.pairing.move_stage(GRACE, "negotiation", MET)
    GoalsService(scheme.uow, scheme.deliveries, scheme.team).save(
        SUNITA,
        [GoalDraft("Lead the huddle", "Sunita says so", confidence_start=4)],
        Boundaries("Tuesdays", "not Sunita's family", "DM me"),
        MET,
    )
    pulse = PulseService(programme, scheme.uow, scheme.deliveries, scheme.team, scheme.changes)
    pulse.run_due(ASKED)
    with scheme.uow() as work:
        [question] = work.pulse.of(scheme.person(SUNITA).id)
    pulse.answer(SUNITA, question.id, "good_fit", ASKED)

    scheme.messenger.failing = True  # Slack is down: what follows waits in the outbox
    concern = scheme.concerns.raise_concern(SUNITA, "command", "Sunita Rao is worried", ASKED)
    scheme.concerns.resolve(TEAM_LEAD, concern, "Called Sunita on her mobile", ASKED)
    asked = scheme.requests.ask(SUNITA, "adjustment", None, "A quiet room", "command", ASKED)
    scheme.requests.send(asked, ASKED)
    scheme.privacy.send_my_data(SUNITA, ASKED)
    CpdService(programme, scheme.uow, scheme.deliveries).send_mine(SUNITA, ASKED)
    scheme.messenger.failing = False


def naming(engine: Engine, words: tuple[str, ...]) -> dict[str, set[str]]:
    """Each column (as table.column) holding any of the words, whatever its case, with them."""
    tables = MetaData()
    tables.reflect(engine)
    found: dict[str, set[str]] = {}
    with engine.connect() as connection:
        for table in tables.sorted_tables:
            for row in connection.execute(table.select()).mappings():
                for column, value in row.items():
                    held = _as_text(value).lower()
                    for word in words:
                        if word.lower() in held:
                            found.setdefault(f"{table.name}.{column}", set()).add(word)
    return found


def _as_text(value: Any) -> str:
    if isinstance(value, bytes | memoryview):
        return bytes(value).decode("utf-8", "replace")
    return "" if value is None else str(value)


def test_sunita_in_every_feature_is_named_somewhere_before_she_is_erased(
    engine: Engine, scheme: Scheme
) -> None:
    """The scan below finds her where she is: so its silence after erasure means something."""
    sunita_takes_part_in_everything(scheme)
    before = naming(engine, HER)
    for column in ("participants.name", "applications.email", "inbox.channel", "deliveries.notice"):
        assert column in before, column


def test_after_her_erasure_no_column_of_any_table_names_her(engine: Engine, scheme: Scheme) -> None:
    sunita_takes_part_in_everything(scheme)
    scheme.privacy.erase("sunita.rao@example.nhs.uk", ERASED)
    left = naming(engine, HER)
    assert left == {}, "still naming her: " + ", ".join(
        f"{column} ({', '.join(sorted(words))})" for column, words in sorted(left.items())
    )
    assert naming(engine, ("Grace Mensah", "UGRACE001")), "her partner is named still"


def the_clock(scheme: Scheme, now: datetime) -> None:
    """Every feature's clock job (mentorbot/app.py's scheduler.keep), then the outbox's."""
    programme, uow, deliveries, team = (
        scheme.programme,
        scheme.uow,
        scheme.deliveries,
        scheme.team,
    )
    for feature in (
        scheme.events,
        scheme.checkins,
        PulseService(programme, uow, deliveries, team, scheme.changes),
        ReflectionsService(programme, uow, deliveries, team),
        scheme.evaluations,
        scheme.concerns,
        ApplicationsService(taking_applications(), uow, deliveries, team),
        deliveries,
    ):
        feature.run_due(now)


def test_after_her_erasure_the_clock_sends_her_nothing_and_no_one_anything_twice(
    scheme: Scheme,
) -> None:
    sunita_takes_part_in_everything(scheme)
    the_clock(scheme, ERASED)  # Slack is back: everything due and waiting is sent
    before = {(s.to, s.key) for s in scheme.messenger.sent if s.key}
    scheme.messenger.failing = True  # she asks again, and writes to the team, while Slack is down
    scheme.privacy.send_my_data(SUNITA, ERASED)
    scheme.requests.send(
        scheme.requests.ask(SUNITA, "adjustment", None, "Sunita needs a lift", "command", ERASED),
        ERASED,
    )
    scheme.messenger.failing = False

    scheme.privacy.erase("sunita.rao@example.nhs.uk", ERASED)
    told = len(scheme.messenger.sent)
    for now in (ERASED, ERASED, ERASED + timedelta(minutes=10)):
        the_clock(scheme, now)

    after = scheme.messenger.sent[told:]
    codec = NoticeCodec()
    assert [s for s in after if s.to in (SUNITA, DM_CHANNEL) or SUNITA in s.to] == []
    naming_her = [s.key for s in after if any(w.encode() in codec.encode(s.notice) for w in HER)]
    assert naming_her == [], "nothing waiting that names her is sent to anyone"
    again = [(s.to, s.key) for s in after if (s.to, s.key) in before]
    assert again == [], "the ledger, her keys rewritten, still stops every repeat"
    keys = [s.key for s in after if s.key]
    assert len(keys) == len(set(keys)), "nor is anything new sent twice"
