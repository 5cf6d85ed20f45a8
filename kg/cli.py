"""The `kg` command line: thin typer commands over the Python API with the same verbs.

Each command parses options, calls one API function and turns a KgError into a one-line message on
stderr and its exit code. Heavy modules are imported inside the commands that need them.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.errors import KgError

app = typer.Typer(
    name="kg",
    help="Turn French news articles into an RDF knowledge graph: build, query, look, export.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn KgError (and a Ctrl-C) into a one-line message and an exit code, never a traceback."""
    try:
        yield
    except KgError as error:
        typer.echo(f"kg: error: {error.message}", err=True)
        raise typer.Exit(code=error.exit_code) from None
    except KeyboardInterrupt:
        typer.echo("kg: interrupted", err=True)
        raise typer.Exit(code=130) from None


def warn(message: str) -> None:
    """Print a one-line warning on stderr."""
    typer.echo(f"kg: warning: {message}", err=True)


# ---- commands are added below, one block per verb; keep each block thin ----
