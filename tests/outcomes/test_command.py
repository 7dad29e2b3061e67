"""`mentorbot report COHORT [--language cy] --out DIR`, run in process as the team runs it beside
a deployment: the cohort's PDF and CSV written to the folder, in the language asked for, naming
nobody; a cohort with no programme file refused, naming those there are."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentorbot.cli import main
from tests.cast import COHORT_PEOPLE
from tests.outcomes.test_views import pdf_words
from tests.world import World, uk


@pytest.fixture
def deployment(world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The deployment's settings in the environment, in a folder of the team's own (so no
    .env file is read), with the cast's cohort imported and its year over."""
    settings = world.bot_settings
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MENTORBOT_PROGRAMME", raising=False)
    for name, value in {
        "SLACK_BOT_TOKEN": settings.slack_bot_token or "",
        "SLACK_SIGNING_SECRET": settings.slack_signing_secret or "",
        "SLACK_API_URL": settings.slack_api_url,
        "DATABASE_URL": settings.database_url,
        "SLACK_RATE_LIMITS": "false",
    }.items():
        monkeypatch.setenv(name, value)
    world.add_cohort()
    world.walk_to(uk("2026-10-05 09:30"))
    return tmp_path


def test_the_report_is_written_in_welsh_to_the_folder_named(
    deployment: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "2025-26", "--language", "cy", "--out", "reports"]) == 0

    pdf, table = (
        deployment / "reports/outcomes-2025-26.pdf",
        deployment / "reports/outcomes-2025-26.csv",
    )
    said = capsys.readouterr().out
    assert said.startswith("Wrote reports/outcomes-2025-26.pdf and reports/outcomes-2025-26.csv:")
    assert (
        "the 2025-26 cohort's outcomes report, with" in said
        and "figures hidden so that nobody can be recognised." in said
    )
    read = pdf_words(pdf.read_bytes())
    assert (
        "Adroddiad ar ganlyniadau mentora" in read
        and "Lluniwyd ar ddydd Llun 5 Hydref 2026" in read
    )
    text = table.read_text(encoding="utf-8")
    assert text.startswith("section,item,group,category,label,count,")
    for person in COHORT_PEOPLE:
        assert person.name not in read + text and person.email not in read + text


def test_a_cohort_with_no_programme_file_is_refused_and_nothing_is_written(
    deployment: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "2019-20", "--out", "reports"]) == 2

    assert capsys.readouterr().err == (
        "mentorbot: There is no cohort called `2019-20`. The cohorts are: 2025-26.\n"
    )
    assert not (deployment / "reports").exists()
