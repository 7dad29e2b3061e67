"""The console and the Homes of the team and the approver, as each of them uses them (issue 20,
Step 12): lists that stay put under the pointer as each step is taken, a file's progress said
where it was asked for, words that fit the Home they are on, the approver deciding from her
Home, and every surface agreeing after a step, whichever surface took it."""

from __future__ import annotations

import json
from typing import Any

from handlers.views import concerns as concerns_view
from handlers.views import evaluations as evaluations_view
from handlers.views import participants as participants_view
from handlers.views import requests as requests_view
from localslack.server import Fault
from tests.cast import APPROVER, GRACE, STRANGER, SUNITA, TEAM_CHANNEL, TEAM_LEAD, TOM
from tests.concerns.test_scenario import alerts, paired, raise_by_command

# The approver is in Slack here as in the requests' scenarios (an autouse fixture, so imported).
from tests.requests.test_scenario import approvals, approver_in_the_workspace  # noqa: F401
from tests.seen import actions_in, held, words
from tests.world import World

HOTEL = "My train from Glasgow gets in at midnight: could I stay the night before?"
ACKNOWLEDGE, RESOLVE = f"{concerns_view.CONCERN}acknowledge", f"{concerns_view.CONCERN}resolve"


def concern_rows(home: dict[str, Any]) -> list[str]:
    """The console's concerns top to bottom, as read: each line, then its buttons' labels."""
    rows: list[str] = []
    for block in home["blocks"]:
        if block["type"] == "section" and block["text"]["text"].startswith("Concern #"):
            rows.append(block["text"]["text"])
        elif block.get("block_id", "").startswith("console:concern:"):
            rows[-1] += " | " + ", ".join(e["text"]["text"] for e in block["elements"])
    return rows


def said_under(home: dict[str, Any], block_id: str) -> str:
    """The small print right under a block, where the person pressed."""
    blocks = home["blocks"]
    [at] = [n for n, b in enumerate(blocks) if b.get("block_id") == block_id]
    after = blocks[at + 1]
    assert after["type"] == "context", f"nothing said under {block_id}"
    return str(after["elements"][0]["text"])


def test_the_consoles_concerns_stay_put_as_each_is_acknowledged_and_resolved(
    world: World,
) -> None:
    paired(world)
    raise_by_command(world, SUNITA)
    raise_by_command(world, GRACE, "We keep missing each other", urgency="soon")
    rows = concern_rows(world.open_home(TEAM_LEAD))
    assert [r.split(" · ")[0] for r in rows] == ["Concern #2", "Concern #1"]

    assert world.sender.click_home(TEAM_LEAD, ACKNOWLEDGE, "2").status == 200
    second, first = concern_rows(world.home(TEAM_LEAD))
    assert second.startswith("Concern #2") and "acknowledged" in second
    assert first.startswith("Concern #1") and ":red_circle: open" in first
    # Acknowledge was last in the row: nothing moved into the place just pressed.
    assert second.endswith("| I'll take this, Resolved")
    assert first.endswith("| I'll take this, Resolved, Acknowledge")

    assert world.sender.click_home(TEAM_LEAD, RESOLVE, "2").status == 200
    assert world.submit_view(TEAM_LEAD, {"note": "Met both; a new time is agreed."}).status == 200
    second, first = concern_rows(world.home(TEAM_LEAD))
    assert second.startswith("Concern #2") and second.endswith(
        ":white_check_mark: resolved · raised 05 Jan"
    )
    assert first.startswith("Concern #1") and ":red_circle: open" in first


