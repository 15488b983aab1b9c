"""Errors a user can act on. Their message is shown as it is: one sentence, Chinese."""

from __future__ import annotations


class UserError(Exception):
    """Bad input or a failure of the world, explained in one sentence for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DraftFormatError(UserError):
    """A file that is not a draft this program can read."""


class TemplateError(UserError):
    """A template pack that is missing, malformed or misbehaving."""


class RenderError(UserError):
    """A draft that could not be turned into a document."""
