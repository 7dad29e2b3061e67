"""The page over HTTP, as a browser without script uses it: every form posts and comes back
to the page. The app behind it is the real one, reached by signed requests."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

from localslack.workspace import Message
from mentorbot.browse import SHORTCUT_NAMES, Served, serving
from tests.browser.conftest import ALED, FIONA, JAMIE, SUNITA, TEAM_LEAD, local_settings

ROOT = Path(__file__).parent.parent.parent


# How long a request may take on a busy machine before a test gives up: a bound, not a pace.
PATIENCE_S = 120


def client(served: Served) -> httpx.Client:
    return httpx.Client(base_url=served.url, follow_redirects=True, timeout=PATIENCE_S)


def dm(served: Served, user: str) -> str:
    return served.run.slack.workspace.dm_channel(user)


def latest_with(served: Served, user: str, action_id: str) -> tuple[Message, dict, dict]:
    """The person's latest message offering `action_id`: it, its block and the element."""
    ws = served.run.slack.workspace
    for message in reversed(ws.messages):
        if user not in ws.channels[message.channel].members:
            continue
        for block in message.blocks:
            for element in block.get("elements", []):
                if element.get("action_id") == action_id:
                    return message, block, element
    raise AssertionError(f"{user} has no message offering {action_id}")


def hash_of(served: Served, view_id: str | None) -> str:
    """The version of the view the page shows, which its forms post."""
    assert view_id is not None
    return str(served.run.slack.workspace.views[view_id]["hash"])


def press(page: httpx.Client, user: str, message: Message, block: dict, element: dict) -> str:
    """What the page's form for that button posts."""
    answer = page.post(
        "/ui/act",
        data={
            "as": user,
            "in": message.channel,
            "surface": "message",
            "channel": message.channel,
            "ts": message.ts,
            "view_id": "",
            "block_id": block.get("block_id", ""),
            "action_id": element["action_id"],
            "value": element.get("value", ""),
        },
    )
    assert answer.status_code == 200
    return answer.text


def test_a_mentee_accepts_their_pairing_and_sees_it_at_once(workspace: Served) -> None:
    with client(workspace) as page:
        message, block, element = latest_with(workspace, ALED, "pair_accept")
        shown = press(page, ALED, message, block, element)
    assert "I&#39;ll let you both know when your partner has accepted too." in shown
    assert workspace.run.slack.workspace.violations == []


def test_a_form_the_app_refuses_keeps_what_was_typed_beside_the_error(workspace: Served) -> None:
    with client(workspace) as page:
        page.post(
            "/ui/say", data={"as": ALED, "in": dm(workspace, ALED), "text": "/mentoring concern"}
        )
        view_id = workspace.run.slack.workspace.open_modal_of(ALED)
        assert view_id is not None
        shown = page.post(
            "/ui/submit",
            data={
                "as": ALED,
                "in": dm(workspace, ALED),
                "view_id": view_id,
                "hash": hash_of(workspace, view_id),
                "input:text": "",
            },
        ).text
        assert "Please fill in this field." in shown
        typed = "My mentor & I <never> meet"
        shown = page.post(
            "/ui/submit",
            data={
                "as": ALED,
                "in": dm(workspace, ALED),
                "view_id": view_id,
                "hash": hash_of(workspace, view_id),
                "input:text": typed,
                "input:urgency": "soon",
            },
        ).text
    assert workspace.run.slack.workspace.open_modal_of(ALED) is None, shown
    team = page_text(workspace, TEAM_LEAD, "CTEAMPRIV1")
    assert "My mentor &amp;amp; I &amp;lt;never&amp;gt; meet" not in team  # escaped once, not twice
    assert "My mentor &amp; I &lt;never&gt; meet" in team


def page_text(served: Served, user: str, where: str) -> str:
    with client(served) as page:
        return page.get("/", params={"as": user, "in": where}).text


def test_text_people_type_is_shown_as_text(workspace: Served) -> None:
    typed = "<!channel> *hi* <https://evil.example|your bank> & more"
    with client(workspace) as page:
        shown = page.post(
            "/ui/say", data={"as": SUNITA, "in": dm(workspace, SUNITA), "text": typed}
        ).text
    assert 'href="https://evil.example"' not in shown
    assert "&lt;!channel&gt;" in shown
    sent = [m for m in workspace.run.slack.workspace.dms_to(SUNITA) if m.user == SUNITA]
    assert (
        sent[-1].text == "&lt;!channel&gt; *hi* &lt;https://evil.example|your bank&gt; &amp; more"
    )


