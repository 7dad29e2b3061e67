"""Applying, end to end: the real Bolt app over signed HTTP against the local workspace, with the
cohort's application window in its programme. Someone not on the scheme applies from their Home
in Welsh, another with `/mentoring apply` in English; one changes theirs; the team accepts one
and declines the other from the console, and each is told once, in their language. Once the
window closes, nothing can be changed, however it is asked."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from freezegun import freeze_time
from freezegun.api import FrozenDateTimeFactory

from handlers.slack.http import BoltHttpServer
from handlers.views import applications as view
from handlers.views import participants as participants_view
from localslack.sender import Choice, SignedSender
from localslack.server import LocalSlack
from mentorbot.app import build
from mentorbot.settings import Settings
from tests.applications.window import AFTER, CLOSES, OPENS, taking_applications
from tests.cast import CERYS, OUTSIDER, TEAM_LEAD
from tests.seen import buttons, words
from tests.world import World

RAVI_EMAIL = "ravi.shah@example.nhs.uk"
CERYS_ANSWERS: dict[str, Choice | None] = {
    "role": "mentee",
    "profession": "radiographer",
    "nation": "wales",
    "band": "6",
    "employer": "Betsi Cadwaladr UHB",
    "line_manager_email": "Rhian.Evans@wales.nhs.uk",
    "themes": ["leading-change", "career"],
    "format": "either",
    "availability": ["weekday-daytime"],
    "capacity": None,
    "never_pair": None,
    "for_the_team": "Rwy'n gweithio'n rhan amser: dim cyfarfodydd ar ddydd Gwener, os gwelwch yn dda.",
}
RAVI_ANSWERS: dict[str, Choice | None] = {
    "role": "mentor",
    "profession": "sonographer",
    "nation": "england",
    "band": "8a",
    "employer": "Leeds Teaching Hospitals",
    "line_manager_email": None,
    "themes": ["quality"],
    "format": "online",
    "availability": ["weekday-evening", "weekend"],
    "capacity": "2",
    "never_pair": "sam.lee@example.nhs.uk, not an email",
    "for_the_team": None,
}


@pytest.fixture
def world(slack: LocalSlack, settings: Settings) -> Iterator[World]:
    """The usual world (tests/conftest.py), its programme taking applications; Cerys (whose
    Slack reads Welsh) and Ravi are in the workspace, neither on the scheme."""
    with freeze_time("2025-10-01 08:00:00", tz_offset=0) as clock:
        assert isinstance(clock, FrozenDateTimeFactory)
        bot = build(settings, programme=taking_applications())
        http = BoltHttpServer(bot.bolt).start()
        sender = SignedSender(slack, http.url, settings.slack_signing_secret or "")
        world = World(bot, slack, http, sender, clock, settings)
        bot.start_timeline(paused=True)
        slack.workspace.add_user(CERYS, "Cerys Hughes", "cerys@example.wales")
        slack.workspace.add_user(OUTSIDER, "Ravi Shah", RAVI_EMAIL)
        try:
            yield world
        finally:
            world.http.stop()
            world.bot.close()


def as_shown(modal: dict[str, Any]) -> dict[str, Choice | None]:
    """What each input of an open form holds as it opened, as the person would send it
    unchanged: the answers it was filled with."""
    held: dict[str, Choice | None] = {}
    for block in (b for b in modal["blocks"] if b["type"] == "input"):
        element = block["element"]
        if "initial_option" in element:
            held[block["block_id"]] = element["initial_option"]["value"]
        elif "initial_options" in element:
            held[block["block_id"]] = [o["value"] for o in element["initial_options"]]
        else:
            held[block["block_id"]] = element.get("initial_value")
    return held


def thanked(world: World, person: str) -> str:
    """What the form says in its place once kept; the person then closes it."""
    shown = world.modal(person)
    world.slack.workspace.close_view(shown["id"])
    return words(shown)


def applications(world: World) -> dict[str, Any]:
    """What is stored, by applicant's email."""
    stored = world.bot.services.applications.all(TEAM_LEAD)
    return {a.applicant.email: a for a in stored}


def cerys_applies_from_her_home_in_welsh(world: World) -> None:
    world.open_home(CERYS)
    assert world.sender.select_home(CERYS, participants_view.HOME_LANGUAGE, "cy").status == 200
    home = world.home(CERYS)
    assert "Mae ceisiadau i garfan 2026-27 ar agor tan" in words(home)
    assert world.sender.click_home(CERYS, view.HOME_APPLY).status == 200
    form = world.modal(CERYS)
    assert words(form).startswith("Eich cais\nGwnewch gais i ymuno â charfan 2026-27")
    assert world.submit_view(CERYS, CERYS_ANSWERS).errors == {}
    assert "Diolch: mae eich cais i garfan 2026-27 gyda thîm y prosiect." in thanked(world, CERYS)


def ravi_applies_by_command_in_english(world: World) -> None:
    world.command_opens_modal(OUTSIDER, "apply")
    assert words(world.modal(OUTSIDER)).startswith("Your application\nApply to join the 2026-27")
    refused = world.submit_view(OUTSIDER, RAVI_ANSWERS)
    assert refused.errors == {
        "never_pair": "Please give each person's work email, one a line, and not your own."
    }
    assert RAVI_EMAIL not in applications(world)  # nothing kept until it can all be taken
    corrected = RAVI_ANSWERS | {"never_pair": "Sam.Lee@example.nhs.uk\n"}
    assert world.submit_view(OUTSIDER, corrected).errors == {}
    assert thanked(world, OUTSIDER).startswith(
        "Your application\nThank you: your application to the 2026-27 cohort is with the "
        "project team. They will tell you here, in our DM, what they decide."
    )


