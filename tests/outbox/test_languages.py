"""Each message is written in the language its reader has chosen when it is sent: a change of
language between two sendings is followed by the next one, for a person's DM and a pair's."""

from __future__ import annotations

from tests.cast import GRACE, PAIRS_CSV, SUNITA
from tests.seen import in_each_language, words
from tests.world import World, group_messages, last_with, uk

# A reminder's heading, as each reader sees it.
WELSH_REMINDER, ENGLISH_REMINDER = "Mae Lansiad LMS ", "LMS Launch is "


def last_text(world: World, user: str) -> str:
    return world.texts(user)[-1]


def test_each_reminder_is_in_the_language_its_reader_chose_when_it_went(world: World) -> None:
    world.add_cohort()
    world.command(SUNITA, "iaith cymraeg")
    world.walk_to(uk("2025-11-06 11:00"))  # the launch's week-before reminder, to everyone
    assert last_text(world, SUNITA).startswith(WELSH_REMINDER)
    assert last_text(world, GRACE).startswith(ENGLISH_REMINDER)

    world.command(SUNITA, "iaith saesneg")
    world.command(GRACE, "language welsh")
    world.walk_to(uk("2025-11-12 11:00"))  # the day before
    assert last_text(world, SUNITA).startswith(ENGLISH_REMINDER)
    assert last_text(world, GRACE).startswith(WELSH_REMINDER)


def test_a_pair_reads_both_languages_only_while_one_of_them_chooses_welsh(world: World) -> None:
    world.walk_to(uk("2025-11-10 10:00"))
    world.add_cohort()
    world.command(SUNITA, "iaith cymraeg")
    world.bot.import_pairs(PAIRS_CSV)
    [introduction] = group_messages(world, GRACE, SUNITA)
    welsh, english = in_each_language(introduction)
    assert not welsh.startswith("Meet your mentoring partner")
    assert english.startswith("Meet your mentoring partner\nThe steering group has paired you:")
    for member in (SUNITA, GRACE):
        world.click(
            member, last_with(group_messages(world, GRACE, SUNITA), "pair_accept"), "pair_accept"
        )

    world.command(SUNITA, "language english")
    world.walk_to(uk("2025-11-18 12:00"))  # the first check-in, a week on
    check_in = last_with(group_messages(world, GRACE, SUNITA), "checkin_yes")
    assert words(check_in).startswith("*Have you met yet?*")
    assert in_each_language(check_in) == [words(check_in)], "in English alone"
