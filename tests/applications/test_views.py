"""How applying reads: the form with every answer, in English and Welsh, filled with a person's
own when they change it; the Home before, during and after the window; the team's console and
list, with what people typed shown as typed and never as Slack markup, inside Slack's limits;
the decision as the applicant hears it; and each mistake said beside its answer."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from bot.applications.errors import (
    BadApplicationRow,
    NoApplications,
    NotOpen,
    Unanswerable,
    UnknownApplication,
)
from bot.applications.model import Application
from bot.applications.notices import ApplicationDecided
from bot.applications.service import MyApplication
from bot.concerns.model import Concern
from bot.concerns.service import AlertView
from bot.events.model import EventSchedule
from bot.events.service import Attendance, MyCalendar
from bot.pairs.checkins import PairSummary
from bot.pairs.model import Attention, Pair
from bot.programme_file import load_programme
from bot.requests.model import Request
from bot.scheme import SHIPPED_PROGRAMME
from handlers.i18n import WELSH, in_language
from handlers.views import applications as view
from handlers.views import console as console_view
from handlers.views import home as home_view
from handlers.views.common import user_error
from handlers.views.hub import SHOWN, Console, Mine
from tests.applications.window import (
    AFTER,
    CLOSES,
    COHORT,
    DURING,
    MENTEE,
    MENTOR,
    OPENS,
    WINDOW,
    application,
    taking_applications,
)
from tests.seen import ESCAPED, TYPED, buttons, no_markup_in, texts, words

PROGRAMME = taking_applications()
BEFORE = OPENS - timedelta(days=2)
INPUTS = [
    "role",
    "profession",
    "nation",
    "band",
    "employer",
    "line_manager_email",
    "themes",
    "format",
    "availability",
    "capacity",
    "never_pair",
    "for_the_team",
]


def inputs(modal: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each input's element, by its block id."""
    return {b["block_id"]: b["element"] for b in modal["blocks"] if b["type"] == "input"}


def chosen(element: dict[str, Any]) -> Any:
    """What an input shows as already given: an option's value, the options', or the text."""
    if "initial_option" in element:
        return element["initial_option"]["value"]
    if "initial_options" in element:
        return [o["value"] for o in element["initial_options"]]
    return element.get("initial_value")


def mine(
    found: Application | None = None, on_scheme: bool = False, on_team: bool = False, now=DURING
) -> Mine:
    """Someone's Home: on the scheme or not, with their application if they have one."""
    calendar = MyCalendar("Europe/London", []) if on_scheme else None
    applying = MyApplication(COHORT, WINDOW, found, WINDOW.is_open(now))
    return Mine(calendar, (), [], None, on_team=on_team, application=applying)


def section(found: Mine, now=DURING) -> list[Any]:
    return view.home_section(found, PROGRAMME, now)


# The form ---------------------------------------------------------------------------------------


def test_the_form_asks_every_answer_and_says_the_note_is_the_teams_alone() -> None:
    modal = view.application_modal(PROGRAMME, WINDOW, COHORT).to_dict()

    assert list(inputs(modal)) == INPUTS
    optional = {b["block_id"] for b in modal["blocks"] if b.get("optional")}
    assert optional == {"line_manager_email", "capacity", "never_pair", "for_the_team"}
    shown = words(modal)
    for said in (
        "Your application",
        "Apply to join the 2026-27 cohort of the mentoring scheme, as a mentee or a mentor. You "
        "can change your answers until 17:00 on Friday 24 October 2025.",
        "A mentee: I would like a mentor",
        "Nuclear medicine practitioner",
        "Northern Ireland",
        "Band 8a",
        "Leading change",
        "Either: online or in person",
        "Weekday evenings",
        "Mentors: how many mentees could you take?",
        "Anyone you should not be paired with",
        "Private to the project team: your mentor or mentee, and everyone else, never see it.",
        "Send application",
    ):
        assert said in shown
    assert inputs(modal)["themes"]["type"] == "checkboxes"
    assert all(chosen(e) is None for e in inputs(modal).values())


