"""One error hierarchy: every failure a user can cause or meet carries a one-sentence message
and the exit code the command line ends with, so one handler (``asan_kg.cli``) reports them all.

Exit codes: 1 findings (violations, a gate that failed), 2 usage or input errors, 3 a remote
endpoint or server failed. May import nothing from asan_kg.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_REMOTE = 3


class AsanKgError(Exception):
    """Base class: ``str(error)`` is the sentence shown to the user; ``exit_code`` ends the run."""

    exit_code: int = EXIT_INPUT

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code

    @property
    def message(self) -> str:
        return str(self)

    def details(self) -> list[str]:
        """Further lines (one problem each) printed under the message; none by default."""
        return []


class InputError(AsanKgError):
    """A file, option or parameter the user gave is wrong (exit 2)."""

    exit_code = EXIT_INPUT


class RemoteError(AsanKgError):
    """A SPARQL endpoint or a server we started failed (exit 3)."""

    exit_code = EXIT_REMOTE
