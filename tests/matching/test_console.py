"""How the steering group's match reads: the console's section (each suggestion with its reasons
and shortlist, who has no mentor and why, what is decided), inside Slack's limits with the
whole console full; the Swap mentor form; `/mentoring team match`; what people typed shown as
typed; and a mentee left unmatched, told in English or Welsh."""

from __future__ import annotations

from dataclasses import replace

from bot.applications.model import Answers, Application
from bot.matching.notices import LeftUnmatched
from bot.matching.ports import MenteeChoice
from bot.matching.service import Approved, SwapChoices
from bot.matching.working import Match, Stored, allowed_mentors, match_of, working
from handlers.i18n import WELSH, in_language
from handlers.views import console as console_view
from handlers.views import home as home_view
from handlers.views import matching as view
from handlers.views.hub import Console
from tests.applications.test_views import full_console, mine
from tests.applications.window import COHORT, DURING, application, taking_applications
from tests.matching.cohort import ANSWERS, ANWEN, DEWI, RHYS, SARA
from tests.seen import ESCAPED, TYPED, buttons, no_markup_in, words

PROGRAMME = taking_applications()
MENTEE, MENTOR = ANSWERS[ANWEN], ANSWERS[RHYS]


def accepted(n: int, answers: Answers, name: str) -> Application:
    found = application(n, answers, "accepted", name=name)
    return replace(found, applicant=replace(found.applicant, email=f"p{n}@example.nhs.uk"))


def match(applications: list[Application], choices: tuple[MenteeChoice, ...] = ()) -> Match:
    stored = Stored(tuple(applications), choices, {}, {}, frozenset(), PROGRAMME.matching)
    return match_of(working(stored), COHORT)


def section(found: Match | None) -> list:
    return view.console_section(Console([], [], [], {}, [], match=found), PROGRAMME, DURING)


def test_each_suggestion_shows_its_reasons_shortlist_and_buttons_and_who_has_none_why() -> None:
    shown = section(
        match(
            [
                accepted(1, MENTEE, "Anwen Price"),
                accepted(2, MENTOR, "Rhys Morgan"),
                accepted(3, ANSWERS[DEWI], "Dewi Lloyd"),
            ]
        )
    )

    said = words(shown)
    assert "*Anwen Price* with *Rhys Morgan* · 60 of 60 points" in said
    assert "• Seniority: band 8a mentor, band 6 mentee: 2 bands apart (+10 of 10)" in said
    assert "*Shortlist:* Rhys Morgan (60)" in said
    assert "*Dewi Lloyd*: no mentor suggested.\nNot matched: of 1 mentor, 1 works for" in said
    assert "*To decide:* 1 with a mentor (0 swapped in) · 1 with none" in said
    assert buttons(shown) == [
        "Approve all",
        "Approve",
        "Swap mentor…",
        "Leave unmatched",
        "Swap mentor…",
        "Leave unmatched",
    ]


def test_nothing_is_shown_before_anyone_is_accepted() -> None:
    assert section(None) == []
    assert section(match([application(1)])) == []  # applied, not yet accepted
    assert view.team_match_message(None).startswith("Nobody has been accepted yet")


def test_what_people_typed_is_shown_as_typed() -> None:
    found = match([accepted(1, MENTEE, TYPED), accepted(2, MENTOR, TYPED)])
    shown, listed = section(found), view.team_match_message(found)

    assert no_markup_in(shown) and no_markup_in(listed)
    assert f"*{ESCAPED}* with *{ESCAPED}*" in words(shown)
    assert f"• *{ESCAPED}* with *{ESCAPED}* · 60 points" in listed


