"""Serves an ASGI app with uvicorn on a thread of its own, so the page runs beside the rest of
the local workspace in one process and stops when it does."""

from __future__ import annotations

import threading
import time
from typing import Self

import uvicorn
from starlette.types import ASGIApp


class PageServer:
    def __init__(self, app: ASGIApp, host: str = "127.0.0.1", port: int = 3000):
        config = uvicorn.Config(
            app,
            host=host,
            port=port,
            log_level="warning",
            lifespan="off",
            # Open event streams end within this when the server stops.
            timeout_graceful_shutdown=2,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="workspace-page", daemon=True)
        self.host = host

    def start(self, timeout: float = 10) -> Self:
        """Returns once the server listens; raises OSError when its port is taken."""
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive():
                raise OSError(f"the page could not listen on {self.host}:{self._port_asked()}")
            if time.monotonic() > deadline:
                raise TimeoutError("the page server did not start")
            time.sleep(0.02)
        return self

    def _port_asked(self) -> int:
        return self._server.config.port

    @property
    def url(self) -> str:
        sockets = [s for server in self._server.servers for s in server.sockets]
        port = sockets[0].getsockname()[1] if sockets else self._port_asked()
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{port}"

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
