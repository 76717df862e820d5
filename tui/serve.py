"""``coopbrowse serve``'s web server: textual-serve's, taking the app's socket only from its
own page.

A browser lets any page it shows open a WebSocket to any address, this machine's included,
and says which page asked in the handshake's ``Origin``. textual-serve accepts every one: a
site the user visited while coopbrowse was served could read the screen and type into the
app (read and change the database, draft from local files). Here a handshake that names
another page's origin is refused (403) and said on the server's terminal; one without an
``Origin`` is no browser's page, and is let through as any local program could connect.
"""

from __future__ import annotations

import sys
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.server import Server


def _address(host: str) -> Any:
    """``host`` as an IP address ("0" and "127.1" as the C library reads them), or None."""
    import ipaddress
    import socket

    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    try:
        return ipaddress.ip_address(socket.inet_aton(host))
    except (OSError, ValueError):  # (ValueError: a NUL in it)
        return None


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine only ("localhost" in any case, 127.0.0.0/8, ::1)."""
    found = _address(host)
    return host.lower().rstrip(".") == "localhost" or (found is not None and found.is_loopback)


def every_address(host: str) -> bool:
    """Whether listening on ``host`` listens on all of this machine's addresses ("0.0.0.0",
    "0", "::", "")."""
    found = _address(host)
    return host == "" or (found is not None and found.is_unspecified)


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of ``url``, in lower case, the scheme's default port left
    out (as a browser writes an ``Origin``); "" for anything that is not http(s)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return ""
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    if scheme not in ("http", "https") or not host:
        return ""
    if ":" in host:
        host = f"[{host}]"
    default = 443 if scheme == "https" else 80
    return f"{scheme}://{host}" + ("" if port in (None, default) else f":{port}")


def allowed_origins(host: str, port: int, public_url: str | None) -> frozenset[str]:
    """The pages that may drive the app: the one served at ``host``:``port`` (or at
    ``public_url``), and, where it listens on this machine's loopback or on every address,
    the same port by any of this machine's loopback names."""
    origins = {origin_of(f"http://{f'[{host}]' if ':' in host else host}:{port}")}
    if public_url:
        origins.add(origin_of(public_url))
    if is_loopback(host) or every_address(host):
        origins.update(origin_of(f"http://{name}:{port}") for name in ("127.0.0.1", "localhost"))
        origins.add(origin_of(f"http://[::1]:{port}"))
    origins.discard("")
    return frozenset(origins)


class OriginCheckedServer(Server):
    """textual-serve's server, whose app socket answers only its own page."""

    def __init__(self, *args: Any, origins: frozenset[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.origins = origins

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._check_origin)
        return app

    @web.middleware
    async def _check_origin(self, request: web.Request, handler: Any) -> web.StreamResponse:
        origin = request.headers.get("Origin")
        if origin is not None and origin_of(origin) not in self.origins:
            shown = "".join(c if c.isprintable() else "?" for c in origin[:200])
            print(
                f"coopbrowse: refused {request.path} to a page at {shown} (not this server's "
                "page; behind another address, give it with --public-url)",
                file=sys.stderr,
                flush=True,
            )
            return web.Response(status=403, text="coopbrowse: not this server's page\n")
        response: web.StreamResponse = await handler(request)
        if not response.prepared:  # (a page of its own: no other site may frame it, where
            # the socket would take it for this server's and a click could type for them)
            response.headers["X-Frame-Options"] = "DENY"
            response.headers["Content-Security-Policy"] = "frame-ancestors 'none'"
        return response
