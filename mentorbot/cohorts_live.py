"""Several cohorts live at once, in one deployment: 2025-26's alumni event, final evaluation and
certificates go on beside 2026-27's year.

MENTORBOT_PROGRAMME names each live cohort's programme file (or a folder of them); the newest
cohort is the current one (applications, the console's Start, the command line's default). Each
cohort has its own services, over units of work of its own cohort; they share the outbox, the
messenger, the team and the clock. Each request is answered by the cohort of the person asking:
the newest live cohort they are on (anyone else, the team included: the current one), but for
evaluations the newest with a form open to them that they have not sent (a 2025-26 mentee who
mentors in 2026-27 still answers 2025-26's final evaluation), for a step on one of their pairs
(its buttons, a form naming the pair, a command naming the partner) the cohort holding that
pair, with their Home showing their pairs of every live cohort; applying, the match and starting
the next cohort are always the current cohort's; and for the team's steps on a
concern or a request the cohort that holds it (the console lists every live cohort's open
ones, so a 2025-26 mentee's concern is seen and acted on); the team's results and exports of a
form by the cohort named, else the newest with the form (the console lists each cohort's forms);
an approver is any live cohort's
approver, and sees and decides the requests of each cohort that names them. The middleware chooses it
(`enter`), and the services handed to the handlers are routers that go to that cohort's service
at each call, so no handler knows there is more than one. What the public asks of the web
process, with no person behind it (a certificate's code, a calendar file's or feed's address),
is answered by whichever cohort knows it, newest first. The clock and the command line call
each cohort's services directly."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import fields, replace
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from bot.cohorts.model import Cohort
from bot.errors import UserError
from bot.evaluations.errors import UnknownForm
from bot.evaluations.service import EvaluationsService
from bot.pairs.errors import WhichPair
from bot.pairs.model import PairChoice
from bot.ports import UnitOfWork, UnitOfWorkFactory
from bot.programme_file import load_programme
from bot.scheme import Programme, ProgrammeError
from mentorbot.services import Services

# The cohort answering the request in hand (None: the current cohort). Set by the middleware for
# every request, so a thread that served another person's request never answers in theirs.
_asking: ContextVar[str | None] = ContextVar("cohort_asking", default=None)
_person: ContextVar[str] = ContextVar("person_asking", default="")
# Shared by every cohort: one outbox, one team, one clock, one inbox (DMs are not a cohort's).
SHARED = ("team", "outbox", "clock", "inbox")
# The current cohort's whoever asks: applying to it (an alumna still on an older cohort applies
# to the new one), its match, and starting the next one.
CURRENT_ONLY = ("applications", "matching", "cohorts")
# What the public asks the web process, with no person behind it: a certificate's code, a
# calendar file's address, a feed's address. Each returns None where it is not that cohort's.
FIRST_FOUND = frozenset({"verify", "event_file", "feed"})
# The team's steps on one concern or request, by its id (after the actor), and the lists the
# console shows of them: each taken by the cohort holding it, each list every cohort's.
HELD = {
    "concerns": (("acknowledge", "take", "resolve"), ("open_alerts",)),
    "requests": (("acknowledge", "resolve", "approve", "decline"), ("for_team",)),
}
# A person's step on something of one of their pairs, by its id (after the person), taken by
# the cohort holding it, so that someone on two live cohorts at once (a 2025-26 mentee who
# mentors in 2026-27) answers each cohort's check-ins and pulses: service → step → repository.
PAIRS_HELD = {
    "pairing": {"accept": "pairs"},
    "checkins": {"answer": "checkins"},
    "goals": {"answer": "checkins"},
    "pulse": {"answer": "pulse"},
}
# The services whose steps may name one of the person's pairs (a PairChoice): taken by the
# cohort holding that pair, or sharing one with the partner named.
ABOUT_A_PAIR = ("pairing", "checkins", "goals", "reflections")


def programme_files(place: Path) -> list[Path]:
    """The programme files a setting names: the file, or each YAML file in the folder."""
    return sorted(place.glob("*.yaml")) if place.is_dir() else [place]


def load_programmes(places: list[Path]) -> list[Programme]:
    """Every programme file in `places`, newest cohort first. ProgrammeError for a bad file, or
    for two files of one cohort (which would run its reminders twice over)."""
    found: dict[str, tuple[Path, Programme]] = {}
    for path in (path for place in places for path in programme_files(place)):
        programme = load_programme(path)
        if programme.cohort in found:
            raise ProgrammeError(
                f"{found[programme.cohort][0]} and {path} are both cohort {programme.cohort}: "
                "MENTORBOT_PROGRAMME must name one programme file per cohort. Remove one of "
                "them (or move it out of the folder)."
            )
        found[programme.cohort] = (path, programme)
    if not found:
        raise ProgrammeError(f"{', '.join(map(str, places))}: no programme file (*.yaml) there.")
    programmes = [programme for _, programme in found.values()]
    return sorted(programmes, key=lambda p: Cohort(p.cohort).first_year, reverse=True)


class LiveCohorts:
    """Each live cohort's services, newest first; the first is the current cohort."""

    def __init__(self, services: dict[str, Services], units: Mapping[str, UnitOfWorkFactory]):
        self.services = dict(
            sorted(services.items(), key=lambda s: Cohort(s[0]).first_year, reverse=True)
        )
        self.current = next(iter(self.services))
        self._units = units

    def clock_name(self, feature: str, cohort: str) -> str:
        """A feature's job on the clock: the current cohort's under its own name, as with one
        cohort, an older one's with its cohort ("events 2025-26")."""
        return feature if cohort == self.current else f"{feature} {cohort}"

    def cohort_of(self, slack_user_id: str) -> str:
        """The newest live cohort the person is on; the current one for anyone else."""
        for cohort, services in self.services.items():
            if slack_user_id and services.participants.on_the_scheme(slack_user_id):
                return cohort
        return self.current

    def evaluating(self, slack_user_id: str, now: datetime) -> str:
        """The cohort whose evaluations answer the person: the newest with a form open to them
        that they have not sent, else their cohort."""
        for cohort, services in self.services.items():
            forms = services.evaluations.my_forms(slack_user_id, now) if slack_user_id else []
            if any(form.status != "submitted" for form in forms):
                return cohort
        return self.cohort_of(slack_user_id)

    def enter(self, slack_user_id: str) -> None:
        """A request from this person is answered by their cohort (the middleware's first step)."""
        _person.set(slack_user_id)
        _asking.set(self.cohort_of(slack_user_id) if len(self.services) > 1 else self.current)

    def asking(self) -> Services:
        """The services of the cohort answering the request in hand."""
        return self.services.get(_asking.get() or self.current, self.services[self.current])

    def _asked(self, name: str) -> Callable[[], Any]:
        """The asking cohort's service `name`, at each use."""
        return lambda: getattr(self.asking(), name)

    def _evaluations_asked(self) -> EvaluationsService:
        now = self.services[self.current].clock()
        return self.services[self.evaluating(_person.get(), now)].evaluations

    def routed(self) -> Services:
        """The services the handlers get: each goes to the asking cohort's at every use."""
        current = self.services[self.current]
        if len(self.services) == 1:
            return current
        routers = {
            f.name: cast(Any, _Routed(self._asked(f.name)))
            for f in fields(Services)
            if f.name not in SHARED + CURRENT_ONLY
        }
        routers["evaluations"] = _Routed(self._evaluations_asked, methods=self._team_forms())
        routers["certificates"] = _Routed(
            self._asked("certificates"), first_found=self._each(lambda s: s.certificates)
        )
        feeds = _Routed(
            lambda: self.asking().events.feeds, first_found=self._each(lambda s: s.events.feeds)
        )
        routers["events"] = _Routed(self._asked("events"), nested={"feeds": feeds})
        for name, (steps, lists) in HELD.items():
            methods = {step: self._by_holder(name, step, name) for step in steps}
            methods |= {listing: self._every(name, listing) for listing in lists}
            if name == "requests":
                methods |= self._approvers()
            routers[name] = _Routed(self._asked(name), methods=methods)
        for name in dict.fromkeys(ABOUT_A_PAIR + tuple(PAIRS_HELD)):
            held_in = PAIRS_HELD.get(name, {})
            methods = {step: self._by_holder(name, step, held) for step, held in held_in.items()}
            if name == "pairing":
                methods["my_pairs"] = self._my_pairs
            chosen = self._pair_chosen(name) if name in ABOUT_A_PAIR else None
            routers[name] = _Routed(self._asked(name), methods=methods, pair_chosen=chosen)
        return replace(current, **routers)

    def _my_pairs(self, slack_user_id: str) -> list[Any]:
        """The person's current pairs in every live cohort they are on, newest cohort first (or,
        with none, their asking cohort's last, which has ended)."""
        going = [view for views in self._pairs_by_cohort(slack_user_id).values() for view in views]
        return going or self.asking().pairing.my_pairs(slack_user_id)

    def _pair_chosen(self, name: str) -> Callable[[PairChoice], Any]:
        """Service `name` of the cohort holding the pair chosen: by its id, the one the person
        shares with the partner named, or the only cohort they have pairs in (pairs in two: they
        are asked which, as a mentor of several is; None: the asking cohort's, as ever)."""

        def chosen(which: PairChoice) -> Any:
            if which.pair_id is not None:
                return getattr(self.services[self.holding("pairs", which.pair_id)], name)
            going = self._pairs_by_cohort(_person.get())
            if which.partner is not None:
                return next(
                    (
                        getattr(self.services[cohort], name)
                        for cohort, views in going.items()
                        if any(v.partner.slack_user_id == which.partner for v in views)
                    ),
                    None,
                )
            if len(going) > 1:  # pairs in two cohorts: which one, as within one cohort
                raise WhichPair(tuple(v.partner.name for views in going.values() for v in views))
            return getattr(self.services[next(iter(going))], name) if going else None

        return chosen

    def _pairs_by_cohort(self, slack_user_id: str) -> dict[str, list[Any]]:
        """The person's current pairs, by each live cohort they have any in, newest first."""
        going: dict[str, list[Any]] = {}
        for cohort, services in self.services.items():
            try:
                found = services.pairing.my_pairs(slack_user_id)
            except UserError:
                continue
            if current := [v for v in found if v.pair.status != "ended"]:
                going[cohort] = current
        return going

    def _team_forms(self) -> dict[str, Callable[..., Any]]:
        """The team's results and exports of a form: the named cohort's, else the newest live
        cohort's with the form; the console's and `team evaluations`' forms, every cohort's."""

        def having(form_id: str, cohort: str | None) -> EvaluationsService:
            if cohort is not None and cohort not in self.services:
                known = {f.id: None for s in self.services.values() for f in _forms(s)}
                raise UnknownForm(form_id, tuple(known), cohort)
            for name, services in self.services.items():
                if cohort in (None, name) and services.evaluations.cohorts_with(form_id):
                    return services.evaluations
            return self.services[cohort or self.current].evaluations

        def form(form_id: str, cohort: str | None = None) -> Any:
            return having(form_id, cohort).form(form_id, cohort)

        def post_results(actor: str, form_id: str, now: datetime, cohort: str | None = None) -> Any:
            return having(form_id, cohort).post_results(actor, form_id, now, cohort)

        def send_export(
            actor: str, form_id: str, pseudonymous: bool, now: datetime, cohort: str | None = None
        ) -> Any:
            return having(form_id, cohort).send_export(actor, form_id, pseudonymous, now, cohort)

        return {
            "form": form,
            "post_results": post_results,
            "send_export": send_export,
            "cohorts_with": self._every("evaluations", "cohorts_with"),
            "status": self._every("evaluations", "status"),
        }

    def _approvers(self) -> dict[str, Callable[..., Any]]:
        """Someone any live cohort's programme file names as its approver is an approver; their
        list is that of each cohort naming them (the step itself goes to the cohort holding the
        request, which checks them against its own file)."""

        def naming(actor: str) -> list[Services]:
            each = self.services.values()
            return [services for services in each if services.requests.is_approver(actor)]

        def is_approver(actor: str) -> bool:
            return bool(naming(actor))

        def require_approver(actor: str) -> None:
            if not naming(actor):
                self.asking().requests.require_approver(actor)

        def for_approver(actor: str) -> list[Any]:
            if not (cohorts := naming(actor)):
                return list(self.asking().requests.for_approver(actor))
            return [view for services in cohorts for view in services.requests.for_approver(actor)]

        return {
            "is_approver": is_approver,
            "require_approver": require_approver,
            "for_approver": for_approver,
        }

    def _by_holder(self, name: str, step: str, repository: str) -> Callable[..., Any]:
        """`step` of service `name` on something by its id, by the cohort whose `repository`
        holds it."""

        def call(actor: str, held_id: int, *args: Any, **kwargs: Any) -> Any:
            service = getattr(self.services[self.holding(repository, held_id)], name)
            return getattr(service, step)(actor, held_id, *args, **kwargs)

        return call

    def holding(self, repository: str, held_id: int) -> str:
        """The cohort whose `repository` ("concerns", "requests", "pairs"…) holds the id; the
        asking cohort when none does (it then refuses it as ever)."""
        for cohort, units in self._units.items():
            with units() as work:
                if _holds(work, repository, held_id):
                    return cohort
        return _asking.get() or self.current

    def _every(self, name: str, listing: str) -> Callable[..., list[Any]]:
        """`listing` of every live cohort, newest first."""

        def call(*args: Any, **kwargs: Any) -> list[Any]:
            each = (getattr(services, name) for services in self.services.values())
            return [
                found for service in each for found in getattr(service, listing)(*args, **kwargs)
            ]

        return call

    def _each(self, part: Callable[[Services], Any]) -> Callable[[], list[Any]]:
        """`part` of every live cohort's services, newest first."""
        return lambda: [part(services) for services in self.services.values()]

    def by_person(self) -> EvaluationsService:
        """The evaluations a person's DM is answered by: their cohort's, whoever drains it."""
        return cast(EvaluationsService, _ByPerson(self))

    def with_services(self, services: dict[str, Services]) -> LiveCohorts:
        return LiveCohorts(services, self._units)


