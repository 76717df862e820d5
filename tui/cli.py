"""The ``coopbrowse`` command: no subcommand launches the app; subcommands script the store.

Every failure the user can cause (a corrupt or locked database, an unknown id, an unwritable
path) prints one line ``coopbrowse: error: <file>: <problem>`` on stderr and exits 2; no
traceback reaches the user.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

from coopbrowse.store import StoreError, __version__
from coopbrowse.store.errors import no_database
from coopbrowse.store.paths import DB_ENV, STATE_ENV, resolve_db_path, resolve_state_path
from coopbrowse.store.text import one_line, quoted

if TYPE_CHECKING:
    import argparse

    from rich.console import Console

    from coopbrowse.store import Store
    from coopbrowse.store.index import SearchIndex, SearchResult
    from coopbrowse.store.library import Library
    from coopbrowse.store.model import Meeting

# Modules only some commands need are imported inside them: launching the app should not
# pay for the search engine or the table renderer before the first frame.

EXIT_OK, EXIT_EMPTY, EXIT_ERROR = 0, 1, 2
_SURROGATES = re.compile("[\ud800-\udfff]")


def build_parser() -> argparse.ArgumentParser:
    import argparse  # (not for the browser's own launch: see main)

    class _Parser(argparse.ArgumentParser):
        """argparse that exits 2 with one line, like our own errors."""

        def error(self, message: str) -> None:  # type: ignore[override]
            self.print_usage(sys.stderr)
            self.exit(EXIT_ERROR, f"{self.prog}: error: {one_line(message)}\n")

    parser = _Parser(
        prog="coopbrowse",
        description="Browse cooperation meetings between Belarus and the regions of Russia. "
        "With no command, opens the keyboard-driven browser.",
        epilog=f"The database defaults to the platform data directory; {DB_ENV} or --db "
        f"choose another. {STATE_ENV} sets the UI state file. See `coopbrowse locate`.",
    )
    parser.add_argument("--version", action="version", version=f"coopbrowse {__version__}")
    db_help = f"database file (default: ${DB_ENV} or the platform data directory)"
    parser.add_argument("--db", metavar="PATH", help=db_help)
    # Every subcommand also accepts --db (after its name); SUPPRESS keeps a --db given before
    # the subcommand from being overwritten with None.
    with_db = _Parser(add_help=False)
    with_db.add_argument("--db", metavar="PATH", help=db_help, default=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser(
        "list",
        parents=[with_db],
        help="list every meeting, newest first",
        description=(
            "List every meeting, newest first. --json prints a JSON array of meetings, each with "
            "its proposals nested."
        ),
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument(
        "--history",
        action="store_true",
        help="with --json, include each meeting's change history (import keeps it)",
    )

    p = sub.add_parser(
        "show",
        parents=[with_db],
        help="show one meeting in full",
        description=(
            "Show one meeting in full: participants, proposals, trade figures, goods, source. "
            "A proposal id shows that proposal (its sector raised elsewhere too), then its "
            "meeting; with --json, its meeting."
        ),
    )
    p.add_argument(
        "id",
        metavar="ID",
        help="meeting or proposal id (as `coopbrowse list` and `search` print them)",
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of text")

    p = sub.add_parser(
        "search",
        parents=[with_db],
        help="search meetings and proposals",
        description=(
            "Search meetings and proposals with the query language (docs/search.md): words, "
            '"phrases", prefix*, -exclude, OR, (groups), and filters such as region:penza, '
            "sector:elevators, person:karankevich, enterprise:maz, status:proposed, year:2025, "
            "date:2025-04..2025-06, type:proposal. Exit status: 0 with results, 1 with none, "
            "2 for a bad query."
        ),
    )
    p.add_argument("query", metavar="QUERY", nargs="+", help="the query (quote it in the shell)")
    p.add_argument("--json", action="store_true", help="print JSON hits with their spans")
    p.add_argument(
        "--limit", type=int, default=20, metavar="N", help="at most N hits (20; 0 for all)"
    )
    p.add_argument(
        "--type", type=_kind, choices=("meeting", "proposal"), help="only this kind of record"
    )

    p = sub.add_parser(
        "export",
        parents=[with_db],
        help="export meetings and proposals to a Markdown briefing",
        description=(
            "Export the records a query (or a list of ids) selects to Markdown: meetings in "
            "full, proposals matched on their own with their meeting's context, an overview "
            "by sector and region, and every trade figure with its qualifier and source. "
            "With neither, everything is exported. Exit status 0, or 2 for a bad query or an "
            "unwritable or existing file (without --force)."
        ),
    )
    p.add_argument("query", metavar="QUERY", nargs="*", help="a search query (see README)")
    p.add_argument("--ids", metavar="ID,...", help="meeting or proposal ids, comma-separated")
    p.add_argument(
        "--type",
        type=_kind,
        choices=("meeting", "proposal"),
        help="only what the query matches of this kind: 'proposal' exports the proposals "
        "it matches, each with its meeting's context, and no whole meetings (--ids are "
        "exported as they are)",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="file to write, or - for stdout (default: coopbrowse-<date>-<slug>.md)",
    )
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    p.add_argument("--title", help="the briefing's title")
    for flag, what in (
        ("--no-trade", "trade tables"),
        ("--no-overview", "the overview"),
        ("--no-sources", "sources"),
    ):
        p.add_argument(flag, action="store_true", help=f"leave out {what}")

    p = sub.add_parser(
        "import",
        parents=[with_db],
        help="import meetings from JSON or YAML files",
        description=(
            "Import meetings (with their proposals) from files: a JSON array as `coopbrowse "
            'list --json` prints it, {"meetings": [...]} as in the bundled dataset, or one '
            "meeting object. The file type is its extension: .json, or .yaml/.yml for the same "
            "shapes in YAML (needs the extra: pip install 'coopbrowse[yaml]'). Every record of "
            "every file is checked first: one bad record and nothing is written. Meetings that "
            "exist (same id, or same date, region and host) are skipped, or replaced with "
            "--update. Exit status 0, 1 when every meeting was skipped (nothing to do), or 2 "
            "for a bad file or record."
        ),
    )
    p.add_argument("files", metavar="FILE", nargs="+", help="a .json, .yaml or .yml file")
    p.add_argument(
        "--update", action="store_true", help="replace meetings that exist instead of skipping"
    )
    p.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    p.add_argument("--json", action="store_true", help="print the report as JSON")

    p = sub.add_parser(
        "import-article",
        parents=[with_db],
        help="draft a meeting from a news article's text (and save it with --yes)",
        description=(
            "Read news reports of meetings (text files, saved web pages, http(s) URLs, or - for "
            "standard input) and draft each meeting: date, region, host and guest, place, "
            "trade figures, goods, proposals by sector with the enterprises named, and the "
            "source. A web page's main text, title, date and address are taken with "
            "trafilatura; page junk is ignored; what cannot be found stays empty and is "
            "listed as missing. A URL is fetched only when given, with a timeout and a size "
            "limit. One article: prints the draft; several: a summary table (drafted, saved, "
            "duplicate, needs review or failed, with the fields not found). --yes saves, "
            "--json prints JSON. In the app, `i` does the same with a review form. Exit status "
            "0; 2 for an unreadable file or URL; with --yes, also 2 for a draft that cannot "
            "be saved as it stands, and 1 when an article's meeting is already stored "
            "(--update replaces it)."
        ),
    )
    p.add_argument(
        "sources",
        metavar="FILE_OR_URL",
        nargs="+",
        help="an article: a text file, a saved web page (.html), an http(s) URL, or - for stdin",
    )
    p.add_argument("--json", action="store_true", help="print the draft as JSON")
    p.add_argument("--yes", action="store_true", help="save the draft to the database")
    p.add_argument(
        "--update", action="store_true", help="with --yes, replace the meeting if it exists"
    )
    p.add_argument(
        "--published",
        metavar="YYYY-MM-DD",
        help="the publication date (over the page's own; it dates a meeting whose year the text "
        "does not give)",
    )

    p = sub.add_parser(
        "compare",
        parents=[with_db],
        help="compare 2-4 meetings side by side",
        description=(
            "Compare 2 to 4 meetings side by side: date, place, hosts and guests, the sectors "
            "raised (shared first, then those unique to each), the trade figures per period "
            "with qualifier and who stated each, and the proposals unique to each. A proposal "
            "id stands for its meeting. Prints a table; -o FILE writes Markdown (one "
            "comparison table plus notes), -o - prints it. Exit status 0, or 2 for an unknown "
            "id, fewer than 2 or more than 4 meetings, or an unwritable or existing file "
            "(without --force)."
        ),
    )
    p.add_argument("ids", metavar="ID", nargs="+", help="meeting (or proposal) ids")
    p.add_argument("--json", action="store_true", help="print the comparison as JSON")
    p.add_argument("-o", "--output", metavar="FILE", help="write Markdown to FILE (- : stdout)")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")

    p = sub.add_parser(
        "facets",
        parents=[with_db],
        help="count the records by the values of a field",
        description=(
            "How many proposals (or meetings) have each value of FIELD (sector, region, "
            "status, proposer, year), for everything or for a QUERY: value, count, share and "
            "a bar, most first. With --meetings, meetings are counted: for sector, status and "
            "proposer a meeting counts once under each value its proposals have (shares then "
            "add up to more than 100%). "
            "Exit status 0 with counts, 1 with nothing matched, 2 for a bad field or query."
        ),
    )
    p.add_argument("field", metavar="FIELD", help="sector, region, status, proposer or year")
    p.add_argument("query", metavar="QUERY", nargs="*", help="a search query (see README)")
    p.add_argument("--json", action="store_true", help="print the counts as JSON")
    p.add_argument("--meetings", action="store_true", help="count meetings instead of proposals")

    p = sub.add_parser(
        "history",
        parents=[with_db],
        help="list the recorded changes of a meeting or proposal",
        description=(
            "List every recorded change of a meeting or proposal, latest first: when, from "
            "where (edit, import --update, article, follow-up, undo, redo, bundled update, "
            "delete), "
            "and each changed field's old and new value. A deleted meeting's history is "
            "listed too. Exit status 0 with changes, 1 with none, 2 for an unknown id."
        ),
    )
    p.add_argument("id", metavar="ID", help="meeting or proposal id")
    p.add_argument("--json", action="store_true", help="print the changes as JSON")

    p = sub.add_parser(
        "undo",
        parents=[with_db],
        help="undo the latest change of a meeting or proposal",
        description=(
            "Undo the latest recorded change of a meeting or proposal that is not undone yet "
            "(undo again to go further back; a deleted meeting is restored). The undo is "
            "itself a recorded change. Exit status 0, 1 when there is nothing to undo, 2 for "
            "an unknown id or a record changed outside the history."
        ),
    )
    p.add_argument("id", metavar="ID", help="meeting or proposal id")

    p = sub.add_parser(
        "redo",
        parents=[with_db],
        help="take back the latest undo of a meeting or proposal",
        description=(
            "Take back the latest undo of a meeting or proposal that is not redone yet (redo "
            "again for the undo before it), while nothing else has changed the record since "
            "the undo. The redo is itself a recorded change, which undo takes back. Exit "
            "status 0, 1 when there is nothing to redo, 2 for an unknown id or a record "
            "changed outside the history."
        ),
    )
    p.add_argument("id", metavar="ID", help="meeting or proposal id")

    p = sub.add_parser(
        "delete",
        parents=[with_db],
        help="delete a meeting and its proposals (undo brings it back)",
        description=(
            "Delete a meeting and its proposals, in one recorded change: `coopbrowse undo ID` "
            "brings it back. Without --yes, says what would be deleted and writes nothing. "
            "Exit status 0 when deleted, 1 without --yes, 2 for an unknown id."
        ),
    )
    p.add_argument("id", metavar="ID", help="meeting id")
    p.add_argument("--yes", action="store_true", help="delete it (without: only say what)")

    p = sub.add_parser(
        "follow-up",
        parents=[with_db],
        help="record what became of a proposal, or list proposals by status",
        description=(
            "Record a proposal's new status (proposed, agreed, in-progress, implemented, "
            "stalled, dropped) on a date with an optional note and source URL, and/or a later "
            "meeting where it was raised again; or, with --list, list proposals by status and "
            "age with counts per status, region and sector (QUERY filters them: "
            "status:stalled region:penza). Exit status 0; 1 when nothing changed or nothing "
            "is listed; 2 for an unknown id, a bad value or a bad query."
        ),
    )
    p.add_argument(
        "words", metavar="ID | QUERY", nargs="*", help="a proposal id; with --list, a query"
    )
    p.add_argument(
        "--status",
        metavar="STATUS",
        help="the proposal's new status; with --list, the status listed",
    )
    p.add_argument("--date", metavar="YYYY-MM-DD", help="when the status changed (today)")
    p.add_argument("--note", metavar="TEXT", default="", help="what happened, briefly")
    p.add_argument("--url", metavar="URL", default="", help="the source of the news")
    p.add_argument("--raised-at", metavar="MEETING", help="a later meeting where it came up again")
    p.add_argument("--list", action="store_true", help="list proposals by status and age")
    p.add_argument("--json", action="store_true", help="with --list, print JSON")
    p.add_argument(
        "--limit",
        type=int,
        default=500,
        metavar="N",
        help="with --list, at most N proposals listed (default 500; 0 for all); "
        "the counts are of all",
    )

    p = sub.add_parser(
        "serve",
        parents=[with_db],
        help="the browser in a web browser (textual-serve)",
        description=(
            "Serve the browser to a web browser through textual-serve: each page opened runs "
            "the app on the database. It listens on 127.0.0.1 (this machine only) unless "
            "--host says otherwise; there is no authentication, so any other host is a "
            "warning. Ctrl+C stops it."
        ),
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (8000)")
    p.add_argument(
        "--public-url",
        metavar="URL",
        help="the address others open the page at, when it is not http://HOST:PORT (behind a "
        "proxy; with --host 0.0.0.0 it is this machine's name by default)",
    )

    p = sub.add_parser(
        "init",
        parents=[with_db],
        help="create a new database (with the bundled sample meetings, or --empty)",
        description=(
            "Create a new database at the --db path (or the default). The browser and the "
            "commands that add meetings (import, import-article) create it on first use with "
            "the bundled sample meetings; the others never create one (a mistyped path is an "
            "error). --empty leaves the samples out (and later releases' samples are not "
            "merged in). An existing database is never touched: that is an error."
        ),
    )
    p.add_argument("--empty", action="store_true", help="no bundled sample meetings")

    p = sub.add_parser(
        "locate",
        parents=[with_db],
        help="print where the database, state, keymap and index are",
        description="Print the paths of the database, the UI state file, the keymap file and"
        " the search index (derived from the database: safe to delete).",
    )
    return parser


def _say(line: str, file: Any = None) -> None:
    """Print one line of ours (stderr by default): whatever it quotes (a path, an id, a
    record's text) has its control characters made visible, so it cannot drive the
    terminal or break the line."""
    print(one_line(line), file=file or sys.stderr)


@contextlib.contextmanager
def _status(text: str) -> Iterator[None]:
    """A spinner on stderr saying what a slow step is doing, in a terminal only (reading a
    database of 100,000 meetings takes seconds, and so does saving to it)."""
    if not sys.stderr.isatty():
        yield
        return
    from rich.console import Console
    from rich.text import Text

    with Console(stderr=True).status(Text(one_line(text))):
        yield


def _reading(db_path: Path) -> contextlib.AbstractContextManager[None]:
    return _status(f"Reading {db_path}…")


def _saving(db_path: Path) -> contextlib.AbstractContextManager[None]:
    return _status(f"Saving to {db_path} and updating its search index…")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``coopbrowse`` script; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    for word in argv:
        if _SURROGATES.search(word):  # bytes that were not UTF-8 (decoded as surrogates)
            _say(f"coopbrowse: error: {word}: not UTF-8 text (arguments must be)")
            return EXIT_ERROR
    browse = _browser_launch(argv)
    if browse is None:
        parser = build_parser()
        args, extra = parser.parse_known_args(_protect_query(parser, argv))
        if extra:
            _refuse_extra(parser, args.command, extra)
    try:
        if browse is not None:
            return launch(resolve_db_path(browse[0]))
        if args.command in (None, "serve"):  # the app: it runs the collector its own way
            code = _dispatch(args)
        else:
            from coopbrowse.store.storage import collector_paused

            # A command runs once and ends: a database parsed whole (millions of objects,
            # none in a cycle) is not walked by the collector again and again meanwhile
            # (at 100,000 meetings, 8 of import-article's 27 s)
            with collector_paused():
                code = _dispatch(args)
        sys.stdout.flush()  # (here, where a reader gone is caught, not at the exit)
        return code
    except StoreError as exc:
        _say(f"coopbrowse: error: {exc}")
        return EXIT_ERROR
    except BrokenPipeError:  # `coopbrowse list | head`: what was read is all that was wanted
        _quiet_stdout()
        return EXIT_OK
    except OSError as exc:
        _say(f"coopbrowse: error: cannot write output: {exc.strerror or exc}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def _browser_launch(argv: list[str]) -> tuple[str | None] | None:
    """``(db,)`` when ``argv`` only launches the browser (nothing, or ``--db PATH``), which
    then starts without building the parser of every command (argparse's import and the
    parser: 15 ms of the first frame); None for anything else, which argparse reads."""
    if not argv:
        return (None,)
    if len(argv) == 2 and argv[0] == "--db" and argv[1] and not argv[1].startswith("-"):
        return (argv[1],)
    return None


def _kind(word: str) -> str:
    """A kind of record as --type takes it: "meetings" as well as "meeting" (the query
    language's type: takes both)."""
    word = word.strip().lower()
    return word[:-1] if word in ("meetings", "proposals") else word


# The commands whose free-form QUERY may hold words starting with "-".
_QUERY_COMMANDS = ("search", "export", "follow-up", "facets")


def _subparser(
    parser: argparse.ArgumentParser, command: str | None
) -> argparse.ArgumentParser | None:
    """The parser of ``command`` (None: no such command)."""
    import argparse

    for action in parser._actions:  # argparse keeps its subparsers here (no public API)
        if isinstance(action, argparse._SubParsersAction) and command in action.choices:
            sub: argparse.ArgumentParser = action.choices[command]
            return sub
    return None


def _query_options(parser: argparse.ArgumentParser, command: str) -> dict[str, bool]:
    """The options of ``command`` (read from its parser), each with whether it takes a
    value: what tells an option from a query word that starts with "-"."""
    sub = _subparser(parser, command)
    return {} if sub is None else _options(sub)


def _options(sub: argparse.ArgumentParser) -> dict[str, bool]:
    return {opt: a.nargs != 0 for a in sub._actions for opt in a.option_strings}


def _refuse_extra(parser: argparse.ArgumentParser, command: str | None, extra: list[str]) -> None:
    """What argparse left over, said by the command's own parser (its usage, not the
    top-level one): ``coopbrowse list: error: no option --bogus (its options: ...)``."""
    sub = _subparser(parser, command) or parser  # (no command: the top level's own words)
    first = extra[0]
    name = first.split("=", 1)[0]
    if name.startswith("-"):
        options = ", ".join(sorted(o for o in _options(sub) if o.startswith("--")))
        if sub is parser:
            options += "; or a command's, after it: coopbrowse COMMAND --help"
        sub.error(f"no option {name} (its options: {options})")
    sub.error(f"unexpected argument {first!r}")


def _command_position(argv: list[str]) -> int | None:
    """Where the subcommand is: the first word that is not a global option or its value
    (so a file named ``search`` given to ``import-article`` is not taken for one)."""
    i = 0
    while i < len(argv):
        token = argv[i]
        if token == "--db":
            i += 2
        elif token.startswith("-"):
            i += 1
        else:
            return i
    return None


def _protect_query(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """Let a query word start with '-' (``search elevators -penza``) without ``--``.

    argparse would read ``-penza`` as an unknown option; every token after ``search`` that is
    not one of its options is moved behind a ``--`` so it reaches QUERY, in order.
    """
    at = _command_position(argv)
    if at is None or argv[at] not in _QUERY_COMMANDS:
        return argv
    known = _query_options(parser, argv[at])
    head, rest = argv[: at + 1], argv[at + 1 :]
    options: list[str] = []
    words: list[str] = []
    i = 0
    while i < len(rest):
        token = rest[i]
        name = token.split("=", 1)[0]
        if token == "--":
            words.extend(rest[i + 1 :])
            break
        if name in known:
            options.append(token)
            if known[name] and "=" not in token and i + 1 < len(rest):
                options.append(rest[i + 1])
                i += 1
        elif name.startswith("--") and len(name) > 2:  # ("-film" is a query word; "--out" a slip)
            _refuse_extra(parser, argv[at], [token])
        else:
            words.append(token)
        i += 1
    return [*head, *options, "--", *words] if words else [*head, *options]


def _dispatch(args: argparse.Namespace) -> int:
    db_path = resolve_db_path(args.db)
    if args.command == "locate":
        return cmd_locate(db_path, _db_source(args.db))
    if args.command is None:
        return launch(db_path)
    if args.command == "import":  # reads its files before the database is opened or created
        return cmd_import(db_path, args)
    if args.command == "import-article":
        return cmd_import_article(db_path, args)
    if args.command == "init":
        return cmd_init(db_path, empty=args.empty)
    if args.command == "serve":
        return cmd_serve(db_path, args.host, args.port, args.public_url)
    if args.command in ("undo", "redo"):
        return cmd_undo(db_path, args.id, redo=args.command == "redo")
    if args.command == "delete":
        return cmd_delete(db_path, args.id, yes=args.yes)
    if args.command == "follow-up" and not args.list:
        return cmd_follow_up(db_path, args)
    if args.command == "follow-up":  # (what records a follow-up was ignored by --list)
        for option, value in (
            ("--date", args.date),
            ("--note", args.note),
            ("--url", args.url),
            ("--raised-at", args.raised_at),
        ):
            if value:
                raise StoreError(
                    None, f"follow-up: {option} records a follow-up; it does not go with --list"
                )
    output = getattr(args, "output", None)
    if output is not None and not output.strip():  # (said before any search runs)
        raise StoreError(None, f"{args.command}: -o needs a file name (or - for standard output)")
    from coopbrowse.store.index import IndexCorrupt

    library = open_library(db_path)
    out = _Watched(sys.stdout)
    sys.stdout = out  # type: ignore[assignment]
    try:
        return _read_command(library.index, db_path, args)
    except IndexCorrupt as exc:  # found damaged while reading: rebuilt, and asked again
        sys.stdout = out.stream
        _say(f"coopbrowse: {exc}; rebuilding the search index")
        library.refresh(_StderrProgress(db_path), force=True)
        if out.written:  # part of the answer is out already: never print it twice
            raise StoreError(None, "the search index was rebuilt: run the command again") from None
        return _read_command(library.index, db_path, args)
    finally:
        sys.stdout = out.stream


class _Watched:
    """stdout, noting whether anything was written to it (a command asked again after the
    index is rebuilt must not print its answer twice)."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.written = False

    def write(self, text: str) -> int:
        self.written = self.written or bool(text)
        return int(self.stream.write(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def _read_command(index: SearchIndex, db_path: Path, args: argparse.Namespace) -> int:
    """Run a command that only reads, through the search index."""
    if args.command == "list":
        return cmd_list(index, as_json=args.json, history=args.history)
    if args.command == "history":
        return cmd_history(index, db_path, args.id, as_json=args.json)
    if args.command == "compare":
        return cmd_compare(index, args)
    if args.command == "facets":
        view = "meetings" if args.meetings else "proposals"
        return cmd_facets(index, args.field, " ".join(args.query), view, as_json=args.json)
    if args.command == "follow-up":
        words = list(args.words)
        if args.status:  # (--list --status agreed: the proposals of that status)
            from coopbrowse.store.taxonomy import LEGACY_STATUSES, STATUSES

            status = args.status.lower().replace(" ", "-")
            if status not in STATUSES and status not in LEGACY_STATUSES:
                known = ", ".join(STATUSES)
                raise StoreError(None, f"--status: unknown status {status!r} (one of: {known})")
            words.append(f"status:{status}")
        return cmd_follow_up_list(index, " ".join(words), as_json=args.json, limit=args.limit)
    if args.command == "show":
        return cmd_show(index, args.id, as_json=args.json, db_path=db_path)
    if args.command == "search":
        query = " ".join(args.query)
        return cmd_search(index, query, as_json=args.json, limit=args.limit, kind=args.type)
    if args.command == "export":
        return cmd_export(index, args)
    raise AssertionError(args.command)  # pragma: no cover


def open_library(db_path: Path) -> Library:
    """The database and a current search index; when the index must be (re)built, a
    progress bar on stderr says so (a line when stderr is not a terminal)."""
    from coopbrowse.store.library import Library

    progress = _StderrProgress(db_path)
    try:
        # a read command never creates a database: a mistyped path is an error
        return Library.open(db_path, progress=progress, create=False)
    finally:
        progress.close()


class _StderrProgress:
    """Rich progress on stderr, started on the first report (an unchanged database, which
    reports nothing, prints nothing; nor does a stderr that is not a terminal, which scripts
    read for errors)."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._bar: Any = None
        self._task: Any = None

    def __call__(self, what: str, done: int, total: int) -> None:
        if self._bar is None:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            console = Console(stderr=True, highlight=False)
            if not console.is_terminal:
                self._bar = False
                return
            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),  # as the app's status line says it
                console=console,
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task(what, total=total or None)
        if self._bar:
            self._bar.update(self._task, description=what, completed=done, total=total or None)

    def close(self) -> None:
        if self._bar:
            self._bar.stop()


def _console() -> Console:
    """Rich console for stdout; when piped, wide enough that tables are not cut."""
    from rich.console import Console

    class Piped(Console):
        def on_broken_pipe(self) -> None:
            """The reader gone (``| head``): said as any other write says it, not by
            Rich's exit with status 1."""
            self.quiet = True
            raise BrokenPipeError

    console = Piped(highlight=False, soft_wrap=False)
    if console.is_terminal:
        return console
    width = console.width
    if not os.environ.get("COLUMNS", "").strip().isdigit():
        # piped, with no width asked for (``COLUMNS=80 coopbrowse list | less`` is one)
        width = max(width, 160)
    trimmed = cast("IO[str]", _Trimmed(sys.stdout))  # (what Rich calls of a file, no more)
    return Piped(highlight=False, soft_wrap=False, width=width, file=trimmed)


class _Trimmed:
    """Standard output without the spaces Rich pads a line with to the console's width (a
    piped title or a wrapped paragraph would end in dozens of them)."""

    def __init__(self, out: Any) -> None:
        self.out = out
        self.spaces = ""  # at the end of what was written: kept back until more comes

    def write(self, text: str) -> int:
        lines = (self.spaces + text).split("\n")
        last = lines[-1].rstrip(" ")
        self.spaces = lines[-1][len(last) :]
        self.out.write("\n".join([*(line.rstrip(" ") for line in lines[:-1]), last]))
        return len(text)

    def flush(self) -> None:
        self.out.flush()

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return int(self.out.fileno())

    @property
    def encoding(self) -> str:
        return str(getattr(self.out, "encoding", None) or "utf-8")


def _quiet_stdout() -> None:
    """Standard output to nowhere, once its reader is gone: what is left in its buffer is
    not written again at the exit (Python would say so and exit with status 120)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
    with contextlib.suppress(Exception):
        sys.stderr.close()


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code > 0xFFFF:  # (as a UTF-16 pair, as JSON writes it)
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def _json(data: Any) -> str:
    """JSON for stdout; characters a terminal would act on or that hide text (C1 controls,
    bidi marks and overrides, invisible format characters: the interface's stand-ins) are
    written as \\u escapes so untrusted text cannot restyle the terminal."""
    from coopbrowse.store.text import CONTROL_CHARS

    text = json.dumps(data, ensure_ascii=False, indent=2)
    return CONTROL_CHARS.sub(_json_escape, text)


def _dump(data: Any) -> None:
    sys.stdout.write(_json(data) + "\n")


def _dump_all(items: Iterable[Any]) -> None:
    """A JSON array written one item at a time (the same text as :func:`_dump` of the
    list), so that 100,000 meetings are never all in memory."""
    out = sys.stdout
    first = True
    for item in items:
        out.write("[\n  " if first else ",\n  ")
        out.write(_json(item).replace("\n", "\n  "))
        first = False
    out.write("[]\n" if first else "\n]\n")


LIST_CHUNK = 500  # rows laid out at a time by `coopbrowse list`


def cmd_list(index: SearchIndex, *, as_json: bool, history: bool = False) -> int:
    """Every meeting, newest first, streamed from the index. A list longer than
    ``LIST_CHUNK`` is printed in slices as it is read (one table to the eye: the columns
    take fixed shares of the width), so 100,000 meetings start at once in little memory."""
    import itertools

    from rich.table import Table
    from rich.text import Text

    from .render import MEETING_COLUMNS, NARROW_TABLE, meeting_cells

    meetings = index.iter_meetings()
    if as_json:
        _dump_all(m.to_dict(with_history=history) for m in meetings)
        return EXIT_OK
    console = _console()
    total = index.meeting_total
    if not total:
        console.print("No meetings in the database.", style="dim")
        return EXIT_OK
    sliced = total > LIST_CHUNK
    # narrow: the date, region, proposals and id (the people and trade: `show ID`)
    narrow = console.width < NARROW_TABLE
    kept = [i for i, n in enumerate(MEETING_COLUMNS) if not narrow or n in _NARROW_LIST]
    shown = (*(MEETING_COLUMNS[i] for i in kept), "ID")
    first = True
    id_width = 0  # a sliced list's: fixed by its first slice, at least LIST_ID_WIDTH
    while chunk := list(itertools.islice(meetings, LIST_CHUNK)):
        table = Table(
            title=f"{total:,} meetings" if first else None,
            title_justify="left",
            expand=sliced,
            show_header=first,
            show_edge=not sliced,  # slices join up: no edge between them
        )
        # the date and the id whole on their line in one table (the other columns give way;
        # an id longer than the room they leave folds, whole); slices keep the same columns
        # from one to the next
        # (what the date, the count, the rules and 12 columns for each other one leave)
        room = max(20, console.width - 15 - (3 * len(shown) + 1) - 12 * (len(shown) - 3))
        whole_width = {"Date": 10, "ID": max(len(m.id) for m in chunk)}
        if sliced and not id_width:  # (an id folded over two lines is no use to grep or cut)
            id_width = min(room, max(whole_width["ID"], LIST_ID_WIDTH))
        for name in shown:
            width, ratio = (None, None)
            if sliced:
                width, ratio = (id_width, None) if name == "ID" else _LIST_SHARES[name]
            whole = not sliced and name in whole_width and whole_width[name] <= room
            table.add_column(
                name,
                justify="right" if name == "Prop." else "left",
                width=width,
                ratio=ratio,
                no_wrap=whole,
                min_width=whole_width[name] if whole else None,
            )
        for m in chunk:
            # an id is never cut: it is what `coopbrowse show` takes
            ident = Text(m.id, style="dim", overflow="fold")
            cells = meeting_cells(m, wrap=True)
            table.add_row(*(cells[i] for i in kept), ident)
        console.print(table)
        first = False
    return EXIT_OK


_NARROW_LIST = ("Date", "Region", "Prop.")

# The id column of a list too long for one table (read in slices): ids as drafted are the
# date, the longest region key (25) and a host's surname, within this
LIST_ID_WIDTH = 48

# A sliced list's columns: (fixed width, or share of what is left).
_LIST_SHARES: dict[str, tuple[int | None, int | None]] = {
    "Date": (10, None),
    "Region": (None, 4),
    "Russian side": (None, 4),
    "Belarusian host": (None, 4),
    "Prop.": (5, None),
    "Latest trade": (16, None),  # "~$919.1M (2024)" whole (a share of 3 wrapped it at 160)
}


def cmd_show(
    index: SearchIndex, record_id: str, *, as_json: bool, db_path: Path | None = None
) -> int:
    from rich.rule import Rule

    from coopbrowse.store.export import meeting_name

    from .blocks import as_renderable, proposal_blocks
    from .render import meeting_renderable

    meeting = index.meeting(record_id)
    found = None if meeting is not None else index.proposal(record_id)
    if found is not None:
        meeting = found[1]
    if meeting is None:
        raise StoreError(
            None,
            f"no meeting or proposal with id {record_id!r}{_why_not_found(db_path, record_id)}",
        )
    if as_json:
        _dump(meeting.to_dict())
        return EXIT_OK
    console = _console()
    if found is not None:  # the proposal asked for, as the browser shows it, then its meeting
        proposal = found[0]
        names = {
            mid: meeting_name(later)
            for mid in proposal.raised_again
            if (later := index.meeting(mid)) is not None
        }
        related = index.related(proposal, meeting)
        console.print(as_renderable(proposal_blocks(proposal, meeting, related, None, names)))
        console.print(Rule("The whole meeting", style="dim"))
    console.print(meeting_renderable(meeting))
    return EXIT_OK


def _search(index: SearchIndex, query: str, **options: Any) -> SearchResult:
    """Run ``query``; a malformed query becomes a one-line StoreError."""
    from coopbrowse.store.query import QueryError

    try:
        return index.search(query, **options)
    except QueryError as exc:
        raise StoreError(None, f"bad query: {exc}") from None


def cmd_search(
    index: SearchIndex, query: str, *, as_json: bool, limit: int, kind: str | None
) -> int:
    from rich.text import Text

    from .render import hits_table

    if limit < 0:  # (0 is all, as for follow-up --list)
        raise StoreError(None, f"--limit must be 0 (all) or more, not {limit}")
    result = _search(index, query, limit=limit or None, kind=kind)
    if as_json:
        _dump(
            {
                "query": query,
                "total": result.total,
                "fuzzy": result.fuzzy,
                "corrections": [list(c) for c in result.corrections],
                "hint": result.hint,
                "hits": [hit.to_dict() for hit in result.hits],
            }
        )
    else:
        console = _console()
        if result.fuzzy:
            fixed = ", ".join(f"{a} → {b}" for a, b in result.corrections)
            fixed = one_line(fixed)
            console.print(Text(f"No exact matches; showing results for: {fixed}", style="yellow"))
        if result.total:
            if result.hint:  # (an exclusion that leaves nothing out: "-region:samra")
                console.print(Text(one_line(result.hint), style="yellow"))
            console.print(hits_table(result, width=console.width))
        else:
            hint = f" {one_line(result.hint)}" if result.hint else ""
            console.print(Text(f"No results for {quoted(one_line(query))}.{hint}", style="dim"))
    return EXIT_OK if result.total else EXIT_EMPTY


def cmd_export(index: SearchIndex, args: argparse.Namespace) -> int:
    from coopbrowse.store.export import (
        ExportOptions,
        Selection,
        default_filename,
        markdown_chunks,
        select_from,
        write_markdown,
    )
    from coopbrowse.store.storage import check_export_target

    query = " ".join(args.query).strip()
    if args.type and not query:  # (the ids given are exported as they are)
        raise StoreError(None, "--type needs a query: it keeps what the query matches of a kind")
    label = query or (args.ids or "all")
    path = None if args.output == "-" else Path(args.output or default_filename(label))
    if path is not None:  # (refused before any work: at 100,000 meetings that is a while)
        check_export_target(path, force=args.force)
    keys: list[tuple[str, str]] = []
    if args.ids:
        for rid in (i.strip() for i in args.ids.split(",") if i.strip()):
            if index.meeting(rid):
                keys.append(("meeting", rid))
            elif index.proposal(rid):
                keys.append(("proposal", rid))
            else:
                raise StoreError(None, f"--ids: no meeting or proposal with id {rid!r}")
    hint = ""
    if query:
        result = _search(index, query, limit=None, fuzzy=False, kind=args.type)
        keys += [(h.kind, h.id) for h in result.hits]
        hint = one_line(result.hint)
        if result.total and hint:  # ("-region:samra": Samara's records go in too)
            _say(f"coopbrowse: warning: {hint}")
    if not query and not args.ids:
        # (in the order every export has, select_from's: the list's own order put meetings
        # of one day otherwise than the app's export of everything listed did)
        everything = sorted(index.iter_meetings(), key=lambda m: (m.date, m.id), reverse=True)
        selection = Selection(everything, [])
    else:
        selection = select_from(index, keys)
    if selection.empty:
        what = f"the query {query!r}" if query else "the selection"
        # (what search says of it too: "region:atlantis names no region with meetings here")
        why = f" ({hint.rstrip('.')})" if hint else ""
        raise StoreError(None, f"{what} selected nothing{why}; nothing written")
    options = ExportOptions(
        title=args.title or (f"Cooperation briefing: {query}" if query else "Cooperation briefing"),
        query=query,
        trade_tables=not args.no_trade,
        overview=not args.no_overview,
        sources=not args.no_sources,
    )
    # (written a section at a time, as rendered: a briefing of 100,000 meetings, held
    # whole, was gigabytes)
    chunks = markdown_chunks(selection, options, version=__version__)
    if path is None:
        sys.stdout.writelines(chunks)
        return EXIT_OK
    write_markdown(path, chunks, force=args.force)
    n_props = sum(len(m.proposals) for m in selection.meetings) + len(selection.proposals)
    from .blocks import plural

    counts = [plural(len(selection.meetings), "meeting")] if selection.meetings else []
    _say(f"wrote {path}: {', '.join([*counts, plural(n_props, 'proposal')])}")
    return EXIT_OK


def cmd_import(db_path: Path, args: argparse.Namespace) -> int:
    """Validate every file, then add (or plan) their meetings; a bad file writes nothing."""
    import tempfile

    from coopbrowse.store.db import Store
    from coopbrowse.store.ingest import import_records, load_records
    from coopbrowse.store.regions import region_problem

    records = load_records(args.files)
    for r in records:  # (imported as written: a name the table lacks may be right)
        if problem := region_problem(r.meeting.region):
            _say(f"coopbrowse: warning: {r.file}: {r.label}: region {problem}")
    options = {"update": args.update, "dry_run": args.dry_run}
    if args.dry_run and not db_path.exists():
        # Plan against what a new database would hold, without creating it.
        with tempfile.TemporaryDirectory() as tmp:
            result = import_records(Store.open(Path(tmp) / db_path.name), records, **options)
    else:
        with _reading(db_path):
            store = _open_or_create(db_path)
        with _status(
            f"Importing into {db_path}…" if not args.dry_run else f"Planning against {db_path}…"
        ):
            result = import_records(store, records, **options)
    if args.json:
        _dump(result.to_dict())
    else:
        for line in result.lines():
            _say(line, sys.stdout)
        read = {r.file for r in records}
        for name in dict.fromkeys(str(Path(f)) for f in args.files):
            if name not in read:  # ("[]": a file of no meetings said nothing at all)
                _say(f"{name}: no meetings in it", sys.stdout)
    # (every meeting already there: nothing to do, as a search that finds nothing)
    return EXIT_OK if result.report.added or result.report.updated else EXIT_EMPTY


def cmd_import_article(db_path: Path, args: argparse.Namespace) -> int:
    """Draft a meeting from each article (text, saved page or URL); print the draft (one
    article) or a summary table (several); save with --yes."""

    from coopbrowse.store.model import date_problem

    if args.published is not None and (problem := date_problem(args.published)):
        raise StoreError(None, f"--published: {problem}, not {args.published!r}")
    if args.sources.count("-") > 1:
        raise StoreError(None, "standard input (-) can be given only once")
    if len(args.sources) == 1:
        return _import_one_article(db_path, args, args.sources[0])
    return _import_many_articles(db_path, args)


def _read_draft(source: str, published: str | None) -> tuple[Any, Any]:
    """(article, draft) of one source; fetching a URL says so on stderr."""
    from coopbrowse.store.pages import display_url, is_url, read_article

    if is_url(source):
        with _status(f"Fetching {display_url(source)}…"):
            article = read_article(source)
    else:
        article = read_article(source)
    return article, article.draft(published)


def _stored_as(db_path: Path, data: dict[str, Any]) -> str | None:
    """The stored meeting a draft is (None: none, no database yet, or not saveable)."""
    from coopbrowse.store.db import Store
    from coopbrowse.store.ingest import prepare_draft, stored_as
    from coopbrowse.store.model import ValidationError

    if not db_path.exists():
        return None
    try:
        store = Store(db_path)  # (read only: nothing is migrated or created here)
        catalog = store.catalog()
        return stored_as(store, prepare_draft(store, data, catalog), catalog)
    except (StoreError, ValidationError):
        return None


def _unsaved_hint(draft: Any) -> str:
    """What to do with a draft printed but not saved: --yes, unless it cannot be saved as
    drafted (no date, no region), which the app's review form (or --published) mends."""
    from coopbrowse.store.model import ValidationError

    try:
        draft.to_meeting()
    except ValidationError as exc:
        dated = " or date an undated article with --published" if "date" in draft.missing else ""
        return (
            f"not saved: it cannot be saved as drafted ({exc}); review it in the app (key i){dated}"
        )
    return "not saved: add --yes to save this draft, or review it in the app (key i)"


def _import_one_article(db_path: Path, args: argparse.Namespace, source: str) -> int:
    from coopbrowse.store.db import Store
    from coopbrowse.store.errors import InputError
    from coopbrowse.store.ingest import prepare_draft, save_draft
    from coopbrowse.store.model import ValidationError

    # a database that cannot take the draft is said before any article is read or fetched;
    # nothing is written (nor made) before there is a draft to save
    checked = None
    if args.yes:
        with _reading(db_path):
            checked = Store.preflight(db_path)
    _article, draft = _read_draft(source, args.published)
    if args.json:
        _dump(draft.to_dict())
    else:
        _print_draft(draft)
    if not args.yes:
        if not args.json:
            stored = _stored_as(db_path, draft.meeting)
            if stored:
                _say(
                    f"not saved: already stored as {stored} (the same id, or the same date, "
                    "region and host); add --yes --update to replace it"
                )
            else:
                _say(_unsaved_hint(draft))
        return EXIT_OK
    with _reading(db_path):
        store = _open_or_create(db_path, checked=checked)
        try:
            meeting = prepare_draft(store, draft.meeting)
        except ValidationError as exc:
            hint = " (see the missing fields above; --published dates an undated article)"
            name = "<stdin>" if source == "-" else source
            raise InputError(name, f"draft not saved: {exc}{hint}") from None
    with _saving(db_path):
        action, mid = save_draft(store, meeting, update=args.update)
    if action == "skipped":
        _say(
            f"not saved: {meeting.id} already exists as {mid} (same id, or same date, "
            "region and host); --update replaces it"
        )
        return EXIT_EMPTY
    n_prop, n_trade = len(meeting.proposals), len(meeting.trade)
    _say(
        f"{action} {mid}: {n_prop} proposal{'' if n_prop == 1 else 's'}, "
        f"{n_trade} trade figure{'' if n_trade == 1 else 's'}, to {db_path}"
    )
    return EXIT_OK


def _import_many_articles(db_path: Path, args: argparse.Namespace) -> int:
    """Each source drafted (and saved with --yes) in turn; one failure does not stop the
    rest. The summary: per source, added / updated / drafted / duplicate / needs review /
    failed, the meeting's id and the fields not found."""
    from coopbrowse.store.db import Store
    from coopbrowse.store.ingest import prepare_draft, save_draft, stored_as
    from coopbrowse.store.model import ValidationError

    rows: list[dict[str, Any]] = []
    # with --yes, a database that cannot take the drafts is said before any is read (and
    # nothing is written before there is a draft to save)
    checked = None
    if args.yes:
        with _reading(db_path):
            checked = Store.preflight(db_path)
    store: Store | None = None
    from coopbrowse.store.pages import display_url

    for n, source in enumerate(args.sources, 1):
        shown = display_url(source)  # (a password in an address is never repeated)
        row: dict[str, Any] = {"source": shown, "result": "", "id": "", "missing": []}
        rows.append(row)
        if sys.stderr.isatty():
            print(f"[{n}/{len(args.sources)}] {one_line(shown)}", file=sys.stderr)
        try:
            _article, draft = _read_draft(source, args.published)
        except StoreError as exc:
            row.update(result="failed", error=exc.problem)
            continue
        except Exception as exc:  # a bug on one odd page must not lose the others
            row.update(result="failed", error=f"could not read it ({type(exc).__name__}: {exc})")
            continue
        row["missing"] = list(draft.missing)
        if args.json:
            row["draft"] = draft.to_dict()
        try:
            if store is None and (args.yes or db_path.exists()):
                with _reading(db_path):
                    store = _open_or_create(db_path, checked=checked)
            meeting = prepare_draft(store, draft.meeting) if store else draft.to_meeting()
        except ValidationError as exc:
            row.update(result="needs review", error=str(exc))
            continue
        row["id"] = meeting.id
        existing = stored_as(store, meeting) if store else None
        if existing and not (args.yes and args.update):
            row.update(result="duplicate", id=existing)
            continue
        if not args.yes:
            row["result"] = "drafted"
            continue
        assert store is not None
        try:
            with _saving(db_path):
                action, mid = save_draft(store, meeting, update=args.update)
        except StoreError as exc:
            row.update(result="failed", error=exc.problem)
            continue
        row.update(result="duplicate" if action == "skipped" else action, id=mid)
    if args.json:
        _dump(rows)
    else:
        _print_article_summary(rows, saving=args.yes)
    # as for one article: without --yes, only an article that could not be read is an error
    results = {row["result"] for row in rows}
    if "failed" in results or (args.yes and "needs review" in results):
        return EXIT_ERROR
    return EXIT_EMPTY if args.yes and "duplicate" in results else EXIT_OK


def _print_article_summary(rows: list[dict[str, Any]], *, saving: bool) -> None:
    from collections import Counter

    from rich.table import Table
    from rich.text import Text

    from coopbrowse.store.extract.draft import missing_shown

    styles = {"added": "green", "updated": "green", "drafted": "cyan", "duplicate": "yellow"}
    table = Table(title_justify="left")
    for heading in ("Article", "Result", "Meeting", "Not found / problem"):
        # (an id is copied from here to `show` it: whole on its line, not broken in two,
        # while it fits)
        table.add_column(heading, overflow="fold", no_wrap=heading == "Meeting")
    for row in rows:
        problem = row.get("error") or missing_shown(row["missing"])  # (as a reader names them)
        table.add_row(
            Text(one_line(row["source"])),
            Text(row["result"], styles.get(row["result"], "red")),
            Text(one_line(row["id"])),
            Text(one_line(problem)),
        )
    console = _console()
    console.print(table)
    counts = Counter(row["result"] for row in rows)
    summary = ", ".join(
        f"{n} {'need review' if result == 'needs review' and n > 1 else result}"
        for result, n in counts.items()
    )
    console.print(Text(summary))
    if not saving and counts.get("drafted"):
        _say("not saved: add --yes to save the drafts, or review them in the app (key i)")


def _print_draft(draft: Any) -> None:
    """The draft for a reader: what was found, what was not, then the record."""
    from rich.text import Text

    from coopbrowse.store.model import Meeting, ValidationError

    from .render import meeting_renderable

    console = _console()
    if draft.missing:
        missing = one_line(draft.missing_shown())
        console.print(Text(f"Not found in the article: {missing}", "yellow"))
    for flag in draft.flags:
        console.print(Text(f"Note: {one_line(flag)}", "dim"))
    try:
        console.print(meeting_renderable(Meeting.from_dict(draft.meeting)))
    except ValidationError as exc:
        console.print(Text(f"The draft is incomplete ({one_line(str(exc))}); as JSON:", "yellow"))
        _dump(draft.meeting)


def cmd_history(index: SearchIndex, db_path: Path, record_id: str, *, as_json: bool) -> int:
    """The changes of a record, latest first (from the index; a deleted meeting's from the
    database)."""
    from rich.text import Text

    from coopbrowse.store.db import Store
    from coopbrowse.store.history import describe, shown_time, undone_of

    from .blocks import ORIGIN_LABELS

    meeting = index.meeting(record_id)
    if meeting is None:
        found = index.proposal(record_id)
        meeting = found[1] if found else None
    if meeting is not None:
        changes = [c for c in meeting.history if c.touches(record_id)]
    else:
        changes = Store(db_path).history(record_id)
        if not changes:
            raise StoreError(
                None, f"no meeting or proposal with id {record_id!r} (see `coopbrowse list`)"
            )
    changes.reverse()
    if as_json:
        _dump([c.to_dict() for c in changes])
        return EXIT_OK if changes else EXIT_EMPTY
    console = _console()
    if not changes:
        console.print(Text(f"No recorded changes of {one_line(record_id)}.", style="dim"))
        return EXIT_EMPTY
    undone = undone_of(changes)
    for change in changes:
        head = Text(f"{one_line(shown_time(change.at))}  ", style="dim")
        head.append(ORIGIN_LABELS.get(change.origin, change.origin), style="bold")
        head.append(
            f"  {one_line(change.id)}" + ("  (undone)" if change.id in undone else ""), "dim"
        )
        console.print(head)
        # (each value's share of a line: "title: old → new" cut them at 30 characters in
        # a terminal of 160)
        for line in describe(change, record_id, width=max(30, (console.width - 24) // 2)):
            console.print(Text(f"    {one_line(line)}"))
    return EXIT_OK


def cmd_compare(index: SearchIndex, args: argparse.Namespace) -> int:
    from coopbrowse.store.compare import MAX_MEETINGS, MIN_MEETINGS, compare, to_dict
    from coopbrowse.store.compare import to_markdown as compare_markdown
    from coopbrowse.store.export import write_markdown

    from .render import ComparisonTable

    meetings: list[Meeting] = []
    for rid in args.ids:
        meeting = index.meeting(rid)
        if meeting is None:
            found = index.proposal(rid)
            meeting = found[1] if found else None
        if meeting is None:
            raise StoreError(
                None, f"no meeting or proposal with id {rid!r} (see `coopbrowse list`)"
            )
        if all(m.id != meeting.id for m in meetings):
            meetings.append(meeting)
    if not MIN_MEETINGS <= len(meetings) <= MAX_MEETINGS:
        raise StoreError(
            None,
            f"compare takes {MIN_MEETINGS} to {MAX_MEETINGS} different meetings, "
            f"not {len(meetings)}",
        )
    comparison = compare(meetings)
    if args.json:
        _dump(to_dict(comparison))
        return EXIT_OK
    if args.output is None:
        _console().print(ComparisonTable(comparison))
        return EXIT_OK
    text = compare_markdown(comparison, version=__version__)
    if args.output == "-":
        sys.stdout.write(text)
        return EXIT_OK
    write_markdown(Path(args.output), text, force=args.force)
    _say(f"wrote {args.output}: a comparison of {len(meetings)} meetings")
    return EXIT_OK


def cmd_facets(index: SearchIndex, field: str, query: str, view: str, *, as_json: bool) -> int:
    from rich.table import Table
    from rich.text import Text

    from coopbrowse.store.facets import FACET_FIELDS, facet_counts

    if field not in FACET_FIELDS:
        raise StoreError(None, f"unknown field {field!r} (one of: {', '.join(FACET_FIELDS)})")
    counts = _querying(index, query, lambda ix, q: facet_counts(ix, field, q, view=view))
    # what the query may have meant, as search says it: for no rows ("region:tula is Tula
    # Oblast: no meetings here."), or an exclusion that leaves nothing out ("-region:samra")
    hint = one_line(_search(index, query, limit=1).hint) if query.strip() else ""
    if as_json:
        _dump({**counts.to_dict(), "hint": hint})
        return EXIT_OK if counts.total else EXIT_EMPTY
    console = _console()
    if not counts.total:
        hint = f" {hint}" if hint else ""
        console.print(Text(f"No {view} for {quoted(one_line(query))}.{hint}", style="dim"))
        return EXIT_EMPTY
    if hint:
        console.print(Text(hint, style="yellow"))
    # (the title a line of its own: as a table's, it was folded to the table's width, "4
    # proposals matching elevator -region:tula, by" / "sector")
    console.print(Text(one_line(counts.title), style="italic"))
    table = Table()
    table.add_column(field.capitalize())
    table.add_column("Count", justify="right")
    table.add_column("Share", justify="right")
    table.add_column("")
    for row in counts.rows:
        table.add_row(
            Text(one_line(row.label)),
            f"{row.count:,}",
            f"{row.share:.0%}",
            Text(row.bar(20, counts.top), "cyan"),
        )
    console.print(table)
    return EXIT_OK


def _packed(lead: str, items: list[str], width: int, sep: str = ",", gap: str = " ") -> list[str]:
    """``lead`` and ``items`` (``sep`` after each but the last, ``gap`` between) in lines of
    ``width`` cells, broken between items only ("Penza Oblast 6" was broken as "Penza" /
    "Oblast 6"); an item wider than a line has one of its own, folded by the console."""
    from rich.cells import cell_len

    lines: list[str] = []
    line = lead
    for i, item in enumerate(items):
        piece = item + (sep if i < len(items) - 1 else "")
        if cell_len(line) + len(gap) + cell_len(piece) > width and line.strip():
            lines.append(line)
            line = "  " + piece
        else:
            line = f"{line}{gap}{piece}"
    lines.append(line)
    return lines


def cmd_undo(db_path: Path, record_id: str, *, redo: bool = False) -> int:
    """``undo ID``, or ``redo ID``: the latest undo of it taken back."""
    from coopbrowse.store import NothingToUndo
    from coopbrowse.store.history import describe

    store = _existing_store(db_path)
    try:
        with _saving(db_path):
            change = store.redo(record_id) if redo else store.undo(record_id)
    except NothingToUndo as exc:
        # (a record deleted is known by its history: a redo that deleted it again)
        known = _has_record(store, record_id) or bool(store.history(record_id))
        if not known:
            raise StoreError(
                None, f"no meeting or proposal with id {record_id!r} (see `coopbrowse list`)"
            ) from None
        _say(f"coopbrowse: {exc}")
        return EXIT_EMPTY
    did = "redid (took back the undo" if redo else "undid change"
    _say(f"{did} {change.undoes}{')' if redo else ''} of {record_id}:", sys.stdout)
    for line in describe(change):
        _say(f"    {line}", sys.stdout)
    return EXIT_OK


def cmd_delete(db_path: Path, meeting_id: str, *, yes: bool) -> int:
    store = _existing_store(db_path)
    meeting = store.stored_meeting(meeting_id)  # (not every record built: 20 s at 100k)
    if meeting is None:
        owner = store.catalog().proposals.get(meeting_id)
        hint = (
            f"it is a proposal of {owner}: remove it in the meeting form (E, untick its row)"
            if owner
            else "see `coopbrowse list`"
        )
        raise StoreError(None, f"no meeting with id {meeting_id!r} ({hint})")
    from .blocks import plural

    what = (
        f"{meeting.id}: {one_line(meeting.title)} ({plural(len(meeting.proposals), 'proposal')}, "
        f"{plural(len(meeting.trade), 'trade figure')})"
    )
    if not yes:
        _say(f"would delete {what}; add --yes to delete it", sys.stdout)
        return EXIT_EMPTY
    with _saving(db_path):
        deleted = store.delete_meeting(meeting_id)
    if not deleted:  # deleted meanwhile by another process
        raise StoreError(None, f"no meeting with id {meeting_id!r} (deleted meanwhile?)")
    _say(f"deleted {what}; `coopbrowse undo {meeting_id}` brings it back", sys.stdout)
    return EXIT_OK


def _has_record(store: Store, record_id: str) -> bool:
    catalog = store.catalog()
    return record_id in catalog.ids or record_id in catalog.proposals


def _existing_store(db_path: Path) -> Store:
    """The database at ``db_path`` for a write to records in it (never created here)."""
    from coopbrowse.store.db import Store

    if not db_path.exists() and not db_path.is_symlink():
        raise StoreError(db_path, no_database(db_path))
    with _reading(db_path):
        return Store.open(db_path)


def cmd_follow_up(db_path: Path, args: argparse.Namespace) -> int:

    from coopbrowse.store.history import describe

    if len(args.words) != 1:
        raise StoreError(None, "follow-up needs one proposal ID (or --list [QUERY])")
    args.id = args.words[0]
    if args.status is None and args.raised_at is None and not (args.note or args.url):
        raise StoreError(None, "follow-up needs --status, --note, --url or --raised-at (or --list)")
    from coopbrowse.store.model import date_problem

    if args.date is not None and (problem := date_problem(args.date)):
        raise StoreError(None, f"--date: {problem}, not {args.date!r}")
    status = args.status.lower().replace(" ", "-") if args.status else None
    store = _existing_store(db_path)
    with _saving(db_path):
        change = store.follow_up(
            args.id,
            status=status,
            date=args.date,
            note=args.note,
            url=args.url,
            raised_again=args.raised_at,
        )
    if change is None:
        _say(f"{args.id}: nothing changed", sys.stdout)
        return EXIT_EMPTY
    _say(f"recorded a follow-up of {args.id}:", sys.stdout)
    # (as much of each value as the line has room for, as history says it: an id raised
    # again at was cut to "2025-10-20-mordovia-karankevi…")
    for line in describe(change, args.id, width=max(40, (_console().width - 24) // 2)):
        _say(f"    {line}", sys.stdout)
    return EXIT_OK


def cmd_follow_up_list(index: SearchIndex, query: str, *, as_json: bool, limit: int = 500) -> int:
    from rich.table import Table
    from rich.text import Text

    from coopbrowse.store.followup import follow_up_report
    from coopbrowse.store.taxonomy import STATUS_LABELS

    from .blocks import plural

    if limit < 0:
        raise StoreError(None, f"--limit must be 0 (all) or more, not {limit}")
    report = _querying(index, query, lambda i, q: follow_up_report(i, q, limit=limit or None))
    if as_json:
        _dump({**report.to_dict(), "shown": len(report.rows)})
        return EXIT_OK if report.total else EXIT_EMPTY
    console = _console()
    if not report.total:
        console.print(Text(f"No proposals for {quoted(one_line(query))}.", style="dim"))
        return EXIT_EMPTY
    counts = [f"{STATUS_LABELS[s]}: {n:,}" for s, n in report.by_status]
    lead = f"{plural(report.total, 'proposal')}  ·"
    for line in _packed(lead, counts, console.width, sep="", gap="  "):
        console.print(Text(line, style="bold"))
    for name, pairs in (("region", report.by_region), ("sector", report.by_sector)):
        if pairs:  # (as --help says: the counts per region and sector too, the most first)
            items = [f"{one_line(v)} {n:,}" for v, n in pairs[:6]]
            if len(pairs) > 6:
                items.append(f"and {len(pairs) - 6:,} more")
            for line in _packed(f"by {name}:", items, console.width):
                console.print(Text(line, style="dim"))
    # Ids and dates whole (an id is what the next command takes). Where the columns do
    # not fit with a title of 12 characters, the sector goes, then the age and the region
    # (the date says the age, the id names the region), then the status and the date; the
    # title has the width left.
    names = ("Status", "Since", "Age", "Region", "Sector", "Title", "ID")
    rows = [dict(zip(names, map(one_line, row.cells()), strict=True)) for row in report.rows]
    caps = {"Status": 11, "Region": 16, "Sector": 22}
    widths = {n: min(caps.get(n, 1_000), max(len(n), *(len(r[n]) for r in rows))) for n in names}
    shown = list(names)

    def rest() -> int:  # the width of the shown columns but the title, with the borders
        return sum(widths[n] for n in shown if n != "Title") + 3 * len(shown) + 1

    # (narrower still, the status and the date go too: at 40 columns the id, what the next
    # command takes, was squeezed to nothing)
    for going in ("Sector", "Age", "Region", "Status", "Since"):
        if rest() + 12 <= console.width:
            break
        shown.remove(going)
    least = 8 if "Since" in shown else 3  # (the id whole before the title's first letters)
    if rest() + least > console.width:
        shown.remove("Title")  # (the id alone: what the next command takes)
    widths["Title"] = min(widths["Title"], max(least, console.width - rest()))
    table = Table(title_justify="left")
    for name in shown:
        table.add_column(
            name,
            justify="right" if name == "Age" else "left",
            no_wrap=name != "ID",
            overflow="fold" if name == "ID" else "ellipsis",
            width=widths[name] if name != "ID" else None,
            min_width=min(widths["ID"], 12) if name == "ID" else None,
        )
    for r in rows:
        table.add_row(*(Text(r[n]) for n in shown))
    console.print(table)
    if report.total > len(report.rows):
        left = report.total - len(report.rows)
        console.print(Text(f"… and {left:,} more (--limit 0 lists them all)", style="dim"))
    return EXIT_OK


def _querying(index: SearchIndex, query: str, make: Any) -> Any:
    """``make(index, query)``, a malformed query becoming a one-line StoreError."""
    from coopbrowse.store.query import QueryError

    try:
        return make(index, query)
    except QueryError as exc:
        raise StoreError(None, f"bad query: {exc}") from None


def _open_or_create(db_path: Path, **options: Any) -> Any:
    """The database for a command that adds meetings: created on first use with the bundled
    sample meetings, and said so (as the browser and ``init`` do)."""
    from coopbrowse.store.db import Store

    new = not db_path.exists()
    store = Store.open(db_path, **options)
    if new:
        _say(f"created {db_path} (with {len(store.meetings())} bundled sample meetings)")
    return store


def _why_not_found(db_path: Path | None, record_id: str) -> str:
    """What follows "no meeting or proposal with id …": when it was deleted, and that undo
    brings it back (read from the database's history, on this error only, and only from a
    small file: at 100,000 meetings reading it takes seconds and gigabytes, for what may be
    a typo); else where to look."""
    from coopbrowse.store.db import Store
    from coopbrowse.store.history import removes_meeting, shown_time
    from coopbrowse.store.writer import CHILD_FROM

    if db_path is not None and db_path.is_file():
        if db_path.stat().st_size > CHILD_FROM:
            return " (see `coopbrowse list`; `coopbrowse history ID` tells whether it was deleted)"
        with contextlib.suppress(StoreError):
            changes = Store(db_path).history(record_id)
            # (deleted, or deleted again by a redo: the whole record gone)
            if changes and removes_meeting(changes[-1]):
                # (an undo that removed it, an added meeting: redo brings it back, not undo)
                back = "redo" if changes[-1].origin == "undo" else "undo"
                return (
                    f": deleted {shown_time(changes[-1].at)} (`coopbrowse {back} "
                    f"{changes[-1].meeting_id}` brings it back)"
                )
    return " (see `coopbrowse list`)"


def cmd_init(db_path: Path, *, empty: bool) -> int:
    from coopbrowse.store.db import Store

    if db_path.exists() or db_path.is_symlink():
        raise StoreError(db_path, "already exists; init only creates a new database")
    store = Store.open(db_path, seed=not empty)
    what = "empty" if empty else f"with {len(store.meetings())} bundled sample meetings"
    _say(f"created {db_path} ({what})")
    return EXIT_OK


def _this_machine() -> str:
    """An address other machines may reach this one at: the one its traffic would leave
    from (a UDP socket's, "connected" without sending anything: no lookup, no wait), else
    its host name (which other machines may or may not resolve)."""
    import socket

    for family, probe_at in ((socket.AF_INET, "192.0.2.1"), (socket.AF_INET6, "2001:db8::1")):
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as probe:
                probe.connect((probe_at, 9))  # (documentation addresses: nothing is sent)
                address = str(probe.getsockname()[0])
        except OSError:
            continue
        if not address.startswith(("127.", "::1")) and address not in ("0.0.0.0", "::"):
            return address if family == socket.AF_INET else f"[{address}]"
    return socket.gethostname() or "localhost"


def cmd_serve(db_path: Path, host: str, port: int, public_url: str | None = None) -> int:
    """The app in a web browser: textual-serve runs ``coopbrowse --db PATH`` for each page."""
    import shlex

    from coopbrowse.store.db import Store
    from coopbrowse.store.storage import child_command

    if not 0 < port < 65536:
        raise StoreError(None, f"--port: expected 1 to 65535, not {port}")
    if not db_path.exists():
        Store.open(db_path)  # created here, once, not by each page's app at the same time
    from .serve import OriginCheckedServer, allowed_origins, every_address, is_loopback

    command = shlex.join(child_command("coopbrowse.tui.cli", db_path))  # (-P: not the cwd's)
    where = f"http://{host}:{port}" if ":" not in host else f"http://[{host}]:{port}"
    if public_url is not None and not re.fullmatch(
        r"https?://[^\s/]+(?:/\S*)?", public_url, re.IGNORECASE
    ):
        raise StoreError(None, f"--public-url: expected an http(s) address, not {public_url!r}")
    if public_url is None and every_address(host):
        # (the page's script and socket are addressed by this URL: 0.0.0.0 is no address a
        # browser on another machine can reach)
        public_url = f"http://{_this_machine()}:{port}"
    _check_listen(host, port, where)  # before saying it serves: a port in use says so
    if is_loopback(host):
        _say(f"serving coopbrowse at {public_url or where} (this machine only; ctrl+c stops)")
    else:
        opened = f" (open it at {public_url})" if public_url else ""
        _say(
            f"coopbrowse: warning: serving at {where}{opened} to the network WITHOUT "
            "authentication: anyone who can reach it can read and change the database"
        )
    import textual_serve

    server = OriginCheckedServer(  # (its app's socket answers its own page only)
        command,
        host=host,
        port=port,
        title="coopbrowse",
        public_url=public_url.rstrip("/") if public_url else None,
        statics_path=Path(textual_serve.__file__).parent / "static",
        templates_path=Path(__file__).parent / "web",  # its page without a web font
        origins=allowed_origins(host, port, public_url),
    )
    import errno

    try:
        server.serve()
    except OSError as exc:  # taken between the check and the server's own bind
        if exc.errno not in (errno.EADDRINUSE, errno.EADDRNOTAVAIL, errno.EACCES):
            raise  # (anything else, a broken pipe included, is what it says)
        raise StoreError(None, f"cannot listen on {where}: {_reason(exc)}") from None
    return EXIT_OK


def _check_listen(host: str, port: int, where: str) -> None:
    """Raise :class:`StoreError` when ``host``:``port`` cannot be listened on (in use, no such
    address, not allowed), as the server would find only after saying it serves."""
    import socket

    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise StoreError(None, f"cannot listen on {where}: {_reason(exc)}") from None
    family, kind, proto, _name, address = found[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
        try:
            probe.bind(address)
        except OSError as exc:
            raise StoreError(None, f"cannot listen on {where}: {_reason(exc)}") from None


def _reason(exc: OSError) -> str:
    """An OSError's reason without its number or the address it repeats."""
    return (exc.strerror or str(exc)).rstrip(".").lower()


def _db_source(option: str | None) -> str:
    """Where the database path came from."""
    if option:
        return "from --db"
    return f"from ${DB_ENV}" if os.environ.get(DB_ENV) else "the default"


def cmd_locate(db_path: Path, source: str = "the default") -> int:
    state = resolve_state_path(db_path)
    exists = "exists" if db_path.exists() else "not created yet"
    _say(f"database: {db_path}  ({exists}; {source})", sys.stdout)
    _say(f"state:    {state}  ({'exists' if state.exists() else 'not created yet'})", sys.stdout)
    from .keymap import keymap_path

    keys = keymap_path()
    _say(
        f"keymap:   {keys}  ({'exists' if keys.exists() else 'none: the default keys'})", sys.stdout
    )
    from coopbrowse.store.library import CACHE_ENV, index_home

    home = index_home(db_path)
    if home is None:
        _say(f"index:    kept in memory (the cache is off: {CACHE_ENV})", sys.stdout)
    else:
        built = "exists" if home.is_dir() else "made at the next open"
        _say(f"index:    {home}  ({built}; derived from the database, safe to delete)", sys.stdout)
    return EXIT_OK


def launch(db_path: Path) -> int:
    """Run the Textual app (imported here so scripting stays fast). The first frame comes
    at once; the database is opened (and indexed when needed) behind it, and a database
    that cannot be used ends the app with its one-line error."""
    # The browser reads keys from stdin and draws on stderr (Textual's terminal driver);
    # without a terminal there (a pipe, a log file, a cron job) it would draw into the void.
    # A web driver (textual-serve) brings its own.
    stderr = sys.__stderr__
    has_terminal = sys.stdin.isatty() and stderr is not None and stderr.isatty()
    if not os.environ.get("TEXTUAL_DRIVER") and not has_terminal:
        raise StoreError(
            None, "the browser needs a terminal; in scripts use a command (coopbrowse --help)"
        )
    # No garbage collection until the first frame: the start makes a few hundred thousand
    # objects and little garbage, and the collector's passes over them cost 10-15 ms of it.
    gc.disable()
    # The index opens, and the first list is read, on a thread of its own while Textual is
    # imported (a third of the start): the first frame shows the list.
    from .listing import EarlyOpen
    from .state import UiState

    state_path = resolve_state_path(db_path)
    early = EarlyOpen(db_path, UiState.load(state_path))
    try:
        from .app import CoopBrowseApp

        app = CoopBrowseApp(db_path, state_path=state_path, early=early)
        app.collect_after_first_frame = True
        app.run()
    finally:
        gc.enable()  # (an app that ended before its first frame)
        early.close()  # (an index build it started that no one took up)
    if app.load_error is not None:
        raise app.load_error
    return app.return_code or EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
