"""Event schedules on a real database: two clocks starting at once never trip over each other."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest

from bot.events.model import EventSchedule
from storage.unit_of_work import SqlUnitOfWorkFactory

pytestmark = pytest.mark.both_databases  # storage is where the two databases differ

NOW = datetime(2025, 10, 1, 8, 0, tzinfo=UTC)
LAUNCH = EventSchedule(
    "launch", datetime(2025, 11, 6, 10, tzinfo=UTC), datetime(2025, 11, 6, 12, tzinfo=UTC)
)
SPRING = EventSchedule("spring-review", None, None)  # TBC
MOVED = EventSchedule(
    "launch", datetime(2025, 11, 13, 10, tzinfo=UTC), datetime(2025, 11, 13, 12, tzinfo=UTC)
)


def adopt_at_once(
    uow: SqlUnitOfWorkFactory, schedules: list[EventSchedule]
) -> list[BaseException | None]:
    """Two threads each read what is stored, then save the same schedules at the same moment,
    as two clock processes adopting the programme file do; returns what each raised, if anything."""
    start = threading.Barrier(2, timeout=10)

    def clock() -> None:
        with uow() as work:
            work.schedules.file_versions()
            start.wait()
            for schedule in schedules:
                work.schedules.save(schedule, schedule, NOW)
            work.commit()

    with ThreadPoolExecutor(max_workers=2) as pool:
        clocks = [pool.submit(clock) for _ in range(2)]
    return [c.exception() for c in clocks]


def test_two_clocks_saving_the_same_new_schedules_at_once_both_succeed(
    uow: SqlUnitOfWorkFactory,
) -> None:
    assert adopt_at_once(uow, [LAUNCH, SPRING]) == [None, None]
    with uow() as work:
        assert work.schedules.all() == {"launch": LAUNCH, "spring-review": SPRING}
        assert work.schedules.file_versions() == {"launch": LAUNCH, "spring-review": SPRING}
        assert work.schedules.sequence("launch") == work.schedules.sequence("spring-review") == 0


def test_two_clocks_adopting_the_same_new_date_at_once_count_it_as_one_change(
    uow: SqlUnitOfWorkFactory,
) -> None:
    adopt_at_once(uow, [LAUNCH])
    assert adopt_at_once(uow, [MOVED]) == [None, None]
    with uow() as work:
        assert work.schedules.all() == {"launch": MOVED}
        assert work.schedules.sequence("launch") == 1


def test_only_a_change_of_dates_moves_the_sequence(uow: SqlUnitOfWorkFactory) -> None:
    for schedule, file_version in ((LAUNCH, LAUNCH), (LAUNCH, LAUNCH), (MOVED, LAUNCH)):
        with uow() as work:
            work.schedules.save(schedule, file_version, NOW)
            work.commit()
    with uow() as work:
        assert work.schedules.sequence("launch") == 1
        assert work.schedules.all()["launch"] == MOVED
        assert work.schedules.file_versions()["launch"] == LAUNCH
        work.schedules.save(SPRING, SPRING, NOW)
        work.schedules.save(SPRING, SPRING, NOW)
        assert work.schedules.sequence("spring-review") == 0, "TBC again is no change"


def test_a_save_is_seen_at_once_by_the_same_unit_of_work(uow: SqlUnitOfWorkFactory) -> None:
    with uow() as work:
        work.schedules.save(LAUNCH, LAUNCH, NOW)
        work.commit()
    with uow() as work:
        assert work.schedules.all() == {"launch": LAUNCH}
        assert work.schedules.sequence("launch") == 0
        work.schedules.save(MOVED, LAUNCH, NOW)
        assert work.schedules.all() == {"launch": MOVED}
        assert work.schedules.sequence("launch") == 1
