"""The next year, end to end, as Step 14 asks for it: 2025-26 is running in the local workspace;
in May 2026 a team member starts 2026-27 from the console and the operator runs both files. When
the window opens, Sunita (a 2025-26 mentee) is invited to apply again and applies to mentor from
her Home in English; Cerys applies from hers in Welsh. The team accepts both on the console, the
steering group reads why the match suggests them and approves it, and the new pair is introduced
in its own group DM. 2025-26's pairs are untouched, and Sunita, on both cohorts now, sees both
pairings on her Home and answers each cohort's buttons."""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path

import yaml

from bot.errors import UserError
from bot.pairs.model import Pair
from bot.scheme import SHIPPED_PROGRAMME, Programme
from handlers.views import applications as applications_view
from handlers.views import cohorts as cohorts_view
from handlers.views import matching as matching_view
from handlers.views import pairs as pairs_view
from handlers.views import participants as participants_view
from localslack.sender import Choice
from tests.cast import CERYS, GRACE, JAMIE, OLIVER, PAIRS_CSV, SUNITA, TEAM_CHANNEL, TEAM_LEAD
from tests.seen import buttons, words
from tests.world import World, group_messages, last_with, restart, uk

SUNITA_TO_MENTOR: dict[str, Choice | None] = {
    "role": "mentor",
    "profession": "radiographer",
    "nation": "england",
    "band": "7",
    "employer": "Manchester University NHS FT",
    "line_manager_email": None,
    "themes": ["leading-change", "career"],
    "format": "online",
    "availability": ["weekday-daytime"],
    "capacity": "1",
    "never_pair": None,
    "for_the_team": None,
}
CERYS_AS_MENTEE: dict[str, Choice | None] = {
    "role": "mentee",
    "profession": "radiographer",
    "nation": "wales",
    "band": "6",
    "employer": "Betsi Cadwaladr UHB",
    "line_manager_email": None,
    "themes": ["leading-change"],
    "format": "either",
    "availability": ["weekday-daytime"],
    "capacity": None,
    "never_pair": None,
    "for_the_team": None,
}


def started_from_the_console(world: World, folder: Path) -> Path:
    """Start 2026-27 on the console; the file that arrives in the team's channel, as kept."""
    world.open_home(TEAM_LEAD)
    assert world.sender.click_home(TEAM_LEAD, cohorts_view.START_NEXT).status == 200
    world.bot.wait_for_listeners()
    files = [f for m in world.slack.workspace.messages_in(TEAM_CHANNEL) for f in m.files]
    [file] = [f for f in files if f["name"] == "lms-2026-27.yaml"]
    text = world.slack.workspace.files[file["id"]]["content"].decode()
    assert Programme.model_validate(yaml.safe_load(text)).cohort == "2026-27"
    path = folder / file["name"]
    path.write_text(text)
    return path


def applies_from_home(world: World, person: str, answers: dict[str, Choice | None]) -> str:
    """Presses Apply… on their Home and sends the form; what it says once kept."""
    assert world.sender.click_home(person, applications_view.HOME_APPLY).status == 200
    assert world.submit_view(person, answers).errors == {}
    return words(world.modal(person))


