"""A suggestion's reasons, an unmatched mentee's explanation and a swap's cost, as the steering
group reads them in English and in Welsh; what people typed (an employer) and the programme's
theme names read as typed, never as Slack markup."""

from __future__ import annotations

from bot.matching.errors import NotInCohort, SwapBreaksRule
from bot.matching.model import Candidate, MatchingSettings
from bot.matching.rules import score
from bot.matching.suggestions import suggest, swap
from handlers.i18n import WELSH, in_language
from handlers.views.matching import (
    not_in_cohort,
    reason_line,
    reason_lines,
    swap_breaks_rule,
    swap_lines,
    unmatched_line,
)
from tests.matching.people import mentee, mentor, only
from tests.seen import ESCAPED, MARKUP, TYPED

THEMES = {
    "leading-change": "Leading change",
    "quality-improvement": "Quality improvement",
    "research": "Research",
}
THEMES_IN_WELSH = {
    "leading-change": "Arwain newid",
    "quality-improvement": "Gwella ansawdd",
    "research": "Ymchwil",
}


def name_of(person: Candidate) -> str:
    return person.email.split("@")[0].title()


def lines_for(mentee_changes: dict, mentor_changes: dict, themes: dict[str, str]) -> list[str]:
    suggestions = suggest([mentee("ann", **mentee_changes)], [mentor("max", **mentor_changes)])
    return reason_lines(suggestions.pairs[0], themes)


def test_a_suggestion_says_why_criterion_by_criterion_with_its_points() -> None:
    wanted = frozenset({"leading-change", "quality-improvement", "research"})
    lines = lines_for(
        {"themes": wanted, "availability": frozenset({"weekday-evening", "weekend"})},
        {"themes": wanted - {"research"}, "band": "8b", "profession": "sonographer"},
        THEMES,
    )
    assert lines == [
        "40 of 60 points",
        "Themes: they share 2 of the 3 the mentee chose: ‘Leading change’, ‘Quality improvement’ (+10 of 15)",
        "Seniority: band 8b mentor, band 6 mentee: 3 bands apart (+10 of 10)",
        "Format: mentee online or in person, mentor online or in person: they can meet (+10 of 10)",
        "Nation: both work in the same nation (Wales), so they could meet in person (+10 of 10)",
        "Profession: mentee radiographer, mentor sonographer (+0 of 5)",
        "Time to meet: no time when both are free; the mentee is free on weekday evenings, at weekends (+0 of 10)",
    ]


def test_the_same_reasons_in_welsh() -> None:
    wanted = frozenset({"leading-change", "quality-improvement", "research"})
    with in_language(WELSH):
        lines = lines_for(
            {"themes": wanted, "availability": frozenset({"weekday-evening", "weekend"})},
            {"themes": wanted - {"research"}, "band": "8b", "profession": "sonographer"},
            THEMES_IN_WELSH,
        )
    assert lines == [
        "40 o 60 pwynt",
        "Themâu: maen nhw'n rhannu 2 o'r 3 a ddewisodd y mentai: ‘Arwain newid’, ‘Gwella ansawdd’ (+10 o 15)",
        "Hynafedd: mentor band 8b, mentai band 6: 3 band rhyngddyn nhw (+10 o 10)",
        "Dull cyfarfod: mentai ar-lein neu wyneb yn wyneb, mentor ar-lein neu wyneb yn wyneb: gallan nhw gyfarfod (+10 o 10)",
        "Gwlad: mae'r ddau'n gweithio yn yr un wlad (Cymru), felly gallen nhw gyfarfod wyneb yn wyneb (+10 o 10)",
        "Proffesiwn: mentai radiograffydd, mentor sonograffydd (+0 o 5)",
        "Amser i gyfarfod: dim amser pan fo'r ddau'n rhydd; mae'r mentai'n rhydd ar nosweithiau'r wythnos, ar benwythnosau (+0 o 10)",
    ]


