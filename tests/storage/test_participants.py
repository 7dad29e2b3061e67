"""The languages chosen by people not on the scheme, on a real database: a choice made twice at
once is kept once, and an import of thousands takes them all in a few statements."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from storage.base import CHUNK
from storage.unit_of_work import SqlUnitOfWorkFactory
from tests.cast import CERYS

pytestmark = pytest.mark.both_databases  # storage is where the two databases differ

NOW = datetime(2026, 1, 5, 10, tzinfo=UTC)


def choose_at_once(uow: SqlUnitOfWorkFactory, languages: list[str]) -> list[BaseException | None]:
    """Each language chosen by the same person in a thread of its own, at the same moment, as two
    web processes take two presses of the menu; returns what each raised, if anything."""
    start = threading.Barrier(len(languages), timeout=10)

    def press(language: str) -> None:
        with uow() as work:
            start.wait()
            work.reader_languages.choose(CERYS, language, NOW)
            work.commit()

    with ThreadPoolExecutor(max_workers=len(languages)) as pool:
        presses = [pool.submit(press, language) for language in languages]
    return [p.exception() for p in presses]


def test_a_first_choice_made_twice_at_once_is_kept_once(uow: SqlUnitOfWorkFactory) -> None:
    assert choose_at_once(uow, ["cy", "en"]) == [None, None]
    with uow() as work:
        assert work.reader_languages.of(CERYS) in {"cy", "en"}
        assert work.reader_languages.take([CERYS, CERYS]) in ({CERYS: "cy"}, {CERYS: "en"})


def test_a_later_choice_replaces_the_earlier(uow: SqlUnitOfWorkFactory) -> None:
    for language, at in (("cy", NOW), ("en", NOW + timedelta(days=1))):
        with uow() as work:
            work.reader_languages.choose(CERYS, language, at)
            work.commit()
    with uow() as work:
        assert work.reader_languages.of(CERYS) == "en"


def test_taking_more_people_than_one_statement_binds_takes_each_once(
    uow: SqlUnitOfWorkFactory,
) -> None:
    people = [f"U{n:08d}" for n in range(CHUNK * 2 + 1)]
    with uow() as work:
        for person in people[::2]:
            work.reader_languages.choose(person, "cy", NOW)
        work.commit()
    with uow() as work:
        assert work.reader_languages.take(people) == dict.fromkeys(people[::2], "cy")
        work.commit()
    with uow() as work:
        assert work.reader_languages.take(people) == {}, "taken: gone"
