"""Evaluations collected in DMs, walked through the mid-scheme check of March 2026."""

from __future__ import annotations

import copy
import csv
import io

import pytest

from tests.cast import GRACE, JAMIE, OLIVER, SUNITA, TEAM_CHANNEL, TEAM_LEAD
from tests.seen import words
from tests.world import World, sent_at, uk


def mid_scheme_check_open(world: World) -> None:
    """Monday 2 March 2026, 09:30: the mid-scheme check open and everyone invited, as a bot
    starting then finds it (the clock's catch-up), rather than walked to moment by moment since
    October: the months between are the mid-scheme scenario's, which walks them."""
    world.clock.move_to(uk("2026-03-02 09:30"))
    world.bot.scheduler.run_due()


@pytest.mark.both_databases  # this feature's scenario on PostgreSQL too
def test_the_mid_scheme_check_from_invitation_to_export(world: World) -> None:
    world.add_cohort()
    world.walk_to(uk("2026-03-02 09:30"))
    invitation = world.dms(SUNITA)[-1]
    assert words(invitation).startswith(
        "*Mid-scheme check*: 6 or 7 short questions, about 5 minutes. Your answers go to the project team"
    )
    assert "open until Friday 20 March 2026" in words(invitation)
    assert not [m for m in world.dms(JAMIE) if "Mid-scheme" in words(m)], (
        "Jamie is in New York: 04:30 there"
    )

    # Sunita starts with the button, answers by buttons and words, and gets one answer wrong.
    world.click(SUNITA, invitation, "eval_start")
    question = world.dms(SUNITA)[-1]
    assert (
        words(question).splitlines()[0]
        == "*Question 1 of 6:* How valuable is your mentoring relationship so far?"
    )
    world.sender.click(SUNITA, question, "eval_answer:4")
    assert words(world.dms(SUNITA)[-2]).endswith("You chose: *4*")
    assert (
        words(world.dms(SUNITA)[-1]).splitlines()[0]
        == "Thanks. *Question 2 of 6:* How often do you and your partner meet?"
    )
    assert (
        world.say(SUNITA, "every two weeks").splitlines()[0]
        == "Thanks. *Question 3 of 6:* How confident do you feel about pursuing a senior leadership or management role?"
    )
    assert world.say(SUNITA, "7").startswith(
        "Please choose a number from 1 to 5. *Question 3 of 6:*"
    )
    world.say(SUNITA, "3")
    world.say(SUNITA, "4")
    world.say(SUNITA, "yes")
    assert world.say(SUNITA, "More time with other mentees").startswith("Here are your answers:")
    assert (
        world.say(SUNITA, "submit")
        == "Thank you! Your answers to the mid-scheme check have gone to the project team."
    )

    # Grace answers two questions, pauses, and comes back days later.
    world.walk_to(uk("2026-03-02 11:00"))
    world.say(GRACE, "start")
    assert world.say(GRACE, "2").splitlines()[0] == (
        "Thanks. That answer brings a follow-up question. *Question 2 of 7:* What would have helped?"
    )
    assert (
        world.say(GRACE, "later")
        == "No problem: your answers so far are saved. Reply `resume` whenever you are ready."
    )

    # Jamie, 09:00 in New York, is invited then and finishes over two days.
    world.walk_to(uk("2026-03-02 14:30"))
    assert words(world.dms(JAMIE)[-1]).startswith("*Mid-scheme check*") and sent_at(
        world.dms(JAMIE)[-1]
    ) == uk("2026-03-02 14:00")
    for answer in ["start", "5", "1", "2"]:
        world.say(JAMIE, answer)
    world.walk_to(uk("2026-03-03 15:00"))
    # A day later, "hello" is not an answer: he gets the reason and the question where he stopped.
    assert (
        world.say(JAMIE, "hello")
        .splitlines()[0]
        .endswith("*Question 4 of 6:* How useful have the scheme's events been so far?")
    )
    for answer in ["3", "no", "skip", "submit"]:
        world.say(JAMIE, answer)

    # 5 March: the reminder goes to the two who have not finished: Grace (paused) and Oliver (never started).
    world.walk_to(uk("2026-03-05 12:00"))
    reminded = {
        u
        for u in (GRACE, OLIVER, SUNITA, JAMIE)
        if any(words(m).startswith("A reminder: the mid-scheme check") for m in world.dms(u))
    }
    assert reminded == {GRACE, OLIVER}
    [grace_reminder] = [
        words(m) for m in world.dms(GRACE) if words(m).startswith("A reminder: the mid-scheme")
    ]
    assert grace_reminder.startswith(
        "A reminder: the mid-scheme check is open until Friday 20 March 2026. You have answered 1 of 7 questions."
    )
    # Her score of 2 brought the follow-up, so that is where she resumes.
    assert (
        world.say(GRACE, "resume").splitlines()[0] == "*Question 2 of 7:* What would have helped?"
    )
    for answer in ["Clearer guidance on goals", "every month", "4", "3", "no", "skip", "submit"]:
        world.say(GRACE, answer)

    # 18 March: only Oliver is reminded before it closes; after it closes his answer is not taken.
    world.walk_to(uk("2026-03-20 18:00"))
    before_close = {
        u
        for u in (GRACE, OLIVER, SUNITA, JAMIE)
        if len([m for m in world.dms(u) if words(m).startswith("A reminder: the mid-scheme")]) == 2
    }
    assert before_close == {OLIVER}
    assert (
        world.say(OLIVER, "5")
        == "Sorry, the mid-scheme check closed on Friday 20 March 2026, so I can't take answers for it any more. Thank you all the same."
    )

    # The team: counts, the chart posted at closing, and the export of exactly the stored answers.
    status = world.command(TEAM_LEAD, "team evaluations")
    assert "*Mid-scheme check* (`mid-scheme`, closed): 4 invited, 3 started, 3 finished" in status
    [closing] = [
        m
        for m in world.slack.workspace.messages_in(TEAM_CHANNEL)
        if m.files and m.files[0]["name"] == "2025-26-mid-scheme-results.png"
    ]
    assert words(closing).startswith(
        "*Mid-scheme check* has closed: 4 invited, 3 started, 3 finished."
    )
    png = next(
        f
        for f in world.slack.workspace.files.values()
        if f["name"] == "2025-26-mid-scheme-results.png"
    )["content"]
    assert png.startswith(b"\x89PNG")

    assert world.command(TEAM_LEAD, "team export mid-scheme").startswith("Done")
    export = next(
        f
        for f in world.slack.workspace.files.values()
        if f["name"].startswith("2025-26-mid-scheme-answers-named")
    )
    rows = list(csv.DictReader(io.StringIO(export["content"].decode())))
    by_person = {(r["participant"], r["question_id"]): r["answer"] for r in rows}
    assert by_person[("Sunita Rao", "relationship-value")] == "4"
    assert by_person[("Sunita Rao", "leadership-confidence")] == "3"
    assert by_person[("Grace Mensah", "relationship-value")] == "2"
    assert by_person[("Grace Mensah", "relationship-help")] == "Clearer guidance on goals"
    assert by_person[("Jamie Clarke", "change")] == ""
    assert {r["participant"] for r in rows} == {"Sunita Rao", "Grace Mensah", "Jamie Clarke"}
    assert len(rows) == 6 + 7 + 6  # Grace's low score added the follow-up

    world.command(TEAM_LEAD, "team export mid-scheme pseudonymous")
    pseudonymous = next(
        f
        for f in world.slack.workspace.files.values()
        if f["name"].startswith("2025-26-mid-scheme-answers-pseudonymous")
    )
    assert b"Sunita" not in pseudonymous["content"] and b"P003," in pseudonymous["content"]


