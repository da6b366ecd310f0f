"""Exceptions whose message is the one line a user sees."""


class ExportError(Exception):
    """An export (or one file of it) cannot be loaded; str() names the file and the problem."""


class ExportFormatError(ExportError):
    """A file's structure is not what LinkedIn writes (no recognisable header, unreadable encoding...)."""