def test_each_criterion_reads_as_it_falls_out() -> None:
    lines = lines_for(
        {"format": "in_person", "themes": frozenset({"research"}), "availability": frozenset()},
        {"format": "online", "nation": "scotland", "band": "7", "profession": "other"},
        THEMES,
    )
    assert lines[1:] == [
        "Themes: the mentor offers none of those the mentee chose: ‘Research’ (+0 of 15)",
        "Seniority: band 7 mentor, band 6 mentee: 1 band apart (+10 of 10)",
        "Format: mentee in person only, mentor online only: no way of meeting suits both (+0 of 10)",
        "Nation: one of them meets only online, so where each works does not matter (+10 of 10)",
        "Profession: mentee radiographer, mentor other profession (+0 of 5)",
        "Time to meet: the mentee gave no times (+0 of 10)",
    ]
    far = lines_for({"themes": frozenset()}, {"nation": "northern_ireland"}, THEMES)
    assert far[1] == "Themes: the mentee chose none (+0 of 15)"
    assert far[4] == (
        "Nation: mentee Wales, mentor Northern Ireland: too far apart to meet in person (+0 of 10)"
    )
    assert far[6] == "Time to meet: both are free on weekdays in the daytime (+10 of 10)"


def test_a_gap_short_of_the_programmes_and_a_mentor_not_more_senior_are_said_plainly() -> None:
    settings = MatchingSettings(min_band_gap=2)
    short = suggest([mentee("ann")], [mentor("max", band="7")], settings=settings)
    assert reason_line(short.pairs[0].reasons[1], THEMES) == (
        "Seniority: band 7 mentor, band 6 mentee: 1 band apart, short of the 2 asked for (+0 of 10)"
    )
    with in_language(WELSH):
        welsh = reason_line(short.pairs[0].reasons[1], THEMES)
    assert welsh == (
        "Hynafedd: mentor band 7, mentai band 6: 1 band rhyngddyn nhw, llai na'r 2 y gofynnir"
        " amdano (+0 o 10)"
    )
    # never suggested, but its reason still reads
    _, reasons = score(mentee("ann"), mentor("max", band="5"), settings)
    assert reason_line(reasons[1], THEMES) == (
        "Seniority: band 5 mentor, band 6 mentee: the mentor is not more senior (+0 of 10)"
    )


def test_theme_names_are_shown_as_the_programme_gives_them_and_slugs_readably() -> None:
    lines = lines_for(
        {"themes": frozenset({"research", "digital-skills"})},
        {"themes": frozenset({"research", "digital-skills"})},
        {"research": TYPED},
    )
    assert lines[1] == (
        f"Themes: they share 2 of the 2 the mentee chose: ‘Digital skills’, ‘{ESCAPED}’ (+15 of 15)"
    )


def test_an_unmatched_mentee_is_told_which_rules_stopped_how_many_mentors() -> None:
    board = "Cardiff and Vale UHB"
    mia = mentee("mia", employer=board, line_manager_email="bob@example.nhs.uk")
    nia = mentee("nia", employer=board, themes=frozenset({"research"}))
    mentors = [
        mentor("amy", employer="cardiff and vale uhb"),
        mentor("bob", employer=board),
        mentor("cai", never_pair=frozenset({"mia@example.nhs.uk", "nia@example.nhs.uk"})),
        mentor("dai", band="6"),
        mentor("eve", themes=frozenset({"research"})),
    ]
    [unmatched] = suggest([mia, nia], mentors).unmatched
    assert unmatched_line(unmatched) == (
        "Not matched: of 5 mentors, 2 work for the same employer (Cardiff and Vale UHB);"
        " 1 has a line-management link with them; 1 is on their or the mentor's do-not-pair"
        " list; 1 is not in a higher band; 1 is full."
    )
    with in_language(WELSH):
        welsh = unmatched_line(unmatched)
    assert welsh == (
        "Dim pâr: o'r 5 mentor, mae 2 yn gweithio i'r un cyflogwr (Cardiff and Vale UHB);"
        " mae gan 1 gysylltiad rheoli llinell â nhw; mae 1 ar restr peidio â pharu'r mentai"
        " neu'r mentor; nid yw 1 mewn band uwch; mae 1 yn llawn."
    )