def test_only_the_person_asked_can_answer_and_channels_and_retries_never_count(
    world: World,
) -> None:
    world.add_cohort()
    world.slack.workspace.add_channel(
        "CGENERAL1", "general", private=False, members=[world.slack.workspace.bot_user, SUNITA]
    )
    mid_scheme_check_open(world)
    world.click(SUNITA, world.dms(SUNITA)[-1], "eval_start")
    first_question = copy.deepcopy(
        world.dms(SUNITA)[-1]
    )  # as a client that has not refreshed shows it

    assert (
        world.click(GRACE, first_question, "eval_answer:4")
        == "That question was sent to someone else, so your answer was not recorded."
    )
    world.sender.say_in_channel(SUNITA, "CGENERAL1", "5")
    assert world.slack.workspace.messages_in("CGENERAL1")[-1].user == SUNITA, (
        "the bot says nothing in channels"
    )
    assert (
        world.say(SUNITA, "5").splitlines()[0]
        == "Thanks. *Question 2 of 6:* How often do you and your partner meet?"
    )
    world.sender.dm(SUNITA, "5", retry_of=world.sender.last_event_id)
    assert world.bot.services.inbox.drain(world.now()) == 0, "the retry was kept once, as the first"
    assert (
        words(world.dms(SUNITA)[-1]).splitlines()[0]
        == "Thanks. *Question 2 of 6:* How often do you and your partner meet?"
    )
    world.click(SUNITA, first_question, "eval_answer:2")
    assert (
        words(world.dms(SUNITA)[-1]).splitlines()[0]
        == "That button is from an earlier question. Please answer the latest one I sent. *Question 2 of 6:* How often do you and your partner meet?"
    )
    with world.bot.uow() as uow:
        sunita, grace = uow.participants.by_slack_id(SUNITA), uow.participants.by_slack_id(GRACE)
        assert sunita is not None and grace is not None
        hers, grace_s = (uow.evaluations.get("mid-scheme", p.id) for p in (sunita, grace))
        assert hers is not None and hers.progress.answers == {"relationship-value": 5}
        assert grace_s is not None and grace_s.progress.answers == {}


