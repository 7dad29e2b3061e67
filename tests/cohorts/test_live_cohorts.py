"""Two cohorts live in one deployment: 2025-26 goes on (its final evaluation, an alumni event
added after 2026-27 began) while 2026-27 starts (its launch), each person answered by their own
cohort; and the setting that names several programme files."""

from __future__ import annotations

import dataclasses
import json
import os
import re
from pathlib import Path

import httpx
import pytest
import yaml

from bot.cohorts.model import Cohort
from bot.cohorts.rules import next_programme, programme_file_text
from bot.events.notices import EventReminder
from bot.notice_json import NoticeCodec
from bot.programme_file import programme_settings
from bot.scheme import SHIPPED_PROGRAMME, ProgrammeError
from mentorbot.cli import main
from mentorbot.cohorts_live import load_programmes
from mentorbot.settings import Settings
from storage.database import make_engine, make_sessions
from storage.unit_of_work import SqlUnitOfWorkFactory
from tests.accessibility.examples import notice_examples
from tests.cast import EMAILS, GRACE, JAMIE, PAIRS_CSV, SUNITA, TEAM_CHANNEL, TEAM_LEAD
from tests.seen import words
from tests.world import World, group_messages, last_with, restart, uk

ANWEN = "UNEW00001"  # new to the scheme in 2026-27
ALUMNI_EVENT = {
    "id": "alumni-networking",
    "title": "Alumni networking evening",
    "audience": "everyone",
    "format": "online",
    "date": "2026-11-05",
    "start": "18:00",
    "end": "19:30",
    "joining": "Online; the project team sends the joining link by email.",
}
# 2026-27's participants file: Jamie, a 2025-26 mentee, mentors Anwen.
COHORT_2026_27 = (
    "name,email,role,slack_id\n"
    f"Jamie Clarke,{EMAILS[JAMIE]},mentor,\n"
    "Anwen Price,anwen.price@example.nhs.uk,mentee,\n"
)


def last_year_with_an_alumni_event(folder: Path) -> Path:
    """The shipped 2025-26 file, as the team edits it once 2026-27 has begun."""
    settings = programme_settings(SHIPPED_PROGRAMME)
    settings["events"].append(ALUMNI_EVENT)
    path = folder / "lms-2025-26.yaml"
    path.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False))
    return path


def next_year_with_its_launch_confirmed(folder: Path) -> Path:
    """2026-27's file as `mentorbot cohort new` writes it, the launch's date then confirmed."""
    carried = next_programme(
        programme_settings(SHIPPED_PROGRAMME), Cohort("2025-26"), Cohort("2026-27")
    )
    [launch] = [e for e in carried["events"] if e["id"] == "launch"]
    launch.pop("to_confirm")
    path = folder / "lms-2026-27.yaml"
    path.write_text(programme_file_text(carried, Cohort("2025-26"), Cohort("2026-27")))
    return path


def texts_about(world: World, user: str, words_in: str) -> list[str]:
    return [text for text in world.texts(user) if words_in in text]