def test_an_employer_reads_as_typed_and_a_cohort_without_mentors_says_so() -> None:
    typed = mentee("ann", employer=TYPED)
    [unmatched] = suggest([typed], [mentor("max", employer=TYPED)]).unmatched
    line = unmatched_line(unmatched)
    assert line == f"Not matched: of 1 mentor, 1 works for the same employer ({ESCAPED})."
    assert not any(markup in line for markup in MARKUP)
    [alone] = suggest([mentee("ann")], []).unmatched
    assert unmatched_line(alone) == "Not matched: there are no mentors in this cohort."
    with in_language(WELSH):
        assert unmatched_line(alone) == "Dim pâr: does dim mentoriaid yn y garfan hon."


def test_a_swap_says_what_the_whole_match_loses_and_whom_it_moves() -> None:
    ann, bea = mentee("ann"), mentee("bea", employer="Max Health Board")
    before = suggest([ann, bea], [mentor("max"), mentor("yan")], settings=only(themes=10))
    swapped = swap(before, "ann@example.nhs.uk", "yan@example.nhs.uk")
    assert swap_lines(swapped, name_of) == [
        "Giving Ann Yan as their mentor:",
        "Points in all: 10 instead of 20.",
        "1 more mentee is left without a mentor.",
        "Bea is left without a mentor.",
    ]
    with in_language(WELSH):
        assert swap_lines(swapped, name_of) == [
            "Rhoi Yan yn fentor i Ann:",
            "Pwyntiau i gyd: 10 yn lle 20.",
            "Mae 1 mentai arall heb fentor.",
            "Mae Bea heb fentor bellach.",
        ]
    free = swap(before, "ann@example.nhs.uk", "max@example.nhs.uk")
    assert swap_lines(free, name_of) == [
        "Giving Ann Max as their mentor:",
        "Points in all: 20, as before.",
    ]


def test_a_swap_that_moves_another_mentee_names_where_they_go() -> None:
    settings = only(themes=10, profession=5)
    ann, bea = mentee("ann"), mentee("bea", profession="sonographer")
    max_, yan = mentor("max"), mentor("yan", profession="sonographer")
    swapped = swap(suggest([ann, bea], [max_, yan], settings=settings), ann.email, yan.email)
    assert swap_lines(swapped, name_of)[1:] == [
        "Points in all: 20 instead of 30.",
        "Bea moves from Yan to Max.",
    ]
    with in_language(WELSH):
        assert swap_lines(swapped, name_of)[2] == "Mae Bea yn symud o Yan at Max."


def test_what_the_steering_group_can_put_right_reads_in_both_languages() -> None:
    unknown = NotInCohort(TYPED, "mentee")
    assert not_in_cohort(unknown) == f"{ESCAPED} is not one of this cohort's mentees."
    assert not_in_cohort(NotInCohort("zed@example.nhs.uk", "mentor")) == (
        "zed@example.nhs.uk is not one of this cohort's mentors."
    )
    refused = SwapBreaksRule("a@x", "b@x", ("same_employer", "not_more_senior"))
    assert swap_breaks_rule(refused) == (
        "That pair is never suggested: they work for the same employer;"
        " the mentor is not in a higher band."
    )
    with in_language(WELSH):
        assert swap_breaks_rule(refused) == (
            "Nid yw'r pâr hwn byth yn cael ei awgrymu: maen nhw'n gweithio i'r un cyflogwr;"
            " nid yw'r mentor mewn band uwch."
        )
        assert not_in_cohort(unknown) == f"Nid yw {ESCAPED} yn un o fentai'r garfan hon."
