"""Serving the Bolt app over HTTP at Bolt's default path, /slack/events, on a threaded WSGI
server (gunicorn serves the same WSGI app in production: see Procfile), and beside it the plain
HTTP routes a feature mounts (the events' calendar files and feeds, under /calendar/)."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from socketserver import ThreadingMixIn
from typing import Any
from weakref import WeakKeyDictionary
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

EVENTS_PATH = "/slack/events"

# Each Bolt app's mounted routes: path prefix → WSGI app. Kept beside the app rather than passed
# to every server, so whoever serves the Bolt app (this module's server in tests, the demo and
# `mentorbot web`; gunicorn through mentorbot/wsgi.py) serves the features' routes too.
_mounted: WeakKeyDictionary[App, dict[str, WSGIApplication]] = WeakKeyDictionary()


def mount(bolt: App, prefix: str, routes: WSGIApplication) -> None:
    """Serves `routes` for every path under `prefix`, wherever `bolt` is served."""
    _mounted.setdefault(bolt, {})[prefix] = routes


def web_app(bolt: App) -> WSGIApplication:
    """The one WSGI app of the web process: a mounted prefix goes to its routes, anything else
    to Bolt (which answers /slack/events, and 404 elsewhere)."""
    slack = SlackRequestHandler(bolt, path=EVENTS_PATH)

    def dispatch(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = str(environ.get("PATH_INFO", ""))
        for prefix, routes in _mounted.get(bolt, {}).items():
            if path.startswith(prefix):
                return routes(environ, start_response)
        return slack(environ, start_response)

    return dispatch


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Request lines can carry personal data (a calendar feed's secret address is one);
        Bolt logs what is needed."""


class BoltHttpServer:
    def __init__(self, app: App, host: str = "127.0.0.1", port: int = 0):
        self._server = make_server(
            host,
            port,
            web_app(app),
            server_class=_ThreadingServer,
            handler_class=_QuietHandler,
        )
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """Where this server answers, e.g. http://127.0.0.1:54321 (what PUBLIC_URL points at,
        through whatever proxy makes it public)."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def url(self) -> str:
        return f"{self.base_url}{EVENTS_PATH}"

    def start(self) -> BoltHttpServer:
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="bolt-http", daemon=True
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self._server.serve_forever()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread:
            self._thread.join(timeout=5)
