"""Articles as users have them: a text file, standard input, a saved web page or a URL.

:func:`read_article` turns any of these into an :class:`ArticleText`, the text the extractor
reads plus what the page itself says about it (title, publication date, canonical URL). A web
page's main text and metadata are taken by `trafilatura`_ (a well-kept extraction library that
drops menus, share bars and comments), not by hand-written HTML parsing. A URL is fetched only
because the user gave it: with a timeout, a size limit, and one clear line for each way it can
fail (DNS, refused, timed out, HTTP status, not a web page, too large, TLS).

.. _trafilatura: https://trafilatura.readthedocs.io/
"""

from __future__ import annotations

import contextlib
import datetime as dt
import http.client
import re
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from msgspec import Struct

from . import __version__
from .errors import InputError
from .ingest import MAX_ARTICLE_BYTES, decode_article
from .storage import format_size, read_file_bytes

MAX_PAGE_BYTES = 5_000_000  # a news page with its scripts and styles is 0.1-2 MB
MIN_WORDS = 15  # fewer words in a page's main text is not a report
FETCH_TIMEOUT = 20.0  # seconds for the whole download (the DNS lookup aside)
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"}
_HTML_START = re.compile(
    rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_TYPES = ("text/html", "application/xhtml+xml")


class FetchError(InputError):
    """A URL that could not be read; the message names the URL and the reason."""

    def __init__(self, url: str, problem: str) -> None:
        Exception.__init__(self, f"{url}: {problem}")
        self.path = None
        self.url = url
        self.problem = problem


class ArticleText(Struct):
    """What the extractor is given for one article, and where it came from."""

    text: str
    document: str = ""  # the file's name ("" for stdin or a URL)
    url: str = ""  # the page's canonical URL, else the address it was read from
    title: str = ""
    published: str | None = None  # YYYY-MM-DD, as the page's metadata gives it
    kind: str = "text"  # text | html | url
    site: str = ""  # the site's name, as the page's metadata gives it (og:site_name)
    fetched: str = ""  # the address the page was read from, when it was fetched
    origin: str = ""  # the path it was read from, as given ("" for stdin or a URL)

    def draft(self, published: str | None = None) -> Any:
        """The extractor's draft of this article (a :class:`~.extract.Draft`); ``published``:
        the date the user gives it, over the page's own (``import-article --published``, the
        app's article dialog). A page read from one site that names another as its address
        (its canonical link) says so in the notes: the source is what the page claims, the
        note where it really came from."""
        from .extract import extract

        draft = extract(
            self.text,
            document=self.document,
            published=published or self.published,
            url=self.url,
            site=self.site,
        )
        if not draft.meeting["summary"]:  # no paragraph of prose: every line was furniture
            problem = "no article text found (no line of it reads as a paragraph of a report)"
            name = self.origin or self.fetched or self.url or self.document or "<stdin>"
            if "://" in name:  # a URL is not a file name ("http:/127.0.0.1:8765", its "/" lost)
                raise FetchError(display_url(name), problem)
            raise InputError(name, problem)
        if self.fetched and _host(self.fetched) != _host(self.url):
            draft.meeting["notes"].append(
                f"Read from {display_url(self.fetched)}; the page gives {self.url} as its address."
            )
        return draft


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    try:
        return (urlsplit(url).hostname or "").lower().removeprefix("www.")
    except ValueError:
        return ""


def is_url(source: str) -> bool:
    """Whether ``source`` is an http(s) address rather than a path."""
    return bool(re.match(r"https?://", source.strip(), re.I))


def read_article(source: str, *, timeout: float = FETCH_TIMEOUT) -> ArticleText:
    """The article at ``source``: an http(s) URL, ``-`` (standard input: text or HTML) or a
    file path (text or a saved page). Raises a one-line :class:`InputError` (or
    :class:`FetchError`) naming the file or URL."""
    if is_url(source):
        return fetch_article(source.strip(), timeout=timeout)
    if source == "-":
        import sys

        return article_from_bytes("<stdin>", sys.stdin.buffer.read(MAX_PAGE_BYTES + 1))
    scheme = re.match(r"([a-z][a-z0-9+.-]*)://", source.strip(), re.I)
    if scheme:  # ("ftp://x/y" was looked for as the file "ftp:/x/y")
        raise FetchError(
            source.strip(), f"{scheme.group(1)}:// addresses are not fetched, only http(s) ones"
        )
    from .paths import expand

    path = expand(source)
    try:
        raw = read_file_bytes(
            path, "article", InputError, limit=MAX_PAGE_BYTES, too_large="too large for a page"
        )
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    return article_from_bytes(path, raw, document=path.name)


def article_from_bytes(name: Path | str, raw: bytes, *, document: str = "") -> ArticleText:
    """A file's (or stdin's) bytes as an article: a web page if it looks like one (by its
    name or its first bytes), else UTF-8 text."""
    suffix = Path(str(name)).suffix.lower()
    if suffix in _HTML_SUFFIXES or looks_like_html(raw):
        return article_from_html(name, raw, document=document)
    text = decode_article(name, raw)
    if len(text.split()) < MIN_WORDS:  # ("hi", a file name, a line of a log: no report)
        raise InputError(name, f"no article text found (fewer than {MIN_WORDS} words)")
    return ArticleText(text, document=document, origin=str(name))


def looks_like_html(raw: bytes) -> bool:
    """Whether bytes start like an HTML document (after a byte order mark, white space and
    comments)."""
    head = raw[:4096].removeprefix(b"\xef\xbb\xbf")
    return bool(_HTML_START.match(head))


# (the semicolon may be left out, as HTML allows: "&#27[31m")
_CONTROL_REF = re.compile(
    r"&#(?:[xX]0*([0-9a-fA-F]{1,2})(?![0-9a-fA-F])|0*([0-9]{1,3})(?![0-9]));?"
)


def _control_sign(m: re.Match[str]) -> str:
    """A reference to a C0 control character (not a tab or line end) as its visible sign."""
    code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
    if code < 32 and code not in (9, 10, 13):
        return chr(0x2400 + code)  # (␛ for escape)
    return m.group(0)


def article_from_html(
    name: Path | str, raw: bytes | str, *, document: str = "", url: str = ""
) -> ArticleText:
    """The main text, title, date and canonical URL of a web page, by trafilatura."""
    size = len(raw)
    if size > MAX_PAGE_BYTES:
        raise InputError(name, f"too large for a page (more than {format_size(MAX_PAGE_BYTES)})")
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - a dependency; only a broken install lacks it
        raise InputError(
            name, "reading web pages needs the trafilatura package (pip install trafilatura)"
        ) from None
    if isinstance(raw, bytes):
        raw = _unpacked(name, url, raw)
    # a reference to a control character ("&#27;[31m"): the parser gave up on the whole
    # page ("no article text found"); the character is shown as the sign of one instead
    raw = _CONTROL_REF.sub(_control_sign, raw) if "&#" in raw else raw
    try:
        doc = trafilatura.bare_extraction(
            raw,
            url=url or None,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_recall=True,
            # the page's own date (its metadata), not a guess from "Copyright 2024"
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # a library bug on an odd page: say so, do not crash
        raise _error(name, url, f"could not read the page ({type(exc).__name__})") from None
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(body.split()) < MIN_WORDS:  # a menu or a cookie wall, not a report
        raise _error(name, url, "no article text found in the page")
    title = _clean(getattr(doc, "title", None))
    if title and not body.startswith(title):
        body = f"{title}\n\n{body}"
    if len(body.encode("utf-8")) > MAX_ARTICLE_BYTES:
        limit = format_size(MAX_ARTICLE_BYTES)
        raise _error(name, url, f"the page's text is too large for an article (over {limit})")
    canonical = _clean(getattr(doc, "url", None))
    if not is_url(canonical):
        canonical = url
    return ArticleText(
        text=body + "\n",
        document=document,
        url=canonical,
        title=title,
        published=_iso_date(getattr(doc, "date", None)),
        kind="url" if url else "html",
        site=_site_name(doc, raw, title),
    )


_TITLE_PARTS = re.compile(r"\s+(?:\||–|—|-|::|·)\s+")


def _site_name(doc: object, page: str, title: str) -> str:
    """The name a page gives its site: its metadata's (og:site_name …); else the part of
    its <title> that is not the headline ("… joint bus assembly | Minsk Herald": where
    trafilatura took the headline, or the host, for the site's name, and the draft gave the
    headline as the outlet); else the page's host."""
    site = _clean(getattr(doc, "sitename", None))
    host = _clean(getattr(doc, "hostname", None))
    domain = bool(re.fullmatch(r"[\w-]+(?:\.[\w-]+)+", site))  # ("eng.belta.by": an address)
    if site and not domain and site.casefold() not in (title.casefold(), host.casefold()):
        return site[:80]  # (named in its metadata: og:site_name, …)
    try:
        from trafilatura.utils import load_html  # (its own parser's tree of the page)

        tree = load_html(page)
        whole = _clean(tree.findtext(".//title")) if tree is not None else ""
    except Exception:  # (no title, or no tree: the host then)
        whole = ""
    others = [
        part
        for part in _TITLE_PARTS.split(whole)
        if part and part.casefold() != title.casefold() and part.casefold() not in title.casefold()
    ]
    if others and len(_TITLE_PARTS.split(whole)) > 1:
        return others[-1][:80]
    return (host or site)[:80]


_PACKED = (b"\x1f\x8b", b"\x28\xb5\x2f\xfd")  # gzip, zstd


def _unpacked(name: Path | str, url: str, raw: bytes) -> str:
    """A page's bytes as text (:func:`_unpack`, then decoded as trafilatura decodes pages,
    at most ``MAX_PAGE_BYTES``)."""
    from trafilatura.utils import decode_file

    return str(decode_file(_unpack(name, url, raw), max_size=MAX_PAGE_BYTES))


def _unpack(name: Path | str, url: str, raw: bytes) -> bytes:
    """``raw`` unpacked if it is compressed (a saved ``.html`` may be gzip, and a server may
    compress what it was not asked to, or call it text), to ``MAX_PAGE_BYTES`` at most:
    trafilatura unpacks up to 20 MB itself, and 64 KB of gzip took a minute and 600 MB."""
    if not raw.startswith(_PACKED):
        return raw
    from trafilatura import utils
    from trafilatura.utils import handle_compressed_file

    if raw.startswith(_PACKED[1]) and not utils.HAS_ZSTD:
        problem = "a page compressed with zstd, which this Python cannot unpack"
        raise _error(name, url, f"{problem} (it needs the backports.zstd package)")
    unpacked = handle_compressed_file(raw, max_size=MAX_PAGE_BYTES)
    if unpacked is raw:
        limit = format_size(MAX_PAGE_BYTES)
        raise _error(name, url, f"a compressed page, damaged or over {limit} once unpacked")
    return bytes(unpacked)


def _error(name: Path | str, url: str, problem: str) -> InputError:
    return FetchError(display_url(url), problem) if url else InputError(name, problem)


def _clean(value: object) -> str:
    return " ".join(str(value).split()) if value else ""


def _iso_date(value: object) -> str | None:
    """trafilatura's date (YYYY-MM-DD, sometimes with a time) if it is a real date."""
    text = str(value or "")[:10]
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return None


# Fetching ------------------------------------------------------------------------------------


def fetch_article(url: str, *, timeout: float = FETCH_TIMEOUT) -> ArticleText:
    """Fetch ``url`` (http or https) and read it as a web page (or plain text)."""
    raw, content_type, charset, final = fetch(url, timeout=timeout)
    shown = display_url(url)
    raw = _unpack(shown, url, raw)  # (compressed, whatever it was said to be: first)
    if content_type == "text/plain" or (not content_type and not looks_like_html(raw)):
        if len(raw) > MAX_ARTICLE_BYTES:
            limit = format_size(MAX_ARTICLE_BYTES)
            raise FetchError(shown, f"the text is too large for an article (over {limit})")
        text = _decode_text(shown, raw, charset)
        if len(text.split()) < MIN_WORDS:
            raise FetchError(shown, f"no article text found (fewer than {MIN_WORDS} words)")
        return ArticleText(text, url=final, kind="url", fetched=final)
    article = article_from_html(shown, raw, url=final)
    article.fetched = final
    return article


def _decode_text(shown: str, raw: bytes, charset: str | None) -> str:
    """Plain text in the charset the server named, else UTF-8; what is neither, or holds a
    NUL byte, is refused as a file would be (binary data served as text was drafted as an
    article of mojibake)."""
    bad: tuple[str, int] | None = None
    for encoding in dict.fromkeys(e for e in (charset, "utf-8") if e):
        try:
            text = raw.decode(encoding)
        except LookupError:  # (a charset Python does not know)
            continue
        except UnicodeDecodeError as exc:
            bad = bad or (encoding, exc.start)
            continue
        if "\x00" in text:  # (a NUL byte; or one spelt in its charset, "+AAA-" in UTF-7)
            at = raw.find(b"\x00")
            where = f"a NUL byte at offset {at}" if at >= 0 else "a NUL character"
            raise FetchError(shown, f"the page is not text ({where}: binary?)")
        return text
    encoding, at = bad or ("utf-8", 0)
    name = "UTF-8" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    raise FetchError(shown, f"the page is not {name} text (bad byte at offset {at})")


def display_url(url: str) -> str:
    """``url`` as messages show it: without a user name or password in it."""
    from urllib.parse import urlsplit, urlunsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


class _WebRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http(s) addresses only (urllib's own would follow one to ftp://),
    and remembers where it went, so an error names the host that failed."""

    def __init__(self) -> None:
        self.current = ""

    def redirect_request(  # type: ignore[no-untyped-def]
        self, req, fp, code, msg, headers, newurl
    ):
        if not is_url(newurl):
            raise FetchError(
                display_url(req.full_url), f"redirected to a non-web address ({newurl})"
            )
        self.current = newurl
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _Deadline:
    """The end of a fetch: at ``timeout`` seconds, or when :func:`stop_fetches` is called,
    its connections are shut, and a read waiting on them returns. A socket's own timeout is
    per read: a server that sent its headers a byte a second held a fetch for minutes, and
    the app could not quit while it waited."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.why = ""  # why it ended early: "" while it runs
        self._done = False  # read all it will (or over): nothing left to end
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        # (a little after the sockets' own timeout: a server that never answers is said so)
        self._timer = threading.Timer(timeout * 1.1 + 0.1, self.end, ("timeout",))
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        with _FETCHES_LOCK:
            _FETCHES.add(self)
        self._timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._timer.cancel()
        with _FETCHES_LOCK:
            _FETCHES.discard(self)
        with self._lock:  # (under the lock an end() shuts through: never a closed copy's
            self._done = True  # number, which another connection may have by then)
            for sock in self._sockets:
                sock.close()
            self._sockets = []

    def finish(self) -> bool:
        """The fetch has read all it will: an end after this has nothing to stop. Whether
        it ended early before (the read was then cut short by it)."""
        with self._lock:
            self._done = True
            return bool(self.why)

    def watch(self, sock: socket.socket) -> None:
        # A copy of the connection (a duplicate of its descriptor): TLS takes the socket
        # over, and its own object then holds nothing to shut (https went unstopped); a
        # shutdown through the copy ends the connection, the handshake included.
        try:
            copy = sock.dup()
        except OSError:
            sock.close()  # (the connection is not handed on: not left open either)
            raise
        with self._lock:
            self._sockets.append(copy)
            if self.why:
                self._shut(copy)

    def end(self, why: str) -> None:
        with self._lock:
            if self._done:
                return
            self.why = self.why or why
            for sock in self._sockets:
                self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)

    def connection(self, base: type[http.client.HTTPConnection]) -> Any:
        """``base`` whose sockets this deadline shuts (the TLS handshake's included)."""
        deadline = self

        class Watched(base):  # type: ignore[valid-type,misc]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                create: Callable[..., socket.socket] = socket.create_connection  # (http.client's)

                def watched(*a: Any, **k: Any) -> socket.socket:
                    sock = create(*a, **k)
                    deadline.watch(sock)
                    return sock

                self._create_connection = watched

        return Watched


_FETCHES: set[_Deadline] = set()
_FETCHES_LOCK = threading.Lock()


def stop_fetches() -> None:
    """End every fetch under way in this process (the user cancelled, or the app quits):
    each raises its :class:`FetchError` at once instead of waiting for its server."""
    with _FETCHES_LOCK:
        running = list(_FETCHES)
    for deadline in running:
        deadline.end("stopped")


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self.deadline.connection(http.client.HTTPConnection), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        args = {"context": self._context}  # type: ignore[attr-defined]
        return self.do_open(self.deadline.connection(http.client.HTTPSConnection), req, **args)


def fetch(url: str, *, timeout: float = FETCH_TIMEOUT) -> tuple[bytes, str, str | None, str]:
    """(body, content type, charset, final URL) of a GET of ``url``. At most
    ``MAX_PAGE_BYTES`` are read, within ``timeout`` seconds in all (the DNS lookup aside);
    anything but a web page or plain text is refused. Every failure is a one-line
    :class:`FetchError` naming the address."""
    url = _address(url)
    with _Deadline(timeout) as deadline:
        try:
            page = _fetch(url, timeout, deadline)
        except FetchError as exc:
            _ended_early(deadline, exc.url, timeout)
            raise
        # (a page that ends where the connection closes ends early too when it is shut:
        # the part read is no page; one whole before the deadline came is kept)
        if deadline.finish():
            _ended_early(deadline, display_url(url), timeout)
        return page


def _ended_early(deadline: _Deadline, shown: str, timeout: float) -> None:
    """Raise the :class:`FetchError` of a fetch its deadline (or a stop) ended."""
    if deadline.why == "stopped":
        raise FetchError(shown, "stopped before the page arrived") from None
    if deadline.why:
        raise FetchError(shown, f"the page did not arrive within {timeout:g} s") from None


def _address(url: str) -> str:
    """``url`` as it is fetched (its scheme in lower case: "HTTP://" was fetched, and its
    draft then refused as not a web address), or a :class:`FetchError` for one that names a
    user or password (none is sent: it went to the DNS as part of the host's name) or a port
    that is not one (said as "connection refused")."""
    from urllib.parse import urlsplit, urlunsplit

    shown = display_url(url)
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - (raises for a port out of range or not a number)
    except ValueError as exc:
        raise FetchError(shown, f"not a valid address ({exc})") from None
    if parts.username is not None or parts.password is not None:
        raise FetchError(
            shown, "an address with a user name or password is not fetched (none is sent)"
        )
    return urlunsplit(parts._replace(scheme=parts.scheme.lower()))


def _fetch(url: str, timeout: float, deadline: _Deadline) -> tuple[bytes, str, str | None, str]:
    shown = display_url(url)
    redirects = _WebRedirects()
    # Only what a web page needs: http(s), redirects among them, the user's proxy settings;
    # no ftp:// or file:// handler that a redirect could reach.
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        _HTTPHandler(deadline),
        _HTTPSHandler(deadline),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
        redirects,
    ):
        opener.add_handler(handler)
    ends = time.monotonic() + timeout
    try:
        request = urllib.request.Request(
            url,
            headers={
                "User-Agent": f"coopbrowse/{__version__} (import-article)",
                "Accept": "text/html,application/xhtml+xml,text/plain;q=0.8",
            },
        )
        response = opener.open(request, timeout=timeout)
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        location = exc.headers.get("Location") if exc.headers else None
        if exc.code in (301, 302, 303, 307, 308) and location:
            from urllib.parse import urljoin

            if is_url(urljoin(exc.geturl() or url, location)):  # ("/loop": a web address)
                loop = "too many redirects (the server sends it round in a loop)"
                raise FetchError(shown, loop) from None
            # urllib refuses a redirect to file:// itself, as an HTTP error
            raise FetchError(shown, f"redirected to a non-web address ({location})") from None
        reason = f" {exc.reason}" if exc.reason else ""
        # (after a redirect, the address that answered so: not the one given)
        after = f" at {display_url(redirects.current)}" if redirects.current else ""
        raise FetchError(shown, f"the server answered HTTP {exc.code}{reason}{after}") from None
    except urllib.error.URLError as exc:
        where = redirects.current or url
        raise FetchError(shown, _network_problem(exc.reason, where, timeout)) from None
    except ValueError as exc:  # a malformed address ("https://[::1", a port that is not one)
        raise FetchError(shown, f"not a valid address ({exc})") from None
    except (OSError, http.client.HTTPException) as exc:
        where = redirects.current or url
        raise FetchError(shown, _network_problem(exc, where, timeout)) from None
    with response:
        final = response.geturl() or url
        content_type = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        charset = response.headers.get_content_charset()
        if content_type and content_type not in (*_HTML_TYPES, "text/plain"):
            raise FetchError(shown, f"not a web page: the server sent {content_type}")
        length = response.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > MAX_PAGE_BYTES:
            raise FetchError(shown, _too_large(int(length)))
        chunks: list[bytes] = []
        size = 0
        try:
            while size <= MAX_PAGE_BYTES:
                if time.monotonic() > ends:  # a server trickling bytes: stop in time
                    raise FetchError(shown, f"the page did not arrive within {timeout:g} s")
                chunk = response.read1(65536)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        except (OSError, http.client.HTTPException) as exc:
            raise FetchError(shown, _network_problem(exc, final, timeout)) from None
        if size <= MAX_PAGE_BYTES and response.length:  # (what Content-Length said is owed)
            raise FetchError(shown, _cut_short(size, size + response.length))
    raw = b"".join(chunks)
    if len(raw) > MAX_PAGE_BYTES:
        raise FetchError(shown, _too_large(None))
    if not raw.strip():
        raise FetchError(shown, "the server sent an empty page")
    return raw, content_type, charset, final


def _cut_short(arrived: int, expected: int | None = None) -> str:
    """A page whose connection closed before all of it came: drafted, it would pass for a
    whole report that says less than it does."""
    said = f"{format_size(arrived)} of {format_size(expected)}" if expected else "part of it"
    return f"the page was cut short: the connection closed with {said} arrived"


def _too_large(size: int | None) -> str:
    limit = format_size(MAX_PAGE_BYTES)
    shown = f"{format_size(size)}; " if size else ""
    return f"the page is too large ({shown}more than {limit} is not an article)"


def _network_problem(reason: object, url: str, timeout: float) -> str:
    """One line for why a connection to ``url`` failed."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        host = parts.hostname or url
        where = f"{host}:{parts.port}" if parts.port else host
    except ValueError:  # a port that is not a number
        host = where = display_url(url)
    if isinstance(reason, http.client.IncompleteRead):  # (a chunked page cut off)
        return _cut_short(len(reason.partial))
    if isinstance(reason, socket.gaierror):
        return f"cannot find the host {host} (DNS lookup failed; check the address and network)"
    if isinstance(reason, ConnectionRefusedError):
        return f"connection refused by {where}"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"no answer from {where} within {timeout:g} s"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"the TLS certificate of {host} could not be verified ({reason.verify_message})"
    if isinstance(reason, ssl.SSLError):
        return f"the secure connection to {host} failed ({reason.reason or reason})"
    if isinstance(reason, ConnectionResetError):
        return f"the connection to {where} was reset"
    if isinstance(reason, OSError) and reason.strerror:
        return f"cannot connect to {where} ({reason.strerror})"
    return f"cannot read it ({reason})"


__all__ = [
    "FETCH_TIMEOUT",
    "MAX_PAGE_BYTES",
    "ArticleText",
    "FetchError",
    "article_from_bytes",
    "article_from_html",
    "display_url",
    "fetch",
    "fetch_article",
    "is_url",
    "looks_like_html",
    "read_article",
    "stop_fetches",
]
