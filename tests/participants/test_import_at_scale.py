"""A cohort's import at Slack's scale: a large file's people are read off a few pages of the
workspace's member list (their zones and locales with them), not looked up one by one; only
whoever the list does not show is."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.slack.directory import listed_email
from localslack.server import LocalSlack
from localslack.workspace import User
from tests.world import World

ZONES = ("Europe/London", "America/New_York", "Asia/Kolkata")


@dataclass
class EmailNotInProfile(User):
    """A member whose profile shows no email to the app, though Slack finds them by it."""

    def as_slack(self) -> dict[str, Any]:
        shown = super().as_slack()
        del shown["profile"]["email"]
        return shown


def newcomer(n: int) -> tuple[str, str, str]:
    """The n-th newcomer's (Slack id, email, zone)."""
    return f"UNEW{n:05d}", f"new.person{n}@example.nhs.uk", ZONES[n % len(ZONES)]


def workspace_with(slack: LocalSlack, newcomers: int, others: int) -> None:
    """The newcomers, every fifth reading Slack in Welsh, among `others` not on the scheme."""
    for n in range(newcomers):
        user_id, email, zone = newcomer(n)
        user = slack.workspace.add_user(user_id, f"Person {n}", email, zone)
        user.locale = "cy-GB" if n % 5 == 0 else "en-GB"
    for n in range(others):
        slack.workspace.add_user(f"UOTHER{n:04d}", f"Other {n}", f"other{n}@example.org")


def cohort_csv(newcomers: int) -> str:
    rows = [
        f"Person {n},{newcomer(n)[1]},{'mentor' if n % 2 else 'mentee'}" for n in range(newcomers)
    ]
    return "name,email,role\n" + "\n".join(rows) + "\n"


def imported(world: World) -> dict[str, tuple[str | None, str | None, str | None]]:
    """email → (Slack id, zone, language) of everyone on the scheme."""
    with world.bot.uow() as uow:
        people = uow.participants.all()
    return {p.email: (p.slack_user_id, p.tz, p.language) for p in people}


def calls_importing(world: World, text: str) -> Counter[str]:
    """The Web API calls the import made, by method."""
    before = world.slack.workspace.calls_per_method()
    world.bot.import_participants(text)
    return world.slack.workspace.calls_per_method() - before


def expected(newcomers: int) -> dict[str, tuple[str | None, str | None, str | None]]:
    found: dict[str, tuple[str | None, str | None, str | None]] = {}
    for n in range(newcomers):
        user_id, email, zone = newcomer(n)
        found[email] = (user_id, zone, "cy" if n % 5 == 0 else None)
    return found


def test_three_hundred_newcomers_are_read_off_three_pages_of_the_member_list(world: World) -> None:
    workspace_with(world.slack, newcomers=300, others=150)  # 452 members with the team's two
    assert calls_importing(world, cohort_csv(300)) == {"users.list": 3}
    assert imported(world) == expected(300), "each with their zone, the Welsh readers in Welsh"
    pages = world.slack.workspace.calls_to("users.list")
    assert [(c.params["limit"], c.params["include_locale"]) for c in pages] == [("200", "1")] * 3


def test_reimporting_a_large_file_reads_the_list_again_and_asks_no_one_for_a_locale(
    world: World,
) -> None:
    workspace_with(world.slack, newcomers=300, others=0)
    world.bot.import_participants(cohort_csv(300))
    assert calls_importing(world, cohort_csv(300)) == {"users.list": 2}
    assert imported(world) == expected(300)


def test_someone_whose_email_the_list_does_not_show_is_looked_up_by_it(world: World) -> None:
    workspace_with(world.slack, newcomers=299, others=0)
    user_id, email, zone = newcomer(299)
    hidden = EmailNotInProfile(user_id, "Person 299", email, zone, locale="cy-GB")
    world.slack.workspace.users[user_id] = hidden
    assert calls_importing(world, cohort_csv(300)) == {
        "users.list": 2,
        "users.lookupByEmail": 1,
        "users.info": 1,  # their locale, as a newcomer
    }
    assert [c.params["email"] for c in world.slack.workspace.calls_to("users.lookupByEmail")] == [
        email
    ]
    assert imported(world)[email] == (user_id, zone, "cy")


def test_a_handful_of_newcomers_are_looked_up_one_by_one_without_listing_the_workspace(
    world: World,
) -> None:
    workspace_with(world.slack, newcomers=5, others=1000)
    assert calls_importing(world, cohort_csv(5)) == {"users.lookupByEmail": 5, "users.info": 5}
    assert imported(world) == expected(5)


def test_the_list_pages_as_slacks_does_and_refuses_a_cursor_it_did_not_give(
    slack: LocalSlack,
) -> None:
    workspace_with(slack, newcomers=5, others=0)
    everyone = len(slack.workspace.users)  # with the team's
    client = WebClient(token=slack.token, base_url=slack.api_url)
    pages = [page["members"] for page in client.users_list(limit=3)]
    assert [len(members) for members in pages[:-1]] == [3] * (len(pages) - 1)
    assert len({m["id"] for members in pages for m in members}) == everyone
    assert "locale" not in pages[0][0], "only when asked for"
    whole = client.users_list(include_locale=True)["members"]
    assert len(whole) == everyone and "locale" in whole[0], "no limit: all at once"
    with pytest.raises(SlackApiError) as refused:
        client.users_list(limit=3, cursor="bm90LW91cnM=")
    assert refused.value.response["error"] == "invalid_cursor"


@pytest.mark.parametrize(
    ("member", "email"),
    [
        ({"profile": {"email": "Grace.Mensah@example.nhs.uk"}}, "grace.mensah@example.nhs.uk"),
        ({"deleted": True, "profile": {"email": "grace.mensah@example.nhs.uk"}}, None),
        ({"is_bot": True, "profile": {"email": "bot@example.org"}}, None),
        ({"profile": {"real_name": "No Email Shown"}}, None),
    ],
)
def test_a_listed_member_is_found_by_email_only_if_active_human_and_showing_one(
    member: dict[str, Any], email: str | None
) -> None:
    assert listed_email(member) == email