def test_the_console_fits_slack_with_many_to_match_and_everything_else_full() -> None:
    people = [accepted(n, MENTEE, "&" * 200) for n in range(1, 301)]
    people += [accepted(n, replace(MENTOR, capacity=3), "&" * 200) for n in range(301, 341)]
    left = tuple(MenteeChoice(n, "unmatched", None, "UTEAM0001", DURING) for n in range(1, 41))
    people = [replace(p, status="waitlisted") if p.id <= 40 else p for p in people]
    console = replace(full_console([]), match=match(people, left))

    blocks = console_view.console_blocks(console, PROGRAMME, DURING)
    home = home_view.home_view(mine(on_team=True), PROGRAMME, DURING, blocks)

    shown = home.to_dict()["blocks"]
    assert len(shown) <= 100
    assert all(len(b["text"]["text"]) <= 3000 for b in shown if b["type"] == "section")
    said = words(home)
    assert f"And {260 - view.TO_DECIDE_SHOWN} more to decide" in said
    assert "And 32 more decided: type `/mentoring team match`" in said


def test_the_swap_form_offers_the_shortlist_first_within_slacks_limits() -> None:
    people = [accepted(1, MENTEE, "Anwen Price")]
    people += [accepted(n, MENTOR, "M" * 200) for n in range(2, 150)]
    stored = Stored(tuple(people), (), {}, {}, frozenset(), PROGRAMME.matching)
    found = match_of(working(stored), COHORT)
    standing = found.to_decide[0]
    others = allowed_mentors(working(stored), standing.mentee.applicant.email)
    form = view.swap_modal(SwapChoices(standing, others, found.people)).to_dict()

    [menu] = [b["element"] for b in form["blocks"] if b["type"] == "input"]
    groups = menu["option_groups"]
    assert [g["label"]["text"] for g in groups] == ["Shortlist", "Any other mentor the rules allow"]
    options = [o for g in groups for o in g["options"]]
    assert len(options) <= 100 and all(len(o["text"]["text"]) <= 75 for o in options)
    assert "Who should mentor *Anwen Price*? Now: *" in words(form)
    nobody = view.swap_modal(SwapChoices(standing, (), found.people))
    assert "No other mentor can take *Anwen Price*" in words(nobody)


def test_what_approving_did_is_said_under_the_counts() -> None:
    assert view.made_words(Approved(2, 0)) == (
        "Pairs made: 2. Each has been introduced and asked to accept."
    )
    assert view.made_words(Approved(1, 1)) == (
        "Pairs made: 1. Each has been introduced and asked to accept. Waiting until one of their "
        "mentor's pairings ends: 1."
    )


def test_a_mentee_left_unmatched_is_told_kindly_in_their_language() -> None:
    dewi = application(6, ANSWERS[DEWI], "waitlisted", name=DEWI.name)
    notice = LeftUnmatched(PROGRAMME, dewi)

    text, _ = view.left_unmatched(notice)
    assert "we don't have a mentor for you this time" in text
    assert "waiting list" in text and "pande@sor.org" in text
    with in_language(WELSH):
        welsh, _ = view.left_unmatched(notice)
    assert welsh.startswith("Diolch am aros tra bod y grŵp llywio")
    assert "rhestr aros" in welsh and "pande@sor.org" in welsh


def test_the_teams_list_says_everyones_place() -> None:
    people = [
        accepted(1, MENTEE, "Anwen Price"),
        accepted(2, MENTOR, "Rhys Morgan"),
        accepted(3, ANSWERS[SARA], "Sara Khan"),
        accepted(4, ANSWERS[DEWI], "Dewi Lloyd"),
    ]
    listed = view.team_match_message(match(people)).split("\n")

    assert listed[0] == "*Match suggestions* for the 2026-27 cohort"
    assert (
        "• *Anwen Price* with *Rhys Morgan* · 60 points · shortlist: Rhys Morgan (60), Sara Khan (52)"
        in listed
    )
    assert any(line.startswith("• *Dewi Lloyd*: Not matched: of 2 mentors") for line in listed)
    assert listed[-1] == "Approve, swap or leave unmatched on the console on my Home tab."