def test_a_dm_kept_before_the_bot_stopped_is_answered_after_it_restarts(world: World) -> None:
    from tests.world import restart

    world.add_cohort()
    mid_scheme_check_open(world)
    # A web process that leaves DMs to the clock process keeps the message and answers Slack...
    world.http.stop()
    world.bot.close()
    world.bot_settings = world.bot_settings.model_copy(update={"inbox_inline": False})
    restart(world)
    assert world.sender.dm(SUNITA, "start").status == 200
    assert words(world.dms(SUNITA)[-1]) == "start"
    # ...and the bot stops before any worker got to it. After the restart it is answered, once.
    world.bot_settings = world.bot_settings.model_copy(update={"inbox_inline": True})
    restart(world)
    world.bot.services.inbox.drain(world.now())
    world.bot.services.inbox.drain(world.now())
    assert [words(m).splitlines()[0] for m in world.dms(SUNITA)[-2:]] == [
        "start",
        "*Question 1 of 6:* How valuable is your mentoring relationship so far?",
    ]


def test_a_pick_several_question_is_answered_by_ticking_boxes_or_by_typing(world: World) -> None:
    world.add_cohort()
    world.walk_to(uk("2025-11-17 09:30"))
    for said in ["start", "4", "2"]:
        world.say(SUNITA, said)
    assert world.say(SUNITA, "no").splitlines()[0] == (
        "Thanks. *Question 4 of 6:* Which would help you most? Pick any."
    )
    question = world.dms(SUNITA)[-1]
    [boxes] = [
        e for b in question.blocks for e in b.get("elements", []) if e["type"] == "checkboxes"
    ]
    assert [o["text"]["text"] for o in boxes["options"]] == [
        "Protected time",
        "Help setting goals",
        "Networking",
        "Reading and resources",
    ]

    # Ticking a box says nothing; unticked again, Done is refused kindly, and nothing is kept.
    assert world.sender.select(SUNITA, question, "eval_tick", ["1"]).status == 200
    assert world.dms(SUNITA)[-1].ts == question.ts
    world.sender.select(SUNITA, question, "eval_tick", [])
    world.click(SUNITA, question, "eval_ticked")
    assert words(world.dms(SUNITA)[-1]).startswith(
        "Please tick at least one box, then press Done. *Question 4 of 6:* Which would help"
    )

    # Done with two ticked: the same step as typing "1, 3"; the question shows the choice.
    question = world.dms(SUNITA)[-1]
    unrefreshed = copy.deepcopy(question)  # as a client that has not refreshed still shows it
    world.sender.select(SUNITA, question, "eval_tick", ["1", "3"])
    world.click(SUNITA, question, "eval_ticked")
    assert words(world.dms(SUNITA)[-1]).splitlines()[0] == (
        "Thanks. *Question 5 of 6:* How many hours a month do you expect to give the scheme?"
    )
    assert words(world.dms(SUNITA)[-2]).endswith("You chose: *Protected time, Networking*")
    # Slack sending the same press again changes nothing and says nothing more.
    replies = len(world.dms(SUNITA))
    assert world.sender.again().status == 200
    assert len(world.dms(SUNITA)) == replies
    with world.bot.uow() as uow:
        sunita = uow.participants.by_slack_id(SUNITA)
        assert sunita is not None
        stored = uow.evaluations.get("baseline", sunita.id)
        assert stored is not None and stored.progress.answers["support"] == [
            "Protected time",
            "Networking",
        ]
    # Done pressed again on the question already answered, box 2 ticked, is refused kindly.
    world.sender.select(SUNITA, unrefreshed, "eval_tick", ["2"])
    world.click(SUNITA, unrefreshed, "eval_ticked")
    assert words(world.dms(SUNITA)[-1]).startswith(
        "That button is from an earlier question. Please answer the latest one I sent. *Question 5 of 6:*"
    )

    # Typing still answers it: back to it, then "2 and 4".
    world.say(SUNITA, "back")
    assert world.say(SUNITA, "2 and 4").startswith("Thanks. *Question 5 of 6:*")
    world.say(SUNITA, "6")
    summary = world.say(SUNITA, "More confidence")
    assert (
        "4. Which would help you most? Pick any. *Help setting goals, Reading and resources*"
        in summary
    )