def test_a_step_taken_in_the_channel_first_shows_on_the_console_pressed_after_it(
    world: World,
) -> None:
    paired(world)
    raise_by_command(world, SUNITA)
    assert "open" in concern_rows(world.open_home(TEAM_LEAD))[0]
    [alert] = alerts(world)
    world.click(TOM, alert, "concern_ack")  # Tom, in the team's channel, while Priya looks on
    assert "acknowledged" in concern_rows(world.home(TOM))[0], "his own console follows"

    assert world.sender.click_home(TEAM_LEAD, ACKNOWLEDGE, "1").status == 200
    assert "already been acknowledged" in world.texts(TEAM_LEAD)[-1]
    [row] = concern_rows(world.home(TEAM_LEAD))
    assert "acknowledged" in row and "Acknowledge" not in row.split("|")[1]


def form_buttons(home: dict[str, Any]) -> str:
    [block_id] = [
        b["block_id"] for b in home["blocks"] if b.get("block_id", "").startswith("console:form:")
    ][:1]
    return str(block_id)


def published_homes(world: World, user: str, since: int) -> list[dict[str, Any]]:
    homes = []
    for call in world.slack.workspace.calls[since:]:
        if call.method == "views.publish" and call.params.get("user_id") == user:
            view = call.params["view"]
            homes.append(json.loads(view) if isinstance(view, str) else view)
    return homes


def test_a_chart_and_an_export_say_where_they_were_asked_for_that_they_are_on_their_way(
    world: World,
) -> None:
    world.add_cohort()
    block_id = form_buttons(world.open_home(TEAM_LEAD))
    form_id = block_id.rsplit(":", 1)[-1]
    channel = f"<#{TEAM_CHANNEL}>"  # Slack shows it as #lms-project-team
    for action_id, value, on_its_way, arrived in (
        (
            evaluations_view.CHART,
            form_id,
            f"The chart is on its way to {channel}: it takes a moment.",
            f"The chart is in {channel}.",
        ),
        (
            f"{evaluations_view.EXPORT}_named",
            json.dumps({"form": form_id, "pseudonymous": False}),
            f"The export with names is on its way to {channel}: it takes a moment.",
            f"The export with names is in {channel}.",
        ),
    ):
        calls = len(world.slack.workspace.calls)
        in_channel = len(world.slack.workspace.messages_in(TEAM_CHANNEL))
        assert world.sender.click_home(TEAM_LEAD, action_id, value).status == 200
        world.bot.wait_for_listeners()
        first, *_, last = published_homes(world, TEAM_LEAD, calls)
        assert said_under(first, block_id) == on_its_way
        assert said_under(last, block_id) == arrived
        assert len(world.slack.workspace.messages_in(TEAM_CHANNEL)) == in_channel + 1
        posted = [
            n
            for n, c in enumerate(world.slack.workspace.calls[calls:])
            if c.method != "views.publish"
        ]
        publishes = [
            n
            for n, c in enumerate(world.slack.workspace.calls[calls:])
            if c.method == "views.publish"
        ]
        assert publishes[0] < min(posted) and publishes[-1] > max(posted), "said before and after"


def test_an_export_slack_does_not_take_at_once_is_said_to_be_on_its_way_not_there(
    world: World,
) -> None:
    world.add_cohort()
    block_id = form_buttons(world.open_home(TEAM_LEAD))
    form_id = block_id.rsplit(":", 1)[-1]
    world.slack.fail_next("files.getUploadURLExternal", Fault(status=500))
    value = json.dumps({"form": form_id, "pseudonymous": True})
    assert world.sender.click_home(TEAM_LEAD, f"{evaluations_view.EXPORT}_pseudonymous", value)
    world.bot.wait_for_listeners()
    assert said_under(world.home(TEAM_LEAD), block_id) == (
        f"Slack is slow just now: the pseudonymous export will be in <#{TEAM_CHANNEL}> as soon "
        "as it takes it."
    )


