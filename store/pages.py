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

import datetime as dt
import http.client
import re
import socket
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .errors import InputError
from .ingest import MAX_ARTICLE_BYTES, decode_article
from .storage import format_size, read_file_bytes

MAX_PAGE_BYTES = 5_000_000  # a news page with its scripts and styles is 0.1-2 MB
MIN_WORDS = 15  # fewer words in a page's main text is not a report
FETCH_TIMEOUT = 20.0  # seconds, for the connection and for each read
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


@dataclass
class ArticleText:
    """What the extractor is given for one article, and where it came from."""

    text: str
    document: str = ""  # the file's name ("" for stdin or a URL)
    url: str = ""  # the page's canonical URL, else the address it was read from
    title: str = ""
    published: str | None = None  # YYYY-MM-DD, as the page's metadata gives it
    kind: str = "text"  # text | html | url

    def draft(self) -> Any:
        """The extractor's draft of this article (a :class:`~.extract.Draft`)."""
        from .extract import extract

        return extract(self.text, document=self.document, published=self.published, url=self.url)


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
    path = Path(source).expanduser()
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
    return ArticleText(decode_article(name, raw), document=document)


def looks_like_html(raw: bytes) -> bool:
    """Whether bytes start like an HTML document (after a byte order mark, white space and
    comments)."""
    head = raw[:4096].removeprefix(b"\xef\xbb\xbf")
    return bool(_HTML_START.match(head))


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
    try:
        doc = trafilatura.bare_extraction(
            raw,
            url=url or None,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_recall=True,
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
    )


def _error(name: Path | str, url: str, problem: str) -> InputError:
    return FetchError(url, problem) if url else InputError(name, problem)


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
    raw, content_type, final = fetch(url, timeout=timeout)
    if content_type == "text/plain":
        if len(raw) > MAX_ARTICLE_BYTES:
            limit = format_size(MAX_ARTICLE_BYTES)
            raise FetchError(url, f"the text is too large for an article (over {limit})")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        return ArticleText(text, url=final, kind="url")
    return article_from_html(url, raw, url=final)


def fetch(url: str, *, timeout: float = FETCH_TIMEOUT) -> tuple[bytes, str, str]:
    """(body, content type, final URL) of a GET of ``url``. At most ``MAX_PAGE_BYTES`` are
    read; anything but a web page or plain text is refused. Every failure is a one-line
    :class:`FetchError`."""
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": f"coopbrowse/{__version__} (import-article)",
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.8",
        },
    )
    try:
        response = urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        reason = f" {exc.reason}" if exc.reason else ""
        raise FetchError(url, f"the server answered HTTP {exc.code}{reason}") from None
    except urllib.error.URLError as exc:
        raise FetchError(url, _network_problem(exc.reason, url, timeout)) from None
    except ValueError as exc:  # a malformed address
        raise FetchError(url, f"not a valid address ({exc})") from None
    except (OSError, http.client.HTTPException) as exc:
        raise FetchError(url, _network_problem(exc, url, timeout)) from None
    with response:
        final = response.geturl() or url
        if not is_url(final):
            raise FetchError(url, f"redirected to a non-web address ({final})")
        content_type = (response.headers.get_content_type() or "").lower()
        if content_type not in (*_HTML_TYPES, "text/plain"):
            raise FetchError(url, f"not a web page: the server sent {content_type or 'no type'}")
        length = response.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > MAX_PAGE_BYTES:
            raise FetchError(url, _too_large(int(length)))
        try:
            raw = response.read(MAX_PAGE_BYTES + 1)
        except (OSError, http.client.HTTPException) as exc:
            raise FetchError(url, _network_problem(exc, url, timeout)) from None
    if len(raw) > MAX_PAGE_BYTES:
        raise FetchError(url, _too_large(None))
    if not raw.strip():
        raise FetchError(url, "the server sent an empty page")
    return raw, content_type, final


def _too_large(size: int | None) -> str:
    limit = format_size(MAX_PAGE_BYTES)
    shown = f"{format_size(size)}; " if size else ""
    return f"the page is too large ({shown}more than {limit} is not an article)"


def _network_problem(reason: object, url: str, timeout: float) -> str:
    """One line for why a connection failed."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host = parts.hostname or url
    where = f"{host}:{parts.port}" if parts.port else host
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
    "fetch",
    "fetch_article",
    "is_url",
    "looks_like_html",
    "read_article",
]
