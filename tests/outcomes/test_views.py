"""The outcomes report as its readers get it: the PDF's words (extracted with pypdf), its charts
tagged with their text alternatives, its first page rendered and not blank, the CSV read back,
the Welsh, the errors' words, and nobody's name anywhere."""

from __future__ import annotations

import csv
import dataclasses
import io
import shutil
import subprocess
import typing
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from bot.outcomes import model
from bot.outcomes.errors import UnknownCohort, UnknownQuestion
from bot.outcomes.model import Completion, FitAnswer, OutcomesReport, PairedAnswer, PulseAnswer
from bot.outcomes.rules import outcomes_report
from handlers.i18n import WELSH, in_language
from handlers.views import outcomes as view
from handlers.views.common import user_error
from handlers.views.outcomes.report_pdf import report_pdf
from tests.cast import COHORT_PEOPLE, TEAM_CHANNEL
from tests.outcomes.cohort import BASELINE, FINAL, FULL, cohort

REPORT = outcomes_report(FULL, BASELINE, FINAL)


@pytest.fixture(scope="module")
def english_pdf() -> bytes:
    """The report in English, made once for the tests that read it (each PDF takes a while)."""
    return report_pdf(REPORT)


def pdf_words(pdf: bytes) -> str:
    """The PDF's text, as a screen reader or a search would read it, its spacing made plain."""
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split()
    )


def figures_alt_texts(pdf: bytes) -> list[str]:
    """The text alternative of each figure tagged in the PDF's structure, in order."""
    found: list[str] = []

    def walk(node: object) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, DictionaryObject):
            if node.get("/S") == "/Figure":
                found.append(str(node["/Alt"]))
            kids = node.get("/K", [])
            for kid in kids if isinstance(kids, list) else [kids]:
                walk(kid)

    walk(PdfReader(io.BytesIO(pdf)).root_object["/StructTreeRoot"])
    return found


def test_the_pdf_says_what_changed_what_is_hidden_and_how_to_read_it(english_pdf: bytes) -> None:
    words = pdf_words(english_pdf)

    for expected in [
        "Mentoring outcomes report SoR Leadership Mentoring Scheme 2025-26 Cohort: 2025-26 "
        "Made on Monday 5 October 2026",
        "It never names anyone.",
        "Small numbers are hidden So that nobody can be recognised, no figure about fewer than 10 "
        "people (or 10 pairs) is shown.",
        "Figures hidden in this report: 25.",
        "“How confident do you feel about pursuing a senior leadership or management role?” "
        "Asked on a scale of 1 to 5.",
        "Group People Median at the start Median at the end Median change Middle half of changes "
        "Test Effect size",
        "Mentees 22 2 3 +1 0 to +1 W = 12, p = 0.003 +0.82",
        "Mentors 12 3.5 4 +0.5 0 to +1 too few changes to test –",
        "Mentees hidden Mentors hidden Everyone 22 3 4 +1 0 to +1 W = 0, p < 0.001 +1",
        "Goals The 12 pairs set 36 goals and achieved 12 of them (33%).",
        "Meetings The 12 pairs logged a median of 11.5 meetings each, from 6 to 17.",
        "Group Completed Did not complete All Mentees hidden hidden 22 Mentors hidden hidden 12 "
        "Everyone hidden hidden 34 Every count by category is hidden, so there is no chart.",
        "Group Good fit Not sure yet Not a good fit All Mentees 14 hidden hidden 24",
        "Everyone hidden hidden 11 22 hidden 43",
        "How to read the figures Median: the middle value",
        "Test: the Wilcoxon signed-rank test asks whether answers went up (or down)",
        "Effect size: the matched-pairs rank-biserial correlation.",
    ]:
        assert expected in words


