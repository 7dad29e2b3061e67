"""The local workspace in a real headless Chromium (Debian's), driven by Playwright as a person
would use it, with an accessibility audit (axe-core) of every screen visited: no serious or
critical finding is allowed. Screenshots go to each test's temporary folder."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect, sync_playwright

from mentorbot.browse import Served
from mentorbot.local import NEWCOMERS
from tests.browser.conftest import ALED, FIONA, SUNITA, TEAM_LEAD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# As the machine's own probe starts it: no sandbox for root, nothing that reaches the network.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason="Debian's chromium is not installed (.ci/run installs it: apt-get install chromium)",
)
SERIOUS = {"serious", "critical"}
EVERY_IMPACT = {"minor", "moderate", "serious", "critical"}
# How long a step may take to show its outcome before the test gives up: a bound for a machine
# that is busy, not a pace (every wait ends as soon as the person would see the outcome).
# Playwright's own defaults (5 s for expect, 30 s for actions) fail a busy machine's tests.
PATIENCE_MS = 90_000
expect.set_options(timeout=PATIENCE_MS)


@pytest.fixture
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


class Screen:
    """The page as one person sees it; every look is audited and photographed."""

    def __init__(self, page: Page, served: Served, shots: Path):
        self.page, self.served, self.shots = page, served, shots
        self.findings: dict[str, list[str]] = {}

    def be(self, user: str, where: str = "home") -> None:
        self.page.goto(f"{self.served.url}/ui/open?as={user}&in={where}")

    def dm(self, user: str) -> None:
        self.be(user, self.served.run.slack.workspace.dm_channel(user))

    def look(self, name: str, refused: set[str] = SERIOUS) -> None:
        """Photographs the screen and audits it: no finding of the `refused` impacts."""
        self.page.screenshot(path=self.shots / f"{name}.png", full_page=True)
        results = Axe().run(self.page)
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
            for v in results.response["violations"]
            if v["impact"] in refused
        ]
        assert serious == [], f"{name}: {serious}"

    def everything_visible(self, user: str) -> str:
        """All the text of every place the person can open."""
        self.be(user)
        hrefs = self.page.locator("#sidebar a").evaluate_all("links => links.map(a => a.href)")
        texts = []
        for n, href in enumerate(hrefs):
            self.page.goto(href)
            self.look(f"{user}-place-{n}")
            texts.append(self.page.locator("body").inner_text())
        return "\n".join(texts)


@pytest.fixture
def screen(browser: Browser, workspace: Served, tmp_path: Path) -> Iterator[Screen]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(PATIENCE_MS)
    yield Screen(page, workspace, tmp_path)
    context.close()


def test_a_mentee_accepts_answers_and_raises_a_concern_that_her_mentor_never_sees(
    screen: Screen,
) -> None:
    page = screen.page
    screen.be(ALED)
    screen.look("aled-home")
    page.get_by_role("link", name="Fiona MacLeod").click()
    screen.look("aled-introduction")
    page.get_by_role("button", name="Accept").last.click()
    expect(page.locator("#main")).to_contain_text("accepted")

    # To the baseline evaluation (17 November), a week at a time: each press is seen to move
    # the clock before the next, as a person would wait, however long the week takes to run.
    for day in ("21 Oct", "28 Oct", "4 Nov", "11 Nov", "18 Nov"):
        page.get_by_role("button", name="+1 week").click()
        expect(page.locator("#clock")).to_contain_text(f"{day} 2025")
    screen.dm(ALED)
    page.get_by_role("button", name="Start").last.click()
    expect(page.locator("#main")).to_contain_text("How confident do you feel")
    screen.look("aled-evaluation")
    page.get_by_role("button", name="4").last.click()
    expect(page.locator("#main")).to_contain_text("Where do you see yourself in five years?")
    page.get_by_label("Message mentorbot").fill("Not sure yet")
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_contain_text("Did you attend the launch day?")

    page.get_by_role("button", name="Tell the project team").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    screen.look("aled-concern-form")
    secret = "My mentor cancels every meeting at the last minute"
    dialog.get_by_role("textbox").first.fill(secret)
    dialog.get_by_role("button", name="Send").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    screen.look("aled-after-concern")

    assert secret not in screen.everything_visible(FIONA)
    screen.be(TEAM_LEAD, "CTEAMPRIV1")
    expect(page.locator("#main")).to_contain_text(secret)
    screen.look("team-channel")


def test_the_team_imports_a_csv_and_sets_a_tbc_date_from_the_console(
    screen: Screen, tmp_path: Path
) -> None:
    page = screen.page
    screen.be(TEAM_LEAD)
    expect(page.locator("#main")).to_contain_text("Project team console")
    screen.look("console")

    page.get_by_role("button", name="Import participants").click()
    dialog = page.get_by_role("dialog")
    screen.look("import-form")
    misspelt = tmp_path / "newcomers.csv"
    misspelt.write_text(NEWCOMERS.read_text().replace("mentee", "mentie"))
    dialog.get_by_label("The CSV file").set_input_files(misspelt)
    dialog.get_by_role("button", name="Import").click()
    expect(page.get_by_role("dialog")).to_contain_text("Nothing was imported")
    expect(page.get_by_role("dialog")).to_contain_text("line 2")
    screen.look("import-problems")
    page.get_by_role("dialog").get_by_label("The CSV file").set_input_files(NEWCOMERS)
    page.get_by_role("dialog").get_by_role("button", name="Import").click()
    expect(page.get_by_role("dialog")).to_contain_text("2 participants added")
    screen.look("import-done")
    page.get_by_role("dialog").get_by_role("button", name="Done").click()
    expect(page.get_by_role("dialog")).to_have_count(0)

    tbc = page.locator("button[value='networking-jan-2026']", has_text="Set date")
    tbc.click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Networking and training")
    dialog.get_by_label("Day").fill("2026-01-21")
    dialog.get_by_label("Starts (UK time)").fill("10:00")
    dialog.get_by_label("Ends (UK time)").fill("11:30")
    screen.look("set-date-form")
    dialog.get_by_role("button", name="Set date").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.locator("#main")).to_contain_text("Wednesday 21 January 2026")
    screen.look("date-set")


def test_the_page_works_from_the_keyboard(screen: Screen) -> None:
    page = screen.page
    screen.dm(ALED)
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to the conversation")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()

    shortcut = page.get_by_role("button", name="Tell the project team")
    shortcut.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator(":focus")).to_have_count(1)  # focus moved into the form
    screen.look("keyboard-form")
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(shortcut).to_be_focused()  # back where the person was

    box = page.get_by_label("Message mentorbot")
    box.focus()
    page.keyboard.type("/mentoring help")
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_contain_text("Only visible to you")
    expect(box).to_have_value("")


def test_at_phone_width_the_conversation_has_the_screen_and_a_menu_holds_the_rest(
    screen: Screen,
) -> None:
    page = screen.page
    page.set_viewport_size({"width": 390, "height": 844})
    screen.dm(SUNITA)
    conversation = page.locator("#main").bounding_box()
    assert conversation is not None and conversation["height"] > 0.6 * 844, conversation
    expect(page.get_by_label("Message mentorbot")).to_be_in_viewport(ratio=1)
    screen.look("phone-dm", EVERY_IMPACT)

    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    shortcuts = page.locator("#sidebar").get_by_role("button")
    expect(shortcuts).to_have_count(2)
    for shortcut in shortcuts.all():
        shortcut.scroll_into_view_if_needed()
        expect(shortcut).to_be_in_viewport(ratio=1)  # nothing of it cut off
    expect(page.get_by_role("button", name="+1 week")).to_be_visible()
    screen.look("phone-menu", EVERY_IMPACT)
    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()


def test_a_form_asks_before_throwing_away_what_was_typed_and_gives_focus_back(
    screen: Screen,
) -> None:
    page = screen.page
    screen.be(SUNITA)
    log = page.locator("#main").get_by_role("button", name="Log a meeting")
    log.click()
    dialog = page.get_by_role("dialog", name="Log a meeting")
    dialog.get_by_label("For how many minutes?").fill("30")
    page.keyboard.press("Escape")
    asking = page.get_by_role("alertdialog", name="Discard what you've typed?")
    expect(asking.get_by_role("button", name="Keep editing")).to_be_focused()
    screen.look("asking-to-discard")
    page.keyboard.press("Escape")  # again, before anything else: still asked, still there
    expect(asking).to_be_hidden()
    expect(dialog.get_by_label("For how many minutes?")).to_have_value("30")
    dialog.get_by_role("button", name="Cancel").click()
    asking.get_by_role("button", name="Keep editing").click()
    expect(dialog.get_by_label("For how many minutes?")).to_have_value("30")

    dialog.get_by_role("button", name="Save").click()
    expect(dialog).to_contain_text("Logged: you met on")
    page.keyboard.press("Escape")  # nothing typed in what is shown now: it just closes
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(log).to_be_focused()  # where the person was, not the page's body

    screen.dm(SUNITA)
    message = page.locator("#main .message").filter(has=page.locator("details")).last
    message.locator("summary").click()
    message.get_by_role("button", name="Tell the team about this").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("textbox").first.fill("Something I half wrote")
    dialog.get_by_role("button", name="Cancel").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Discard").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.locator("body")).not_to_be_focused()
    assert screen.served.run.slack.workspace.open_modal_of(SUNITA) is None
