"""The WSGI app for a production web server (Procfile: `web`, served by gunicorn)."""

from slack_bolt.adapter.wsgi import SlackRequestHandler

from handlers.slack.http import EVENTS_PATH
from mentorbot.app import build
from mentorbot.settings import Settings

application = SlackRequestHandler(build(Settings()).bolt, path=EVENTS_PATH)
