"""The participants use cases over the real storage: importing, a person's own data, erasure."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.errors import NotAParticipant
from bot.pairs.errors import PairingEnded
from bot.pairs.notices import PairEnded
from bot.participants.errors import (
    EmailNotInWorkspace,
    ImportRejected,
    NoSuchParticipant,
    NoSuchSlackUser,
    SlackUserTaken,
    UnknownLanguage,
)
from bot.participants.notices import MyDataFile, MyDataSummary
from bot.participants.service import ImportSummary, ParticipantsService
from handlers.views.participants import import_problems
from storage.database import make_sessions
from storage.unit_of_work import SqlUnitOfWorkFactory
from tests.services import (
    COHORT_CSV,
    FIONA,
    GRACE,
    OUTSIDER,
    SUNITA,
    TEAM_LEAD,
    Scheme,
    build_scheme,
    fresh_database,
)

NOW = datetime(2026, 1, 20, 10, tzinfo=UTC)
PAIRED = datetime(2026, 1, 5, 10, tzinfo=UTC)
ACCEPTED = datetime(2026, 1, 5, 11, tzinfo=UTC)


def names(scheme: Scheme) -> list[str]:
    with scheme.uow() as uow:
        return [p.name for p in uow.participants.all()]


def test_importing_adds_newcomers_and_updates_those_already_there_by_email(
    scheme: Scheme,
) -> None:
    rows = (
        "name,email,role\n"
        "Grace Mensah-Owusu,Grace.Mensah@example.nhs.uk,mentor\n"
        "Fiona MacLeod,fiona.macleod@example.scot.nhs.uk,mentor\n"
    )
    assert scheme.import_people(rows, NOW) == ImportSummary(created=1, updated=1)
    assert scheme.person(GRACE).name == "Grace Mensah-Owusu"
    fiona = scheme.person(FIONA)
    assert (fiona.email, fiona.role, fiona.tz) == (
        "fiona.macleod@example.scot.nhs.uk",
        "mentor",
        "Europe/London",
    )


def test_a_file_with_any_row_not_in_the_workspace_imports_nothing_and_names_each_by_line(
    scheme: Scheme,
) -> None:
    rows = (
        "name,email,role,slack_id\n"
        "Fiona MacLeod,fiona.macleod@example.scot.nhs.uk,mentor,\n"
        "Nobody Known,nobody@example.org,mentee,\n"
        "Ghost User,ghost@example.org,mentee,UGHOST001\n"
    )
    with pytest.raises(ImportRejected) as rejected:
        scheme.import_people(rows, NOW)
    assert rejected.value.problems == [
        EmailNotInWorkspace(3, "nobody@example.org"),
        NoSuchSlackUser(4, "UGHOST001"),
    ]
    assert names(scheme) == ["Grace Mensah", "Oliver Byrne", "Sunita Rao", "Jamie Clarke"]


def test_a_slack_account_that_is_already_another_participants_is_refused(
    scheme: Scheme,
) -> None:
    rows = "name,email,role,slack_id\nAn Impostor,impostor@example.org,mentee,UGRACE001\n"
    with pytest.raises(ImportRejected) as rejected:
        scheme.import_people(rows, NOW)
    assert rejected.value.problems == [
        SlackUserTaken(2, GRACE, "grace.mensah@example.nhs.uk"),
    ]


def test_my_data_holds_what_the_bot_keeps_about_the_person_and_their_pair(
    scheme: Scheme,
) -> None:
    scheme.start_pair(GRACE, SUNITA, PAIRED, ACCEPTED)
    scheme.events.reply(SUNITA, "final-celebration", "yes", NOW)
    scheme.checkins.log_meeting(GRACE, date(2026, 1, 13), 45, "career planning", NOW)
    scheme.pairing.pause(SUNITA, date(2026, 2, 1), NOW)
    data = scheme.privacy.my_data(SUNITA)
    assert data["you"]["name"] == "Sunita Rao"
    assert data["you"]["check_ins_paused_until"] == "2026-02-01"
    assert data["event_replies"] == {"final-celebration": "yes"}
    [pair] = data["your_pairs"]
    assert (pair["partner"], pair["status"], pair["stage"]) == (
        "Grace Mensah",
        "active",
        "preparing",
    )
    assert pair["meetings"] == [{"on": "2026-01-13", "minutes": 45, "topics": "career planning"}]


def test_my_data_goes_as_a_summary_and_a_file_to_the_persons_own_dm_and_nowhere_else(
    scheme: Scheme,
) -> None:
    scheme.start_pair(GRACE, SUNITA, PAIRED, ACCEPTED)
    scheme.concerns.raise_concern(SUNITA, "command", "We never meet.", PAIRED)
    scheme.concerns.raise_concern(GRACE, "command", "Sunita never answers.", PAIRED)
    scheme.privacy.send_my_data(SUNITA, NOW)
    [(to_her, summary)] = scheme.messenger.of(MyDataSummary)
    [(to_her_too, data)] = scheme.messenger.of(MyDataFile)
    assert to_her == to_her_too == SUNITA
    assert data.filename == "my-mentoring-data-20260120100000.json"
    assert json.loads(data.content) == scheme.privacy.my_data(SUNITA)
    assert summary.filename == "my-mentoring-summary-20260120100000.txt"
    held = summary.held
    assert (held.person.name, [p.partner for p in held.pairs]) == ("Sunita Rao", ["Grace Mensah"])
    assert [c.text for c in held.concerns] == ["We never meet."], "only her own words"


def test_my_data_asked_for_while_slack_is_down_is_sent_once_when_it_is_back(
    scheme: Scheme,
) -> None:
    scheme.messenger.failing = True
    scheme.privacy.send_my_data(SUNITA, NOW)
    scheme.messenger.failing = False
    assert scheme.deliveries.run_due(NOW + timedelta(days=2)) == 2, "however late"
    assert scheme.deliveries.run_due(NOW + timedelta(days=3)) == 0
    [(to, _summary)] = scheme.messenger.of(MyDataSummary)
    [(_, sent)] = scheme.messenger.of(MyDataFile)
    assert to == SUNITA
    assert json.loads(sent.content) == scheme.privacy.my_data(SUNITA)


def test_someone_not_on_the_scheme_has_no_data_to_ask_for(scheme: Scheme) -> None:
    with pytest.raises(NotAParticipant):
        scheme.privacy.send_my_data(OUTSIDER, NOW)
    assert scheme.messenger.sent == []


def test_erasing_a_participant_forgets_who_they_were_and_ends_their_pair(scheme: Scheme) -> None:
    scheme.start_pair(GRACE, SUNITA, PAIRED, ACCEPTED)
    grace_id = scheme.person(GRACE).id
    assert scheme.privacy.erase("sunita.rao@example.nhs.uk", NOW).name == "Sunita Rao"
    with scheme.uow() as uow:
        assert uow.participants.by_email("sunita.rao@example.nhs.uk") is None
        assert uow.pairs.current_of(grace_id) == []
    assert "Sunita Rao" not in names(scheme)
    with pytest.raises(NotAParticipant):
        scheme.privacy.my_data(SUNITA)


def test_erasing_one_of_a_pair_tells_the_other_once_though_slack_is_down_without_naming_them(
    scheme: Scheme,
) -> None:
    scheme.start_pair(GRACE, SUNITA, PAIRED, ACCEPTED)
    scheme.messenger.failing = True
    scheme.privacy.erase("sunita.rao@example.nhs.uk", NOW)
    scheme.messenger.failing = False
    assert scheme.deliveries.run_due(NOW + timedelta(minutes=5)) == 1, "kept with the erasure"
    assert scheme.deliveries.run_due(NOW + timedelta(days=1)) == 0, "and sent once"
    [(to, ended)] = scheme.messenger.of(PairEnded)
    assert (to, ended.partner) == (GRACE, None), "Grace alone is told, and Sunita is not named"
    with pytest.raises(PairingEnded):
        scheme.pairing.accept(GRACE, ended.pair_id, NOW)


def test_a_pairing_the_team_ends_still_names_each_partner_to_the_other(scheme: Scheme) -> None:
    scheme.start_pair(GRACE, SUNITA, PAIRED, ACCEPTED)
    scheme.pairing.unpair(TEAM_LEAD, SUNITA, "a change of role", NOW)
    told = {to: ended.partner.name for to, ended in scheme.messenger.of(PairEnded) if ended.partner}
    assert told == {GRACE: "Sunita Rao", SUNITA: "Grace Mensah"}


def test_erasing_keeps_the_concerns_audit_trail_but_not_the_concerns_words(
    scheme: Scheme,
) -> None:
    concern_id = scheme.concerns.raise_concern(SUNITA, "command", "We never meet.", PAIRED)
    scheme.concerns.acknowledge(TEAM_LEAD, concern_id, ACCEPTED)
    scheme.privacy.erase("sunita.rao@example.nhs.uk", NOW)
    [view] = scheme.concerns.open_alerts(TEAM_LEAD)
    assert (view.concern.id, view.concern.text, view.reporter) == (
        concern_id,
        "[erased]",
        "Erased participant",
    )
    assert [(e.action, e.actor) for e in view.history] == [
        ("raised", "erased participant"),
        ("acknowledged", TEAM_LEAD),
    ]


def test_erasing_an_email_no_participant_has_is_refused(scheme: Scheme) -> None:
    scheme.privacy.erase("sunita.rao@example.nhs.uk", NOW)
    for email in ("nobody@example.org", "sunita.rao@example.nhs.uk"):
        with pytest.raises(NoSuchParticipant) as refused:
            scheme.privacy.erase(email, NOW)
        assert refused.value.email == email


def test_slack_welsh_gives_a_newcomer_welsh_and_those_already_on_the_scheme_keep_theirs(
    scheme: Scheme,
) -> None:
    with scheme.uow() as uow:  # Sunita chose English herself
        uow.participants.set_language(scheme.person(SUNITA).id, "en", NOW)
        uow.commit()
    scheme.directory.locales = {FIONA: "cy-GB", SUNITA: "cy-GB", GRACE: "cy-GB"}
    rows = (
        "name,email,role\n"
        "Fiona MacLeod,fiona.macleod@example.scot.nhs.uk,mentor\n"
        "Sunita Rao,sunita.rao@example.nhs.uk,mentee\n"
        "Grace Mensah,grace.mensah@example.nhs.uk,mentor\n"
    )
    scheme.import_people(rows, NOW)
    assert [scheme.person(p).language for p in (FIONA, SUNITA, GRACE)] == ["cy", "en", None], (
        "Slack is asked about newcomers only: one rate-limited call each"
    )


def languages(scheme: Scheme) -> ParticipantsService:
    return ParticipantsService(scheme.uow, scheme.directory, scheme.team)


def test_anyone_in_the_workspace_chooses_their_language_and_a_participants_stays_on_their_row(
    scheme: Scheme,
) -> None:
    service = languages(scheme)
    for person in (TEAM_LEAD, OUTSIDER, SUNITA):
        assert service.set_language(person, "Cymraeg", NOW) == "cy"
    assert service.set_language(OUTSIDER, "saesneg", NOW) == "en", "and changes it again"
    assert [service.language_of(p) for p in (TEAM_LEAD, OUTSIDER, SUNITA, GRACE)] == [
        "cy",
        "en",
        "cy",
        None,
    ]
    assert scheme.person(SUNITA).language == "cy"
    with scheme.uow() as uow:
        assert uow.reader_languages.take([TEAM_LEAD, OUTSIDER, SUNITA]) == {
            TEAM_LEAD: "cy",
            OUTSIDER: "en",
        }, "kept by Slack id for those not on the scheme only"


def test_a_language_the_bot_does_not_write_in_is_refused_and_changes_nothing(
    scheme: Scheme,
) -> None:
    service = languages(scheme)
    with pytest.raises(UnknownLanguage):
        service.set_language(OUTSIDER, "français", NOW)
    assert service.language_of(OUTSIDER) is None


def test_a_choice_made_before_joining_carries_over_and_wins_over_slacks_locale(
    scheme: Scheme,
) -> None:
    service = languages(scheme)
    service.set_language(FIONA, "english", NOW)
    service.set_language(OUTSIDER, "cymraeg", NOW)
    scheme.directory.locales = {FIONA: "cy-GB"}
    rows = (
        "name,email,role\n"
        "Fiona MacLeod,fiona.macleod@example.scot.nhs.uk,mentor\n"
        "Pat Outsider,pat.outsider@example.org,mentee\n"
    )
    scheme.import_people(rows, NOW)
    assert [scheme.person(p).language for p in (FIONA, OUTSIDER)] == ["en", "cy"]
    service.set_language(FIONA, "cymraeg", NOW)
    assert service.language_of(FIONA) == "cy", "her row alone holds it now"
    with scheme.uow() as uow:
        assert uow.reader_languages.take([FIONA, OUTSIDER]) == {}


def test_a_rejected_import_leaves_a_choice_where_it_was(scheme: Scheme) -> None:
    service = languages(scheme)
    service.set_language(FIONA, "cymraeg", NOW)
    rows = (
        "name,email,role\n"
        "Fiona MacLeod,fiona.macleod@example.scot.nhs.uk,mentor\n"
        "Nobody Known,nobody@example.org,mentee\n"
    )
    with pytest.raises(ImportRejected):
        scheme.import_people(rows, NOW)
    assert service.language_of(FIONA) == "cy"


def test_a_file_with_an_unknown_person_imports_nobody_and_names_the_line() -> None:
    """Moved down from the scenario: on a database with nobody on it yet, the cohort's four good
    rows are refused with the two bad ones."""
    engine = fresh_database()
    try:
        empty = build_scheme(SqlUnitOfWorkFactory(make_sessions(engine)))
        with pytest.raises(ImportRejected) as rejected:
            empty.import_people(
                COHORT_CSV
                + "Pat Nobody,pat@example.org,mentee,\nAl Id,al@example.org,mentor,UNOSUCH01\n",
                NOW,
            )
        assert import_problems(rejected.value) == [
            (
                "line 6: nobody in the Slack workspace has the email pat@example.org; invite them "
                "to the workspace first, or add their Slack user id in a slack_id column"
            ),
            "line 7: there is no Slack user UNOSUCH01 in this workspace",
        ]
        assert names(empty) == []
    finally:
        engine.dispose()


def test_one_slack_user_cannot_be_two_participants(scheme: Scheme) -> None:
    """Moved down from the scenario, in the words the team reads."""
    with pytest.raises(ImportRejected) as rejected:
        scheme.import_people("name,email,role,slack_id\nG M,gm@example.org,mentor,UGRACE001\n", NOW)
    assert import_problems(rejected.value) == [
        "line 2: Slack user UGRACE001 already belongs to grace.mensah@example.nhs.uk"
    ]
    assert names(scheme) == ["Grace Mensah", "Oliver Byrne", "Sunita Rao", "Jamie Clarke"]
