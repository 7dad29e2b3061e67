"""The CPD record as its owner reads it: the Word document read back (headings, the tables, the
reflections, the draft statement under a heading that says it is theirs to edit), the PDF's
text saying the same, both in Welsh, and what they typed shown as they typed it."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path

import docx
from matplotlib.image import imread
from pypdf import PdfReader

from bot.cpd.errors import NoActivityYet
from bot.cpd.model import ClosurePart, CpdRecord, Reflection
from bot.cpd.notices import CpdDocx, CpdPdf
from bot.cpd.rules import cpd_record
from bot.pairs.model import Meeting
from handlers.i18n import WELSH, in_language
from handlers.slack.rendering import render_file
from handlers.views.cpd import (
    HOME_CPD,
    cpd_said,
    cpd_sent,
    home_section,
    no_activity_yet,
)
from handlers.views.cpd.docx import cpd_docx
from handlers.views.cpd.pdf import cpd_pdf
from handlers.views.hub import Mine
from tests.accessibility.examples import PROGRAMME
from tests.cpd.test_rules import AFTER_ALL, SOURCES
from tests.seen import actions_in, buttons

RECORD = cpd_record(SOURCES, AFTER_ALL)

ACTIVITY_ROWS = [
    ["Date", "Activity", "Type of learning", "Hours"],
    ["27 Oct 2025", "Pre-launch online training (mentees)", "Formal / educational", "1"],
    ["13 Nov 2025", "LMS Launch", "Professional activity", "4"],
    [
        "1 Dec 2025",
        "Mentoring meeting with my mentor\nTopics: Delegation",
        "Work-based learning",
        "1",
    ],
    [
        "12 Jan 2026",
        "Mentoring meeting with my mentor\nTopics: rota planning",
        "Work-based learning",
        "0.75",
    ],
    ["12 Jan 2026", "Reflection written after a meeting", "Work-based learning", "–"],
    [
        "9 Feb 2026",
        "Mentoring meeting with my mentor\nTopics: delegation",
        "Work-based learning",
        "0.5",
    ],
    ["20 Jun 2026", "Reflection written at Coming to Closure", "Work-based learning", "–"],
    ["1 Jul 2026", "Networking at UKIO 2026", "Professional activity", "1.5"],
]
TOTAL_ROWS = [
    ["Type of learning", "Activities", "Hours"],
    ["Work-based learning", "5", "2.25"],
    ["Professional activity", "2", "5.5"],
    ["Formal / educational", "1", "1"],
    ["Total", "8", "8.75"],
]


def read_docx(record: CpdRecord, language: str = "en") -> docx.document.Document:
    return docx.Document(BytesIO(cpd_docx(record, language)))


def headings(document: docx.document.Document) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith(("Title", "Heading"))
    ]


def tables(document: docx.document.Document) -> list[list[list[str]]]:
    return [[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables]


def texts(document: docx.document.Document) -> list[str]:
    return [p.text for p in document.paragraphs]


def pdf_lines(pdf: bytes) -> list[str]:
    reader = PdfReader(BytesIO(pdf))
    return [line for page in reader.pages for line in page.extract_text().splitlines()]


def in_order(wanted: list[str], lines: list[str]) -> bool:
    """Every wanted line is there, in this order (others may come between)."""
    remaining = iter(lines)
    return all(any(line == w for line in remaining) for w in wanted)


# The Word document -------------------------------------------------------------------------------


def test_the_document_s_sections_are_word_headings_with_the_draft_said_to_be_theirs() -> None:
    assert headings(read_docx(RECORD)) == [
        ("Title", "CPD record: Grace Okafor"),
        ("Heading 1", "Activities"),
        ("Heading 1", "Hours by type of learning"),
        ("Heading 1", "Reflections"),
        ("Heading 2", "12 January 2026: Reflection written after a meeting"),
        ("Heading 2", "20 June 2026: Reflection written at Coming to Closure"),
        ("Heading 1", "Draft statement: yours to edit"),
        ("Heading 2", "Summary of practice"),
        ("Heading 2", "Standard 1: a continuous, up-to-date and accurate record"),
        ("Heading 2", "Standard 2: a mixture of learning activities"),
        ("Heading 2", "Standard 3: the quality of my practice and service delivery"),
        ("Heading 2", "Standard 4: the benefit to service users"),
    ]


def test_the_activities_and_the_hours_of_each_type_of_learning_are_tables() -> None:
    assert tables(read_docx(RECORD)) == [ACTIVITY_ROWS, TOTAL_ROWS]


def test_who_it_is_for_the_reflections_and_the_draft_statement_read_back() -> None:
    paragraphs = texts(read_docx(RECORD))
    assert paragraphs[1:5] == [
        "Scheme: SoR Leadership Mentoring Scheme 2025-26",
        "Cohort: 2025-26",
        "Role: Mentee",
        "Up to date on 1 September 2026",
    ]
    assert "I will try delegating the rota." in paragraphs
    assert "I lead my team's huddle now." in paragraphs
    statement = paragraphs[paragraphs.index("Draft statement: yours to edit") :]
    assert statement[1].startswith("This is a draft to start you off.")
    assert statement[5] == (
        "From 27 October 2025 to 1 July 2026 I took part in the SoR Leadership Mentoring Scheme "
        "2025-26. We had 3 mentoring meetings, 2.25 hours in all. I went to 2 scheme events. I "
        "went to 1 training session. I kept this record as I went, and it lists each activity "
        "by date."
    )
    assert statement[7] == (
        "My activities were a mixture of types of learning: work-based learning, professional "
        "activity, formal / educational."
    )
    assert "Our meetings covered: Delegation; rota planning." in statement[9]
    assert "My reflection at Coming to Closure says what I learned." in statement[9]


def test_guidance_to_the_owner_is_set_apart_in_italics_and_their_words_are_not() -> None:
    document = read_docx(RECORD)
    italic = {p.text for p in document.paragraphs if p.runs and p.runs[0].italic}
    assert any(text.startswith("This is a draft to start you off.") for text in italic)
    assert "I lead my team's huddle now." not in italic


def test_the_document_is_titled_and_in_its_owner_s_language_for_spelling() -> None:
    for language, title, tag in (
        ("en", "CPD record: Grace Okafor", "en-GB"),
        (WELSH, "Cofnod DPP: Grace Okafor", "cy-GB"),
    ):
        document = read_docx(RECORD, language)
        assert document.core_properties.title == title
        assert document.core_properties.language == tag
        langs = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val")
        assert langs == [tag]


def test_the_tables_heading_rows_repeat_on_each_page() -> None:
    for table in read_docx(RECORD).tables:
        assert table.rows[0]._tr.xpath("w:trPr/w:tblHeader")


def test_a_mentor_s_meetings_and_a_record_of_one_type_of_learning() -> None:
    only_meetings = replace(SOURCES, role="mentor", attended=(), reflections=())
    paragraphs = texts(read_docx(cpd_record(only_meetings, AFTER_ALL)))
    assert "Role: Mentor" in paragraphs
    assert "You have not written a reflection yet." in paragraphs
    assert (
        "These activities are one type of learning: professional activity. [Add CPD of another "
        "type from your work, to show a mixture.]"
    ) in paragraphs
    practice = next(p for p in paragraphs if p.startswith("Mentoring a colleague"))
    assert "My reflection at Coming to Closure" not in practice


def test_a_record_of_one_day_says_on_that_day_not_from_it_to_itself() -> None:
    """A reflection at the close, and nothing else yet: one day, in either language."""
    closing = Reflection(date(2026, 6, 17), "closure", parts=(("learned", "To listen"),))
    only_a_reflection = replace(SOURCES, attended=(), meetings=(), reflections=(closing,))
    record = cpd_record(only_a_reflection, AFTER_ALL)
    english = next(p for p in texts(read_docx(record)) if "I took part" in p)
    assert english.startswith(
        "On 17 June 2026 I took part in the SoR Leadership Mentoring Scheme 2025-26. I kept"
    )
    welsh = next(p for p in texts(read_docx(record, WELSH)) if "cymerais ran" in p)
    assert welsh.startswith(
        "Ar 17 Mehefin 2026 cymerais ran yn SoR Leadership Mentoring Scheme 2025-26. Cedwais"
    )


def test_the_draft_says_what_the_reflection_at_the_close_says_and_no_more() -> None:
    """Written only what she achieved: the draft never claims it says what she learned."""

    def said(*parts: ClosurePart, language: str = "en") -> str:
        closing = Reflection(date(2026, 6, 17), "closure", parts=tuple((p, "…") for p in parts))
        record = cpd_record(replace(SOURCES, reflections=(closing,)), AFTER_ALL)
        statement = texts(read_docx(record, language))[-3]  # standard 3's paragraph
        [sentence] = [s for s in statement.split(". ") if "Closure" in s or "Ddod i Ben" in s]
        return sentence

    assert said("achieved", "learned") == "My reflection at Coming to Closure says what I learned"
    assert said("achieved") == "My reflection at Coming to Closure says what I achieved"
    assert said("next_steps") == (
        "My reflection at Coming to Closure says what I plan next in my career"
    )
    assert said("achieved", language=WELSH) == (
        "Mae fy myfyrdod wrth Ddod i Ben yn dweud beth gyflawnais i"
    )


def test_what_was_typed_is_shown_as_typed_and_never_as_markup() -> None:
    typed = "<b>rota</b> & **huddles** {n} \x0bnotes"
    sources = replace(
        SOURCES,
        meetings=(Meeting(1, date(2026, 1, 12), 45, typed),),
        reflections=(Reflection(date(2026, 1, 12), "meeting", "=SUM(A1) <i>ok</i>"),),
    )
    record = cpd_record(sources, AFTER_ALL)
    shown = "<b>rota</b> & **huddles** {n} notes"
    document = read_docx(record)
    assert f"Mentoring meeting with my mentor\nTopics: {shown}" in tables(document)[0][3]
    assert "=SUM(A1) <i>ok</i>" in texts(document)
    lines = pdf_lines(cpd_pdf(record, "en"))
    assert any(f"Topics: {shown}" in line for line in lines)
    assert "=SUM(A1) <i>ok</i>" in lines


# The PDF -----------------------------------------------------------------------------------------


def test_the_pdf_says_what_the_document_says() -> None:
    lines = pdf_lines(cpd_pdf(RECORD, "en"))
    assert in_order(
        [
            "CPD record: Grace Okafor",
            "Scheme: SoR Leadership Mentoring Scheme 2025-26",
            "Cohort: 2025-26",
            "Role: Mentee",
            "Up to date on 1 September 2026",
            "Activities",
            "Date Activity Type of learning Hours",
            "27 Oct 2025 Pre-launch online training (mentees) Formal / educational 1",
            "13 Nov 2025 LMS Launch Professional activity 4",
            "12 Jan 2026 Reflection written after a meeting Work-based learning –",
            "1 Jul 2026 Networking at UKIO 2026 Professional activity 1.5",
            "Hours by type of learning",
            "Type of learning Activities Hours",
            "Work-based learning 5 2.25",
            "Professional activity 2 5.5",
            "Formal / educational 1 1",
            "Total 8 8.75",
            "Reflections",
            "12 January 2026: Reflection written after a meeting",
            "I will try delegating the rota.",
            "20 June 2026: Reflection written at Coming to Closure",
            "I lead my team's huddle now.",
            "Draft statement: yours to edit",
            "Summary of practice",
            "Standard 1: a continuous, up-to-date and accurate record",
            "Standard 2: a mixture of learning activities",
            "Standard 3: the quality of my practice and service delivery",
            "Standard 4: the benefit to service users",
            "Page 2 of 2",
        ],
        lines,
    ), lines
    # a meeting's cell has two lines, the meeting and its topics, read out across the row
    meeting_rows = [line for line in lines if line.startswith("1 Dec 2025")]
    assert meeting_rows == [
        "1 Dec 2025 Mentoring meeting with my mentor Topics: Delegation Work-based learning 1"
    ]


def test_the_pdf_is_titled_in_its_owner_s_language() -> None:
    reader = PdfReader(BytesIO(cpd_pdf(RECORD, WELSH)))
    assert reader.metadata is not None
    assert reader.metadata.title == "Cofnod DPP: Grace Okafor"
    assert reader.metadata.author == "Grace Okafor"
    assert reader.root_object["/Lang"] == "cy-GB"


def test_a_long_record_runs_onto_more_pages_each_numbered() -> None:
    many = tuple(Meeting(1, date(2026, 1, 1 + n % 28), 30, f"topic {n}") for n in range(80))
    lines = pdf_lines(cpd_pdf(cpd_record(replace(SOURCES, meetings=many), AFTER_ALL), "en"))
    pages = [line for line in lines if line.startswith("Page ")]
    assert len(pages) >= 3
    assert pages == [f"Page {n} of {len(pages)}" for n in range(1, len(pages) + 1)]
    # the activities table's heading row is repeated at the top of each page it runs onto
    assert lines.count("Date Activity Type of learning Hours") >= 2


def test_the_first_page_is_drawn_and_not_blank(tmp_path: Path) -> None:
    """Drawn as a viewer draws it (poppler). Looked at by eye once: the title in teal, the
    details, the activities table with a tinted heading row and a topic line under each
    meeting, then the hours table and the reflections; page 2 the draft statement."""
    (tmp_path / "record.pdf").write_bytes(cpd_pdf(RECORD, WELSH))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "record.pdf", "page"],
        cwd=tmp_path,
        check=True,
    )
    pixels = imread(tmp_path / "page-1.png")
    height, width = pixels.shape[:2]
    assert height > width  # portrait
    ink = (pixels[..., :3].mean(axis=2) < 0.6).mean()
    assert 0.01 < ink < 0.3


# In Welsh ----------------------------------------------------------------------------------------


def test_the_record_in_welsh() -> None:
    document = read_docx(RECORD, WELSH)
    assert headings(document)[:4] == [
        ("Title", "Cofnod DPP: Grace Okafor"),
        ("Heading 1", "Gweithgareddau"),
        ("Heading 1", "Oriau yn ôl math o ddysgu"),
        ("Heading 1", "Myfyrdodau"),
    ]
    activities, hours = tables(document)
    assert activities[0] == ["Dyddiad", "Gweithgaredd", "Math o ddysgu", "Oriau"]
    assert activities[3] == [
        "1 Rhag 2025",
        "Cyfarfod mentora gyda fy mentor\nPynciau: Delegation",
        "Dysgu seiliedig ar waith",
        "1",
    ]
    assert hours[-1] == ["Cyfanswm", "8", "8.75"]
    paragraphs = texts(document)
    assert "Rôl: Mentai" in paragraphs
    assert "Datganiad drafft: i chi ei olygu" in paragraphs
    assert (
        "O 27 Hydref 2025 i 1 Gorffennaf 2026 cymerais ran yn SoR Leadership Mentoring Scheme "
        "2025-26. Cawsom 3 cyfarfod mentora, 2.25 awr i gyd. Es i i 2 o ddigwyddiadau'r "
        "cynllun. Es i i 1 sesiwn hyfforddi. Cedwais y cofnod hwn wrth fynd ymlaen, ac mae'n "
        "rhestru pob gweithgaredd yn ôl dyddiad."
    ) in paragraphs
    lines = pdf_lines(cpd_pdf(RECORD, WELSH))
    assert in_order(
        ["Cofnod DPP: Grace Okafor", "Gweithgareddau", "Myfyrdodau", "Tudalen 2 o 2"], lines
    )
    assert "Math o ddysgu Gweithgareddau Oriau" in lines


def test_a_record_with_nothing_yet_is_answered_kindly_in_either_language() -> None:
    refused = NoActivityYet()
    assert no_activity_yet(refused).startswith("Your CPD record is empty for now.")
    with in_language(WELSH):
        assert no_activity_yet(refused).startswith("Mae eich cofnod DPP yn wag am y tro.")


def test_the_record_is_built_at_the_time_given() -> None:
    early = cpd_record(SOURCES, datetime(2025, 12, 2, 9, tzinfo=UTC))
    assert texts(read_docx(early))[4] == "Up to date on 2 December 2025"


# In Slack: the two files, the answer and the Home's button ----------------------------------------


def test_the_record_comes_as_a_word_document_and_a_pdf_each_saying_what_it_is() -> None:
    made = datetime(2026, 9, 1, 9, tzinfo=UTC)
    word = render_file(CpdDocx("USUNITA01", made, RECORD, "cy"))
    pdf = render_file(CpdPdf("USUNITA01", made, RECORD, "cy"))
    assert word.title == "Your CPD record (Word document, to edit)"
    assert word.comment is not None and "Only you have them." in word.comment
    assert pdf.title == "Your CPD record (PDF)"
    # Each document in the language the notice carries: its owner's
    assert docx.Document(BytesIO(word.content)).paragraphs[0].text.startswith("Cofnod DPP:")
    assert pdf_lines(pdf.content)[0].startswith("Cofnod DPP:")


def test_the_home_offers_the_record_once_there_is_something_in_it() -> None:
    empty = Mine(None, (), [], None, cpd=False)
    assert home_section(empty, PROGRAMME, AFTER_ALL) == []
    shown = home_section(replace(empty, cpd=True), PROGRAMME, AFTER_ALL)
    assert buttons(shown) == ["Get my CPD record"]
    assert actions_in(shown) == [HOME_CPD]
    assert cpd_said().text == "I've put your CPD record in our direct messages."
    with in_language(WELSH):
        assert buttons(home_section(replace(empty, cpd=True), PROGRAMME, AFTER_ALL)) == [
            "Cael fy nghofnod DPP"
        ]
        assert cpd_sent().startswith("Rydw i wedi rhoi eich cofnod DPP")
