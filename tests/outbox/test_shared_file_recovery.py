"""A calendar file for many, taken over after its sender died: each person gets it once, a
claim at a time, and only those the dead sender had really tried are looked for in history."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine

from bot.events.notices import CalendarInvite
from bot.notice_json import NoticeCodec
from bot.participants.model import ParticipantRow
from handlers.slack.limits import RateLimits
from handlers.slack.messenger import SlackMessenger
from handlers.slack.sender import Sender, StoredChannels
from handlers.slack.web import SlackWeb
from localslack.server import LocalSlack
from storage.database import make_sessions
from storage.unit_of_work import SqlUnitOfWorkFactory
from tests.accessibility.examples import LAUNCH, LAUNCH_DAY, PROGRAMME, import_every_view
from tests.outbox.kept import NOW

pytestmark = pytest.mark.both_databases  # the ledger's promises rest on the database


LEASE = timedelta(seconds=45)
# More than one claim's worth of a shared file, so the recovery goes in bounded pieces.
PEOPLE = [f"UCROWD{n:04d}" for n in range(250)]


@pytest.fixture
def slack() -> Iterator[LocalSlack]:
    import_every_view()
    with LocalSlack() as local:
        for person in PEOPLE:
            local.workspace.add_user(person, person.title(), f"{person.lower()}@example.org")
        yield local


@pytest.fixture
def ledger(engine: Engine) -> SqlUnitOfWorkFactory:
    """The ledger with the programme whose parts a calendar file names."""
    return SqlUnitOfWorkFactory(make_sessions(engine), NoticeCodec(PROGRAMME))


def test_a_shared_file_a_dead_sender_held_goes_to_each_person_once(
    ledger: SqlUnitOfWorkFactory, slack: LocalSlack
) -> None:
    rows = [
        ParticipantRow(n + 2, p.title(), f"{p}@example.org", "mentee", p)
        for n, p in enumerate(PEOPLE)
    ]
    invite = CalendarInvite(PROGRAMME, LAUNCH, LAUNCH_DAY, 0)
    with ledger() as work:
        work.participants.upsert(rows, {}, NOW)
        people = work.participants.all()
        work.deliveries.add([invite.to_person(p) for p in people], NOW)
        work.commit()
    with ledger() as work:  # a sender claims a share's worth, tries three, and dies
        claimed = work.deliveries.claim_due(NOW, LEASE, 200, shared=True)
        work.deliveries.mark_attempted([c.delivery.key for c in claimed[:3]], NOW)
        work.commit()
    web = SlackWeb(slack.token, slack.api_url)
    try:
        messenger = SlackMessenger(web, StoredChannels(ledger), RateLimits(enabled=False))
        sent = Sender(ledger, messenger, lease=LEASE).flush(NOW + LEASE)
    finally:
        web.close()
    assert len(sent) == len(PEOPLE)
    has_it = Counter(person for person in PEOPLE for _ in slack.workspace.dms_to(person) if _.files)
    assert has_it == Counter(PEOPLE), "each has the file, once"
    history = slack.workspace.calls_to("conversations.history")
    assert len(history) <= 3, "only those it tried may have it already"
