"""coopbrowse's terminal interface: the CLI entry point and the Textual app."""