def test_each_chart_is_tagged_with_its_text_alternative_and_the_same_words_are_printed(
    english_pdf: bytes,
) -> None:
    alternatives = figures_alt_texts(english_pdf)

    # A chart for each question with a figure shown, and for each table with a count shown by
    # category: completion's are all hidden, so it has none.
    assert alternatives == [view.change_words(asked) for asked in REPORT.changes] + [
        view.counts_words("fit", REPORT.fit),
        view.counts_words("pulse", REPORT.pulse),
    ]
    assert alternatives[0] == (
        "Chart of how answers to “How confident do you feel about pursuing a senior leadership "
        "or management role?” changed: a dot at each group's median change, and a line across "
        "the middle half of its changes. Mentees (22 people): median change +1, middle half 0 "
        "to +1."
    )
    assert alternatives[3] == (
        "Bar chart of how well people said their pair fitted, by group. Mentees: Good fit: 14, "
        "Not sure yet: hidden, Not a good fit: hidden. In all: 24. Mentors: Good fit: 11, Not "
        "sure yet: hidden, Not a good fit: hidden. In all: 21. Everyone: Good fit: 25, Not sure "
        "yet: hidden, Not a good fit: hidden. In all: 45."
    )
    words = pdf_words(english_pdf)
    for alternative in alternatives:
        assert alternative in words


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils renders the page")
def test_the_first_page_renders_with_its_words_and_its_chart(
    tmp_path: Path, english_pdf: bytes
) -> None:
    (tmp_path / "report.pdf").write_bytes(english_pdf)

    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "report.pdf", "page"],
        cwd=tmp_path,
        check=True,
    )

    page = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    pixels = np.asarray(page, dtype=int)
    dark = (pixels.sum(axis=2) < 300).sum()
    coloured = (pixels.max(axis=2) - pixels.min(axis=2) > 60).sum()
    assert page.width / page.height == pytest.approx(210 / 297, abs=0.01)  # A4, upright
    assert dark > page.width * page.height * 0.01  # words
    assert coloured > 40  # the first chart's bar


def test_the_csv_reads_back_with_a_row_per_cell_and_hidden_cells_empty() -> None:
    rows = list(csv.DictReader(io.StringIO(view.report_csv(REPORT))))

    assert tuple(rows[0]) == view.COLUMNS
    assert len(rows) == 5 + 2 + 3 * (3 + 4 + 6)  # questions' groups, goals, meetings, tables
    cells = {(r["section"], r["item"], r["group"], r["category"]): r for r in rows}
    leadership = cells[("change", "leadership-confidence", "mentee", "")]
    assert {k: v for k, v in leadership.items() if v} == {
        "section": "change",
        "item": "leadership-confidence",
        "group": "mentee",
        "label": "“How confident do you feel about pursuing a senior leadership or management "
        "role?” · Mentees",
        "count": "22",
        "median_start": "2",
        "median_end": "3",
        "median_change": "1",
        "lower_quartile": "0",
        "upper_quartile": "1",
        "test_n": "16",
        "wilcoxon_w": "12",
        "p_value": "0.00253345",
        "effect_size": "0.823529",
        "status": "shown",
    }
    assert cells[("change", "mentoring-confidence", "mentor", "")]["status"] == "not_tested"
    assert cells[("goals", "goals", "", "")]["goals_achieved"] == "12"
    assert cells[("meetings", "meetings", "", "")]["meetings_median"] == "11.5"
    assert cells[("fit", "fit", "everyone", "good_fit")]["count"] == "25"
    for hidden in (r for r in rows if r["status"] == "hidden"):
        figures = {k: v for k, v in hidden.items() if v}
        assert set(figures) == {"section", "item", "group", "category", "label", "status"} - (
            set() if hidden["category"] else {"category"}
        )


