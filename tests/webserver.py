"""A local web server for the tests that read articles from URLs (127.0.0.1 only)."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    """What the server answers for one path."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    length: bool = True  # send Content-Length (else the body is sent until the socket closes)
    delay: float = 0.0  # seconds before answering
    trickle: float = 0.0  # seconds between bytes of the body (a server that never finishes)
    header_trickle: float = 0.0  # seconds between bytes of a header that never ends
    cut: int | None = None  # bytes of the body sent before the connection closes


@contextlib.contextmanager
def serve(pages: dict[str, Page]) -> Iterator[str]:
    """Serve ``pages`` (path -> Page) on 127.0.0.1; yields the base URL."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def do_GET(self) -> None:
            page = pages.get(self.path)
            if page is None:
                self.send_error(404, "Not Found")
                return
            if page.delay:
                time.sleep(page.delay)
            if page.header_trickle:  # a status line, then a header a byte at a time, forever
                with contextlib.suppress(BrokenPipeError, ConnectionResetError, OSError):
                    self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Long: ")
                    while True:
                        self.wfile.write(b"x")
                        self.wfile.flush()
                        time.sleep(page.header_trickle)
                return
            self.send_response(page.status)
            if page.content_type:
                self.send_header("Content-Type", page.content_type)
            if page.length:
                self.send_header("Content-Length", str(len(page.body)))
            for name, value in page.headers:
                self.send_header(name, value)
            self.end_headers()
            # the client may stop reading (a size limit): that is the point
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                if page.cut is not None:  # Content-Length says more than comes
                    self.wfile.write(page.body[: page.cut])
                elif not page.trickle:
                    self.wfile.write(page.body)
                for i in range(len(page.body)) if page.trickle else ():
                    self.wfile.write(page.body[i : i + 1])
                    self.wfile.flush()
                    time.sleep(page.trickle)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    # (shutdown waits for the loop's next poll: half a second a test at the default interval)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