def test_the_form_reads_in_welsh_with_the_themes_in_welsh() -> None:
    with in_language(WELSH):
        modal = view.application_modal(PROGRAMME, WINDOW, COHORT).to_dict()
    shown = texts(modal)
    assert shown[0] == "Eich cais"
    for said in ("Arwain newid", "Gwella ansawdd", "Mentai: hoffwn i gael mentor", "Anfon y cais"):
        assert said in shown
    assert "Preifat i dîm y prosiect" in words(modal)
    assert "Leading change" not in shown and "Send application" not in shown


def test_changing_an_application_opens_the_form_with_every_answer_as_given() -> None:
    modal = view.application_modal(PROGRAMME, WINDOW, COHORT, application(1)).to_dict()

    given = {block_id: chosen(element) for block_id, element in inputs(modal).items()}
    assert given == {
        "role": "mentee",
        "profession": "radiographer",
        "nation": "wales",
        "band": "6",
        "employer": "Cardiff and Vale UHB",
        "line_manager_email": "rhian.evans@wales.nhs.uk",
        "themes": ["leading-change", "career"],
        "format": "either",
        "availability": ["weekday-daytime"],
        "capacity": None,  # a mentee's: theirs to leave empty
        "never_pair": "owen.jones@wales.nhs.uk",
        "for_the_team": "I work compressed hours: no meetings on Fridays, please.",
    }
    assert "Save changes" in words(modal) and "look again" not in words(modal)
    mentor = view.application_modal(PROGRAMME, WINDOW, COHORT, application(2, MENTOR)).to_dict()
    assert chosen(inputs(mentor)["capacity"]) == "2"
    assert chosen(inputs(mentor)["availability"]) == ["weekday-evening", "weekend"]


def test_changing_a_decided_application_says_the_team_will_look_again() -> None:
    accepted = application(1, status="accepted")
    modal = view.application_modal(PROGRAMME, WINDOW, COHORT, accepted)
    assert "if you change it, they will look again" in words(modal)


def test_more_themes_than_slack_shows_as_boxes_are_a_menu_to_pick_several_from() -> None:
    shipped = load_programme(SHIPPED_PROGRAMME)
    assert shipped.applications is not None and len(shipped.applications.themes) > 10
    window = shipped.applications
    picked = application(1, replace(MENTEE, themes=("digital", "research")))
    modal = view.application_modal(shipped, window, COHORT, picked).to_dict()
    themes = inputs(modal)["themes"]
    assert themes["type"] == "multi_static_select"
    assert len(themes["options"]) == len(window.themes)
    assert chosen(themes) == ["research", "digital"]  # in the programme file's order
    assert all(len(o["text"]["text"]) <= 75 for o in themes["options"])


# The Home ---------------------------------------------------------------------------------------


def test_before_the_window_the_home_says_when_it_opens_with_nothing_to_press() -> None:
    blocks = section(mine(now=BEFORE), BEFORE)
    assert words(blocks) == (
        "Applications to join the 2026-27 cohort of the mentoring scheme open at 09:00 on "
        "Monday 6 October 2025."
    )
    assert buttons(blocks) == []


def test_while_it_is_open_anyone_may_apply_and_an_applicant_sees_theirs_and_may_change_it() -> None:
    blocks = section(mine())
    assert "Applications to the 2026-27 cohort are open until 17:00 on Friday 24 October" in (
        words(blocks)
    )
    assert buttons(blocks) == ["Apply…"]

    blocks = section(mine(application(1)))
    assert words(blocks).startswith(
        "*Your application* to the 2026-27 cohort, as a mentee: with the project team, who will "
        "tell you here what they decide.\nYou can change it until 17:00 on Friday 24 October 2025."
    )
    assert buttons(blocks) == ["Change my application…"]
    waitlisted = section(mine(application(1, MENTOR, "waitlisted")))
    assert "as a mentor: on the waiting list." in words(waitlisted)


def test_once_it_closes_an_applicant_sees_where_theirs_stands_and_cannot_change_it() -> None:
    blocks = section(mine(application(1, status="accepted"), now=AFTER), AFTER)
    assert words(blocks) == "*Your application* to the 2026-27 cohort, as a mentee: accepted."
    assert buttons(blocks) == []