def test_each_home_says_only_what_fits_the_person_it_is_for(world: World) -> None:
    world.add_cohort()
    world.slack.workspace.add_user(STRANGER, "Sam Stranger", "sam@example.org", "Europe/London")
    participant = words(world.open_home(SUNITA))
    assert (
        "use the button above" in participant and "Tell the project team privately" in participant
    )

    stranger = words(world.open_home(STRANGER))
    assert "not on the mentoring scheme yet" in stranger
    assert "button above" not in stranger and "Type `/mentoring help`" in stranger

    team = words(world.open_home(TEAM_LEAD))
    assert "You are on the project team: your console is below." in team
    assert "not on the mentoring scheme yet" not in team and "button above" not in team

    approver = words(world.open_home(APPROVER))
    assert "You decide the requests for accommodation" in approver
    assert "Nothing is waiting for your decision." in approver
    assert "not on the mentoring scheme yet" not in approver and "button above" not in approver
    assert "Project team console" not in approver


def ask_for_a_room(world: World, event: str) -> None:
    world.command_opens_modal(SUNITA, f"request accommodation {event}")
    answer = world.submit_view(SUNITA, {"kind": "accommodation", "event": event, "details": HOTEL})
    assert answer.status == 200 and answer.response_action is None, answer


def decision_rows(home: dict[str, Any]) -> list[str]:
    """The approver's list top to bottom: each request's line, then its buttons' labels."""
    rows: list[str] = []
    listing = False
    for block in home["blocks"]:
        text = (block.get("text") or {}).get("text", "")
        if text == "*Requests for your decision*":
            listing = True
        elif listing and block["type"] == "section":
            rows.append(text)
        elif listing and block["type"] == "actions":
            rows[-1] += " | " + ", ".join(e["text"]["text"] for e in block["elements"])
        elif listing and block["type"] == "divider":
            break
    return rows


def test_the_approver_decides_from_her_home_or_her_dm_and_both_agree(world: World) -> None:
    world.add_cohort()
    ask_for_a_room(world, "launch")
    ask_for_a_room(world, "final-celebration")
    first, second = decision_rows(world.open_home(APPROVER))
    assert first == (
        "*#1* accommodation for LMS Launch, from Sunita Rao, asked 01 Oct 09:00 | Approve, Decline…"
    )
    assert second.startswith("*#2* accommodation for LMS Final") and second.endswith(
        "| Approve, Decline…"
    )
    assert HOTEL not in held(world.home(APPROVER)), "the words stay in her DM"

    # Approved in her DM: her Home, open beside it, follows at once.
    in_dm, _ = approvals(world)
    world.click(APPROVER, in_dm, "request_approve")
    first, second = decision_rows(world.home(APPROVER))
    assert first.endswith("_You approved this request._") and "|" not in first
    assert second.endswith("| Approve, Decline…")

    # Declined from her Home: the DM's message, Sunita and the team hear of it.
    assert world.sender.click_home(APPROVER, requests_view.HOME_DECLINE, "2").status == 200
    assert world.modal(APPROVER)["title"]["text"] == "Decline request #2"
    assert world.submit_view(APPROVER, {"reason": "An early train is covered."}).status == 200
    first, second = decision_rows(world.home(APPROVER))
    assert first.endswith("_You approved this request._")
    assert second.endswith("_You declined this request._") and "|" not in second
    assert "Nothing is waiting for your decision." in words(world.home(APPROVER))
    _, declined = approvals(world)
    assert "You declined this request." in words(declined)
    assert not any(b["type"] == "actions" for b in declined.blocks)
    assert words(world.dms(SUNITA)[-1]).startswith("I'm sorry: your request #2")
    assert requests_view.HOME_APPROVE not in actions_in(world.open_home(APPROVER))


def test_a_team_member_not_on_the_scheme_chooses_welsh_from_her_home(world: World) -> None:
    home = world.open_home(TEAM_LEAD)
    assert "*Language · Iaith*" in words(home)
    assert world.sender.select_home(TEAM_LEAD, participants_view.HOME_LANGUAGE, "cy").status == 200
    redrawn = words(world.home(TEAM_LEAD))
    assert "Consol tîm y prosiect" in redrawn and "Project team console" not in redrawn