def _holds(work: UnitOfWork, repository: str, held_id: int) -> bool:
    """Whether this cohort's unit of work holds the id: a check-in by its pair's cohort (the
    check-ins table has none of its own)."""
    if repository == "checkins":
        checkin = work.checkins.get(held_id)
        return checkin is not None and work.pairs.get(checkin.pair_id) is not None
    return getattr(work, repository).get(held_id) is not None


def _forms(services: Services) -> list[Any]:
    return list(services.programme.evaluations.forms)


class _Routed:
    """Stands in for one of a cohort's services (or its programme): an attribute is read from
    the one `target` picks when it is read, and a method goes to the one it picks when it is
    called, so one taken at registration (a bound method) still follows the request.
    `first_found`: each cohort's, for the methods the public calls (`FIRST_FOUND`), each asked
    in turn until one answers (not None). `nested`: attributes that are routers themselves;
    `methods`: methods routed otherwise (`HELD`); `pair_chosen`: for a call naming one of the
    person's pairs (a PairChoice), the service of the cohort holding it."""

    def __init__(
        self,
        target: Callable[[], Any],
        first_found: Callable[[], list[Any]] | None = None,
        nested: dict[str, _Routed] | None = None,
        methods: dict[str, Callable[..., Any]] | None = None,
        pair_chosen: Callable[[PairChoice], Any] | None = None,
    ):
        self._target = target
        self._first_found = first_found
        self._nested = nested or {}
        self._methods = methods or {}
        self._pair_chosen = pair_chosen

    def __getattr__(self, attribute: str) -> Any:
        if attribute.startswith("__"):  # copy, pickle and the like ask before __init__ ran
            raise AttributeError(attribute)
        if attribute in self._nested:
            return self._nested[attribute]
        if attribute in self._methods:
            return self._methods[attribute]
        if self._first_found is not None and attribute in FIRST_FOUND:
            return self._asking_each(self._first_found, attribute)
        found = getattr(self._target(), attribute)
        if not callable(found):
            return found

        def call(*args: Any, **kwargs: Any) -> Any:
            return getattr(self._taking(args, kwargs), attribute)(*args, **kwargs)

        return call

    def _taking(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        """The service a call goes to: the chosen pair's cohort's, where it names one."""
        which = next((a for a in (*args, *kwargs.values()) if isinstance(a, PairChoice)), None)
        found = self._pair_chosen(which) if self._pair_chosen and which else None
        return found if found is not None else self._target()

    @staticmethod
    def _asking_each(each: Callable[[], list[Any]], attribute: str) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            for one in each():
                if (found := getattr(one, attribute)(*args, **kwargs)) is not None:
                    return found
            return None

        return call


class _ByPerson:
    """The inbox's evaluations: a DM is answered by its writer's cohort, as a request is."""

    def __init__(self, live: LiveCohorts):
        self._live = live

    def message(self, slack_user_id: str, text: str, now: datetime, **kwargs: Any) -> Any:
        cohort = self._live.evaluating(slack_user_id, now)
        evaluations = self._live.services[cohort].evaluations
        return evaluations.message(slack_user_id, text, now, **kwargs)
