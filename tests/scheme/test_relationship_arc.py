"""A mentoring relationship from its first day to its last, through the Bolt app and the local
workspace, as the scheme's calendar runs: Grace and Sunita, the cohort's one pair, accept in
January; in Negotiation Sunita sets two goals and their boundaries; they log their first meeting
and each says, alone, how the fit feels; in Enabling Growth a check-in asks about a goal and
Sunita answers; in March each answers a pulse; in June they reach Coming to Closure, and each is
invited to reflect and does (Sunita scores her goals again, her Home shows before and after);
she asks for her certificate and its code checks out; each asks for a CPD record and finds their
own reflection in it; the team asks for the cohort's outcomes report and, one pair being fewer
than 10, every figure in it is hidden and it says so. And the promises: goals stay the pair's,
an answer stays its giver's, a reflection stays its writer's, and none reaches the team."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import docx
import httpx

from handlers.views import goals as goals_view
from handlers.views import reflections as reflections_view
from localslack.workspace import Message
from tests.cast import EMAILS, GRACE, SUNITA, TEAM_CHANNEL, TEAM_LEAD, TOM
from tests.certificates.test_scenario import words_of_page
from tests.outcomes.test_views import pdf_words
from tests.seen import held, words
from tests.world import World, group_messages, last_with, uk

ONE_PAIR = f"mentor_email,mentee_email\n{EMAILS[GRACE]},{EMAILS[SUNITA]}\n"
GOALS = ("Lead the Monday huddle", "Delegate the rota")
BOUNDARIES = ("Alternate Tuesday lunchtimes", "Slack first, phone if urgent")
HER_REFLECTION = "I now chair the huddle & ask before I tell"
HIS_REFLECTION = "Asking open questions beats giving answers"
# A few of each one's words, found however the text is escaped or set out.
HER_WORDS, HIS_WORDS = "chair the huddle", "open questions beats"
# What each pulse answer reads as, to the one who gave it.
HER_PULSE, HIS_PULSE = "You answered: 4: Well", "You answered: 5: Very well"
CODE = re.compile(r"LMS(?:-[0-9A-Z]{4}){3}")


def now_shown(messages: list[Message], asked: Message) -> str:
    """A question as the conversation shows it now: its answer takes its place."""
    [shown] = [m for m in messages if m.ts == asked.ts]
    return words(shown)


def files_in(world: World, channel: str, prefix: str) -> dict[str, bytes]:
    """The files of a conversation whose names begin with `prefix`, by their extension."""
    ws = world.slack.workspace
    return {
        f["name"].rpartition(".")[2]: ws.files[f["id"]]["content"]
        for m in ws.messages_in(channel)
        for f in m.files
        if f["name"].startswith(prefix)
    }


def document_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for cell in table._cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def introduced_and_accepted(world: World) -> None:
    """Monday 5 January 2026: the team pairs Grace with Sunita, and both accept."""
    world.walk_to(uk("2026-01-05 09:30"))
    world.add_cohort()
    assert world.bot.import_pairs(ONE_PAIR) == 1
    for user in (GRACE, SUNITA):
        intro = last_with(group_messages(world, GRACE, SUNITA), "pair_accept")
        world.click(user, intro, "pair_accept")
    assert "You have both accepted" in words(group_messages(world, GRACE, SUNITA)[-1])


def goals_set_in_negotiation(world: World) -> None:
    """Wednesday 7 January: Negotiation; Sunita sets two goals and the boundaries on her Home."""
    world.walk_to(uk("2026-01-07 10:00"))
    assert world.command(GRACE, "stage negotiation").startswith("Done")
    world.open_home(SUNITA)
    assert world.sender.click_home(SUNITA, goals_view.HOME_GOALS).status == 200
    goals = {"what_1": GOALS[0], "confidence_1": "4", "what_2": GOALS[1], "confidence_2": "6"}
    boundaries = {"availability": BOUNDARIES[0], "contact": BOUNDARIES[1]}
    assert world.submit_view(SUNITA, goals | boundaries).status == 200
    his = words(world.open_home(GRACE))
    assert f"*1.* {GOALS[0]}" in his and f"*2.* {GOALS[1]}" in his
    assert BOUNDARIES[0] in his and "Confidence at the start: 4/10" in his


def first_meeting_and_the_fit(world: World) -> None:
    """Tuesday 13 January: Grace logs Monday's meeting; each is asked alone about the fit."""
    world.walk_to(uk("2026-01-13 11:20"))
    assert world.command(GRACE, "met 2026-01-12 45m getting to know each other").startswith(
        "Logged: you met on Monday 12 January 2026"
    )
    world.walk_to(uk("2026-01-13 11:21"))
    for user in (GRACE, SUNITA):
        asked = last_with(world.dms(user), "pulse_answer_good_fit")
        assert "does the fit with your partner feel right?" in words(asked)
        world.click(user, asked, "pulse_answer_good_fit")
        assert now_shown(world.dms(user), asked).startswith(
            "Thank you. You answered: Good fit. Nobody else sees your answer."
        )


