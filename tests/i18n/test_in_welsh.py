"""A Welsh-speaking mentee goes through the scheme in Welsh, through the real app: her pairing,
a check-in, the baseline evaluation and a request for an adjustment. Her mentor reads English,
so what the pair shares comes in both, Welsh first."""

from __future__ import annotations

from typing import Any

import pytest

from handlers.i18n import WELSH, _, in_language
from handlers.views.home import NOT_ON_THE_SCHEME
from tests.cast import APPROVER, CERYS, GRACE, PAIRS_CSV, SUNITA, TEAM_CHANNEL, TEAM_LEAD
from tests.seen import in_each_language, words
from tests.world import World, group_messages, last_with, restart, uk


def cy(english: str) -> str:
    """What the Welsh catalogue says for `english` (the test fails if it says nothing new)."""
    with in_language(WELSH):
        welsh = _(english)
    assert welsh != english, f"no Welsh for {english!r}"
    return welsh


def test_a_welsh_speaking_mentee_goes_through_the_scheme_in_welsh(world: World) -> None:
    world.walk_to(uk("2025-11-10 10:00"))
    world.add_cohort()
    assert world.command(SUNITA, "iaith cymraeg").startswith("O hyn ymlaen")

    # The pairing: both languages in the pair's group DM, Welsh first with the buttons.
    world.bot.import_pairs(PAIRS_CSV)
    [intro] = group_messages(world, GRACE, SUNITA)
    welsh, english = in_each_language(intro)
    assert welsh.startswith(cy("Meet your mentoring partner"))
    assert cy("The steering group has paired you:\n{mentor}\n{mentee}").split("{")[0] in welsh
    assert english.startswith("Meet your mentoring partner\nThe steering group has paired you:")
    accepted = world.click(
        SUNITA, last_with(group_messages(world, GRACE, SUNITA), "pair_accept"), "pair_accept"
    )
    assert accepted.startswith(cy("Thank you for accepting the pairing.")[:20])
    world.click(
        GRACE, last_with(group_messages(world, GRACE, SUNITA), "pair_accept"), "pair_accept"
    )

    # A check-in a week on, asked in Welsh first.
    world.walk_to(uk("2025-11-18 12:00"))
    checkin = last_with(group_messages(world, GRACE, SUNITA), "checkin_yes")
    assert words(checkin).startswith(f"*{cy('Have you met yet?')}*")

    # The baseline evaluation, in her DM: the form's Welsh title and questions.
    invitation = last_with(world.dms(SUNITA), "eval_start")
    assert "Gwerthusiad sylfaenol" in words(invitation)
    world.click(SUNITA, invitation, "eval_start")
    assert any(
        "Pa mor hyderus ydych chi'n teimlo am geisio rôl arwain neu reoli uwch?" in words(m)
        for m in world.dms(SUNITA)
    )
    # She answers in Welsh words: a scale's label, an option, yes, two options by number.
    thanks = cy("Thanks.")
    assert world.say(SUNITA, "Hyderus iawn").startswith(f"{thanks} *Cwestiwn 2 o 6:*")
    assert "1 Yn fy rôl bresennol, 2 Mewn rôl glinigol uwch" in words(world.dms(SUNITA)[-1])
    assert "Oeddech chi yn y diwrnod lansio?" in world.say(SUNITA, "rôl glinigol uwch")
    assert "Pa mor ddefnyddiol oedd y diwrnod lansio?" in world.say(SUNITA, "ie")
    world.say(SUNITA, "Defnyddiol iawn")
    world.say(SUNITA, "1 a 3")
    world.say(SUNITA, "6")
    answers = world.say(SUNITA, "Dysgu arwain tîm")
    assert "*Mewn rôl glinigol uwch*" in answers
    assert "*Amser wedi'i neilltuo, Rhwydweithio*" in answers
    assert "`cyflwyno`" in answers and "submit" not in answers
    assert world.say(SUNITA, "cyflwyno") == cy(
        "Thank you! Your answers to the {form} have gone to the project team."
    ).format(form="gwerthusiad sylfaenol")
    # The team's results keep the English options, whatever language she answered in.
    rows = world.bot.services.evaluations.answer_rows("baseline", pseudonymous=False)
    kept = {row.question.id: row.answer for row in rows if row.who == "Sunita Rao"}
    assert kept["five-years"] == "In a more senior clinical role"
    assert kept["support"] == ["Protected time", "Networking"]

    # A request for an adjustment: the form and the receipt in Welsh; the team reads English.
    world.command_opens_modal(SUNITA, "cais adjustment")
    modal = world.slack.workspace.views[world.slack.workspace.open_modal_of(SUNITA) or ""]
    assert modal["title"]["text"] != "Ask the project team"
    world.submit_view(SUNITA, {"kind": "adjustment", "details": "Mae angen capsiynau arnaf."})
    world.settle(
        lambda: any(
            "#1" in words(m)
            for m in world.slack.workspace.messages_in(TEAM_CHANNEL)
            if "adjust" in words(m).lower()
        )
    )
    receipt = world.dms(SUNITA)[-1]
    assert words(receipt) != "" and "request" not in words(receipt).lower()