def test_the_report_in_welsh() -> None:
    with in_language(WELSH):
        pdf = report_pdf(REPORT)
        rows = list(csv.DictReader(io.StringIO(view.report_csv(REPORT))))

    words = pdf_words(pdf)
    for expected in [
        "Adroddiad ar ganlyniadau mentora SoR Leadership Mentoring Scheme 2025-26 Carfan: 2025-26 "
        "Lluniwyd ar ddydd Llun 5 Hydref 2026",
        "Ffigurau cudd yn yr adroddiad hwn: 25.",
        "“Pa mor hyderus ydych chi'n teimlo am geisio rôl arwain neu reoli uwch?”",
        "Grŵp Pobl Canolrif ar y dechrau",
        "Mentai 22 2 3 +1 0 i +1 W = 12, p = 0.003 +0.82",
        "Mentai cudd Mentoriaid cudd Pawb 22",
        "Gosododd y 12 pâr 36 nod a chyflawni 12 ohonynt (33%).",
        "Sut i ddarllen y ffigurau",
    ]:
        assert expected in words
    assert figures_alt_texts(pdf)[0].startswith(
        "Siart o sut newidiodd yr atebion i “Pa mor hyderus ydych chi'n teimlo am geisio rôl"
    )
    assert tuple(rows[0]) == view.COLUMNS  # the same columns and codes in every language
    fit = next(
        r
        for r in rows
        if (r["section"], r["group"], r["category"]) == ("fit", "mentee", "good_fit")
    )
    assert fit["label"] == "Sut mae'r parau'n gweddu · Mentai · Yn gweddu'n dda"
    assert fit["count"] == "14"


def test_what_a_report_is_made_from_cannot_hold_a_name() -> None:
    """Every field of every record is a role, a number, yes or no, or one of a few fixed
    answers; the one text, a question's id, is refused unless the forms ask it."""
    records = [model.PairedAnswer, model.PairRecord, model.Completion, model.FitAnswer]
    records.append(model.PulseAnswer)
    for record in records:
        hints = typing.get_type_hints(record)
        for field in dataclasses.fields(record):
            kind = hints[field.name]
            assert kind in (int, bool, model.Role, model.Fit) or field.name == "question_id"
    with pytest.raises(UnknownQuestion):
        outcomes_report(
            cohort(paired=(PairedAnswer("mentee", "sunita-rao", 1, 2),)), BASELINE, FINAL
        )


def test_no_one_is_named_in_either_document() -> None:
    """A cohort made from the cast's own roles: none of their names, emails or Slack ids (nor
    the team's channel) is anywhere in the PDF, its tags or the CSV, in either language."""
    data = cohort(
        paired=tuple(
            PairedAnswer(
                p.role,
                "leadership-confidence" if p.role == "mentee" else "mentoring-confidence",
                2,
                4,
            )
            for p in COHORT_PEOPLE
            for _ in range(5)
        ),
        completions=tuple(Completion(p.role, True) for p in COHORT_PEOPLE for _ in range(6)),
        fits=tuple(FitAnswer(p.role, "good_fit") for p in COHORT_PEOPLE for _ in range(6)),
        pulses=tuple(PulseAnswer(p.role, 4) for p in COHORT_PEOPLE for _ in range(6)),
    )
    report = outcomes_report(data, BASELINE, FINAL)
    private = [TEAM_CHANNEL] + [x for p in COHORT_PEOPLE for x in (p.name, p.email, p.slack_id)]
    private += [p.name.split()[0] for p in COHORT_PEOPLE] + [
        p.name.split()[1] for p in COHORT_PEOPLE
    ]
    for language in ("en", WELSH):
        with in_language(language):
            shown = documents(report)
        for secret in private:
            assert secret.lower() not in shown.lower()


def documents(report: OutcomesReport) -> str:
    pdf = report_pdf(report)
    return " ".join([pdf_words(pdf), *figures_alt_texts(pdf), view.report_csv(report)])


def test_the_errors_say_what_to_do_and_repeat_typed_words_escaped() -> None:
    unknown = UnknownCohort("<!here>", ("2025-26", "2026-27"))
    assert user_error(unknown) == (
        "There is no cohort called `&lt;!here&gt;`. The cohorts are: 2025-26, 2026-27."
    )
    question = UnknownQuestion("hopes", ("leadership-confidence", "mentoring-confidence"))
    with in_language(WELSH):
        assert user_error(question) == (
            "Alla i ddim cymharu'r atebion i `hopes`. I'w cymharu, rhaid i'r ffurflen gyntaf "
            "a'r olaf ei ofyn ar raddfa. Dyma'r rhai sy'n gwneud hynny: leadership-confidence, "
            "mentoring-confidence."
        )
