"""The WSGI app for a production web server (Procfile: `web`, served by gunicorn)."""

from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.app import build
from bot.config import Settings
from handlers.http import EVENTS_PATH

application = SlackRequestHandler(build(Settings()).bolt, path=EVENTS_PATH)
