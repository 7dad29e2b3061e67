"""The Society's next year, as an operator runs it: 2026-27 started from 2025-26, applications
taken from the team's file and accepted, the steering group's suggestions written with their
reasons, approved, and the new pairs introduced; 2025-26's people and pairs still there, as they
were, and nobody paired with someone they were paired with before."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from mentorbot.cli import main
from storage.database import make_engine, make_sessions
from storage.unit_of_work import SqlUnitOfWorkFactory
from tests.cast import EMAILS, GRACE, JAMIE, OLIVER, PAIRS_CSV, TEAM_LEAD
from tests.world import World, group_messages, restart, uk

APPLICANTS = {  # Slack id: (name, email), new to the scheme
    "UNEW00001": ("Anwen Price", "anwen.price@example.nhs.uk"),
    "UNEW00002": ("David Okafor", "david.okafor@example.nhs.uk"),
}
HEADER = (
    "email,name,role,profession,nation,band,employer,line_manager_email,themes,format,capacity,"
    "never_pair\n"
)
APPLICATIONS = HEADER + (
    "anwen.price@example.nhs.uk,Anwen Price,mentee,radiographer,wales,6,Cardiff and Vale UHB,,"
    "leading-change;education,either,,\n"
    f"{EMAILS[JAMIE]},Jamie Clarke,mentee,sonographer,england,6,Leeds Teaching Hospitals,,"
    "research,online,,\n"
    f"{EMAILS[OLIVER]},Oliver Byrne,mentor,sonographer,england,8a,Sheffield Teaching Hospitals,,"
    "research;education,online,1,\n"
    "david.okafor@example.nhs.uk,David Okafor,mentor,radiographer,wales,8b,Swansea Bay UHB,,"
    "leading-change;education,either,1,\n"
    f"{EMAILS[GRACE]},Grace Mensah,mentor,sonographer,england,8a,Leeds Teaching Hospitals,,"
    "research,online,1,\n"
)


def as_the_operator(world: World, monkeypatch: pytest.MonkeyPatch, programme: Path) -> None:
    for name, value in world.bot_settings.model_dump().items():
        if value is not None:
            monkeypatch.setenv(name.upper(), str(value))
    monkeypatch.setenv("MENTORBOT_PROGRAMME", str(programme))


def test_2026_27_from_its_file_to_introduced_pairs_with_2025_26_untouched(
    world: World,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    world.add_cohort()
    world.bot.import_pairs(PAIRS_CSV)  # 2025-26: Grace with Sunita, Oliver with Jamie
    monkeypatch.chdir(tmp_path)
    assert main(["cohort", "new", "2026-27", "--from", "2025-26"]) == 0
    programme = tmp_path / "lms-2026-27.yaml"
    world.clock.move_to(uk("2026-06-10 10:00"))  # the window carried a year on is open
    restart(world, str(programme))
    as_the_operator(world, monkeypatch, programme)
    for user_id, (name, email) in APPLICANTS.items():
        world.slack.workspace.add_user(user_id, name, email, "Europe/London")
    (tmp_path / "applications.csv").write_text(APPLICATIONS)

    assert main(["applications", "import", "applications.csv"]) == 0
    assert "5 applications to 2026-27 kept" in capsys.readouterr().out
    applications = world.bot.services.applications
    for application in applications.all(TEAM_LEAD):
        applications.decide(TEAM_LEAD, application.id, "accept", world.now())

    assert main(["match", "suggest", "--out", "suggested.csv"]) == 0
    suggested = list(csv.DictReader((tmp_path / "suggested.csv").open()))
    assert {(row["mentee_email"], row["mentor_email"]) for row in suggested} == {
        # the most mentees matched first: Oliver mentored Jamie in 2025-26, never again, though
        # both want research online, and Grace works where Jamie does; so Jamie has David
        (EMAILS[JAMIE], "david.okafor@example.nhs.uk"),
        ("anwen.price@example.nhs.uk", EMAILS[OLIVER]),
    }
    [anwen] = [row for row in suggested if row["mentee_email"] == "anwen.price@example.nhs.uk"]
    assert anwen["score"] == "47" and "Seniority: band 8a mentor, band 6 mentee" in anwen["reasons"]

    assert main(["match", "approve", "suggested.csv"]) == 0
    assert "2 pairs made in 2026-27" in capsys.readouterr().out
    introduced = group_messages(world, OLIVER, "UNEW00001")
    assert any("pair_accept" in str(m.blocks) for m in introduced)

    sessions = make_sessions(make_engine(world.bot_settings.database_url))
    with SqlUnitOfWorkFactory(sessions, cohort="2025-26")() as last_year:
        assert len(last_year.participants.all()) == 4 and len(last_year.pairs.current()) == 2
    with SqlUnitOfWorkFactory(sessions, cohort="2026-27")() as this_year:
        assert len(this_year.participants.all()) == 4 and len(this_year.pairs.current()) == 2
