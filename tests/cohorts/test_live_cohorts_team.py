"""Two cohorts live at once: the people who answer for an older one (the team reading its
evaluations, its approver) still do so after the new one has started."""

from __future__ import annotations

import os
from pathlib import Path

from bot.cohorts.model import Cohort
from bot.cohorts.rules import next_programme, programme_file_text
from bot.programme_file import programme_settings
from bot.scheme import SHIPPED_PROGRAMME
from handlers.views import evaluations as evaluations_view
from handlers.views import requests as requests_view
from tests.cast import APPROVER, PAIRS_CSV, SUNITA, TEAM_LEAD
from tests.cohorts.test_live_cohorts import last_year_with_an_alumni_event
from tests.seen import words
from tests.world import World, restart, uk

NEW_APPROVER = "UAPPR2027"
HOTEL = "My train from Glasgow gets in at midnight: could I stay the night before?"
REASON = "An early train on the day is covered instead."


def next_year_with_another_approver(folder: Path) -> Path:
    """2026-27's file, naming someone else as the approver of accommodation."""
    carried = next_programme(
        programme_settings(SHIPPED_PROGRAMME), Cohort("2025-26"), Cohort("2026-27")
    )
    carried["approvals"]["accommodation"] |= {
        "name": "Dr Rhian Hughes",
        "email": "r.hughes@example.org",
        "slack_id": NEW_APPROVER,
    }
    path = folder / "lms-2026-27.yaml"
    path.write_text(programme_file_text(carried, Cohort("2025-26"), Cohort("2026-27")))
    return path


def test_an_older_cohorts_approver_sees_and_decides_its_requests_after_the_new_one_began(
    world: World, tmp_path: Path
) -> None:
    world.slack.workspace.add_user(APPROVER, "Morgan Ellis", "m.ellis@example.org")
    world.add_cohort()
    world.bot.import_pairs(PAIRS_CSV)
    world.walk_to(uk("2025-11-06 12:00"))
    world.command_opens_modal(SUNITA, "request accommodation final-celebration")
    world.submit_view(
        SUNITA, {"kind": "accommodation", "event": "final-celebration", "details": HOTEL}
    )
    [asking] = [m for m in world.dms(APPROVER) if "for your approval" in words(m)]

    world.clock.move_to(uk("2026-06-10 10:00"))
    old, new = last_year_with_an_alumni_event(tmp_path), next_year_with_another_approver(tmp_path)
    restart(world, f"{old}{os.pathsep}{new}")

    # Only 2025-26's file names Morgan: her Home still lists its request, and she declines it.
    assert "#1" in words(world.open_home(APPROVER))
    # 2026-27's approver is not 2025-26's.
    assert "Only Dr Morgan Ellis" in world.click(NEW_APPROVER, asking, requests_view.APPROVE)
    world.click(APPROVER, asking, requests_view.DECLINE)
    assert world.modal(APPROVER)["title"]["text"] == "Decline request #1"
    world.submit_view(APPROVER, {"reason": REASON})
    told = words(world.dms(SUNITA)[-1])
    assert "was not approved by Dr Morgan Ellis" in told and REASON in told
    # 2026-27's forms are still to confirm: `final` is only 2025-26's, so it is that one's.
    assert world.command(TEAM_LEAD, "team chart final") == (
        "Done: the final chart is in the team channel."
    )


def next_year_with_its_forms_confirmed(folder: Path) -> Path:
    """2026-27's file with its evaluations' dates confirmed: both cohorts have a `final`."""
    carried = next_programme(
        programme_settings(SHIPPED_PROGRAMME), Cohort("2025-26"), Cohort("2026-27")
    )
    for form in carried["evaluations"]["forms"]:
        form.pop("to_confirm", None)
    path = folder / "lms-2026-27.yaml"
    path.write_text(programme_file_text(carried, Cohort("2025-26"), Cohort("2026-27")))
    return path


def exports_of(world: World, form: str, cohort: str) -> list[bytes]:
    """Each named export of the form: its file is named by the cohort, so two live cohorts'
    exports of one form are told apart where they are saved."""
    files = world.slack.workspace.files.values()
    named = f"{cohort}-{form}-answers-named"
    return [f["content"] for f in files if f["name"].startswith(named)]


def test_the_team_sees_and_exports_an_older_cohorts_final_evaluation_naming_the_cohort(
    world: World, tmp_path: Path
) -> None:
    world.add_cohort()
    world.bot.import_pairs(PAIRS_CSV)  # 2025-26's
    world.clock.move_to(uk("2026-09-20 10:00"))  # 2025-26's final has closed
    old, new = (
        last_year_with_an_alumni_event(tmp_path),
        next_year_with_its_forms_confirmed(tmp_path),
    )
    restart(world, f"{old}{os.pathsep}{new}")

    # Without a cohort: the current one's, saying so and how to ask for 2025-26's.
    said = world.command(TEAM_LEAD, "team export final")
    assert said.startswith("Done") and "It is cohort 2026-27's." in said
    assert "`/mentoring team export final 2025-26`" in said
    [current] = exports_of(world, "final", "2026-27")
    assert b"Sunita Rao" not in current
    # Named (in Welsh too: `tîm`), 2025-26's: its people.
    said = world.command(TEAM_LEAD, "tîm export final 2025-26")
    assert "It is cohort 2025-26's." in said and "team export final 2026-27" in said
    assert len(exports_of(world, "final", "2025-26")) == 1
    assert world.command(TEAM_LEAD, "team chart final 2025-26").startswith("Done")
    assert "cohort 2024-25" in world.command(TEAM_LEAD, "team chart final 2024-25")

    # The console lists each cohort's forms, named, and sends 2025-26's chart and export.
    console = words(world.open_home(TEAM_LEAD))
    assert "cohort 2025-26" in console and "cohort 2026-27" in console
    world.clock.move_to(uk("2026-09-20 10:05"))  # not the same files as those asked above
    before = len(world.slack.workspace.files)
    assert world.sender.click_home(TEAM_LEAD, evaluations_view.CHART, "final 2025-26").status == 200
    world.bot.wait_for_listeners()
    assert "The chart is in" in words(world.home(TEAM_LEAD))
    named = '{"form": "final", "pseudonymous": false, "cohort": "2025-26"}'
    export = f"{evaluations_view.EXPORT}_named"
    assert world.sender.click_home(TEAM_LEAD, export, named).status == 200
    world.bot.wait_for_listeners()
    assert len(world.slack.workspace.files) == before + 2
    assert "The export with names is in" in words(world.home(TEAM_LEAD))
