"""What people typed reads as they typed it in every concern message, and never as Slack markup:
a concern cannot notify the team's channel, mention anyone or disguise a link."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.concerns.errors import (
    CannotAct,
    ConcurrentChange,
    EmptyConcern,
    NoResolutionNote,
    NoSuchConcern,
    UrgencyNotChosen,
)
from bot.concerns.model import Concern
from bot.concerns.notices import (
    ConcernAcknowledged,
    ConcernForTeam,
    ConcernReceived,
    LowScore,
    PairNeedsAttention,
    ReportersPair,
    SentCheckIn,
)
from bot.concerns.service import MAX_CONCERN_LENGTH, AlertView
from bot.pairs.model import Attention
from bot.participants.model import Participant
from bot.programme_file import load_programme
from bot.scheme import SHIPPED_PROGRAMME
from handlers.views import concerns as view
from handlers.views.common import SECTION_TEXT_MAX, user_error
from handlers.views.hub import Console
from tests.cast import GRACE, SUNITA, TEAM_LEAD
from tests.seen import ESCAPED, TYPED, no_markup_in, words

NOW = datetime(2025, 11, 20, 10, 0, tzinfo=UTC)
PROGRAMME = load_programme(SHIPPED_PROGRAMME)
# A scheme far from London: 23:30 on 2 February in London is 12:30 on 3 February here.
AUCKLAND = PROGRAMME.model_copy(update={"timezone": "Pacific/Auckland"})
LATE = datetime(2026, 2, 2, 23, 30, tzinfo=UTC)


def concern(**changes: object) -> Concern:
    fields: dict = {
        "id": 7,
        "reporter_id": 1,
        "pair_id": 3,
        "source": "command",
        "text": "My mentor keeps cancelling.",
        "created_at": NOW,
    }
    return Concern(**(fields | changes))


def person(name: str = "Sunita Rao", about: str | None = None) -> Participant:
    return Participant(1, name, "sunita.rao@example.nhs.uk", "mentee", SUNITA, about=about)


def mentor(name: str = "Grace Mensah") -> Participant:
    return Participant(2, name, "grace.mensah@example.nhs.uk", "mentor", GRACE)


def reporters_pair(mentor_name: str = "Grace Mensah") -> ReportersPair:
    checkins = (
        SentCheckIn(datetime(2026, 2, 3, 10, tzinfo=UTC), "not_yet"),
        SentCheckIn(datetime(2026, 2, 17, 10, tzinfo=UTC), None),
    )
    return ReportersPair(mentor(mentor_name), person(), "preparing", checkins)


def alert(c: Concern, reporter: Participant | None = None, **changes: object) -> ConcernForTeam:
    fields: dict = {"concern": c, "reporter": reporter or person(), "pair": reporters_pair()}
    return ConcernForTeam(**(fields | changes))


def test_a_concerns_text_cannot_notify_the_channel() -> None:
    message = view.concern_for_team(alert(concern(text=f"{TYPED}\nsecond line")))

    assert f"> {ESCAPED}\n> second line" in words(message)  # still quoted, line by line
    assert no_markup_in(message)


def test_a_contact_wish_reads_as_typed_in_the_teams_alert() -> None:
    message = view.concern_for_team(alert(concern(contact=TYPED)))

    assert f"*May we contact them?* {ESCAPED}" in words(message)
    assert no_markup_in(message)


def test_the_reporters_name_cannot_notify_the_team_channel() -> None:
    text, blocks = view.concern_for_team(alert(concern(), person(name=TYPED)))

    assert text == f":lock: Concern #7 from {ESCAPED} (mentee) (soon)"
    assert no_markup_in((text, blocks))


def test_the_pairs_names_in_the_teams_alert_cannot_notify_the_channel() -> None:
    message = view.concern_for_team(alert(concern(), pair=reporters_pair(TYPED)))

    assert f"*Pair:* {ESCAPED} (mentor) & Sunita Rao (mentee), stage Preparing" in words(message)
    assert no_markup_in(message)


def test_the_alert_shows_the_pairs_recent_check_ins_and_who_is_not_on_the_scheme() -> None:
    text, blocks = view.concern_for_team(
        ConcernForTeam(concern(reporter_id=None, pair_id=None), None, None)
    )
    assert text == ":lock: Concern #7 from someone not on the scheme (soon)"
    assert "*Pair:* not in a pair" in words((text, blocks))
    assert "Recent check-ins" not in words((text, blocks))

    paired = words(view.concern_for_team(alert(concern())))

    assert "*Recent check-ins:* 03 Feb: Not yet; 17 Feb: no answer" in paired
    erased = ReportersPair(None, person(), "enabling_growth", ())
    assert "*Pair:* ? (mentor) & Sunita Rao (mentee), stage Enabling Growth" in words(
        view.concern_for_team(alert(concern(), pair=erased))
    )


def test_an_open_escalation_mentions_the_lead() -> None:
    text, _ = view.concern_for_team(alert(concern(text=TYPED), escalated_to="ULEAD0001"))

    assert text.startswith("<@ULEAD0001> not yet acknowledged: ")


def test_an_escalation_brought_up_to_date_no_longer_says_not_yet_acknowledged() -> None:
    taken = concern(text=TYPED, status="acknowledged", assignee=TEAM_LEAD)

    text, blocks = view.concern_for_team(alert(taken, escalated_to="ULEAD0001"))

    assert text.startswith(":lock: Concern #")
    assert "Status: :large_orange_circle: acknowledged, with <@UTEAM0001>" in words((text, blocks))


def test_a_contact_wish_reads_as_typed_when_the_reporter_is_thanked() -> None:
    message = view.concern_received(ConcernReceived(7, TYPED, 4))

    assert f"They will contact you as you asked: {ESCAPED}." in words(message)
    assert no_markup_in(message)


def test_a_team_members_name_cannot_mention_anyone_in_the_acknowledgement() -> None:
    text, blocks = view.concern_acknowledged(ConcernAcknowledged(7, TYPED))

    assert text.startswith(f"{ESCAPED} from the project team has read your concern")
    assert no_markup_in((text, blocks))


def test_names_in_an_automatic_notice_cannot_notify_the_team_channel() -> None:
    notice = PairNeedsAttention(
        "notice:attention:3:quiet:20251120",
        mentor(TYPED),
        person(),
        "preparing",
        Attention("quiet", 6),
    )

    text, blocks = view.pair_needs_attention(notice)

    assert text == (
        f":robot_face: From the bot, lower priority: {ESCAPED} & Sunita Rao "
        "(Preparing) need attention: no meeting logged for 6 weeks."
    )
    assert no_markup_in((text, blocks))


def test_automatic_notices_say_why_a_pair_needs_attention_and_which_score_was_low() -> None:
    streak = PairNeedsAttention(
        "notice:attention:3:not-yet:20260105",
        mentor(),
        person(),
        "negotiation",
        Attention("not_yet", 2),
    )
    form = load_programme(SHIPPED_PROGRAMME).evaluations.forms[1]
    question = next(q for q in form.questions if q.kind == "scale")

    attention, _ = view.pair_needs_attention(streak)
    low, blocks = view.low_score(LowScore("notice:low-score", person(TYPED), 1, question, form))

    assert attention == (
        ":robot_face: From the bot, lower priority: Grace Mensah & Sunita Rao "
        "(Negotiation) need attention: answered “Not yet” 2 times in a row."
    )
    assert low == (
        f":robot_face: From the bot, lower priority: {ESCAPED} (mentee) gave a low score in the "
        f"{form.title.lower()}: 1 of {question.high} to “{question.text}”"
    )
    assert no_markup_in((low, blocks))


def test_a_reporters_name_cannot_notify_anyone_in_the_list_of_concerns() -> None:
    taken = concern(status="acknowledged", assignee=TEAM_LEAD)

    listed = view.alerts_message([AlertView(taken, TYPED, [])], PROGRAMME)

    assert f"• #7 :large_orange_circle: acknowledged, with <@UTEAM0001>: from {ESCAPED}," in listed
    assert no_markup_in(listed)


def test_an_acknowledgement_by_someone_the_team_file_does_not_name() -> None:
    text, _ = view.concern_acknowledged(ConcernAcknowledged(7, None))

    assert text == (
        "A member of the project team has read your concern and is looking after it. "
        "Thank you for raising it."
    )


def test_the_teams_mistakes_with_concerns_read_kindly() -> None:
    assert [
        user_error(error)
        for error in (
            EmptyConcern(),
            UrgencyNotChosen("whenever"),
            NoResolutionNote(),
            NoSuchConcern(12),
            CannotAct(7, "already_resolved"),
            CannotAct(7, "already_acknowledged"),
            ConcurrentChange(7),
        )
    ] == [
        "Please say a little about what is happening, so the team can help.",
        "Please choose how urgent it is.",
        "Please add a short note on how it was resolved, for the record.",
        "There is no concern #12.",
        "This concern is already resolved.",
        "This concern has already been acknowledged.",
        "Someone else changed this concern just now; here it is as it stands.",
    ]


def test_a_concern_as_long_as_it_may_be_reaches_the_team_whole() -> None:
    """3,000 characters that grow fivefold once escaped still fit Slack's sections, uncut."""
    longest = "&" * MAX_CONCERN_LENGTH
    _, blocks = view.concern_for_team(alert(concern(text=longest)))
    texts = [b.to_dict()["text"]["text"] for b in blocks if b.to_dict()["type"] == "section"]
    assert all(len(text) <= SECTION_TEXT_MAX for text in texts)
    assert "".join(texts).count("&amp;") == MAX_CONCERN_LENGTH


def test_a_concern_s_days_are_the_programme_s_days_in_the_alert_the_list_and_the_console() -> None:
    late = concern(created_at=LATE)
    checked_in = ReportersPair(mentor(), person(), "preparing", (SentCheckIn(LATE, "not_yet"),))

    alerted = words(view.concern_for_team(alert(late, pair=checked_in, programme=AUCKLAND)))
    listed = view.alerts_message([AlertView(late, "Sunita Rao", [])], AUCKLAND)
    console, _ = view.attention(
        Console([AlertView(late, None, [])], [], [], {}, []), AUCKLAND, LATE
    )

    assert "*Recent check-ins:* 03 Feb: Not yet" in alerted
    assert "from Sunita Rao, 03 Feb 12:30, soon" in listed
    assert "raised 03 Feb" in words(("", console))