def test_once_it_closes_only_those_off_the_scheme_and_the_team_who_did_not_apply_are_told() -> None:
    told = words(section(mine(now=AFTER), AFTER))
    assert told.startswith("Applications to the 2026-27 cohort of the mentoring scheme closed at")
    assert section(mine(on_scheme=True, now=AFTER), AFTER) == []
    assert section(mine(on_team=True, now=AFTER), AFTER) == []


def test_a_cohort_taking_no_applications_shows_nothing_of_them() -> None:
    nothing = MyApplication(COHORT, None, None, False)
    stranger = Mine(None, (), [], None, application=nothing)
    assert section(stranger) == []
    assert section(Mine(None, (), [], None)) == []


def test_the_home_in_welsh() -> None:
    with in_language(WELSH):
        open_now = section(mine())
        theirs = section(mine(application(1, status="declined")))
    assert buttons(open_now) == ["Gwneud cais…"]
    assert "Mae ceisiadau i garfan 2026-27 ar agor tan Dydd Gwener 24 Hydref 2025 am 17:00" in (
        words(open_now)
    )
    assert "*Eich cais* i garfan 2026-27, fel mentai: heb gynnig lle y tro hwn." in words(theirs)
    assert buttons(theirs) == ["Newid fy nghais…"]


def test_the_apply_section_is_on_the_home_of_someone_off_the_scheme() -> None:
    home = home_view.home_view(mine(), PROGRAMME, DURING, [])
    assert "Apply…" in buttons(home)


# The console ------------------------------------------------------------------------------------


def console(applications: list[Application]) -> Console:
    return Console([], [], [], {}, [], applications=applications)


def test_the_console_counts_by_role_and_status_and_offers_each_to_decide_with_its_answers() -> None:
    applications = [
        application(1),
        application(2, MENTOR, name="David Okafor"),
        application(3, status="accepted", name="Sian Morgan"),
        application(4, MENTOR, "declined", name="Tom Reid", at=DURING + timedelta(hours=1)),
    ]
    blocks = view.console_section(console(applications), PROGRAMME, DURING)
    shown = texts(blocks)

    assert shown[0] == (
        "*Applications* are open until 17:00 on Friday 24 October 2025.\n"
        "*Mentees:* 1 to decide · 1 accepted · 0 waitlisted · 0 declined\n"
        "*Mentors:* 1 to decide · 0 accepted · 0 waitlisted · 1 declined"
    )
    assert shown[1] == (
        "*Anwen Price* · mentee · Radiographer · Band 6 · Cardiff and Vale UHB\n"
        "*Themes:* Leading change, Career progression\n"
        "*For the team:* I work compressed hours: no meetings on Fridays, please."
    )
    # Declining is asked again, saying what it does
    assert shown[2:9] == [
        "Accept",
        "Waitlist",
        "Decline",
        "Decline this application?",
        "Anwen Price will be told kindly, in our DM, that there is no place this time.",
        "Decline",
        "Cancel",
    ]
    assert shown[9].startswith(
        "*David Okafor* · mentor · Sonographer · Band 8a · Leeds Teaching Hospitals\n"
        "*Themes:* Quality improvement"
    )
    # The decided, the latest decided first
    assert shown[-1] == "• *Tom Reid* · mentor · declined\n• *Sian Morgan* · mentee · accepted"


def test_what_people_typed_reads_as_typed_on_the_console_and_the_teams_list() -> None:
    typed = replace(MENTEE, employer=TYPED, for_the_team=f"{TYPED}\nsecond line")
    applications = [
        application(1, typed, name=TYPED),
        application(2, name=TYPED, status="waitlisted"),
    ]
    blocks = view.console_section(console(applications), PROGRAMME, DURING)
    listed = view.team_applications_message(applications, PROGRAMME)

    assert no_markup_in(blocks) and no_markup_in(listed)
    shown = words(blocks)
    assert f"*{ESCAPED}* · mentee · Radiographer · Band 6 · {ESCAPED}" in shown
    assert f"*For the team:* {ESCAPED} second line" in shown
    assert f"• *{ESCAPED}* · mentee · waitlisted" in shown
    assert f"*{ESCAPED}* · mentee · Radiographer · Band 6 · {ESCAPED}" in listed
    assert f"*For the team:* {ESCAPED} second line" in listed


