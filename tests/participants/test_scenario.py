"""Importing the cohort: Slack ids found by email, a bad file refused whole, re-imports update."""

from __future__ import annotations

import copy
import json

import pytest

from handlers.views import participants as participants_view
from tests.cast import COHORT, COHORT_CSV, GRACE, JAMIE, PAIRS_CSV, SUNITA, TEAM_LEAD
from tests.seen import held, words
from tests.world import World, group_messages, last_with, uk


def add_workspace_users(world: World) -> None:
    for user_id, (name, email, tz) in COHORT.items():
        world.slack.workspace.add_user(user_id, name, email, tz)


def participants(world: World) -> list[tuple[str, str, str, str | None, str | None]]:
    with world.bot.uow() as uow:
        return [(p.name, p.email, p.role, p.slack_user_id, p.tz) for p in uow.participants.all()]


def test_slack_ids_and_time_zones_are_found_by_email(world: World) -> None:
    add_workspace_users(world)
    summary = world.bot.import_participants(COHORT_CSV)
    assert (summary.created, summary.updated) == (4, 0)
    assert (
        "Jamie Clarke",
        "jamie.clarke@example.nhs.uk",
        "mentee",
        JAMIE,
        "America/New_York",
    ) in participants(world)
    assert len(world.slack.workspace.calls_to("users.lookupByEmail")) == 4


@pytest.mark.both_databases  # this feature's scenario on PostgreSQL too
def test_reimporting_updates_and_never_duplicates(world: World) -> None:
    add_workspace_users(world)
    world.bot.import_participants(COHORT_CSV)
    summary = world.bot.import_participants(COHORT_CSV.replace("Sunita Rao,", "Sunita Rao-Patel,"))
    assert (summary.created, summary.updated) == (0, 4)
    assert [p[0] for p in participants(world)] == [
        "Grace Mensah",
        "Oliver Byrne",
        "Sunita Rao-Patel",
        "Jamie Clarke",
    ]


def test_the_command_line_import_reports_problems_and_succeeds_on_a_clean_file(
    world: World, tmp_path, capsys, monkeypatch
) -> None:
    from mentorbot.cli import main

    add_workspace_users(world)
    for name, value in world.bot_settings.model_dump().items():
        if value is not None:
            monkeypatch.setenv(name.upper(), str(value))
    bad = tmp_path / "bad.csv"
    bad.write_text("name,email,role\nGrace Mensah,grace.mensah@example.nhs.uk,coach\n")
    assert main(["participants", "import", str(bad)]) == 1
    assert "line 2: role must be mentor or mentee, not 'coach'" in capsys.readouterr().err
    good = tmp_path / "cohort.csv"
    good.write_text(COHORT_CSV)
    assert main(["participants", "import", str(good)]) == 0
    assert "4 participants added, 0 updated" in capsys.readouterr().out
    assert main(["participants", "import", str(tmp_path / "missing.csv")]) == 2


def test_the_command_line_pairs_import(world: World, tmp_path, capsys, monkeypatch) -> None:
    from mentorbot.cli import main
    from tests.cast import PAIRS_CSV

    world.add_cohort()
    for name, value in world.bot_settings.model_dump().items():
        if value is not None:
            monkeypatch.setenv(name.upper(), str(value))
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "mentor_email,mentee_email\nsunita.rao@example.nhs.uk,jamie.clarke@example.nhs.uk\n"
    )
    assert main(["pairs", "import", str(bad)]) == 1
    assert "line 2: Sunita Rao is a mentee, not a mentor" in capsys.readouterr().err
    good = tmp_path / "pairs.csv"
    good.write_text(PAIRS_CSV)
    assert main(["pairs", "import", str(good)]) == 0
    assert "2 pairs made" in capsys.readouterr().out


def test_the_command_line_export_of_an_evaluation(
    world: World, tmp_path, capsys, monkeypatch
) -> None:
    from mentorbot.cli import main
    from tests.world import uk

    world.add_cohort()
    # The mid-scheme check open, as a bot starting then finds it (the clock's catch-up): the
    # months before it are not what this test is about.
    world.clock.move_to(uk("2026-03-02 09:30"))
    world.bot.scheduler.run_due()
    world.bot.services.evaluations.message(SUNITA, "start", world.now())
    world.bot.services.evaluations.message(SUNITA, "4", world.now())
    for name, value in world.bot_settings.model_dump().items():
        if value is not None:
            monkeypatch.setenv(name.upper(), str(value))
    out = tmp_path / "mid.csv"
    assert main(["export", "evaluations", "mid-scheme", "--out", str(out), "--pseudonymous"]) == 0
    assert out.read_text().splitlines() == [
        "participant,role,status,question_id,question,answer",
        "P003,mentee,answering,relationship-value,How valuable is your mentoring relationship so far?,4",
    ]
    assert main(["export", "evaluations", "nonsense", "--out", str(out)]) == 2
    assert "There is no evaluation called `nonsense`" in capsys.readouterr().err


