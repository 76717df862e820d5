"""`coopbrowse serve`: the browser through textual-serve, on this machine unless told."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from coopbrowse.tui.cli import main


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(db: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "coopbrowse.tui.cli", "--db", str(db), "serve", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _get(url: str, deadline: float) -> bytes:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return bytes(response.read())
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_serve_listens_on_this_machine_and_its_page_fetches_nothing_else(tmp_path: Path) -> None:
    port = _free_port()
    server = _serve(tmp_path / "db.json", "--port", str(port))
    try:
        page = _get(f"http://127.0.0.1:{port}/", time.monotonic() + 30).decode()
        assert "coopbrowse" in page and "/static/js/textual.js" in page
        urls = set(re.findall(r"https?://[^\"'\s)]+", page))
        foreign = {
            u for u in urls if not u.startswith((f"http://127.0.0.1:{port}/", "http://www.w3.org/"))
        }
        assert foreign == set()  # no web font or script from elsewhere: nothing phones out
        script = _get(f"http://127.0.0.1:{port}/static/js/textual.js", time.monotonic() + 5)
        assert len(script) > 10_000
    finally:
        server.terminate()
        _out, err = server.communicate(timeout=10)
    assert f"serving coopbrowse at http://127.0.0.1:{port} (this machine only" in err
    assert (tmp_path / "db.json").exists()  # created once, before any page's app


def test_serving_to_the_network_warns_that_there_is_no_authentication(tmp_path: Path) -> None:
    """And its page is addressed by a name other machines can reach: with --host 0.0.0.0
    the page loaded its script and socket from 0.0.0.0, which a browser elsewhere takes for
    itself."""
    port = _free_port()
    server = _serve(tmp_path / "db.json", "--host", "0.0.0.0", "--port", str(port))
    try:
        line = server.stderr.readline() if server.stderr else ""
        page = _get(f"http://127.0.0.1:{port}/", time.monotonic() + 30).decode()
    finally:
        server.terminate()
        server.communicate(timeout=10)
    assert line.startswith("coopbrowse: warning: serving at http://0.0.0.0:")
    assert "WITHOUT authentication" in line
    opened = re.search(r"\(open it at (http://[^)]+)\)", line)
    assert opened and "0.0.0.0" not in opened[1]
    assert "0.0.0.0" not in page and f"{opened[1]}/static/js/textual.js" in page


def _handshake(port: int, origin: str | None) -> str:
    """The status line the server answers a WebSocket handshake for the app with."""
    lines = [
        "GET /ws?width=80&height=24 HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
        "Sec-WebSocket-Version: 13",
    ]
    if origin is not None:
        lines.append(f"Origin: {origin}")
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        return conn.recv(200).decode("latin-1").split("\r\n")[0]


def test_the_apps_socket_answers_only_its_own_page(tmp_path: Path) -> None:
    """textual-serve took the app's WebSocket from any page the browser showed: a site the
    user visited could read the screen and type into the app, and so read and change the
    database (found by an adversarial probe). Another page's origin is refused, and said."""
    port = _free_port()
    server = _serve(tmp_path / "db.json", "--port", str(port))
    try:
        _get(f"http://127.0.0.1:{port}/", time.monotonic() + 30)
        assert _handshake(port, "http://evil.example").startswith("HTTP/1.1 403")
        assert _handshake(port, f"http://127.0.0.2:{port}").startswith("HTTP/1.1 403")
        assert _handshake(port, f"http://localhost:{port}").startswith("HTTP/1.1 101")
        assert _handshake(port, f"http://127.0.0.1:{port}").startswith("HTTP/1.1 101")
        assert _handshake(port, None).startswith("HTTP/1.1 101")  # no browser's page
        # and no other site may frame the page (its socket would take it for this one's)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
            assert page.headers["X-Frame-Options"] == "DENY"
            assert page.headers["Content-Security-Policy"] == "frame-ancestors 'none'"
    finally:
        server.terminate()
        _out, err = server.communicate(timeout=10)
    assert "coopbrowse: refused /ws to a page at http://evil.example (not this server's" in err


def test_this_machine_only_is_known_in_any_spelling() -> None:
    """127.0.0.2 and LOCALHOST were warned of as serving to the network; --host 0 (all
    addresses) was not, and its page addressed its socket as ws://0:PORT."""
    from coopbrowse.tui.serve import every_address, is_loopback

    assert all(map(is_loopback, ["127.0.0.1", "127.0.0.2", "LOCALHOST", "localhost.", "::1"]))
    assert not any(map(is_loopback, ["0.0.0.0", "192.0.2.7", "example.org", "::"]))
    assert all(map(every_address, ["0.0.0.0", "0", "::", ""]))
    assert not any(map(every_address, ["127.0.0.1", "192.0.2.7", "localhost"]))
    assert not is_loopback("127.0.0.1\x00") and not every_address("0\x00")  # (raised)


def test_the_pages_allowed_to_drive_the_app() -> None:
    from coopbrowse.tui.serve import allowed_origins, origin_of

    assert origin_of("HTTPS://CB.Example.org:443/path") == "https://cb.example.org"
    assert origin_of("http://[::1]:8000") == "http://[::1]:8000"
    assert origin_of("javascript:alert(1)") == origin_of("null") == ""
    assert allowed_origins("127.0.0.1", 8000, None) == {
        "http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000"
    }  # fmt: skip
    assert allowed_origins("192.0.2.7", 8000, "https://cb.example.org/app") == {
        "http://192.0.2.7:8000", "https://cb.example.org"
    }  # fmt: skip


def test_a_public_url_addresses_the_page_behind_a_proxy(tmp_path: Path) -> None:
    port = _free_port()
    server = _serve(
        tmp_path / "db.json", "--port", str(port), "--public-url", "https://cb.example.org/"
    )
    try:
        page = _get(f"http://127.0.0.1:{port}/", time.monotonic() + 30).decode()
    finally:
        server.terminate()
        server.communicate(timeout=10)
    assert "wss://cb.example.org/ws" in page
    assert main(["--db", str(tmp_path / "db.json"), "serve", "--public-url", "nope"]) == 2


def test_a_bad_port_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["--db", str(tmp_path / "db.json"), "serve", "--port", "70000"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("coopbrowse: error: --port") and err.count("\n") == 1


def test_a_port_in_use_is_one_line_and_nothing_says_it_serves(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = int(taken.getsockname()[1])
        code = main(["--db", str(tmp_path / "db.json"), "serve", "--port", str(port)])
    assert code == 2
    err = capsys.readouterr().err
    assert (
        err
        == f"coopbrowse: error: cannot listen on http://127.0.0.1:{port}: address already in use\n"
    )


def test_a_host_that_is_no_address_of_this_machine_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code = main(
        ["--db", str(tmp_path / "db.json"), "serve", "--host", "192.0.2.1", "--port", "8080"]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("coopbrowse: error: cannot listen on http://192.0.2.1:8080: ")
    assert err.count("\n") == 1 and "serving" not in err