def test_a_long_note_is_cut_on_the_console_and_whole_in_the_teams_list() -> None:
    long = replace(MENTEE, for_the_team="word " * 200)
    blocks = view.console_section(console([application(1, long)]), PROGRAMME, DURING)
    [note] = [line for line in words(blocks).split("\n") if line.startswith("*For the team:*")]
    assert note.endswith("…") and len(note) < view.NOTE_SHOWN + 30
    listed = view.team_applications_message([application(1, long)], PROGRAMME)
    assert ("word " * 199) + "word" in listed


def full_console(applications: list[Application]) -> Console:
    """Every other list of the console as long as it gets, beside the applications."""
    many = 2000
    calendar = load_programme(SHIPPED_PROGRAMME).events[:1] * 40
    return Console(
        alerts=[
            AlertView(Concern(n, n, None, "command", "words", DURING), f"Person {n}", [])
            for n in range(1, many + 1)
        ],
        pairs=[
            PairSummary(
                "M",
                "m",
                Pair(n, n, n + 1, "active", "preparing", DURING),
                None,
                2,
                Attention("quiet", 4),
                [],
            )
            for n in range(1, many + 1)
        ],
        attendance=[
            Attendance(e, EventSchedule(e.id, AFTER, AFTER + timedelta(hours=1)), ["a"], [], [])
            for e in calendar
        ],
        counts={"mentor": many, "mentee": many},
        results=[],
        requests=[
            Request(n, 1, "adjustment", None, "words", "home", DURING, "open")
            for n in range(1, many + 1)
        ],
        applications=applications,
    )


def test_the_console_fits_slack_with_thousands_of_applications_and_everything_else_full() -> None:
    many = 2000
    applications = [
        application(n, MENTEE if n % 2 else MENTOR, name="N" * 200) for n in range(1, many + 1)
    ]
    applications += [
        application(n, MENTEE, "accepted", at=DURING + timedelta(minutes=n))
        for n in range(many + 1, 2 * many + 1)
    ]
    blocks = console_view.console_blocks(full_console(applications), PROGRAMME, DURING)
    # A member of the team, whose own Home offers Apply while the window is open
    team = mine(on_team=True)
    home = home_view.home_view(team, PROGRAMME, DURING, blocks)
    assert len(home.to_dict()["blocks"]) <= 100
    shown = words(home)
    assert "Apply…" in buttons(home)
    assert f"And {many - view.TO_DECIDE_SHOWN} more to decide" in shown
    assert f"And {many - SHOWN} more decided: type `/mentoring team applications`" in shown
    assert "*Mentees:* 1000 to decide · 2000 accepted" in shown
    assert f"And {many - SHOWN} more concerns" in shown


def test_the_console_shows_nothing_of_a_window_closed_with_no_applications() -> None:
    assert view.console_section(console([]), PROGRAMME, AFTER) == []
    assert "open at 09:00 on Monday 6 October" in words(
        view.console_section(console([]), PROGRAMME, BEFORE)
    )
    no_window = PROGRAMME.model_copy(update={"applications": None})
    assert view.console_section(console([application(1)]), no_window, DURING) == []


def test_the_teams_list_puts_those_to_decide_first() -> None:
    applications = [application(1, status="accepted", name="Sian Morgan"), application(2)]
    listed = view.team_applications_message(applications, PROGRAMME)
    lines = listed.split("\n")
    assert lines[0] == "*Applications* (1 to decide)"
    assert lines[1].startswith("• #2 *Anwen Price* · mentee") and lines[1].endswith("to decide")
    assert lines[2].startswith("• #1 *Sian Morgan*") and lines[2].endswith("accepted")
    assert view.team_applications_message([], PROGRAMME) == "Nobody has applied yet."


# The decision, in the applicant's DM ------------------------------------------------------------


