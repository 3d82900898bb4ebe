"""Errors the services raise for expected failures; the UI shows them as plain messages."""


class ServiceError(Exception):
    """An expected failure with a message meant for the person at the desk."""


class ValidationError(ServiceError):
    """Input that cannot be saved. ``problems`` maps a field name to what is wrong with it."""

    def __init__(self, problems: dict[str, str] | str):
        if isinstance(problems, str):
            problems = {"": problems}
        self.problems = dict(problems)
        super().__init__("\n".join(self.problems.values()))


class NotFound(ServiceError):
    """The record asked for does not exist (any more)."""


class ConflictError(ServiceError):
    """Someone else saved the same record since it was opened.

    ``who`` and ``when`` name the other save, ``differences`` lists (field, theirs, yours) and
    ``version`` is the record's version now: saving again with it keeps yours on top of theirs.
    """

    def __init__(self, message: str, who: str = "", when=None, differences: tuple = (), version: int | None = None):
        super().__init__(message)
        self.who, self.when, self.differences, self.version = who, when, tuple(differences), version
