"""Every feature's listeners and commands on the Bolt app, wired to the services: the middleware
and the error handler first, then each feature's (handlers/<feature>.py), then `/mentoring`'s
router. Built by mentorbot/app.py."""

from __future__ import annotations

from slack_bolt import App

import handlers.applications
import handlers.certificates
import handlers.cohorts
import handlers.commands
import handlers.concerns
import handlers.console
import handlers.cpd
import handlers.errors
import handlers.evaluations
import handlers.events
import handlers.features
import handlers.goals
import handlers.home
import handlers.matching
import handlers.middleware
import handlers.outcomes
import handlers.pairs
import handlers.participants
import handlers.pulse
import handlers.reflections
import handlers.requests
from mentorbot.cohorts_live import LiveCohorts
from mentorbot.services import Services


def register_listeners(bolt: App, live: LiveCohorts, inbox_inline: bool) -> None:
    """The middleware and the error handler, then each feature's listeners and commands; a
    step taken anywhere redraws the Home (with the console below it for the project team) of
    the person who took it. Each request is answered by its person's cohort: the middleware
    chooses it first, and the services the listeners get go to that cohort's."""
    services = live.routed()
    handlers.middleware.register(
        bolt, services.clock, services.participants.language_of, enter=live.enter
    )
    handlers.errors.register(bolt)
    home = _home(services)
    team, commands = services.team, handlers.commands.Commands(handlers.features.parse_command)
    handlers.home.register(bolt, home)
    handlers.events.register(bolt, commands, handlers.events.Events(services.events, team, home))
    handlers.pairs.register(
        bolt, commands, handlers.pairs.Pairs(services.pairing, services.checkins, team, home)
    )
    handlers.goals.register(
        bolt, commands, handlers.goals.Goals(services.goals, home, services.programme)
    )
    handlers.evaluations.register(
        bolt,
        commands,
        handlers.evaluations.Evaluations(
            services.evaluations,
            services.inbox,
            team,
            home,
            services.programme,
            inline=inbox_inline,
        ),
    )
    handlers.participants.register(
        bolt,
        commands,
        handlers.participants.Participants(
            services.participants,
            services.privacy,
            services.pairing,
            team,
            home,
            services.programme.default_nation,
        ),
    )
    handlers.concerns.register(
        bolt,
        commands,
        handlers.concerns.Concerns(services.concerns, team, home, services.programme),
    )
    handlers.requests.register(
        bolt, commands, handlers.requests.Requests(services.requests, team, home)
    )
    handlers.pulse.register(bolt, commands, handlers.pulse.Pulse(services.pulse))
    handlers.applications.register(
        bolt, commands, handlers.applications.Applications(services.applications, home)
    )
    handlers.matching.register(bolt, commands, handlers.matching.Matching(services.matching, home))
    handlers.cohorts.register(bolt, handlers.cohorts.Cohorts(services.cohorts, team, home))
    handlers.outcomes.register(
        bolt, commands, handlers.outcomes.Outcomes(services.outcomes, team, home)
    )
    handlers.certificates.register(
        bolt,
        commands,
        handlers.certificates.Certificates(services.certificates, home, services.clock),
    )
    handlers.cpd.register(bolt, commands, handlers.cpd.Cpd(services.cpd, home))
    handlers.reflections.register(
        bolt, commands, handlers.reflections.Reflections(services.reflections, home)
    )
    commands.register(
        bolt, team, services.participants.on_the_scheme, services.requests.is_approver
    )


def _home(services: Services) -> handlers.home.Home:
    """Everyone's Home tab, with the console below it for the project team."""
    console = handlers.console.Console(
        services.team,
        services.concerns,
        services.checkins,
        services.events,
        services.participants,
        services.evaluations,
        services.requests,
        services.pulse,
        services.applications,
        services.matching,
        services.goals,
        services.certificates,
        services.reflections,
        services.retention,
    )
    return handlers.home.Home(
        services.events,
        services.pairing,
        services.checkins,
        services.evaluations,
        services.participants,
        services.requests,
        services.applications,
        services.goals,
        services.certificates,
        services.cpd,
        services.reflections,
        console,
    )