def a_goal_check_in(world: World) -> None:
    """Enabling Growth from 13 January; on Monday 26 January a check-in asks about goal 1."""
    assert world.command(SUNITA, "stage enabling growth").startswith("Done")
    world.walk_to(uk("2026-01-26 12:00"))
    pair = group_messages(world, GRACE, SUNITA)
    asked = last_with(pair, "goal_under_way")
    assert words(asked).startswith(f"*How is goal 1 of 2 going?*\n> {GOALS[0]}")
    world.click(SUNITA, asked, "goal_under_way")
    shown = now_shown(group_messages(world, GRACE, SUNITA), asked)
    assert shown.startswith("Sunita Rao answered: Under way. Thank you!")


def a_pulse(world: World) -> None:
    """Monday 16 March, sixty days after the first meeting (a Saturday, so Monday): a pulse."""
    world.walk_to(uk("2026-03-16 12:00"))
    for user, score, answered in ((GRACE, "5", HIS_PULSE), (SUNITA, "4", HER_PULSE)):
        asked = last_with(world.dms(user), f"pulse_answer_{score}")
        assert words(asked).startswith("A quick pulse: how is your mentoring going")
        world.click(user, asked, f"pulse_answer_{score}")
        assert now_shown(world.dms(user), asked).startswith(f"Thank you. {answered}.")


def coming_to_closure_and_reflections(world: World) -> None:
    """Wednesday 17 June: Coming to Closure. Each is invited, alone, and reflects; Sunita scores
    her goals again beside what she said at the start."""
    world.walk_to(uk("2026-06-17 11:00"))
    assert world.command(SUNITA, "stage closure").startswith("Done")
    world.walk_to(uk("2026-06-17 11:01"))
    for user, reflection, scores in (
        (GRACE, {"learned": HIS_REFLECTION}, {}),
        (SUNITA, {"achieved": HER_REFLECTION}, {"confidence_end_1": "8", "confidence_end_2": "7"}),
    ):
        invitation = last_with(world.dms(user), reflections_view.REFLECT)
        assert words(invitation).startswith("Your mentoring is coming to its close.")
        world.click(user, invitation, reflections_view.REFLECT)
        assert world.submit_view(user, reflection | scores).status == 200
        assert "Thank you. Your reflection is kept for you alone" in words(world.modal(user))
    hers = words(world.open_home(SUNITA))
    assert "Confidence at the start: 4/10 · At the close: 8/10" in hers
    assert "Confidence at the start: 6/10 · At the close: 7/10" in hers
    assert "I now chair the huddle &amp; ask before I tell" in hers
    assert "Grace Mensah has written their reflection." in hers
    assert "Confidence at the start: 4/10 · At the close: 8/10" in words(world.open_home(GRACE))


def her_certificate_checks_out(world: World) -> None:
    """Sunita asks for her certificate: a PDF in her DM, whose code the web page vouches for."""
    said = world.command(SUNITA, "certificate")
    assert said.startswith("Well done on completing the scheme.")
    [code] = CODE.findall(said)
    certificate = files_in(world, world.slack.workspace.dm_channel(SUNITA), "mentoring-cert")
    printed = pdf_words(certificate["pdf"])
    assert "Sunita Rao" in printed and code in printed and "1 mentoring meeting" in printed
    checked = httpx.get(f"{world.http.base_url}/certificates/{code}")
    assert checked.status_code == 200
    assert words_of_page(checked.text)[:3] == ["This certificate is genuine.", "Name", "Sunita Rao"]


