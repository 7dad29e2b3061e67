"""The outcomes use cases over the real storage: a year of thirteen pairs (tests/outcomes/
stored_cohort.py) gathered into the report's figures, each person's answers paired from the
baseline to the final evaluation, their pairs' goals and meetings, who completed, each one's fit
and pulse; a small cohort's figures hidden; the report's files kept for the
team's private channel only, in the asker's language, naming nobody; which forms are compared."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator

import pytest

from bot.errors import TeamOnly
from bot.outcomes.model import Change, Goals, Meetings, SignedRank, Suppressed
from bot.outcomes.notices import OutcomesCsv, OutcomesFile, OutcomesPdf
from bot.outcomes.service import OutcomesService, compared_forms
from bot.scheme import Programme
from handlers.slack.rendering import render_file
from handlers.views import outcomes as view
from tests.outcomes.stored_cohort import (
    ACCEPTED,
    BASELINE_ANSWERED,
    BASELINE_OPENS,
    FINAL_ANSWERED,
    FINAL_OPENS,
    GROWING,
    IDENTIFYING,
    PAIRED,
    REPORTED,
    answer,
    baseline_answers,
    final_answers,
    thirteen_pairs,
)
from tests.outcomes.test_views import pdf_words
from tests.services import (
    GRACE,
    JAMIE,
    OLIVER,
    SUNITA,
    TEAM_CHANNEL,
    TEAM_LEAD,
    Scheme,
    scheme_with_cohort,
)

# Importing the views registers how the files are drawn.
assert view.outcomes_pdf_file


def outcomes(scheme: Scheme) -> OutcomesService:
    """The service as mentorbot/app.py builds it, the clock's reschedule counted."""
    return OutcomesService(
        scheme.programme, scheme.uow, scheme.deliveries, scheme.team, scheme.changes
    )


@pytest.fixture(scope="module")
def year() -> Iterator[Scheme]:
    """Thirteen pairs' year, set up once for the tests that read it (it takes a few seconds)."""
    with scheme_with_cohort() as scheme:
        thirteen_pairs(scheme)
        yield scheme


def files_sent(scheme: Scheme) -> list[tuple[str, OutcomesFile]]:
    return scheme.messenger.of(OutcomesFile)


def test_each_person_s_answers_to_one_question_are_paired_from_the_start_to_the_end(
    year: Scheme,
) -> None:
    """Only those who submitted both forms count: not the mentee who answered the baseline
    only, nor the mentor who answered the final only, nor the one who never submitted it."""
    gathered = outcomes(year).gather(REPORTED)

    assert Counter((a.role, a.question_id, a.baseline, a.final) for a in gathered.paired) == {
        ("mentee", "leadership-confidence", 2, 4): 7,
        ("mentee", "leadership-confidence", 3, 4): 3,
        ("mentee", "leadership-confidence", 3, 3): 1,
        ("mentor", "mentoring-confidence", 3, 4): 4,
        ("mentor", "mentoring-confidence", 4, 4): 6,
    }
    assert (gathered.scheme, gathered.cohort, str(gathered.made_on)) == (
        "SoR Leadership Mentoring Scheme 2025-26",
        "2025-26",
        "2026-10-05",
    )


def test_each_role_s_change_is_shown_with_its_test_where_enough_answers_moved(
    year: Scheme,
) -> None:
    report = outcomes(year).report(TEAM_LEAD, REPORTED)

    [(leadership, [mentees]), (mentoring, [mentors])] = [
        (asked.question.id, list(asked.rows)) for asked in report.changes
    ]
    assert (leadership, mentees.group) == ("leadership-confidence", "mentee")
    # Ten of the eleven rose, by 1 or 2, and none fell: the exact test's smallest p.
    assert mentees.result == Change(
        people=11,
        baseline_median=2.0,
        final_median=4.0,
        median=2.0,
        lower_quartile=1.0,
        upper_quartile=2.0,
        test=SignedRank(differences=10, statistic=0.0, p_value=2 / 2**10, effect_size=1.0),
    )
    # Four of the ten mentors moved: too few to test.
    assert (mentoring, mentors.group) == ("mentoring-confidence", "mentor")
    assert isinstance(mentors.result, Change) and mentors.result.people == 10
    assert (mentors.result.median, mentors.result.test) == (0.0, None)


