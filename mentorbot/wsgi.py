"""The WSGI app for a production web server (Procfile: `web`, served by gunicorn): Bolt at
/slack/events behind its signature check (handlers/slack/http.py), and the calendar files and
feeds under /calendar/ (with PUBLIC_URL set)."""

from handlers.slack.http import web_app
from mentorbot.app import build
from mentorbot.settings import Settings

application = web_app(build(Settings()).bolt)