@pytest.mark.both_databases
def test_two_apply_one_changes_hers_and_the_team_decides_each_told_once_in_their_language(
    world: World,
) -> None:
    # Before the window: when it opens, and nothing to press or send.
    assert "open at 09:00 on Monday 6 October 2025" in words(world.open_home(OUTSIDER))
    assert "Apply…" not in buttons(world.home(OUTSIDER))
    assert world.command(OUTSIDER, "apply").startswith(
        "Applications to the 2026-27 cohort open at 09:00 on Monday 6 October 2025."
    )

    world.walk_to(OPENS.replace(hour=10))
    cerys_applies_from_her_home_in_welsh(world)
    home = words(world.home(CERYS))
    assert "*Eich cais* i garfan 2026-27, fel mentai: gyda thîm y prosiect" in home
    assert buttons(world.home(CERYS))[0] == "Newid fy nghais…"
    ravi_applies_by_command_in_english(world)

    stored = applications(world)
    cerys, ravi = stored["cerys@example.wales"], stored[RAVI_EMAIL]
    assert (cerys.applicant.name, cerys.applicant.language) == ("Cerys Hughes", "cy")
    assert cerys.answers.line_manager_email == "rhian.evans@wales.nhs.uk"
    assert (ravi.answers.capacity, ravi.answers.never_pair) == (2, ("sam.lee@example.nhs.uk",))

    # Cerys changes hers: the form holds her answers; she moves up a band.
    assert world.sender.click_home(CERYS, view.HOME_APPLY).status == 200
    form = world.modal(CERYS)
    assert "Betsi Cadwaladr UHB" in words(form) and "Cadw'r newidiadau" in words(form)
    assert world.submit_view(CERYS, as_shown(form) | {"band": "7"}).errors == {}
    thanked(world, CERYS)
    changed = applications(world)["cerys@example.wales"]
    assert (changed.id, changed.answers.band) == (cerys.id, "7")
    assert changed.answers.themes == ("leading-change", "career")

    # The team decides on the console; the whole list is theirs alone.
    listed = world.command(TEAM_LEAD, "team applications")
    assert listed.startswith("*Applications* (2 to decide)") and "Ravi Shah" in listed
    assert world.command(OUTSIDER, "team applications") == "Only the project team can do this."
    console = words(world.open_home(TEAM_LEAD))
    assert "*Mentees:* 1 to decide" in console and "*Mentors:* 1 to decide" in console
    assert "*Cerys Hughes* · mentee · Radiographer · Band 7 · Betsi Cadwaladr UHB" in console
    assert "*For the team:* Rwy'n gweithio'n rhan amser" in console
    accept, decline = f"{view.DECIDE}accept", f"{view.DECIDE}decline"
    assert world.sender.click_home(TEAM_LEAD, accept, str(cerys.id)).status == 200
    assert world.sender.click_home(TEAM_LEAD, decline, str(ravi.id)).status == 200
    console = words(world.home(TEAM_LEAD))
    assert "• *Ravi Shah* · mentor · declined\n• *Cerys Hughes* · mentee · accepted" in console
    assert "Accept" not in buttons(world.home(TEAM_LEAD))

    world.settle(lambda: bool(world.texts(CERYS)) and bool(world.texts(OUTSIDER)))
    # A second press, from a console drawn before the first: nothing more is said.
    again = {"type": "button", "action_id": accept, "block_id": "x", "value": str(cerys.id)}
    assert world.sender.forge_home_action(TEAM_LEAD, again).status == 200
    world.bot.wait_for_listeners()
    [to_cerys] = world.texts(CERYS)
    [to_ravi] = world.texts(OUTSIDER)
    assert to_cerys.startswith("Newyddion da: mae tîm y prosiect wedi derbyn eich cais i fod yn")
    assert "grŵp llywio" in to_cerys
    assert to_ravi.startswith("Thank you for applying to the 2026-27 cohort")
    assert "can't offer you a place this time" in to_ravi and "pande@sor.org" in to_ravi
    assert "*Eich cais* i garfan 2026-27, fel mentai: wedi'i dderbyn." in words(
        world.open_home(CERYS)
    )


def test_once_the_window_closes_nothing_is_offered_and_a_form_sent_late_changes_nothing(
    world: World,
) -> None:
    world.walk_to(OPENS.replace(hour=10))
    cerys_applies_from_her_home_in_welsh(world)
    kept = applications(world)["cerys@example.wales"]
    # She opens the form to change it, and sends it only after the window has closed.
    assert world.sender.click_home(CERYS, view.HOME_APPLY).status == 200
    late = as_shown(world.modal(CERYS)) | {"band": "8a", "for_the_team": "Wedi newid."}
    world.walk_to(CLOSES.replace(hour=18))

    refused = world.submit_view(CERYS, late)
    [said] = refused.errors.values()
    assert said.startswith("Daeth y cyfnod ymgeisio ar gyfer carfan 2026-27 i ben Dydd Gwener")
    assert applications(world)["cerys@example.wales"] == kept

    home = world.open_home(CERYS)
    assert "*Eich cais* i garfan 2026-27, fel mentai: gyda thîm y prosiect" in words(home)
    assert "Newid fy nghais…" not in buttons(home)
    assert world.command(CERYS, "ymgeisio").startswith("Daeth y cyfnod ymgeisio")
    assert world.command(OUTSIDER, "apply").startswith(
        "Applications to the 2026-27 cohort closed at 17:00 on Friday 24 October 2025"
    )
    world.walk_to(AFTER)
    assert "closed at 17:00 on Friday 24 October 2025" in words(world.open_home(OUTSIDER))