@pytest.mark.both_databases  # two cohorts in one database, and one outbox, on PostgreSQL too
def test_2025_26_goes_on_beside_2026_27_each_person_answered_by_their_own_cohort(
    world: World, tmp_path: Path
) -> None:
    world.add_cohort()
    world.bot.import_pairs(PAIRS_CSV)  # 2025-26: Grace with Sunita, Oliver with Jamie
    for user in (GRACE, SUNITA):
        world.click(
            user, last_with(group_messages(world, GRACE, SUNITA), "pair_accept"), "pair_accept"
        )
    world.command(SUNITA, "met 2025-10-01 45m first chat")
    world.clock.move_to(uk("2026-06-10 10:00"))
    old, new = (
        last_year_with_an_alumni_event(tmp_path),
        next_year_with_its_launch_confirmed(tmp_path),
    )
    # Served at a public address, so reminders link to calendar files it serves.
    world.bot_settings = world.bot_settings.model_copy(update={"public_url": "https://lms.example"})
    restart(world, f"{old}{os.pathsep}{new}")
    world.slack.workspace.add_user(
        ANWEN, "Anwen Price", "anwen.price@example.nhs.uk", "Europe/London"
    )
    world.bot.import_participants(COHORT_2026_27)  # the current cohort's: 2026-27
    assert {"events", "events 2025-26", "evaluations 2025-26"} <= {
        job.id for job in world.bot.scheduler.moment_jobs()
    }

    # Sunita closes her 2025-26 pairing; her certificate's code checks out on the public page.
    world.command(SUNITA, "stage closure")
    [code] = re.findall(r"LMS(?:-[0-9A-Z]{4}){3}", world.command(SUNITA, "certificate"))
    checked = httpx.get(f"{world.http.base_url}/certificates/{code}")
    assert checked.status_code == 200 and "Sunita Rao" in checked.text and "2025-26" in checked.text

    # 2025-26's final evaluation, answered in a DM and kept as 2025-26's: by Sunita, only in
    # 2025-26, and by Jamie (in New York), who mentors in 2026-27 but was a mentee then.
    world.walk_to(uk("2026-09-01 15:00"))
    for alumnus in (SUNITA, JAMIE):
        assert texts_about(world, alumnus, "Final evaluation"), alumnus
        assert world.say(alumnus, "start").startswith("*Question 1 of")
        assert world.say(alumnus, "5").startswith("Thanks. *Question 2 of")
    sessions = make_sessions(make_engine(world.bot_settings.database_url))
    with SqlUnitOfWorkFactory(sessions, cohort="2025-26")() as last_year:
        for alumnus in (SUNITA, JAMIE):
            then = last_year.participants.by_slack_id(alumnus)
            assert then is not None and then.role == "mentee"
            answered = last_year.evaluations.get("final", then.id)
            assert answered is not None and answered.progress.answers, alumnus
    with SqlUnitOfWorkFactory(sessions, cohort="2026-27")() as this_year:
        assert this_year.participants.by_slack_id(SUNITA) is None
        assert not this_year.evaluations.for_form("final")

    # Sunita raises a concern, kept as 2025-26's; the team sees it and acknowledges it.
    world.command_opens_modal(SUNITA, "concern")
    world.submit_view(SUNITA, {"text": "My manager stops my meetings", "urgency": "soon"})
    [alert] = [
        m for m in world.slack.workspace.messages_in(TEAM_CHANNEL) if "Concern #" in words(m)
    ]
    with SqlUnitOfWorkFactory(sessions, cohort="2025-26")() as last_year:
        [concern] = last_year.concerns.all()
    assert f"Concern #{concern.id}" in words(world.open_home(TEAM_LEAD))
    world.click(TEAM_LEAD, alert, "concern_ack")
    with SqlUnitOfWorkFactory(sessions, cohort="2025-26")() as last_year:
        assert last_year.concerns.all()[0].status == "acknowledged"

    # A week before each: 2025-26's alumni evening, and 2026-27's launch.
    world.walk_to(uk("2026-11-05 12:00"))
    for alumnus in (SUNITA, JAMIE):
        assert texts_about(world, alumnus, "Alumni networking evening"), alumnus
    for newcomer in (JAMIE, ANWEN):
        assert texts_about(world, newcomer, "12 November 2026"), newcomer
    assert not texts_about(world, SUNITA, "12 November 2026")
    assert not texts_about(world, ANWEN, "Alumni networking evening")

    # The alumni evening's calendar file is served at its address, as 2026-27's launch's is.
    for cohort, event, starts_at in (
        ("2025-26", "alumni-networking", uk("2026-11-05 18:00")),
        ("2026-27", "launch", uk("2026-11-12 11:00")),
    ):
        token = world.bot.cohorts.services[cohort].events.feeds.file_token(event, starts_at)
        served = httpx.get(f"{world.http.base_url}/calendar/events/{token}.ics")
        assert served.status_code == 200 and "BEGIN:VEVENT" in served.text, event

    # Each Home shows the person's own cohort: Sunita's 2025-26, Jamie's 2026-27.
    hers, his = words(world.open_home(SUNITA)), words(world.open_home(JAMIE))
    assert "Alumni networking evening" in hers and "12 November 2026" not in hers
    assert "12 November 2026" in his and "Alumni networking evening" not in his


def settings_naming(place: str) -> Settings:
    return Settings(mentorbot_programme=Path(place), _env_file=None)


def test_several_programme_files_or_a_folder_of_them_newest_cohort_first(tmp_path: Path) -> None:
    old, new = (
        last_year_with_an_alumni_event(tmp_path),
        next_year_with_its_launch_confirmed(tmp_path),
    )
    for place in (f"{old}{os.pathsep}{new}", f"{new}{os.pathsep}{old}", str(tmp_path)):
        programmes = load_programmes(settings_naming(place).programme_places)
        assert [p.cohort for p in programmes] == ["2026-27", "2025-26"]
    [one] = load_programmes(settings_naming(str(SHIPPED_PROGRAMME)).programme_places)
    assert one.cohort == "2025-26"


def test_two_files_of_one_cohort_are_refused_saying_which(tmp_path: Path) -> None:
    copy = tmp_path / "copy-of-2025-26.yaml"
    copy.write_text(SHIPPED_PROGRAMME.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ProgrammeError, match="both cohort 2025-26") as refused:
        load_programmes(settings_naming(f"{SHIPPED_PROGRAMME}{os.pathsep}{copy}").programme_places)
    assert str(copy) in str(refused.value) and "one programme file per cohort" in str(refused.value)


def test_the_operator_is_told_of_two_files_of_one_cohort_before_anything_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.yaml").write_text(SHIPPED_PROGRAMME.read_text(encoding="utf-8"))
    (tmp_path / "b.yaml").write_text(SHIPPED_PROGRAMME.read_text(encoding="utf-8"))
    monkeypatch.setenv("MENTORBOT_PROGRAMME", str(tmp_path))
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-not-asked")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "not-asked")
    for command in ("check", "doctor", "clock"):
        assert main([command]) == 2, command
        said = capsys.readouterr().err
        assert said.startswith("mentorbot: ") and "are both cohort 2025-26" in said, command


def test_a_kept_notice_names_its_cohort_so_an_event_id_both_years_have_reads_back_as_its_own(
    tmp_path: Path,
) -> None:
    new, old = load_programmes([next_year_with_its_launch_confirmed(tmp_path), SHIPPED_PROGRAMME])
    codec = NoticeCodec(new, cohorts={"2026-27": new, "2025-26": old})
    example = notice_examples()[EventReminder][0].notice
    assert isinstance(example, EventReminder)
    for programme in (old, new):
        launch = programme.event("launch")
        reminder = dataclasses.replace(example, programme=programme, event=launch)
        stored = codec.encode(reminder)
        assert json.loads(stored)["fields"]["event"] == {
            "$ref": ["cohorts", programme.cohort, "events", "launch"]
        }
        back = codec.decode(stored)
        assert isinstance(back, EventReminder) and back.event is launch
    one_cohort = NoticeCodec(new).encode(dataclasses.replace(example, programme=new, event=launch))
    assert codec.decode(one_cohort) == dataclasses.replace(example, programme=new, event=launch)
