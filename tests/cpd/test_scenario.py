"""CPD records end to end, through the Bolt app and the local workspace: a Welsh reader asks in
Welsh and her record comes to her own DM as a Word document and a PDF in Welsh; her mentor's
comes to his in English; someone with nothing in theirs yet is told kindly, and sent nothing."""

from __future__ import annotations

from io import BytesIO

import docx
import pytest
from pypdf import PdfReader

from handlers.views import cpd as view
from tests.cast import GRACE, JAMIE, PAIRS_CSV, SUNITA
from tests.seen import buttons, words
from tests.world import World, group_messages, last_with, uk

CPD_FILE = "cpd-record-"


def met(world: World) -> None:
    """Grace and Sunita accept their pairing in January and meet; Sunita reads Welsh."""
    world.walk_to(uk("2026-01-05 09:30"))
    world.add_cohort()
    world.bot.import_pairs(PAIRS_CSV)
    for user in (GRACE, SUNITA):
        accept = last_with(group_messages(world, GRACE, SUNITA), "pair_accept")
        world.click(user, accept, "pair_accept")
    world.command(SUNITA, "iaith cymraeg")
    world.command(SUNITA, "cwrdd 2026-01-05 45m sgwrs gyntaf")
    world.walk_to(uk("2026-01-06 10:00"))


def records_sent(world: World) -> dict[str, list[tuple[str, bytes]]]:
    """Each conversation's CPD files: (name, content)."""
    ws = world.slack.workspace
    content = {f["id"]: f["content"] for f in ws.files.values()}
    sent: dict[str, list[tuple[str, bytes]]] = {}
    for message in ws.messages:
        for file in message.files:
            if file["name"].startswith(CPD_FILE):
                sent.setdefault(message.channel, []).append((file["name"], content[file["id"]]))
    return sent


@pytest.mark.both_databases
def test_each_gets_their_own_record_in_their_own_dm_in_their_language(world: World) -> None:
    met(world)
    assert world.command(SUNITA, "dpp").startswith(
        "Rydw i wedi rhoi eich cofnod DPP yn ein negeseuon uniongyrchol"
    )
    assert world.command(GRACE, "cpd").startswith("I've put your CPD record in our direct messages")
    ws = world.slack.workspace
    sent = records_sent(world)
    assert set(sent) == {ws.dm_channel(SUNITA), ws.dm_channel(GRACE)}

    hers = dict((name.rpartition(".")[2], content) for name, content in sent[ws.dm_channel(SUNITA)])
    assert set(hers) == {"docx", "pdf"}
    document = docx.Document(BytesIO(hers["docx"]))
    assert document.paragraphs[0].text == "Cofnod DPP: Sunita Rao"
    assert document.core_properties.language == "cy-GB"
    assert any("sgwrs gyntaf" in cell.text for t in document.tables for cell in t._cells)
    printed = "\n".join(p.extract_text() for p in PdfReader(BytesIO(hers["pdf"])).pages)
    assert "Cofnod DPP: Sunita Rao" in printed and "Grace" not in printed

    [(name, content)] = [f for f in sent[ws.dm_channel(GRACE)] if f[0].endswith(".docx")]
    his = docx.Document(BytesIO(content))
    assert his.paragraphs[0].text == "CPD record: Grace Mensah"
    assert any(
        "Mentoring meeting with my mentee" in cell.text for t in his.tables for cell in t._cells
    )


def test_someone_with_nothing_in_their_record_is_told_kindly_and_sent_nothing(
    world: World,
) -> None:
    met(world)
    assert world.command(JAMIE, "cpd") == (
        "Your CPD record is empty for now. It fills up as you go to the scheme's events and log "
        "your mentoring meetings."
    )
    assert "Get my CPD record" not in buttons(world.open_home(JAMIE))
    assert records_sent(world) == {}


def test_the_home_offers_the_record_once_there_is_something_in_it(world: World) -> None:
    met(world)
    assert "Cael fy nghofnod DPP" in buttons(world.open_home(SUNITA))
    assert world.sender.click_home(SUNITA, view.HOME_CPD).status == 200
    assert "Rydw i wedi rhoi eich cofnod DPP yn ein negeseuon uniongyrchol." in words(
        world.home(SUNITA)
    )
    assert set(records_sent(world)) == {world.slack.workspace.dm_channel(SUNITA)}
