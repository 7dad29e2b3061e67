"""The Procfile is the product: its `web` and `clock` lines started as written, as separate
processes on PostgreSQL against the local Slack workspace, carry a reminder, an evaluation
answered in DMs, a concern raised from a DM and a console action, and stop on SIGTERM within
10 seconds. If the Procfile and the code ever disagree again, this fails."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import pytest
from sqlalchemy import make_url

from localslack.sender import SignedSender
from localslack.server import Fault, LocalSlack
from localslack.workspace import Message
from tests.cast import COHORT, COHORT_CSV, GRACE, SUNITA, TEAM_CHANNEL, TEAM_LEAD
from tests.deployment import (
    DatabaseGate,
    Deployment,
    deployed,
    free_port,
    platform_env,
    procfile_commands,
    programme_around,
    settled,
)
from tests.seen import actions_in, words

STOPS_WITHIN = 10.0  # seconds from SIGTERM, as a platform allows before it kills
UNCAUGHT = "Traceback (most recent call last)"  # what Python prints of an error nobody handled


@pytest.fixture
def deployment(slack: LocalSlack, postgresql_url: str, tmp_path: Path) -> Iterator[Deployment]:
    for user_id, (name, email, tz) in COHORT.items():
        slack.workspace.add_user(user_id, name, email, tz)
    env = platform_env(
        PORT=str(free_port()),
        DATABASE_URL=postgresql_url,
        SLACK_BOT_TOKEN=slack.token,
        SLACK_SIGNING_SECRET=secrets.token_hex(16),
        SLACK_API_URL=slack.api_url,
        SLACK_RATE_LIMITS="false",  # the stand-in has none
    )
    with deployed(env, tmp_path) as running:
        yield running


def test_the_procfile_names_a_web_and_a_clock_process() -> None:
    assert set(procfile_commands()) == {"web", "clock"}


def test_the_procfile_as_written_runs_the_scheme_and_stops_on_sigterm(
    deployment: Deployment, slack: LocalSlack, tmp_path: Path
) -> None:
    now = _cohort_imported(deployment, tmp_path)
    # Then the launch comes near: its reminder falls due as the processes start.
    soon = datetime.now(UTC) + timedelta(seconds=3)
    programme_around(now, now + timedelta(hours=2), soon, tmp_path)
    deployment.start("web")
    deployment.start("clock")
    web = _web(deployment, slack)

    # The launch's reminder reaches everyone, from the clock.
    _everyone_reminded(slack)

    # Sunita answers the baseline evaluation in her DMs: the web keeps each, the clock applies it.
    settled(lambda: _with(slack, SUNITA, "Baseline evaluation"), "the baseline invitation")
    _web_is_up(web, SUNITA)
    assert _say(slack, web, SUNITA, "start").startswith("*Question 1 of")
    assert _say(slack, web, SUNITA, "4").startswith("Thanks. *Question 2 of")

    # Grace, a mentor with nothing to answer, tells the team privately from her DM.
    offer = _say_message(slack, web, GRACE, "Can I talk to someone?")
    web.click(GRACE, offer, "concern_raise")
    settled(lambda: slack.workspace.open_modal_of(GRACE), "the concern form")
    concern = "We have not been able to meet"
    assert web.submit_view(GRACE, {"text": concern, "urgency": "soon", "contact": ""}).status == 200
    alert = settled(lambda: _with(slack, TEAM_CHANNEL, "Concern #1"), "the team's alert")

    # The team lead acknowledges it from the console on her Home.
    assert words(alert).startswith("*:lock: Concern #1 from Grace Mensah (mentor)")
    web.open_home(TEAM_LEAD)
    settled(lambda: _console_offers(slack, "console_concern_acknowledge"), "the console")
    assert web.click_home(TEAM_LEAD, "console_concern_acknowledge", "1").status == 200
    settled(
        lambda: not _console_offers(slack, "console_concern_acknowledge"),
        "the console showing concern #1 acknowledged",
    )

    for process_type in ("web", "clock"):
        code, took = deployment.terminate(process_type)
        assert code == 0 and took < STOPS_WITHIN, (process_type, code, took)
        assert UNCAUGHT not in deployment.log(process_type), deployment.log(process_type)


def test_a_clock_that_slack_is_holding_back_stops_within_ten_seconds_of_sigterm(
    deployment: Deployment, slack: LocalSlack, tmp_path: Path
) -> None:
    now = _cohort_imported(deployment, tmp_path)
    slack.fail_next("chat.postMessage", Fault(status=429, retry_after=30), times=len(COHORT) * 5)
    programme_around(now, now + timedelta(hours=2), now, tmp_path)
    deployment.start("clock")
    settled(
        lambda: slack.workspace.rate_limited_per_method()["chat.postMessage"],
        "Slack holding the launch's reminders back",
    )
    code, took = deployment.terminate("clock")
    assert code == 0 and took < STOPS_WITHIN, (code, took)


def test_a_second_clock_stands_by_and_takes_over_when_the_first_is_killed(
    deployment: Deployment, slack: LocalSlack, tmp_path: Path
) -> None:
    now = _cohort_imported(deployment, tmp_path)
    programme_around(now, now + timedelta(hours=2), now, tmp_path)
    deployment.start("clock", name="first")
    _everyone_reminded(slack)
    deployment.start("clock", name="second")
    settled(lambda: "standing by" in deployment.log("second"), "the second clock standing by")
    web = _web(deployment, slack)
    deployment.start("web")
    _web_is_up(web, SUNITA)

    deployment.kill("first")
    assert _say(slack, web, SUNITA, "start").startswith("*Question 1 of"), "the second works"
    assert "this is the active clock" in deployment.log("second")
    reminders = [m for p in COHORT for m in slack.workspace.dms_to(p) if "LMS Launch" in words(m)]
    assert len(reminders) == len(COHORT), "each reminded once, whichever clock was active"


def _cohort_imported(deployment: Deployment, folder: Path) -> datetime:
    """The operator's first import, while the launch is a month away: it sends nothing. Returns
    when, for the programme's dates that follow."""
    now = datetime.now(UTC)
    cohort = folder / "cohort.csv"
    cohort.write_text(COHORT_CSV, encoding="utf-8")
    programme = programme_around(now, now + timedelta(days=30), now + timedelta(days=9), folder)
    deployment.env["MENTORBOT_PROGRAMME"] = str(programme)
    imported = deployment.run("participants", "import", str(cohort))
    assert imported.returncode == 0, imported.stderr
    return now


