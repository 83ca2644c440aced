"""Errors shared by the core and the command line, kept below both so neither imports the other."""

from __future__ import annotations


class UsageError(Exception):
    """A problem with the command line or the files it names; printed as one line, exit code 2."""
