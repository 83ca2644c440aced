"""Errors raised while reading or writing a profile file, each with a plain, located message."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ProfileError(Exception):
    """A profile file could not be read or written; nothing on disk was changed."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


@dataclass
class LockHeld(Exception):
    """Another session holds the profile's lock."""

    path: str
    host: str
    pid: int
    user: str
    since: str

    def __str__(self) -> str:
        return (f"{self.path} is open in another session (user {self.user or '?'} on {self.host}, "
                f"process {self.pid}, since {self.since})")


@dataclass
class ExternalChange(Exception):
    """The file changed on disk since it was loaded or last saved by this session."""

    path: str

    def __str__(self) -> str:
        return f"{self.path} was changed on disk by someone else since it was opened"