def _everyone_reminded(slack: LocalSlack) -> None:
    for person in COHORT:
        settled(partial(_with, slack, person, "LMS Launch"), f"{person}'s reminder")


def _with(slack: LocalSlack, channel_or_user: str, seen: str) -> Message | None:
    ws = slack.workspace
    messages = (
        ws.messages_in(channel_or_user)
        if channel_or_user.startswith("C")
        else ws.dms_to(channel_or_user)
    )
    return next((m for m in reversed(messages) if seen in words(m)), None)


def _console_offers(slack: LocalSlack, action_id: str) -> bool:
    return action_id in actions_in(slack.workspace.home_view(TEAM_LEAD) or {"blocks": []})


def _web_is_up(web: SignedSender, user: str) -> None:
    """The web process answers (it starts beside the clock, not before it)."""
    settled(lambda: _answers(web, user), "the web process answering")


def _answers(web: SignedSender, user: str) -> bool:
    try:
        return web.open_home(user).status == 200
    except OSError:
        return False


def _web(deployment: Deployment, slack: LocalSlack) -> SignedSender:
    """Slack, sending to the deployment's web process."""
    return SignedSender(
        slack,
        f"http://127.0.0.1:{deployment.env['PORT']}/slack/events",
        deployment.env["SLACK_SIGNING_SECRET"],
    )


def _say_message(slack: LocalSlack, web: SignedSender, user: str, text: str) -> Message:
    """The person writes in their DM; the bot's one answer to it."""
    assert web.dm(user, text).status == 200
    return _answer(slack, user, text)


def _answer(slack: LocalSlack, user: str, text: str) -> Message:
    """The bot's first message after the person's last `text` in their DM."""

    def found() -> Message | None:
        dms = slack.workspace.dms_to(user)
        # the person's own message: plain text, no blocks
        said = max(i for i, m in enumerate(dms) if m.user == user and m.text == text)
        return next((m for m in dms[said:] if m.user == slack.workspace.bot_user), None)

    return settled(found, f"an answer to {text!r}")


def _reply_to(slack: LocalSlack, user: str, text: str) -> str:
    return words(_answer(slack, user, text))


def _say(slack: LocalSlack, web: SignedSender, user: str, text: str) -> str:
    return words(_say_message(slack, web, user, text))


def test_a_clock_started_while_the_database_refuses_connections_waits_and_then_runs(
    deployment: Deployment, slack: LocalSlack, tmp_path: Path
) -> None:
    now = _cohort_imported(deployment, tmp_path)
    programme_around(now, now + timedelta(hours=2), now, tmp_path)
    url = make_url(deployment.env["DATABASE_URL"])
    gate = DatabaseGate((url.host or "127.0.0.1", url.port or 5432))
    try:
        deployment.start("clock", {"DATABASE_URL": str(url.set(port=gate.port))})
        settled(
            lambda: "database not reachable yet" in deployment.log("clock"), "the clock waiting"
        )
        gate.open()
        _everyone_reminded(slack)

        # The database goes away under the running clock, and comes back.
        gate.close()
        web = _web(deployment, slack)
        deployment.start("web")
        _web_is_up(web, SUNITA)
        assert web.dm(SUNITA, "start").status == 200  # kept by the web process meanwhile
        settled(lambda: "failed (OperationalError)" in deployment.log("clock"), "a failed run")
        gate.open()
        assert _reply_to(slack, SUNITA, "start").startswith("*Question 1 of")
        code, _ = deployment.terminate("clock")
        assert code == 0
        assert UNCAUGHT not in deployment.log("clock")
    finally:
        gate.close()