def test_a_control_the_page_never_showed_does_nothing(workspace: Served) -> None:
    with client(workspace) as page:
        page.get("/", params={"as": JAMIE})  # her Home, drawn on her first visit
        calls = len(workspace.run.slack.workspace.calls)
        shown = page.post(
            "/ui/act",
            data={
                "as": JAMIE,
                "in": "home",
                "surface": "home",
                "view_id": "V-not-there",
                "block_id": "x",
                "action_id": "console_concern_resolve",
                "value": "1",
            },
        ).text
    assert "Your Home tab has changed since" in shown
    assert len(workspace.run.slack.workspace.calls) == calls


def test_forms_from_another_site_or_host_are_refused(workspace: Served) -> None:
    with client(workspace) as page:
        elsewhere = page.post(
            "/ui/say",
            data={"as": SUNITA, "in": dm(workspace, SUNITA), "text": "hello"},
            headers={"Origin": "https://evil.example"},
        )
        rebound = page.get("/", headers={"Host": "evil.example"})
    assert elsewhere.status_code == 403
    assert rebound.status_code == 403


def test_files_reach_only_those_they_were_shared_with(workspace: Served) -> None:
    ws = workspace.run.slack.workspace
    shared = next(m for m in ws.dms_to(SUNITA) if m.files)
    file_id = shared.files[0]["id"]
    with client(workspace) as page:
        hers = page.get(f"/ui/files/{file_id}", params={"as": SUNITA})
        not_his = page.get(f"/ui/files/{file_id}", params={"as": FIONA})
    assert hers.status_code == 200 and b"BEGIN:VCALENDAR" in hers.content
    assert "attachment" in hers.headers["content-disposition"]
    assert not_his.status_code == 404


def test_the_clock_moves_by_the_schedulers_own_moments(workspace: Served) -> None:
    scheduler, clock = workspace.run.bot.scheduler, workspace.run.clock
    upcoming = scheduler.next_wakeup()
    assert upcoming is not None
    with client(workspace) as page:
        page.post("/ui/clock", data={"as": SUNITA, "in": "home", "do": "next"})
        assert clock.now == upcoming
        before = clock.now
        shown = page.post("/ui/clock", data={"as": SUNITA, "in": "home", "do": "week"}).text
    assert (clock.now - before).days == 7
    assert "UK time" in shown


def test_news_arrives_as_server_sent_events(workspace: Served) -> None:
    with client(workspace) as page, page.stream("GET", "/ui/events") as news:
        lines = news.iter_lines()
        assert next(lines) == "event: changed"
        next(lines), next(lines)
        page.post("/ui/say", data={"as": SUNITA, "in": dm(workspace, SUNITA), "text": "hello"})
        assert next(lines) == "event: changed"


def test_a_concern_never_shows_on_the_partners_page(workspace: Served) -> None:
    secret = "Sunita-only words about the pairing"
    with client(workspace) as page:
        page.post(
            "/ui/say",
            data={"as": SUNITA, "in": dm(workspace, SUNITA), "text": "/mentoring concern"},
        )
        view_id = workspace.run.slack.workspace.open_modal_of(SUNITA)
        page.post(
            "/ui/submit",
            data={
                "as": SUNITA,
                "in": dm(workspace, SUNITA),
                "view_id": view_id,
                "hash": hash_of(workspace, view_id),
                "input:text": secret,
                "input:urgency": "soon",
            },
        )
        team = page.get("/", params={"as": TEAM_LEAD, "in": "CTEAMPRIV1"}).text
        grace = [
            page.get("/ui/open", params={"as": "UDEMO0001", "in": where}).text
            for where in ["home", dm(workspace, "UDEMO0001"), *group_dms(workspace, "UDEMO0001")]
        ]
    assert secret in team
    assert all(secret not in shown for shown in grace)


def group_dms(served: Served, user: str) -> list[str]:
    ws = served.run.slack.workspace
    return [c.id for c in ws.channels.values() if c.is_mpim and user in c.members]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is how a stop arrives on POSIX")