def test_the_team_starts_2026_27_people_apply_and_the_approved_pair_is_introduced(
    world: World, tmp_path: Path
) -> None:
    world.add_cohort()
    assert world.bot.import_pairs(PAIRS_CSV) == 2
    for pair in pairs_of(world, "2025-26"):
        for member in (GRACE, SUNITA, OLIVER, JAMIE):
            with suppress(UserError):  # each accepts their own, and only theirs
                world.bot.services.pairing.accept(member, pair.id, world.now())
    world.slack.workspace.add_user(CERYS, "Cerys Hughes", "cerys@example.wales")
    world.walk_to(uk("2026-05-11 10:00"))
    new = started_from_the_console(world, tmp_path)
    restart(world, f"{SHIPPED_PROGRAMME}{os.pathsep}{new}")
    last_year = [(p.mentor_id, p.mentee_id, p.status) for p in pairs_of(world, "2025-26")]

    # The window opens (Monday 1 June 2026, a year on from 2025-26's): the alumna is invited
    world.walk_to(uk("2026-06-01 10:00"))
    assert any("apply" in text for text in world.texts(SUNITA))
    home = words(world.open_home(SUNITA))
    assert "Applications to the 2026-27 cohort are open until" in home
    thanked = applies_from_home(world, SUNITA, SUNITA_TO_MENTOR)
    assert "your application to the 2026-27 cohort is with the project team" in thanked
    world.open_home(CERYS)
    assert world.sender.select_home(CERYS, participants_view.HOME_LANGUAGE, "cy").status == 200
    assert "Mae ceisiadau i garfan 2026-27 ar agor tan" in words(world.home(CERYS))
    diolch = applies_from_home(world, CERYS, CERYS_AS_MENTEE)
    assert "mae eich cais i garfan 2026-27 gyda thîm y prosiect" in diolch

    # The team accepts both on the console; the steering group reads why, and approves
    stored = {
        a.applicant.slack_user_id: a.id for a in world.bot.services.applications.all(TEAM_LEAD)
    }
    world.open_home(TEAM_LEAD)
    for person in (SUNITA, CERYS):
        accept = f"{applications_view.DECIDE}accept"
        assert world.sender.click_home(TEAM_LEAD, accept, str(stored[person])).status == 200
    console = words(world.open_home(TEAM_LEAD))
    assert (
        "*Match suggestions* for the 2026-27 cohort: 1 mentees and 1 mentors accepted." in console
    )
    assert "*Cerys Hughes* with *Sunita Rao* · " in console
    assert "• Themes: they share 1 of the 1 the mentee chose: ‘Leading change’" in console
    assert "Approve all" in buttons(world.home(TEAM_LEAD))
    assert world.sender.click_home(TEAM_LEAD, matching_view.APPROVE_ALL, "all").status == 200
    world.bot.wait_for_listeners()
    assert "Pairs made: 1." in words(world.home(TEAM_LEAD))

    world.settle(lambda: group_messages(world, SUNITA, CERYS))
    [introduction] = group_messages(world, SUNITA, CERYS)
    assert "Sunita Rao" in words(introduction) and "Cerys Hughes" in words(introduction)
    # 2025-26 is untouched: Sunita's pair with Grace, and Oliver's with Jamie, as they were
    assert [(p.mentor_id, p.mentee_id, p.status) for p in pairs_of(world, "2025-26")] == last_year

    # On both cohorts now, Sunita sees both pairings on her Home, accepts her new one there,
    # and still answers 2025-26's check-ins with Grace
    home = world.open_home(SUNITA)
    shown = words(home)
    assert "*Your pair with Grace Mensah*" in shown and "*Your pair with Cerys Hughes*" in shown
    [new_pair] = pairs_of(world, "2026-27")
    delivered = world.sender.click_home(SUNITA, pairs_view.HOME_ACCEPT, str(new_pair.id))
    assert delivered.status == 200
    world.bot.wait_for_listeners()
    assert pairs_of(world, "2026-27")[0].mentor_accepted_at is not None
    before = len(group_messages(world, GRACE, SUNITA))
    world.walk_to(uk("2026-06-30 12:00"))
    checkin = last_with(group_messages(world, GRACE, SUNITA)[before:], "checkin_yes")
    world.click(SUNITA, checkin, "checkin_yes")
    world.bot.wait_for_listeners()
    answered = words(group_messages(world, GRACE, SUNITA)[-1])
    assert answered.startswith("Sunita Rao answered: Yes, we've met.")
    asked = world.command(SUNITA, "met 2026-06-29 30m")
    assert asked.startswith("You are in more than one pair, with Cerys Hughes, Grace Mensah")
    logged = world.command(SUNITA, f"met <@{GRACE}> 2026-06-29 30m closing the year")
    assert logged.startswith("Logged: you met on Monday 29 June 2026 for 30 min")
    assert "closing the year" in world.command(GRACE, "pair")


def pairs_of(world: World, cohort: str) -> list[Pair]:
    with world.bot.uow.for_cohort(cohort)() as uow:
        return uow.pairs.current()
