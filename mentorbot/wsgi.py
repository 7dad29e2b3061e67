"""The WSGI app for a production web server (Procfile: `web`, served by gunicorn): Bolt at
/slack/events behind its signature check (handlers/slack/http.py), and the calendar files and
feeds under /calendar/ (with PUBLIC_URL set)."""

from handlers.slack.http import web_app
from mentorbot.app import build
from mentorbot.settings import Settings

# A database still starting is waited for, as by the clock: a worker that gave up would only be
# started again by gunicorn into the same outage.
application = web_app(build(Settings(), database_attempts=None).bolt)
