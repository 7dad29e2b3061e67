"""The certificate as its owner reads it (the PDF's text, in English and Welsh, and its page
drawn), and what checking a code shows: the name, role and cohort, escaped, and nothing else."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from matplotlib.image import imread
from pypdf import PdfReader

from bot.certificates.errors import NotACode
from bot.certificates.model import Certificate, Verified
from bot.certificates.notices import CertificateFile
from bot.certificates.rules import parse_code
from bot.certificates.service import Progress
from handlers.i18n import WELSH, in_language
from handlers.slack.rendering import render_file
from handlers.views.certificates import (
    EXAMPLE_CODE,
    HOME_CERTIFICATE,
    certificate_said,
    console_section,
    home_section,
    not_a_code_html,
    not_a_code_text,
    still_to_complete,
    team_completed_message,
    verification_html,
    verification_text,
)
from handlers.views.certificates.pdf import certificate_pdf
from handlers.views.hub import Console, Mine
from tests.accessibility.examples import NOW, PROGRAMME
from tests.cast import SUNITA
from tests.seen import actions_in, buttons, words

CERTIFICATE = Certificate(
    person_id=7,
    name="Grace Okafor",
    role="mentee",
    scheme="SoR Leadership Mentoring Scheme 2025-26",
    cohort="2025-26",
    first_day=date(2025, 10, 21),
    last_day=date(2026, 7, 1),
    meetings=9,
    language="en",
    code="LMS-STY5-TD3P-8NBR",
)
IN_WELSH = replace(CERTIFICATE, name="Siân Ŵyn Llŷr", role="mentor", meetings=1, language="cy")
SITE = "https://mentorbot.example.org/"


def lines_of(pdf: bytes) -> list[str]:
    reader = PdfReader(BytesIO(pdf))
    return [line for page in reader.pages for line in page.extract_text().splitlines()]


def test_the_certificate_says_who_took_part_in_what_when_and_how_to_check_it() -> None:
    assert lines_of(certificate_pdf(CERTIFICATE, SITE)) == [
        "Certificate of participation",
        "This certifies that",
        "Grace Okafor",
        "took part as a mentee in",
        "SoR Leadership Mentoring Scheme 2025-26",
        "2025-26 cohort, from 21 October 2025 to 1 July 2026",
        "9 mentoring meetings",
        "Verification code:",
        "LMS-STY5-TD3P-8NBR",
        "Check this certificate at https://mentorbot.example.org/certificates/LMS-STY5-TD3P-8NBR",
    ]


def test_the_certificate_in_welsh_with_its_letters_and_one_meeting() -> None:
    assert lines_of(certificate_pdf(IN_WELSH, SITE)) == [
        "Tystysgrif cyfranogi",
        "Mae hyn i dystio bod",
        "Siân Ŵyn Llŷr",
        "wedi cymryd rhan fel mentor yn",
        "SoR Leadership Mentoring Scheme 2025-26",
        "Carfan 2025-26, o 21 Hydref 2025 i 1 Gorffennaf 2026",
        "1 cyfarfod mentora",
        "Cod dilysu:",
        "LMS-STY5-TD3P-8NBR",
        "Gwiriwch y dystysgrif hon yn https://mentorbot.example.org/certificates/LMS-STY5-TD3P-8NBR",
    ]


def test_without_a_public_address_the_project_team_checks_the_code() -> None:
    assert lines_of(certificate_pdf(CERTIFICATE, None))[-1] == (
        "To check this certificate, ask the project team to run: mentorbot certificate verify "
        "LMS-STY5-TD3P-8NBR"
    )


def test_the_pdf_is_titled_and_in_its_owner_s_language() -> None:
    for certificate, title, language in (
        (CERTIFICATE, "Certificate of participation: Grace Okafor", "en-GB"),
        (IN_WELSH, "Tystysgrif cyfranogi: Siân Ŵyn Llŷr", "cy-GB"),
    ):
        reader = PdfReader(BytesIO(certificate_pdf(certificate, SITE)))
        assert reader.metadata is not None
        assert reader.metadata.title == title
        assert reader.metadata.subject == "SoR Leadership Mentoring Scheme 2025-26"
        assert reader.root_object["/Lang"] == language
        assert reader.viewer_preferences is not None
        assert reader.viewer_preferences.display_doctitle


def test_a_long_name_is_made_smaller_to_fit_and_a_control_character_is_left_out() -> None:
    long_name = "Dr Angharad Gwenllian Rhiannon Morgan-Prichard ap Llywelyn\x07 Fitzgerald-Hughes"
    pdf = certificate_pdf(replace(CERTIFICATE, name=long_name), SITE)
    assert len(PdfReader(BytesIO(pdf)).pages) == 1
    assert lines_of(pdf)[2] == long_name.replace("\x07", "")


def test_a_name_too_long_for_one_line_wraps_and_all_still_fits_on_the_page() -> None:
    longest = " ".join(["Angharad Gwenllian Rhiannon"] * 5)
    pdf = certificate_pdf(replace(CERTIFICATE, name=longest), SITE)
    lines = lines_of(pdf)
    assert len(PdfReader(BytesIO(pdf)).pages) == 1
    assert " ".join(lines[2:4]) == longest
    assert lines[4:] == lines_of(certificate_pdf(CERTIFICATE, SITE))[3:]


def test_the_page_is_drawn_landscape_and_not_blank(tmp_path: Path) -> None:
    """Drawn as a reader's viewer draws it (poppler). Looked at by eye once: a teal double
    frame, the title large in teal, the name large and bold, the scheme bold, and the code in
    teal monospace at the foot above where to check it."""
    (tmp_path / "certificate.pdf").write_bytes(certificate_pdf(IN_WELSH, SITE))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "certificate.pdf", "page"], cwd=tmp_path, check=True
    )
    pixels = imread(tmp_path / "page-1.png")
    height, width = pixels.shape[:2]
    assert width > height  # landscape
    ink = (pixels[..., :3].mean(axis=2) < 0.6).mean()
    assert 0.01 < ink < 0.3  # words and a frame on white, not an empty or a filled page


# Checking a code ---------------------------------------------------------------------------------

GRACE = Verified("Grace <b>Okafor</b> & co", "mentee", "2025-26")


def test_a_genuine_code_shows_the_name_role_and_cohort_and_nothing_else() -> None:
    assert verification_text(GRACE).splitlines() == [
        "This certificate is genuine.",
        "Name: Grace <b>Okafor</b> & co",
        "Role: Mentee",
        "Cohort: 2025-26",
    ]


def test_the_page_escapes_the_name_and_shows_only_the_three_facts() -> None:
    page = verification_html(GRACE)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    assert "Grace &lt;b&gt;Okafor&lt;/b&gt; &amp; co" in page
    assert "<b>" not in page
    body = page.split("<main>")[1]
    assert body == (
        "<h1>This certificate is genuine.</h1><dl>"
        "<dt>Name</dt><dd>Grace &lt;b&gt;Okafor&lt;/b&gt; &amp; co</dd>"
        "<dt>Role</dt><dd>Mentee</dd>"
        "<dt>Cohort</dt><dd>2025-26</dd></dl></main></body></html>"
    )


def test_a_code_no_certificate_has_is_answered_kindly() -> None:
    assert verification_text(None).splitlines() == [
        "No certificate has this code.",
        f"Please check the code against the certificate and try again. A code looks like "
        f"{EXAMPLE_CODE}.",
    ]
    assert "<h1>No certificate has this code.</h1>" in verification_html(None)


def test_the_example_code_is_well_formed() -> None:
    assert parse_code(EXAMPLE_CODE) == EXAMPLE_CODE


@pytest.mark.parametrize(
    ("reason", "first"),
    [
        ("length", "That is not a certificate code."),
        ("character", "That has a character no certificate code has."),
        ("check", "One character of that code looks mistyped."),
    ],
)
def test_text_that_cannot_be_a_code_is_told_what_a_code_looks_like(reason: str, first: str) -> None:
    error = NotACode(reason)  # type: ignore[arg-type]
    shape = f"A certificate code is LMS and then 12 letters and digits, like {EXAMPLE_CODE}."
    assert not_a_code_text(error).splitlines() == [first, shape]
    assert f"<h1>{first}</h1><p>{shape}</p>" in not_a_code_html(error)


def test_checking_in_welsh() -> None:
    with in_language(WELSH):
        assert verification_text(GRACE).splitlines() == [
            "Mae'r dystysgrif hon yn ddilys.",
            "Enw: Grace <b>Okafor</b> & co",
            "Rôl: Mentai",
            "Carfan: 2025-26",
        ]
        page = verification_html(None)
        assert not_a_code_text(NotACode("length")).splitlines()[0] == "Nid cod tystysgrif yw hwnna."
    assert '<html lang="cy">' in page
    assert "<title>Gwirio tystysgrif: Does dim tystysgrif gyda'r cod hwn.</title>" in page


# In Slack: the file, what completing still needs, the Home's button, the console and the team's
# list -----------------------------------------------------------------------------------------

LAST_DAY = date(2026, 9, 30)
NOT_PAIRED = Progress(paired=False, awaiting=False, met=False, ends_on=LAST_DAY)


def mine(certificate: Certificate | Progress | None) -> Mine:
    return Mine(None, (), [], None, certificate=certificate)


def test_the_certificate_comes_as_its_pdf_with_words_saying_what_it_is_and_its_code() -> None:
    shared = render_file(CertificateFile(SUNITA, NOW, IN_WELSH, SITE))
    assert lines_of(shared.content)[0] == "Tystysgrif cyfranogi"  # in the certificate's language
    assert shared.title == "Your certificate of participation"  # the reader's (the messenger's)
    assert shared.comment is not None and IN_WELSH.code in shared.comment


@pytest.mark.parametrize(
    ("progress", "step"),
    [
        (NOT_PAIRED, "You're not in a pair yet: the project team will pair you."),
        (
            replace(NOT_PAIRED, awaiting=True),
            "Your pairing starts once you and your partner have both accepted it.",
        ),
        (
            replace(NOT_PAIRED, paired=True),
            "Your pair hasn't logged a meeting yet. After you meet, type e.g. "
            "`/mentoring met 2026-02-03 45m career planning`.",
        ),
        (
            replace(NOT_PAIRED, paired=True, awaiting=True, met=True),  # a second mentee waits
            "When you and your partner are ready to close, type `/mentoring stage closure`.",
        ),
    ],
)
def test_someone_not_there_yet_is_told_what_completing_needs_and_their_next_step(
    progress: Progress, step: str
) -> None:
    needs, said = still_to_complete(progress).splitlines()
    assert needs.endswith(
        "or is still going on the scheme's last day, Wednesday 30 September 2026."
    )
    assert said == step


def test_in_welsh_the_next_step_is_the_welsh_command() -> None:
    with in_language(WELSH):
        said = still_to_complete(replace(NOT_PAIRED, paired=True, met=True))
    assert said.startswith("Byddwch chi'n cael tystysgrif cyfranogi")
    assert said.endswith("`/mentoring cam dod i ben`.")


def test_the_home_offers_the_certificate_only_once_it_is_theirs() -> None:
    assert home_section(mine(None), PROGRAMME, NOW) == []
    assert home_section(mine(NOT_PAIRED), PROGRAMME, NOW) == []
    shown = home_section(mine(CERTIFICATE), PROGRAMME, NOW)
    assert buttons(shown) == ["Get my certificate"]
    assert actions_in(shown) == [HOME_CERTIFICATE]
    assert certificate_said(CERTIFICATE).text == "I've put your certificate in our direct messages."
    with in_language(WELSH):
        assert buttons(home_section(mine(CERTIFICATE), PROGRAMME, NOW)) == ["Cael fy nhystysgrif"]


def test_the_console_counts_who_completed_by_role_and_names_nobody() -> None:
    completed = [CERTIFICATE, replace(CERTIFICATE, name="Oliver Byrne", role="mentor")]
    shown = words(console_section(console(completed), PROGRAMME, NOW))
    assert "2 completed the scheme: 1 mentors, 1 mentees." in shown
    assert "Grace" not in shown and "Oliver" not in shown
    nobody = words(console_section(console([]), PROGRAMME, NOW))
    assert "Nobody has completed the scheme yet." in nobody


def test_the_team_s_list_names_each_with_their_role_and_meetings_escaped() -> None:
    typed = replace(CERTIFICATE, name="<!channel> Grace & co", meetings=1)
    assert team_completed_message([typed, replace(CERTIFICATE, role="mentor")]).splitlines() == [
        "*Completed the scheme* (2)",
        "• &lt;!channel&gt; Grace &amp; co, mentee, 1 mentoring meeting",
        "• Grace Okafor, mentor, 9 mentoring meetings",
    ]
    assert team_completed_message([]) == "Nobody has completed the scheme yet."


def console(completed: list[Certificate]) -> Console:
    return Console([], [], [], {}, [], completed=completed)
