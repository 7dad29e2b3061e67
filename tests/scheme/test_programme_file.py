"""The programme file: the shipped one holds the seed's timeline; a bad one is refused whole."""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path

import pytest

from bot.programme_file import load_programme
from bot.scheme import SHIPPED_PROGRAMME, ProgrammeError


def test_the_shipped_programme_holds_every_event_of_the_terms_of_reference() -> None:
    programme = load_programme(SHIPPED_PROGRAMME)
    timeline = [(e.id, e.date, e.start, e.end, e.audience, e.format) for e in programme.events]
    assert timeline == [
        ("expectations-mentees", date(2025, 10, 21), time(10), time(11), "mentees", "online"),
        ("expectations-mentors", date(2025, 10, 21), time(11), time(11, 30), "mentors", "online"),
        ("training-mentees", date(2025, 11, 4), time(10), time(11, 30), "mentees", "online"),
        ("training-mentors", date(2025, 11, 5), time(10), time(12), "mentors", "online"),
        ("launch", date(2025, 11, 13), time(11), time(15), "everyone", "face_to_face"),
        ("networking-jan-2026", "TBC", None, None, "everyone", "online"),
        ("ukio-2026", "TBC", None, None, "everyone", "face_to_face"),
        ("final-celebration", date(2026, 9, 17), time(11), time(15), "everyone", "face_to_face"),
    ]
    assert programme.contacts.reasonable_adjustments == "pande@sor.org"
    approver = programme.approvals.accommodation
    assert approver is not None and approver.role == "Executive Director of Professional Policy"
    assert "The SoR pays your travel costs" in programme.travel_expenses
    assert programme.reminders.offsets == [timedelta(days=7), timedelta(days=1), timedelta(hours=1)]
    assert "SCoR HQ" in (programme.event("launch").venue or "")  # type: ignore[union-attr]
    assert programme.timezone == "Europe/London"


def edited(tmp_path: Path, old: str, new: str) -> Path:
    text = SHIPPED_PROGRAMME.read_text()
    assert old in text
    path = tmp_path / "programme.yaml"
    path.write_text(text.replace(old, new, 1))
    return path


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "date: 2025-11-13",
            "date: 2025-13-13",
            "events[launch].date: Input should be a valid date",
        ),
        (
            'start: "11:00"\n    end: "15:00"\n    venue',
            'start: "16:00"\n    end: "15:00"\n    venue',
            "events[launch]: end 15:00 is not after start 16:00",
        ),
        (
            "timezone: Europe/London",
            "timezone: Europe/Londres",
            "timezone: unknown time zone 'Europe/Londres'",
        ),
        (
            "id: launch",
            "id: final-celebration",
            "events: two events have the id 'final-celebration'",
        ),
        (
            "offsets: [P7D, P1D, PT1H]",
            "offsets: [P7D, -P1D]",
            "reminders.offsets: every reminder offset must be a positive",
        ),
        (
            "    venue: SCoR HQ, 207 Providence Square, Mill Street, London SE1 2EW\n    cy:\n      title: Lansiad LMS",
            "    cy:\n      title: Lansiad LMS",
            "events[launch]: a face-to-face event needs a venue",
        ),
        (
            "reasonable_adjustments: pande@sor.org",
            "reasonable_adjustments: pande",
            "contacts.reasonable_adjustments",
        ),
        (
            "format: online\n    date: 2025-10-21",
            "format: zoom\n    date: 2025-10-21",
            "events[expectations-mentees].format",
        ),
        (
            "options: [Bob wythnos, Bob pythefnos, Bob mis, Yn llai aml,",
            "options: [Bob wythnos, Bob pythefnos, Bob mis,",
            "cy.options needs one Welsh option for each option",
        ),
        (
            "options: [Bob wythnos, Bob pythefnos, Bob mis, Yn llai aml,",
            "options: [Every two weeks, Bob pythefnos, Bob mis, Yn llai aml,",
            "an option's words must name only that option: ['every two weeks']",
        ),
        (
            "title: LMS Launch",
            "title: LMS Launch\n    colour: blue",
            "events[launch].colour: Extra inputs are not permitted",
        ),
    ],
)
def test_a_bad_programme_file_is_refused_naming_the_file_the_field_and_the_problem(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    path = edited(tmp_path, old, new)
    with pytest.raises(ProgrammeError) as refused:
        load_programme(path)
    assert str(refused.value).startswith(f"{path}: ")
    assert expected in str(refused.value)


def test_a_file_that_is_not_yaml_or_not_there_is_refused_kindly(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("events: [unclosed\n")
    with pytest.raises(ProgrammeError, match="not valid YAML"):
        load_programme(broken)
    with pytest.raises(ProgrammeError, match="cannot read the programme file"):
        load_programme(tmp_path / "missing.yaml")
    broken.write_text("- just\n- a list\n")
    with pytest.raises(ProgrammeError, match="expected a mapping"):
        load_programme(broken)