def test_the_pairs_goals_and_meetings_and_who_completed_are_counted(year: Scheme) -> None:
    """Every pair set two goals, the first nine achieved one; pair n logged n % 4 meetings, and
    the three that logged none did not complete, so six people, too few to show."""
    report = outcomes(year).report(TEAM_LEAD, REPORTED)

    assert report.goals == Goals(pairs=13, set=26, achieved=9)
    assert report.meetings == Meetings(pairs=13, median=1.0, least=0, most=3)
    completion = report.completion
    for group, everyone in (("mentee", 13), ("mentor", 13), ("everyone", 26)):
        assert completion.count(group, "all") == everyone  # type: ignore[arg-type]
        assert completion.count(group, "not_completed") == Suppressed("under_ten")  # type: ignore[arg-type]
        # Shown, it would give the hidden one away: 13 less it.
        assert completion.count(group, "completed") == Suppressed("reveals_another")  # type: ignore[arg-type]


def test_each_person_s_latest_fit_and_pulse_are_counted_by_role(year: Scheme) -> None:
    """The ten pairs that met: every mentor and six mentees said the fit was good, four mentees
    were not sure yet; in May each mentor's pulse was 4, each mentee's 5."""
    gathered = outcomes(year).gather(REPORTED)
    report = outcomes(year).report(TEAM_LEAD, REPORTED)

    assert Counter((a.role, a.fit) for a in gathered.fits) == {
        ("mentor", "good_fit"): 10,
        ("mentee", "good_fit"): 6,
        ("mentee", "not_sure_yet"): 4,
    }
    assert Counter((a.role, a.score) for a in gathered.pulses) == {
        ("mentor", 4): 10,
        ("mentee", 5): 10,
    }
    assert (report.fit.count("everyone", "good_fit"), report.fit.count("everyone", "all")) == (
        16,
        20,
    )
    assert report.fit.count("mentee", "not_sure_yet") == Suppressed("under_ten")
    assert (report.pulse.count("everyone", "5"), report.pulse.count("everyone", "all")) == (10, 20)


def test_a_small_cohort_s_figures_are_all_hidden(scheme: Scheme) -> None:
    """The cast's two pairs, who met; three of the four answered both forms: fewer than ten of
    everything."""
    cast = ((GRACE, "mentor"), (SUNITA, "mentee"), (OLIVER, "mentor"))
    scheme.evaluations.run_due(BASELINE_OPENS)
    for person, _ in cast:
        answer(scheme, person, "baseline", baseline_answers(3), BASELINE_ANSWERED)
    for mentor, mentee in ((GRACE, SUNITA), (OLIVER, JAMIE)):
        scheme.start_pair(mentor, mentee, PAIRED, ACCEPTED)
        scheme.checkins.log_meeting(mentee, GROWING.date(), 45, "Career plans", GROWING)
    scheme.evaluations.run_due(FINAL_OPENS)
    for person, role in cast:
        answer(scheme, person, "final", final_answers(role, 4), FINAL_ANSWERED)

    report = outcomes(scheme).report(TEAM_LEAD, REPORTED)

    assert len(outcomes(scheme).gather(REPORTED).paired) == 3
    assert [row.result for asked in report.changes for row in asked.rows] == [
        Suppressed("under_ten"),
        Suppressed("under_ten"),
    ]
    assert (report.goals, report.meetings) == (Suppressed("under_ten"), Suppressed("under_ten"))
    for _, table in report.tables():
        assert all(isinstance(cell.count, Suppressed) for cell in table.cells)


