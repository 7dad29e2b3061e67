"""Erasing a participant: every feature lets go of what names them, and keeps the rest."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine, text

from bot.concerns.model import ConcernEvent
from bot.evaluations.model import InboxItem
from bot.goals.model import Boundaries, GoalDraft
from bot.notices import Delivery
from bot.pairs.model import Meeting
from bot.participants.model import ParticipantRow
from storage.unit_of_work import SqlUnitOfWorkFactory

pytestmark = pytest.mark.both_databases  # storage is where the two databases differ

NOW = datetime(2026, 1, 5, 10, tzinfo=UTC)
SUNITA = ParticipantRow(2, "Sunita Rao", "sunita@example.org", "mentee", "USUNITA01", "nurse")
GRACE = ParticipantRow(3, "Grace Mensah", "grace@example.org", "mentor", "UGRACE001")


def a_scheme_with_sunita_in_every_feature(uow: SqlUnitOfWorkFactory) -> int:
    """Sunita replied, answered a form, sent a DM, was sent a reminder, raised a concern, met
    her mentor and chose a language: one row in every table that can name her. Returns her id."""
    with uow() as work:
        work.participants.upsert([SUNITA, GRACE], {SUNITA.email: "Europe/London"}, NOW)
        sunita = work.participants.by_email(SUNITA.email)
        grace = work.participants.by_email(GRACE.email)
        assert sunita and grace
        work.rsvps.record("launch", sunita.id, "yes", NOW)
        work.evaluations.invite("baseline", [sunita.id, grace.id], NOW)
        work.inbox.accept(InboxItem("Ev1", "USUNITA01", "D1", "my answer", NOW))
        work.deliveries.mark_skipped(
            [Delivery("k1", "reminder", "launch", "USUNITA01", sunita.id)], NOW
        )
        concern = work.concerns.add(sunita.id, None, "command", "a worry", NOW, contact="phone")
        work.concerns.record(ConcernEvent(concern, "raised", "USUNITA01", NOW))
        pair = work.pairs.add(grace.id, sunita.id, NOW)
        work.meetings.add(Meeting(pair.id, date(2026, 1, 4), 30, "first chat"), sunita.id, NOW)
        work.goals.replace(pair.id, {1: GoalDraft("confidence", "she says so")}, sunita.id, NOW)
        work.boundaries.save(pair.id, Boundaries("Tuesdays"), sunita.id, NOW)
        # A language she chose by her Slack id, as someone not yet on the scheme does
        work.reader_languages.choose("USUNITA01", "cy", NOW)
        work.commit()
        return sunita.id


def test_erasure_leaves_nothing_that_names_the_person_and_keeps_the_audit_trail(
    engine: Engine, uow: SqlUnitOfWorkFactory
) -> None:
    sunita = a_scheme_with_sunita_in_every_feature(uow)
    with uow() as work:
        work.erasure.erase_participant(sunita, NOW)
        work.commit()
    with uow() as work:
        erased = work.participants.get(sunita)
        assert erased and erased.name == "Erased participant"
        assert erased.email == f"erased-{sunita}@invalid"
        assert erased.slack_user_id is erased.tz is erased.about is None
        assert work.rsvps.answers() == {}
        assert sunita not in {p.participant_id for p in work.evaluations.for_form("baseline")}
        assert len(work.evaluations.for_form("baseline")) == 1, "her mentor's answers stay"
        assert work.inbox.waiting() == []
        assert work.reader_languages.of("USUNITA01") is None
        [concern] = work.concerns.all()
        assert (concern.text, concern.contact) == ("[erased]", "")
        assert [e.actor for e in work.concerns.history(concern.id)] == ["erased participant"]
        [pair] = work.pairs.current()
        assert work.meetings.for_pair(pair.id) == [] and work.boundaries.get(pair.id).is_empty
        assert [(g.what, g.how_known) for g in work.goals.for_pair(pair.id)] == [("", "")]
    with engine.connect() as connection:
        recipients = connection.execute(text("SELECT recipient FROM deliveries")).scalars()
        assert list(recipients) == ["erased"]