def test_a_newcomer_whose_slack_reads_welsh_is_answered_in_welsh_until_they_choose(
    world: World,
) -> None:
    world.add_cohort()
    newcomer = world.slack.workspace.add_user(CERYS, "Cerys Hughes", "cerys@example.wales")
    newcomer.locale = "cy-GB"
    world.bot.import_participants("name,email,role\nCerys Hughes,cerys@example.wales,mentee\n")
    assert world.command(CERYS, "help").startswith("Dyma beth alla i ei wneud:")
    assert world.command(CERYS, "language english").startswith("From now on")
    assert world.command(CERYS, "help").startswith("Here is what I can do:")


def language_menu_shows(blocks: list[dict[str, Any]]) -> str:
    """What the Home's language menu shows as chosen."""
    [menu] = [b["accessory"] for b in blocks if b.get("block_id") == "home:language"]
    return str(menu["initial_option"]["text"]["text"])


@pytest.mark.both_databases  # the language of people off the scheme is kept in a table of its own
def test_anyone_in_the_workspace_chooses_welsh_and_keeps_it_across_a_restart_and_on_joining(
    world: World,
) -> None:
    world.add_cohort()
    world.slack.workspace.add_user(APPROVER, "Morgan Ellis", "m.ellis@example.org")
    world.slack.workspace.add_user(CERYS, "Cerys Hughes", "cerys@example.wales")

    # The team's lead, the approver and a newcomer, none of them on the scheme, each choose.
    assert world.command(TEAM_LEAD, "iaith cymraeg") == cy(
        "From now on I'll write to you in English. To change: `/mentoring iaith cymraeg`."
    )
    assert world.command(APPROVER, "language cymraeg").startswith("O hyn ymlaen")
    assert world.command(CERYS, "iaith cymraeg").startswith("O hyn ymlaen")
    assert world.command(CERYS, "iaith").startswith("Rwy'n ysgrifennu atoch yn Gymraeg")

    def all_in_welsh() -> None:
        team = words(world.open_home(TEAM_LEAD))
        assert cy("You are on the project team: your console is below.") in team
        assert cy("Project team console") in team and "Project team console" not in team
        assert world.command(TEAM_LEAD, "help").startswith("Rydych chi ar dîm y prosiect")
        approver = words(world.open_home(APPROVER))
        assert cy("Nothing is waiting for your decision.") in approver
        newcomer = words(world.open_home(CERYS))
        assert cy(NOT_ON_THE_SCHEME) in newcomer and "mentoring scheme" not in newcomer
        assert world.command(CERYS, "help").startswith("Dydych chi ddim ar y cynllun mentora")

    all_in_welsh()
    restart(world)
    all_in_welsh()
    assert world.command(GRACE, "help").startswith("Here is what I can do:"), "theirs only"

    # What the bot sends the approver of its own accord comes in her language too.
    world.command_opens_modal(SUNITA, "request accommodation launch")
    world.submit_view(SUNITA, {"kind": "accommodation", "event": "launch", "details": "A room."})
    asked = cy("Request #{number} for your approval: {who} asks for {request}").split("{")[0]
    world.settle(lambda: any(words(m).startswith(f"*{asked}") for m in world.dms(APPROVER)))

    # Cerys joins the scheme: her Slack reads English, and her own choice carries over.
    world.bot.import_participants("name,email,role\nCerys Hughes,cerys@example.wales,mentee\n")
    assert world.command(CERYS, "help").startswith("Dyma beth alla i ei wneud:")
    assert language_menu_shows(world.open_home(CERYS)["blocks"]) == "Cymraeg"
    # And she changes it back as any participant does.
    assert world.command(CERYS, "language english").startswith("From now on")
    assert world.command(CERYS, "iaith").startswith("I write to you in English")