def decided(status: str, answers=MENTEE) -> tuple[str, list[Any]]:
    found = application(1, answers, status)  # type: ignore[arg-type]
    return view.application_decided(ApplicationDecided(PROGRAMME, found))


def test_each_decision_is_told_kindly_with_what_happens_next() -> None:
    text, _ = decided("accepted")
    assert "accepted your application to be a mentee in the 2026-27 cohort" in text
    assert "the steering group will match you with a mentor" in text
    text, _ = decided("accepted", MENTOR)
    assert "the steering group will match you with your mentees" in text
    text, _ = decided("waitlisted")
    assert "waiting list" in text and "I'll tell you here if a place comes up" in text
    text, blocks = decided("declined")
    assert text.startswith("Thank you for applying to the 2026-27 cohort")
    assert "can't offer you a place this time" in text and "pande@sor.org" in text
    assert words((text, blocks)) == text


def test_each_decision_reads_in_welsh() -> None:
    with in_language(WELSH):
        accepted, _ = decided("accepted")
        waitlisted, _ = decided("waitlisted")
        declined, _ = decided("declined")
    assert accepted.startswith("Newyddion da: mae tîm y prosiect wedi derbyn eich cais")
    assert "yng ngharfan 2026-27" in accepted
    assert "rhestr aros" in waitlisted
    assert "pande@sor.org" in declined and declined.startswith("Diolch am wneud cais")


# Mistakes ---------------------------------------------------------------------------------------


def test_each_answer_that_cannot_be_taken_is_said_beside_it() -> None:
    wrong = Unanswerable(
        (
            ("themes", "none"),
            ("availability", "unknown"),
            ("employer", "empty"),
            ("capacity", "mentee"),
            ("line_manager_email", "bad_email"),
            ("never_pair", "bad_email"),
            ("email", "twice"),  # about no answer in the form: beside the first
        )
    )
    beside = view.beside_each(wrong)
    assert beside == {
        "themes": "Please choose at least one theme.",
        "availability": "Please choose at least one time when you could meet.",
        "employer": "Please say who you work for.",
        "capacity": "Only mentors take mentees. As a mentee, please choose 1, or apply as a mentor.",
        "line_manager_email": (
            "Please give your line manager's work email, not your own, or leave this empty."
        ),
        "never_pair": "Please give each person's work email, one a line, and not your own.",
        "role": "Please check this answer.",
    }
    assert set(beside) <= set(INPUTS)
    with in_language(WELSH):
        assert view.beside_each(Unanswerable((("themes", "none"),))) == {
            "themes": "Dewiswch o leiaf un thema."
        }


def test_outside_the_window_the_person_is_told_when_it_opens_or_that_it_has_closed() -> None:
    early = NotOpen(COHORT, OPENS, CLOSES, BEFORE)
    late = NotOpen(COHORT, OPENS, CLOSES, AFTER)
    assert user_error(early) == (
        "Applications to the 2026-27 cohort open at 09:00 on Monday 6 October 2025. Please come "
        "back then."
    )
    assert user_error(late).startswith(
        "Applications to the 2026-27 cohort closed at 17:00 on Friday 24 October 2025, so I "
        "can't take or change one now."
    )
    with in_language(WELSH):
        assert "Dydd Gwener 24 Hydref 2025 am 17:00" in user_error(late)
    assert "ask the project team how to join" in user_error(NoApplications(COHORT))
    assert user_error(UnknownApplication(9)) == "There is no application #9 in this cohort."


def test_a_line_of_the_teams_file_says_what_is_wrong_with_it() -> None:
    assert view.bad_application_row(BadApplicationRow(None, "header", "band, themes")) == (
        "the file has no column band, themes"
    )
    assert view.bad_application_row(BadApplicationRow(3, "role", "not_one_of:mentee|mentor")) == (
        "the role is not one of: mentee, mentor"
    )
    assert view.bad_application_row(BadApplicationRow(4, "email", "twice")) == (
        "this email is on an earlier line too"
    )
    assert view.bad_application_row(BadApplicationRow(5, "employer", "empty")) == (
        "the employer is empty"
    )