def test_erasing_a_mentee_ends_her_pairing_and_her_mentor_is_told_kindly_without_a_reason(
    world: World,
) -> None:
    world.walk_to(uk("2025-11-14 10:00"))
    world.add_cohort()
    world.bot.import_pairs(PAIRS_CSV)
    # The introduction as Grace's Slack still shows it, Accept button and all.
    intro = copy.deepcopy(last_with(group_messages(world, GRACE, SUNITA), "pair_accept"))
    world.sender.open_home(TEAM_LEAD)
    world.sender.click_home(TEAM_LEAD, participants_view.ERASE)
    world.sender.submit_view(TEAM_LEAD, {"person": SUNITA})
    done = world.submit_view(TEAM_LEAD, {})
    assert done.response_action == "update"
    assert (
        "Sunita Rao has been erased. Their pairing has ended, and Grace Mensah has been told "
        "kindly, with no reason given." in words(done.answer()["view"])
    ), "the team sees the pair ended"

    told = world.texts(GRACE)[-1]
    assert told == (
        "Your mentoring pairing has now ended. Thank you for the time you have given it. The "
        "project team will be in touch about what happens next; you can always reach them with "
        "`/mentoring concern`."
    )
    assert not [m for m in world.texts(SUNITA) if "ended" in m], "the erased are told nothing"
    ended = (
        "Your mentoring pairing has ended. The project team will be in touch about what happens "
        "next; you can always reach them with `/mentoring concern`."
    )
    assert world.click(GRACE, intro, "pair_accept") == ended
    assert world.command(GRACE, "pair") == ended
    home = words(world.open_home(GRACE))
    assert "Your mentoring pairing has ended." in home and "steering group is on it" not in home
    overview = world.command(TEAM_LEAD, "team pairs")
    assert "Oliver Byrne" in overview and "Grace Mensah" not in overview
    # Anywhere in her DMs, seen or not: an erased name lingers nowhere.
    seen_by_grace = "\n".join(held(m) for m in world.dms(GRACE))
    assert "Sunita" not in seen_by_grace and "erase" not in seen_by_grace.lower()


def test_my_data_comes_with_a_summary_to_read_in_the_persons_own_language(world: World) -> None:
    world.walk_to(uk("2025-11-14 10:00"))
    world.add_cohort()
    world.bot.import_pairs(PAIRS_CSV)
    world.command(SUNITA, "iaith cymraeg")
    world.bot.services.events.reply(SUNITA, "final-celebration", "yes", world.now())
    world.command(SUNITA, "my-data")
    world.command(GRACE, "my-data")

    def files_of(user: str) -> dict[str, str]:
        """Each file in the person's DM, by what it is ("summary", "data"), as they open it."""
        files = world.slack.workspace.files
        return {
            f["name"].split("-")[2]: files[f["id"]]["content"].decode()
            for m in world.dms(user)
            for f in m.files
        }

    hers, his = files_of(SUNITA), files_of(GRACE)
    assert json.loads(hers["data"])["you"]["name"] == "Sunita Rao", "the JSON is kept"
    assert hers["summary"].startswith("Beth sydd gan y bot mentora amdanoch chi, ar ddydd Gwener")
    assert "- Enw: Sunita Rao\n" in hers["summary"]
    assert "- Partner: Grace Mensah\n" in hers["summary"]
    assert "- Iaith: Cymraeg\n" in hers["summary"]
    assert "- Digwyddiad dathlu olaf LMS: " in hers["summary"], "an event by its Welsh title"
    assert his["summary"].startswith("What the mentoring bot holds about you, on Friday")
    assert "- Partner: Sunita Rao\n- Stage: Preparing (waiting to start)\n" in his["summary"]
    assert "Sunita" not in his["data"].replace('"partner": "Sunita Rao"', "")
