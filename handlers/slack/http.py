"""Serving the Bolt app over HTTP at Bolt's default path, /slack/events, on a threaded WSGI
server (gunicorn serves the same WSGI app in production: see Procfile)."""

from __future__ import annotations

import threading
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

EVENTS_PATH = "/slack/events"


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Request lines can carry personal data; Bolt logs what is needed."""


class BoltHttpServer:
    def __init__(self, app: App, host: str = "127.0.0.1", port: int = 0):
        self._server = make_server(
            host,
            port,
            SlackRequestHandler(app, path=EVENTS_PATH),
            server_class=_ThreadingServer,
            handler_class=_QuietHandler,
        )
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}{EVENTS_PATH}"

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
