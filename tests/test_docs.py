"""The README and docs/ stay true: links resolve, commands exist, every binding id is listed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coopbrowse.tui.app import all_binding_classes
from coopbrowse.tui.cli import build_parser
from coopbrowse.tui.keymap import binding_ids

ROOT = Path(__file__).parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _anchors(path: Path) -> set[str]:
    """GitHub's anchors for a Markdown file's headings."""
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"#+\s+(.*)", line)
        if m:
            text = re.sub(r"[^\w\- ]", "", m.group(1).strip().lower())
            out.add(text.replace(" ", "-"))
    return out


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_links_resolve(page: Path) -> None:
    for target in LINK.findall(page.read_text(encoding="utf-8")):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        file, _, anchor = target.partition("#")
        where = (page.parent / file).resolve() if file else page
        assert where.exists(), f"{page.name}: {target} does not exist"
        if anchor:
            assert anchor in _anchors(where), f"{page.name}: no heading for #{anchor}"


def test_the_readme_examples_are_real_commands() -> None:
    commands = set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    used = set(re.findall(r"^coopbrowse ([a-z-]+)", text, re.M))
    assert used and used <= commands, used - commands


def test_every_binding_id_is_in_docs_keys_and_each_listed_can_be_rebound() -> None:
    keys = (ROOT / "docs" / "keys.md").read_text(encoding="utf-8")
    ids = binding_ids(all_binding_classes())
    missing = [i for i in ids if f"`{i}`" not in keys]
    assert missing == []
    # (the table's ids: a keymap file refused save-as-cancel, listed but not rebindable)
    listed = re.findall(r"^\| `([a-z0-9-]+)` \|", keys.split("The binding ids:", 1)[1], re.M)
    assert len(listed) > 40 and set(listed) <= set(ids), set(listed) - set(ids)