def test_the_run_command_prints_the_address_and_resumes_where_it_stopped(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env |= {"PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "mentorbot.cli", "run", "--port", "0", "--state", "kept"]

    def run_once(*extra: str) -> str:
        served = subprocess.Popen(
            [*command, *extra],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert served.stdout is not None
        line = served.stdout.readline()
        address = line.split(": ", 1)[1].split()[0]
        assert address.startswith("http://127.0.0.1:")
        page = httpx.get(address, follow_redirects=True, timeout=PATIENCE_S).text
        served.send_signal(signal.SIGTERM)
        out, err = served.communicate(timeout=PATIENCE_S)
        assert served.returncode == 0, err
        assert out == "" and "Traceback" not in err
        return page

    first = run_once()
    assert "You are" in first
    kept = (tmp_path / "kept" / "workspace.json").read_text()
    run_once()
    assert (tmp_path / "kept" / "workspace.json").read_text().count('"ts"') >= kept.count('"ts"')
    run_once("--fresh")


def test_play_walks_the_scheme_until_paused(workspace: Served) -> None:
    clock = workspace.run.clock
    start = clock.now
    with client(workspace) as page:
        playing = page.post("/ui/clock", data={"as": SUNITA, "in": "home", "do": "play"}).text
        assert "Playing…" in playing
        deadline = time.monotonic() + PATIENCE_S
        while clock.now < start + timedelta(days=14) and time.monotonic() < deadline:
            time.sleep(0.05)
        paused = page.post("/ui/clock", data={"as": SUNITA, "in": "home", "do": "pause"}).text
    assert clock.now >= start + timedelta(days=14)
    assert "Playing…" not in paused
    stopped_at = clock.now  # paused: the step under way when it was pressed is over
    time.sleep(0.3)
    assert clock.now == stopped_at


def test_a_resumed_workspace_still_hears_what_people_write(seeded: Path, tmp_path: Path) -> None:
    """After a stop the workspace and its database carry on together: a DM written after the
    restart is a new event to the app, not a retry of one it has already handled."""
    state = tmp_path / "state"
    shutil.copytree(seeded, state)
    answers = []
    for _ in range(2):
        with serving(local_settings(), state, port=0) as served, client(served) as page:
            before = len(served.run.slack.workspace.dms_to(SUNITA))
            page.post("/ui/say", data={"as": SUNITA, "in": dm(served, SUNITA), "text": "hello"})
            served.run.bot.wait_for_listeners()
            answers.append(len(served.run.slack.workspace.dms_to(SUNITA)) - before)
    assert answers == [2, 2]  # her message and the bot's answer, both times


def test_a_message_shortcut_works_only_on_messages_the_person_can_see(workspace: Served) -> None:
    team_message = workspace.run.slack.workspace.messages_in("CTEAMPRIV1")[-1]
    with client(workspace) as page:
        shown = page.post(
            "/ui/shortcut",
            data={
                "as": SUNITA,
                "in": "CTEAMPRIV1",
                "ts": team_message.ts,
                "callback_id": "tell_the_team_about_message",
            },
        ).text
    assert "That shortcut isn&#39;t there any more." in shown
    assert workspace.run.slack.workspace.open_modal_of(SUNITA) is None


def test_a_form_posted_twice_at_once_is_sent_once(workspace: Served) -> None:
    ws = workspace.run.slack.workspace
    with client(workspace) as page:
        page.post(
            "/ui/say",
            data={"as": SUNITA, "in": dm(workspace, SUNITA), "text": "/mentoring concern"},
        )
        view_id = ws.open_modal_of(SUNITA)
        words = "Sent once, however often it is pressed"
        form = {
            "as": SUNITA,
            "in": dm(workspace, SUNITA),
            "view_id": view_id,
            "hash": hash_of(workspace, view_id),
            "input:text": words,
            "input:urgency": "soon",
        }
        with ThreadPoolExecutor(2) as both:
            list(both.map(lambda _: client(workspace).post("/ui/submit", data=form), range(2)))
    assert sum(words in m.text + str(m.blocks) for m in ws.messages_in("CTEAMPRIV1")) == 1


def test_a_file_is_downloaded_under_its_own_name_whatever_its_letters(workspace: Served) -> None:
    file_id = workspace.run.sender.attach_file(SUNITA, "Łódź <b>.csv", b"a,b\n")
    with client(workspace) as page:
        answer = page.get(f"/ui/files/{file_id}", params={"as": SUNITA})
    assert answer.status_code == 200
    disposition = answer.headers["content-disposition"]
    assert 'filename="d b.csv"' in disposition and "UTF-8''%C5%81%C3%B3d%C5%BA" in disposition


# The page's own words, which a Welsh reader must not see in English.
ENGLISH_CHROME = [
    "You are",
    "Switch person",
    "Mentees",
    "Mentors",
    "Project team",
    "Not on the scheme yet",
    "Simulated clock",
    "UK time",
    "Next moment",
    "+1 day",
    "+1 week",
    "Play the scheme",
    "Places",
    "Messages with",
    "Home",
    "Shortcuts",
    "Skip to the conversation",
    "local workspace",
    "Only visible to you",
    "More actions",
    "Write a message",
    "Enter sends",
    "Send",
    " Tue ",
    " Oct ",
]


class _Chrome(HTMLParser):
    """The words the page itself shows or names things by: its text and its labels, without
    what the app wrote (messages, the Home tab) or named (its shortcuts, from its manifest)."""

    APPS = {"body", "home", "link-button"}
    VOID = {"meta", "link", "input", "br", "hr", "img"}

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self._open: list[bool] = []  # for each open element: is it the app's?

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        apps = bool(self.APPS & set((found.get("class") or "").split())) or tag == "script"
        if not any(self._open) and not apps:
            self.words += [found[k] or "" for k in ("aria-label", "label", "title") if k in found]
        if tag not in self.VOID:
            self._open.append(apps)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if not any(self._open):
            self.words.append(data)


def chrome_of(html: str) -> str:
    parser = _Chrome()
    parser.feed(html)
    return " ".join(" ".join(parser.words).split())


def test_the_page_speaks_the_language_of_the_person_it_is_used_as(workspace: Served) -> None:
    with client(workspace) as page:
        page.post(
            "/ui/say",
            data={"as": SUNITA, "in": dm(workspace, SUNITA), "text": "/mentoring iaith cymraeg"},
        )
        workspace.run.bot.wait_for_listeners()
        welsh = page.get("/", params={"as": SUNITA, "in": dm(workspace, SUNITA)}).text
        english = page.get("/", params={"as": ALED, "in": dm(workspace, ALED)}).text
    assert '<html lang="cy">' in welsh
    chrome = chrome_of(welsh)
    for words in ["Chi yw", "Mentai", "Mae hi'n Maw 14 Hyd 2025", "+1 wythnos", "Hafan mentorbot"]:
        assert words in chrome
    assert [words for words in ENGLISH_CHROME if words in chrome] == []
    assert '<html lang="en">' in english
    assert all(words in chrome_of(english) for words in ["You are", "+1 week", "mentorbot Home"])
    # The app's shortcuts, in the sidebar and on a message, as the page names them
    for english_name, welsh_name in [
        ("Log a mentoring meeting", "Cofnodi cyfarfod mentora"),
        ("Tell the team about this", "Rhoi gwybod i&#39;r tîm am hyn"),  # escaped
    ]:
        assert welsh_name in welsh and english_name not in welsh
        assert english_name in english


def test_every_shortcut_the_manifest_names_is_in_the_catalogue() -> None:
    manifest = json.loads((ROOT / "manifest.json").read_text(encoding="utf-8"))
    named = {s["name"] for s in manifest["features"]["shortcuts"]}
    assert named == set(SHORTCUT_NAMES)


def test_a_reload_does_not_bring_back_a_form_left_open(workspace: Served) -> None:
    """Reloading closes a form the person left open, as reloading Slack does; the load after
    their own action shows it, and so do the page's live redraws while it is open."""
    where = {"as": ALED, "in": dm(workspace, ALED)}
    with client(workspace) as page:
        opened = page.post("/ui/say", data=where | {"text": "/mentoring concern"}).text
        assert '<dialog id="modal"' in opened
        live = page.get("/", params=where, headers={"X-Live-Page": "1"}).text
        assert '<dialog id="modal"' in live
        reloaded = page.get("/", params=where).text
    assert '<dialog id="modal"' not in reloaded
    assert workspace.run.slack.workspace.open_modal_of(ALED) is None


def test_the_first_visit_shows_the_first_persons_home_drawn(workspace: Served) -> None:
    with client(workspace) as page:
        first = page.get("/").text
    assert "has not drawn a Home tab for you yet" not in first
    people = workspace.run.slack.workspace
    assert any(people.home_view(p) for p in people.users), "the app was told the Home opened"