def test_the_files_go_to_the_team_s_channel_only_in_the_asker_s_language_naming_nobody(
    year: Scheme,
) -> None:
    before = len(year.messenger.sent)

    assert outcomes(year).send(TEAM_LEAD, "cy", REPORTED) is True

    sent = year.messenger.sent[before:]
    assert [(s.to, type(s.notice)) for s in sent] == [
        (TEAM_CHANNEL, OutcomesPdf),
        (TEAM_CHANNEL, OutcomesCsv),
    ]
    pdf, table = (render_file(s.notice) for s in sent)  # type: ignore[arg-type]
    assert pdf.title == "Adroddiad ar ganlyniadau, 2025-26 (PDF)"
    words = pdf_words(pdf.content)
    assert "Adroddiad ar ganlyniadau mentora" in words and "Carfan: 2025-26" in words
    rows = list(csv.DictReader(io.StringIO(table.content.decode())))
    assert {r["item"] for r in rows} >= {"leadership-confidence", "goals", "meetings"}
    for shown in (words, table.content.decode(), repr(outcomes(year).gather(REPORTED))):
        assert [who for who in IDENTIFYING if who.lower() in shown.lower()] == []


def test_only_the_project_team_gets_the_report_and_nothing_is_kept_for_anyone_else(
    year: Scheme,
) -> None:
    before = len(year.messenger.sent)
    for refused in (
        lambda: outcomes(year).report(SUNITA, REPORTED),
        lambda: outcomes(year).send(SUNITA, "en", REPORTED),
        lambda: outcomes(year).keep(GRACE, "en", REPORTED),
    ):
        with pytest.raises(TeamOnly):
            refused()

    assert year.messenger.sent[before:] == []
    with year.uow() as uow:
        kept = uow.deliveries.kept_keys_like("outcomes-")
    assert not any(":en:" in key for key in kept)


def test_a_report_asked_for_by_command_is_left_to_the_outbox_and_the_clock_is_told(
    scheme: Scheme,
) -> None:
    told = scheme.changes.count

    outcomes(scheme).keep(TEAM_LEAD, "en", REPORTED)

    assert files_sent(scheme) == [] and scheme.changes.count == told + 1
    scheme.deliveries.run_due(REPORTED)
    assert [(to, type(f), f.language) for to, f in files_sent(scheme)] == [
        (TEAM_CHANNEL, OutcomesPdf, "en"),
        (TEAM_CHANNEL, OutcomesCsv, "en"),
    ]


def programme_with_forms(scheme: Scheme, *ids: str) -> Programme:
    """The shipped programme with its forms renamed (or fewer of them), in order."""
    forms = scheme.programme.evaluations.forms
    renamed = [f.model_copy(update={"id": new}) for f, new in zip(forms, ids, strict=False)]
    evaluations = scheme.programme.evaluations.model_copy(update={"forms": renamed})
    return scheme.programme.model_copy(update={"evaluations": evaluations})


def test_the_forms_compared_are_baseline_and_final_by_id_else_the_first_and_the_last(
    scheme: Scheme,
) -> None:
    shipped = compared_forms(scheme.programme)
    assert shipped is not None and [f.id for f in shipped] == ["baseline", "final"]
    renamed = compared_forms(programme_with_forms(scheme, "start", "middle", "end"))
    assert renamed is not None and [f.id for f in renamed] == ["start", "end"]
    assert compared_forms(programme_with_forms(scheme, "only-one")) is None


def test_with_fewer_than_two_forms_the_report_has_every_figure_but_the_changes(
    scheme: Scheme,
) -> None:
    programme = programme_with_forms(scheme, "baseline")
    service = OutcomesService(programme, scheme.uow, scheme.deliveries, scheme.team)

    report = service.report(TEAM_LEAD, REPORTED)

    assert report.changes == () and report.completion.count("everyone", "all") == Suppressed(
        "under_ten"
    )