def each_gets_a_cpd_record(world: World) -> None:
    """Each asks for their CPD record: a Word document and a PDF, their own reflection in both."""
    for user, own, theirs, draft in (
        (GRACE, f"What I learned: {HIS_REFLECTION}", HER_REFLECTION, "says what I learned."),
        (SUNITA, f"What I achieved: {HER_REFLECTION}", HIS_REFLECTION, "says what I achieved."),
    ):
        assert world.command(user, "cpd").startswith("I've put your CPD record")
        record = files_in(world, world.slack.workspace.dm_channel(user), "cpd-record-")
        assert set(record) == {"docx", "pdf"}
        written, printed = document_text(record["docx"]), pdf_words(record["pdf"])
        for read in (written, printed):
            assert "17 June 2026: Reflection written at Coming to Closure" in read
            assert own in read and theirs not in read
        assert "From 12 January 2026 to 17 June 2026 I took part in the" in printed
        assert f"My reflection at Coming to Closure {draft}" in printed, "what they wrote"


def the_team_gets_the_outcomes_report(world: World) -> None:
    """The team asks for the cohort's report: one pair is fewer than 10, so every figure is
    hidden, and the report says so."""
    said = world.command(TEAM_LEAD, "team report")
    assert said == f"The outcomes report is on its way to <#{TEAM_CHANNEL}>: it takes a moment."
    world.walk_to(world.now() + timedelta(minutes=1))
    report = files_in(world, TEAM_CHANNEL, "outcomes-")
    assert set(report) == {"pdf", "csv"}
    read = pdf_words(report["pdf"])
    assert "Small numbers are hidden" in read and "Figures hidden in this report:" in read
    assert "Goals Hidden: there are fewer than 10 pairs." in read
    assert read.count("Every count by category is hidden, so there is no chart.") == 3
    rows = list(csv.DictReader(io.StringIO(report["csv"].decode())))
    assert rows and {row["status"] for row in rows} == {"hidden"}
    assert not [row for row in rows if row["count"] or row["goals_set"] or row["median_start"]]


def readable(name: str, content: bytes) -> str:
    """A file's words, as its reader would find them."""
    if name.endswith(".docx"):
        return document_text(content)
    if name.endswith(".pdf"):
        return pdf_words(content)
    return content.decode() if name.endswith(".csv") else ""


def shown_to(world: World, *people: str, channel: str = "") -> str:
    """Everything the workspace showed these people, or a channel: messages and the files in
    them, seen or not; answers to their commands; every view published for them."""
    ws = world.slack.workspace
    places = {c.id for c in ws.channels.values() if set(people) & set(c.members)} | {channel}
    messages = [m for m in ws.messages if m.channel in places]
    shown = [held(m) for m in messages]
    shown += [readable(f["name"], ws.files[f["id"]]["content"]) for m in messages for f in m.files]
    shown += [held(r) for r in ws.responses if r.user in people]
    shown += [held(v) for v_id, v in ws.views.items() if ws.view_owner.get(v_id) in people]
    shown += [str(c.params) for c in ws.calls if c.params.get("user_id") in people]
    return "\n".join(shown)


def test_a_pair_goes_from_introduction_to_closure_and_each_keeps_what_is_theirs(
    world: World,
) -> None:
    introduced_and_accepted(world)
    goals_set_in_negotiation(world)
    first_meeting_and_the_fit(world)
    a_goal_check_in(world)
    a_pulse(world)
    coming_to_closure_and_reflections(world)
    her_certificate_checks_out(world)
    each_gets_a_cpd_record(world)
    the_team_gets_the_outcomes_report(world)

    console = words(world.open_home(TEAM_LEAD))
    assert "*Reflections*: 2 of 2 invited reflected at the close" in console
    team = shown_to(world, TEAM_LEAD, TOM, channel=TEAM_CHANNEL)
    assert "Small numbers are hidden" in team, "the report's words are among what it saw"
    his, hers = shown_to(world, GRACE), shown_to(world, SUNITA)
    for private in (*GOALS, *BOUNDARIES, HIS_PULSE, HER_PULSE, HIS_WORDS, HER_WORDS):
        assert private not in team, f"the team never sees {private!r}"
    assert all(goal in his and goal in hers for goal in GOALS), "goals are the pair's"
    assert HIS_PULSE in his and HIS_WORDS in his
    assert HER_PULSE not in his and HER_WORDS not in his
    assert HER_PULSE in hers and HER_WORDS in hers
    assert HIS_PULSE not in hers and HIS_WORDS not in hers
