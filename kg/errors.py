"""The one exception type kg raises for problems a user can fix; the CLI turns it into a message."""
from __future__ import annotations


class KgError(Exception):
    """A user-facing error: a one-line message and the exit code the CLI should return.

    Exit codes: 1 nothing could be done (or a check failed), 2 bad usage or unreadable input.
    """

    def __init__(self, message: str, *, exit_code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message
