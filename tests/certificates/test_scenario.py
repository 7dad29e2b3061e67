"""Certificates end to end, through the Bolt app and the local workspace: a pair meets and comes to
closure, and the mentee's certificate reaches her own DM only; its code checks out at
/certificates/CODE on the web process and with `mentorbot certificate verify`, showing her name,
role and cohort and nothing else; someone not there yet is told kindly what is missing."""

from __future__ import annotations

import re
from io import BytesIO

import httpx
import pytest
from pypdf import PdfReader

from handlers.views import certificates as view
from tests.cast import GRACE, JAMIE, PAIRS_CSV, SUNITA
from tests.seen import buttons, words
from tests.world import World, group_messages, last_with, uk

CODE = re.compile(r"LMS(?:-[0-9A-Z]{4}){3}")
CERTIFICATE_FILE = "mentoring-certificate-"


def paired(world: World) -> None:
    """Grace and Sunita accept their pairing in January; Oliver and Jamie have not yet."""
    world.walk_to(uk("2026-01-05 09:30"))
    world.add_cohort()
    world.bot.import_pairs(PAIRS_CSV)
    for user in (GRACE, SUNITA):
        accept = last_with(group_messages(world, GRACE, SUNITA), "pair_accept")
        world.click(user, accept, "pair_accept")


def certificates_sent(world: World) -> list[tuple[str, bytes]]:
    """(the conversation, the PDF) of every certificate the workspace holds."""
    ws = world.slack.workspace
    content = {f["id"]: f["content"] for f in ws.files.values()}
    return [
        (m.channel, content[f["id"]])
        for m in ws.messages
        for f in m.files
        if f["name"].startswith(CERTIFICATE_FILE)
    ]


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


@pytest.mark.both_databases
def test_a_mentee_at_closure_gets_her_certificate_in_her_dm_and_its_code_checks_out(
    world: World, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    paired(world)
    world.command(SUNITA, "met 2026-01-05 45m first chat")
    assert world.command(JAMIE, "certificate").endswith(
        "Your pairing starts once you and your partner have both accepted it."
    )
    assert world.command(SUNITA, "certificate").endswith(
        "When you and your partner are ready to close, type `/mentoring stage closure`."
    )
    assert certificates_sent(world) == []

    world.walk_to(uk("2026-06-01 10:00"))
    world.command(SUNITA, "stage closure")
    said = world.command(SUNITA, "certificate")
    assert said.startswith("Well done on completing the scheme.")
    [code] = CODE.findall(said)

    [(where, pdf)] = certificates_sent(world)
    assert where == world.slack.workspace.dm_channel(SUNITA)
    printed = pdf_text(pdf)
    for shown in (
        "Sunita Rao",
        "took part as a mentee in",
        world.bot.services.programme.name,
        "1 mentoring meeting",
        code,
    ):
        assert shown in printed
    assert "Grace" not in printed

    checked = httpx.get(f"{world.http.base_url}/certificates/{code}")
    assert checked.status_code == 200
    assert words_of_page(checked.text) == [
        "This certificate is genuine.",
        "Name",
        "Sunita Rao",
        "Role",
        "Mentee",
        "Cohort",
        "2025-26",
    ]

    for name, value in world.bot_settings.model_dump().items():
        if value is not None:
            monkeypatch.setenv(name.upper(), str(value))
    from mentorbot.cli import main

    assert main(["certificate", "verify", code.lower().replace("-", " ")]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "This certificate is genuine.",
        "Name: Sunita Rao",
        "Role: Mentee",
        "Cohort: 2025-26",
    ]
    assert main(["certificate", "verify", view.EXAMPLE_CODE]) == 1
    assert main(["certificate", "verify", "LMS-1234"]) == 2


def test_the_home_offers_the_certificate_only_to_someone_who_completed(world: World) -> None:
    paired(world)
    world.command(SUNITA, "met 2026-01-05 45m first chat")
    world.command(SUNITA, "stage closure")
    assert "Get my certificate" not in buttons(world.open_home(JAMIE))
    assert "Get my certificate" in buttons(world.open_home(SUNITA))
    assert world.sender.click_home(SUNITA, view.HOME_CERTIFICATE).status == 200
    assert "I've put your certificate in our direct messages." in words(world.home(SUNITA))
    assert [where for where, _ in certificates_sent(world)] == [
        world.slack.workspace.dm_channel(SUNITA)
    ]


def test_checking_a_code_says_kindly_what_is_wrong_and_shows_nothing_else(world: World) -> None:
    paired(world)
    site = f"{world.http.base_url}/certificates/"
    unknown = httpx.get(site + view.EXAMPLE_CODE)
    assert unknown.status_code == 404
    assert words_of_page(unknown.text)[0] == "No certificate has this code."
    mistyped = httpx.get(site + "LMS-7K3Q-9XWD-2MHK", headers={"Accept-Language": "cy, en"})
    assert mistyped.status_code == 400
    assert words_of_page(mistyped.text)[0] == (
        "Mae'n edrych fel bod un nod yn y cod hwnna wedi'i deipio'n anghywir."
    )
    assert httpx.get(site + "<script>alert(1)</script>").status_code == 400
    assert httpx.get(site + "x" * 5000).status_code == 400
    assert httpx.post(site + view.EXAMPLE_CODE).status_code == 405
    assert unknown.headers["content-security-policy"].startswith("default-src 'none'")


def words_of_page(html: str) -> list[str]:
    """The words a reader sees in the page's body, one element a line."""
    body = html.split("<body>", 1)[1]
    return [w.strip() for w in re.split(r"<[^>]+>", body) if w.strip()]
